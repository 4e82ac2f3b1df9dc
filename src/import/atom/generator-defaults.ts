/**
 * The site title and author a static-site generator writes into a new site's configuration, which
 * many sites publish unchanged: a feed saying its blog is “Hexo” by “John Doe” names neither.
 * Hexo's starter (hexojs/hexo-starter `_config.yml`: `title: Hexo`, `author: John Doe`), Hugo's
 * `hugo new site` (`title = 'My New Hugo Site'`), Jekyll's `jekyll new` (`title: Your awesome title`).
 */
const defaults: readonly { generator: RegExp; name: string; titles: readonly string[]; authors: readonly string[] }[] = [
  { generator: /\bhexo\b/i, name: 'Hexo', titles: ['Hexo'], authors: ['John Doe'] },
  { generator: /\bhugo\b/i, name: 'Hugo', titles: ['My New Hugo Site'], authors: [] },
  { generator: /\bjekyll\b/i, name: 'Jekyll', titles: ['Your awesome title'], authors: [] },
];

/** Why `title` is not the site's name but its generator's placeholder, or undefined. */
export function defaultTitle(generator: string, title: string): string | undefined {
  const found = defaults.find((entry) => entry.generator.test(generator) && entry.titles.includes(title.trim()));
  return found && `the feed’s title “${title.trim()}” is the default title of a new ${found.name} site, never changed`;
}

/** Why `name` is not the author's name but the generator's placeholder, or undefined. */
export function defaultAuthor(generator: string, name: string): string | undefined {
  const found = defaults.find((entry) => entry.generator.test(generator) && entry.authors.includes(name.trim()));
  return found && `the feed names its author “${name.trim()}”, the default author of a new ${found.name} site, never changed`;
}

// Full-text search over the static site with Pagefind's index (pagefind/, written by the build, in
// shards that pagefind/bundles.json lists: the first is loaded, the others merged into it): one
// result per chapter, its title and an excerpt with the words found. The query is the page's ?q=,
// so a search can be linked to and the home page's form lands here.
const form = document.getElementById('search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');

let pagefind;

/**
 * The status line's words: the book's language's, when the page gives them (`data-searching`,
 * `data-none`, `data-found`: Docusaurus's `One document found|{count} documents found`, a form per
 * plural category of the language, in CLDR's order), else English.
 */
const words = status.dataset;

function found(count, query) {
  if (!words.found) return `${count} ${count === 1 ? 'page mentions' : 'pages mention'} “${query}”.`;
  const forms = words.found.split('|');
  const rules = new Intl.PluralRules(document.documentElement.lang || undefined);
  const categories = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((category) => rules.resolvedOptions().pluralCategories.includes(category));
  const form = forms[Math.min(Math.max(categories.indexOf(rules.select(count)), 0), forms.length - 1)] ?? '';
  return form.replace('{count}', String(count));
}

/** Pagefind with every shard of the book's index merged; undefined for a book without chapters. */
async function loadPagefind() {
  const listed = await fetch(new URL('pagefind/bundles.json', window.location.href));
  if (!listed.ok) throw new Error(`pagefind/bundles.json: ${listed.status}`);
  const folders = (await listed.json()).map((folder) => new URL(`pagefind/${folder}`, window.location.href));
  if (folders.length === 0) return undefined;
  const primary = await import(new URL('pagefind.js', folders[0]).href);
  for (const folder of folders.slice(1)) await primary.mergeIndex(folder.pathname);
  return primary;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '';
    return;
  }
  status.textContent = words.searching ?? 'Searching…';
  try {
    pagefind ??= loadPagefind();
    const index = await pagefind;
    const search = index ? await index.search(query) : { results: [] };
    const results = await Promise.all(search.results.slice(0, 30).map((result) => result.data()));
    for (const result of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      // Pagefind's addresses start at the site's root; the site may live in a folder.
      link.href = new URL(result.url.replace(/^\//, ''), window.location.href).href;
      link.textContent = result.meta.title;
      const excerpt = document.createElement('p');
      excerpt.innerHTML = result.excerpt;
      item.append(link, excerpt);
      list.append(item);
    }
    const count = results.length;
    status.textContent = count === 0 ? (words.none ?? `No chapter mentions “${query}”.`) : found(count, query);
  } catch (error) {
    pagefind = undefined;
    status.textContent = `Search could not load its index (${error.message}). Open the site from a web server, not from files.`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(window.location.href);
  url.searchParams.set('q', query);
  window.history.replaceState(null, '', url);
  run(query);
});

const initial = new URLSearchParams(window.location.search).get('q') ?? '';
input.value = initial;
run(initial);

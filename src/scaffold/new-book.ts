import { stringify } from 'yaml';
import { configPlaceholders } from '../config/schema.ts';

export interface NewBookSettings {
  title: string;
  /** Empty: the scaffold writes a placeholder that `check` and `build` report. */
  editors: readonly string[];
  publisher: string | undefined;
  language: string;
  /** The planned publication date (YYYY-MM-DD). */
  date: string;
  /** `urn:uuid:…`, made by the caller (a new book needs a new one). */
  identifier: string;
}

/** The CSL style a new book cites in (bundled in styles/csl/, with the others to switch to). */
export const defaultStyle = 'styles/csl/chicago-notes-bibliography.csl';

/** A YAML scalar as it would be written on its own: quoted when it needs to be. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * The text files of a new book, by path: anthology.yaml (every key commented), a README that says
 * what to do next, a .gitignore and an empty bibliography. The styles are copied beside them by
 * the command.
 */
export function newBookFiles(settings: NewBookSettings): Map<string, string> {
  const editors = settings.editors.length > 0 ? settings.editors : [configPlaceholders.editor];
  const config = `# The book this project builds. Every key is described in anthology's README
# ("anthology.yaml reference"); \`anthology check\` says what is wrong, with the line.
title: ${scalar(settings.title)}
# subtitle: Essays, 2015–2025
editors: # printed on the title page, in this order
${editors.map((name) => `  - ${scalar(name)}`).join('\n')}
language: ${settings.language} # BCP 47: hyphenation, dates, the citation style's locale
publisher: ${scalar(settings.publisher ?? configPlaceholders.publisher)} # on the title and copyright pages
edition:
  number: 1 # \`anthology release\` records an edition in editions/ and moves on to the next
  date: ${settings.date} # the planned publication date; it also dates the EPUB
  # note: What is new in this edition, for the "Note on this edition" page (from the second on).
identifier: ${settings.identifier} # the EPUB's identifier; an ISBN ("isbn:978-…") once you have one
# licence: All rights reserved by the authors.
style: ${defaultStyle} # or another file in styles/csl/ (apa.csl, chicago-author-date.csl, mhra-notes.csl…)
trim: 6x9in # 6x9in | a5 | royal | us-letter
# url: https://example.org/my-book/ # where the site will be published (canonical links, sitemap.xml)
# sources: # your own blog: its pieces that name no author are credited to you (or \`add --author NAME\`)
#   saved/my-blog/:
#     author: Your Name
# The chapters in reading order (chapter files, or parts: {part: Name, chapters: [...]}):
# \`anthology add SOURCE…\` places them here, by date.
contents: []
`;
  const readme = `# ${settings.title}

A book made with anthology: blog posts and essays → an HTML site, an EPUB
and a PDF.

## Adding pieces

    anthology add ~/saved/post.html ~/blog/_posts/2019-03-04-essay.md

\`add\` imports each source (a saved page, Markdown with front matter, a WordPress, Ghost,
Substack or Medium export, a folder of posts) as a chapter in \`chapters/\`, places it in
\`contents\` in \`anthology.yaml\` by date (\`--part NAME\`, \`--after SLUG\` to say where), and turns
its notes into citations of \`bibliography/references.json\`. Read what it prints: pieces with no
author or date are reported, never guessed. \`--author NAME\` when the posts are your own.

## Building

    anthology check    # what is wrong, file:line:column
    anthology build    # build/html/, build/<book>.epub, build/<book>.pdf

## Editions

    anthology release --date 2027-03-01 --note "Two new essays."   # records editions/1.json
    anthology changes --review build/changes.html                  # what changed since, as a redline

From the second edition on, the book has a “Note on this edition” and its copyright page lists the
edition history. Keep \`editions/\` in version control: it is how later editions know what changed,
and how every address of an earlier edition's site keeps working.

## Files

| path | what |
|---|---|
| \`anthology.yaml\` | the book: title, editors, edition, style, contents |
| \`chapters/\` | one Markdown file per piece (yours to edit) |
| \`bibliography/\` | the shared bibliography (CSL-JSON; add \`.bib\` or \`.ris\` files beside it) |
| \`styles/\` | the site, EPUB and print stylesheets; \`styles/csl/\` the citation styles (CC BY-SA 3.0, see its README) |
| \`editions/\` | one record per released edition |
| \`build/\` | what \`anthology build\` makes (not kept in version control) |
`;
  return new Map([
    ['anthology.yaml', config],
    ['README.md', readme],
    ['.gitignore', 'build/\n.anthology-tmp-*\n'],
    ['bibliography/references.json', '[]\n'],
  ]);
}

/** `my-book` → `My Book`: a working title from the folder's name, which `new` says it used. */
export function titleFromFolder(name: string): string {
  const words = name
    .replace(/[-_.]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ') || 'Untitled Book';
}

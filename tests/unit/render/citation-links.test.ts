import assert from 'node:assert/strict';
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCitedBook } from '../../../src/pipeline/build.ts';
import type { RenderAssets } from '../../../src/render/assets.ts';
import { renderEpub } from '../../../src/render/epub/epub.ts';
import { renderHtmlSite } from '../../../src/render/html/site.ts';
import { edit, repoRoot } from '../../helpers/project.ts';
import { emptyRenderAssets } from '../../helpers/render-assets.ts';

const assets = emptyRenderAssets;

const projects: string[] = [];
after(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

/**
 * The golden test book, citing two works of biblatex's examples together (the real entries of
 * tests/fixtures/bibliography) in the running text, in `style`.
 */
async function bookCitingTwo(style: string) {
  const project = await mkdtemp(path.join(tmpdir(), 'anthology-links-'));
  projects.push(project);
  await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
  await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
  await copyFile(path.join(repoRoot, 'tests/fixtures/bibliography/biblatex-examples-excerpt.bib'), path.join(project, 'bibliography/examples.bib'));
  if (style !== 'chicago-notes-bibliography') await edit(path.join(project, 'anthology.yaml'), (text) => text.replace('chicago-notes-bibliography', style));
  await edit(path.join(project, 'chapters/the-lamp-room.md'), (text) =>
    text.replace('the clockwork wound.', 'the clockwork wound [see @sigfridsson; @kastenholz, 33].'),
  );
  const loaded = await loadCitedBook(project);
  assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
  return loaded.book;
}

/** The chapter's citations of the two works, as the site and the EPUB write them. */
function citations(book: Awaited<ReturnType<typeof bookCitingTwo>>): string[] {
  const site = renderHtmlSite(book, assets);
  const epub = renderEpub(book, assets);
  const page = (files: Map<string, string | Uint8Array>, pattern: RegExp) => {
    const name = [...files.keys()].find((key) => pattern.test(key));
    assert.ok(name, [...files.keys()].join(', '));
    const value = files.get(name);
    return typeof value === 'string' ? value : new TextDecoder().decode(value);
  };
  const cluster = /<span class="citation" data-cites="sigfridsson kastenholz">[\s\S]*?<\/span>(?=\.)/;
  return [page(site, /the-lamp-room\.html$/), page(epub, /the-lamp-room\.xhtml$/)].map((html) => cluster.exec(html)?.[0] ?? html.slice(0, 200));
}

describe('a citation of several works links each to its own entry in the reference list', () => {
  it('author-date (APA, which orders the works): each work’s part of the citation is a link to its own, the text as before', async () => {
    const [site, epub] = citations(await bookCitingTwo('apa'));
    assert.equal(
      site,
      '<span class="citation" data-cites="sigfridsson kastenholz">(<a class="citation-link" href="bibliography.html#ref-kastenholz">Kastenholz &#x26; Hünenberger, 2006, p. 33</a>; <a class="citation-link" href="bibliography.html#ref-sigfridsson">see Sigfridsson &#x26; Ryde, 1998</a>)</span>',
    );
    assert.equal(epub, site.replace(/bibliography\.html/g, 'bibliography.xhtml'));
  });

  it('notes (Chicago): in the note the citation made, each work a link', async () => {
    const [site = ''] = citations(await bookCitingTwo('chicago-notes-bibliography'));
    const links = [...site.matchAll(/<a class="citation-link" href="([^"]+)">/g)].map((match) => match[1]);
    assert.deepEqual(links, ['bibliography.html#ref-sigfridsson', 'bibliography.html#ref-kastenholz']);
    // Each work's link stops where its DOI's link starts: links cannot nest.
    assert.match(
      site.replace(/<[^>]+>/g, ''),
      /^See Emma Sigfridsson and Ulf Ryde, ‘Comparison .*; M\. A\. Kastenholz and Philippe H\. Hünenberger, ‘Computation .* 124106, https:\/\/doi\.org\/10\.1063\/1\.2172593$/,
    );
  });
});

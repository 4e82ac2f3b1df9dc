import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { citationsInNotes } from '../../../src/cite/auto-notes.ts';
import { readInTextCitations } from '../../../src/cite/bare-keys.ts';
import { citeBook } from '../../../src/cite/cite-book.ts';
import type { Book, Chapter } from '../../../src/core/types.ts';
import { loadBibliography } from '../../../src/io/bibliography.ts';
import { loadCiteStyle } from '../../../src/io/cite-style.ts';
import { parseChapter } from '../../../src/load/chapter.ts';
import { chapterBodyToHast, chapterFileLink } from '../../../src/render/common.ts';
import { repoRoot } from '../../helpers/project.ts';

/**
 * Pandoc's own test of its in-text citations (jgm/pandoc test/command/
 * pandoc-citeproc-chicago-author-date.md, with its biblio.bib; GPL-2.0-or-later): its input, and
 * what Pandoc makes of it, in tests/fixtures/cite/pandoc-in-text.
 */
const fixtures = path.join(repoRoot, 'tests/fixtures/cite/pandoc-in-text');
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function pandocTest(): Promise<{ input: string; output: string; items: Book['references'] }> {
  const test = await readFile(path.join(fixtures, 'pandoc-citeproc-chicago-author-date.md'), 'utf8');
  const [, input = '', output = ''] = /^% pandoc[^\n]*\n---\n[\s\S]*?\n---\n([\s\S]*?)\n\^D\n2> [^\n]*\n([\s\S]*?)\n```/m.exec(test) ?? [];
  const dir = await mkdtemp(path.join(tmpdir(), 'anthology-in-text-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'bibliography'));
  await writeFile(path.join(dir, 'bibliography/biblio.bib'), await readFile(path.join(fixtures, 'biblio.bib'), 'utf8'));
  const { items } = await loadBibliography(dir);
  return { input, output, items };
}

/** The chapter cited in `style`: its paragraphs and notes as text, and its messages. */
async function cited(text: string, items: Book['references'], style: string): Promise<{ paragraphs: string[]; file: VFile; html: string }> {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\n---\n\n${text}\n` });
  const parsed = parseChapter(file);
  assert.ok(parsed);
  const chapter: Chapter = { slug: 'a', path: 'chapters/a.md', number: 1, ...parsed };
  const config = { language: 'en-US', style: `styles/csl/${style}.csl`, bibliography: 'book' } as Book['config'];
  const book: Book = { config, slug: 'b', parts: [{ title: undefined, chapters: [chapter] }], chapters: [chapter], references: items };
  const done = citeBook(book, await loadCiteStyle(repoRoot, config), new Map([[file.path, file]]));
  const html = toHtml(chapterBodyToHast(done.chapters[0] as Chapter, { idPrefix: '', notesHeading: 'Notes', chapterLink: chapterFileLink('html') }));
  const paragraphs = [...html.matchAll(/<(?:p|li)[^>]*>([\s\S]*?)<\/(?:p|li)>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/↩/g, '')
      .replace(/&#x26;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return { paragraphs, file, html };
}

/** Pandoc's Markdown output as plain text, paragraph by paragraph (links, emphasis and `--` as printed). */
const plain = (markdown: string) =>
  markdown.split(/\n\n+/).map((block) =>
    block
      .replace(/\[([^\]]*)\]\(#[^)]*\)/g, '$1')
      .replace(/\*/g, '')
      .replace(/--/g, '–')
      .replace(/\s+/g, ' ')
      .trim(),
  );

describe('Pandoc’s in-text citations (@key says, @key [p. 33] says)', () => {
  it('in an author-date style, read as Pandoc reads them: Author (Year, locator), more works in the brackets', async () => {
    const { input, output, items } = await pandocTest();
    const { paragraphs, file } = await cited(input, items, 'chicago-author-date');
    const expected = plain(output);
    for (const line of ['Doe (2005) says blah.', 'Doe (2005, 30) says blah.', 'Doe (2005, 30, with suffix) says blah.']) {
      assert.ok(expected.includes(line), `Pandoc says ${line}`);
      assert.ok(paragraphs.includes(line), `${line} in ${JSON.stringify(paragraphs)}`);
    }
    // Pandoc's `Doe (2005; 2006, 30; see also …)`: citeproc-js, unlike Pandoc's citeproc, applies the
    // style's collapse="year" to the two works of Doe whose author is left out.
    assert.ok(expected.includes('Doe (2005; 2006, 30; see also Doe and Roe 2007) says blah.'));
    assert.ok(paragraphs.includes('Doe (2005, 2006, 30; see also Doe and Roe 2007) says blah.'));
    // In a note, as in the text.
    assert.ok(
      paragraphs.some((text) => text.startsWith('Doe and Roe (2007, 12) and a citation without locators (Doe and Roe 2007).')),
      JSON.stringify(paragraphs),
    );
    // `@nonexistent` names no work of the bibliography: prose, as typed, and no message (Pandoc warns).
    assert.ok(paragraphs.includes('@nonexistent'));
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line]),
      [['cite-unresolved', 9]],
    );
  });

  it('in a notes style, the author in the text and the work, without its author, in a note of its own', async () => {
    const { items } = await pandocTest();
    const { paragraphs } = await cited('As @item1 [p. 30] says, and @item1 again.\n\nSee [@item2].', items, 'chicago-notes-bibliography');
    assert.deepEqual(paragraphs, [
      'As John Doe1 says, and Doe2 again.',
      'See.3',
      'First Book (Cambridge University Press, 2005), 30.',
      'First Book.',
      'John Doe, “Article,” Journal of Generic Studies 6 (2006): 33–34.',
    ]);
  });

  it('an address, a handle, an escaped @, code and links are prose; rendering again in another style starts from the text as written', () => {
    const tree = (text: string): Root => {
      const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\n---\n\n${text}\n` });
      const parsed = parseChapter(file);
      assert.ok(parsed);
      return parsed.tree;
    };
    const keys = new Set(['knuth1984', 'Knuth:1984']);
    const prose = tree('Mail me@knuth1984.org or \\@knuth1984, `@knuth1984`, [x](https://e.org/@knuth1984), @someone.');
    assert.equal(readInTextCitations(prose, keys), 0);
    const written = tree('As @knuth1984 says, and (@Knuth:1984 [p. 3]).');
    const asWritten = JSON.stringify(written);
    citationsInNotes(written, true, keys);
    assert.match(JSON.stringify(written), /"mode":"author-only"/);
    citationsInNotes(written, false);
    assert.equal(JSON.stringify(written), asWritten);
  });
});

import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { VFileMessage } from 'vfile-message';
import { exportBibliography, parseBibtexText } from '../../../src/adapters/citation-js.ts';
import { loadBibliography } from '../../../src/io/bibliography.ts';
import { repoRoot } from '../../helpers/project.ts';

/** Real entries: see tests/fixtures/bibliography/README.md for where each comes from and its licence. */
const fixtures = path.join(repoRoot, 'tests/fixtures/bibliography');
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A project whose bibliography/ holds these fixture files (or texts). */
async function project(files: Record<string, string | undefined>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anthology-bib-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'bibliography'));
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) await copyFile(path.join(fixtures, name), path.join(dir, 'bibliography', name));
    else await writeFile(path.join(dir, 'bibliography', name), text);
  }
  return dir;
}

const messages = (loaded: Awaited<ReturnType<typeof loadBibliography>>): VFileMessage[] => loaded.files.flatMap((file) => file.messages);
const shown = (message: VFileMessage) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`;

describe('biblatex-examples.bib (biblatex’s own examples)', async () => {
  const loaded = await loadBibliography(await project({ 'biblatex-examples-excerpt.bib': undefined }));
  const item = (key: string) => loaded.items.find((entry) => entry.id === key);

  it('reads every entry: list fields become CSL strings joined with "; ", as Pandoc joins them', () => {
    assert.deepEqual(loaded.items.map((entry) => entry.id).sort(), ['cicero', 'gerhardt', 'kastenholz', 'knuth:ct:a', 'murray', 'reese', 'sigfridsson']);
    assert.equal(item('gerhardt')?.['publisher-place'], 'Durham; London');
    // Its language is langid's (german), as Pandoc reads it, not the language field's list (Latin and German).
    assert.equal(item('cicero')?.language, 'de');
    assert.deepEqual(
      messages(loaded)
        .filter((message) => message.fatal === true)
        .map(shown),
      [],
    );
  });

  it('decodes \\TeX, \\hyphen and biblatex’s starred \\enquote*', () => {
    assert.equal(item('knuth:ct:a')?.title, 'The TeXbook');
    assert.match(String(item('kastenholz')?.title), /^Computation of methodology-independent ionic solvation/);
    assert.match(String(item('reese')?.annote), /the string “series” is/);
  });

  it('says which LaTeX it left as written, at the field in the file', () => {
    assert.deepEqual(messages(loaded).map(shown), [
      '181:19 bibliography-latex murray: \\arabicauthor is a LaTeX command anthology does not decode: it prints as written (annote)',
    ]);
  });
});

describe('a field citation-js cannot read', () => {
  it('is left out of its entry, reported at its place in the file, not the value’s', async () => {
    // reese's annotation as written, with a formatting command missing its braces.
    const text = (await readFile(path.join(fixtures, 'biblatex-examples-excerpt.bib'), 'utf8')).replace('\\enquote*{series}', '\\emph series');
    const loaded = await loadBibliography(await project({ 'examples.bib': text }));
    const unread = messages(loaded).filter((message) => message.ruleId === 'bibliography-field-unread');
    const line = text.split('\n').findIndex((row) => row.includes('\\emph series')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('\\emph series') + '\\emph '.length + 1;
    assert.deepEqual(unread.map(shown), [
      `${line}:${column} bibliography-field-unread reese: the annotation field cannot be read (expected "lbrace", got "text"): left out`,
    ]);
    const reese = loaded.items.find((entry) => entry.id === 'reese');
    assert.equal(reese?.annote, undefined);
    assert.equal(reese?.title, 'Georgia in Anglo-Spanish Diplomacy, 1736–1739');
  });
});

describe('xampl.bib’s inbook-full', () => {
  it('drops \\noopsort{…}, BibTeX’s sorting trick, with its argument', () => {
    return readFile(path.join(fixtures, 'xampl-inbook-full.bib'), 'utf8').then((text) => {
      const [entry] = parseBibtexText(text);
      assert.deepEqual(entry?.item?.issued, { 'date-parts': [[1973]] });
      assert.deepEqual(entry?.latex, []);
    });
  });
});

describe('a Zotero RIS export (no ID lines)', () => {
  it('gives an entry without a key the key a note’s work would get, the same on every run, said at its line', async () => {
    const dir = await project({ 'zotero-no-id.ris': undefined });
    const first = await loadBibliography(dir);
    const second = await loadBibliography(dir);
    assert.deepEqual(
      first.items.map((entry) => entry.id),
      ['blomley2004unsettling', 'brown:2006:aversion'],
    );
    assert.deepEqual(
      second.items.map((entry) => entry.id),
      first.items.map((entry) => entry.id),
    );
    assert.deepEqual(messages(first).map(shown), [
      '1:1 bibliography-key-made an entry without a key is cited as blomley2004unsettling (made from its author, year and title; an ID  - line keeps it if those change)',
    ]);
  });
});

describe('cite export', async () => {
  const loaded = await loadBibliography(await project({ 'biblatex-examples-excerpt.bib': undefined }));

  it('writes CSL-JSON without citation-js’s own keys (_graph held the whole list in every item), sorted, the same every time', () => {
    const text = exportBibliography(loaded.items, 'csl-json');
    assert.doesNotMatch(text, /"_/);
    assert.equal(exportBibliography([...loaded.items].reverse(), 'csl-json'), text);
    assert.deepEqual(
      (JSON.parse(text) as { id: string }[]).map((entry) => entry.id),
      ['cicero', 'gerhardt', 'kastenholz', 'knuth:ct:a', 'murray', 'reese', 'sigfridsson'],
    );
  });

  it('keeps every key in BibTeX, colons and all (citation-js renamed knuth:ct:a Knuth1984TeXbook)', () => {
    const keys = [...exportBibliography(loaded.items, 'bibtex').matchAll(/^@\w+\{([^,]+),/gm)].map((match) => match[1]);
    assert.deepEqual(keys, ['cicero', 'gerhardt', 'kastenholz', 'knuth:ct:a', 'murray', 'reese', 'sigfridsson']);
  });
});

describe('an entry’s language (biblatex langid, as babel and polyglossia name languages)', async () => {
  // Better BibTeX's own exports (its test fixtures), and biblatex's examples.
  const loaded = await loadBibliography(
    await project({
      'bbt-language-en-383.bib': undefined,
      'bbt-german-titles-456.bib': undefined,
      'bbt-unrecognized-date-3533.bib': undefined,
      'bbt-dataset-1720.bib': undefined,
      'biblatex-examples-excerpt.bib': undefined,
    }),
  );
  const language = (key: string) => loaded.items.find((entry) => entry.id === key)?.language;

  it('is a BCP 47 tag in CSL: babel’s table for a name (ngerman, british, american), English’s variant, a tag as written', () => {
    assert.deepEqual(['Kaufmann1990', '_carbocyclic', '_alkanethiolate', '_estimateur', '_remarks', 'augustinus1486CivitateDei', 'kastenholz'].map(language), [
      'de',
      'en-GB',
      'en-US',
      'fr',
      undefined,
      'frm',
      'en-US',
    ]);
  });

  it('one no tag is known for is said at its place, and the item has none (a wrong language is worse than none)', async () => {
    assert.equal(language('Foo2021'), undefined);
    const unknown = messages(loaded).filter((message) => message.ruleId === 'bibliography-language-unknown');
    assert.deepEqual(unknown.map(shown), [
      '19:13 bibliography-language-unknown Foo2021: langid = {the language} is no language anthology knows (a babel or polyglossia name such as ngerman or british, or a BCP 47 tag such as de or en-GB): the item is read without one',
    ]);
    assert.equal(unknown[0]?.file, 'bibliography/bbt-dataset-1720.bib');
  });

  it('the first of langid, hyphenation and language that names one language wins; a list of two is said as such', async () => {
    const mixed = await loadBibliography(
      await project({
        'mixed.bib': [
          '@book{unknownLangid, title = {A title}, langid = {klingonese}, language = {English}, date = {2001}}',
          '@book{twoLanguages, title = {Ein Titel}, language = {english and german}, date = {2002}}',
          '',
        ].join('\n'),
      }),
    );
    assert.equal(mixed.items.find((entry) => entry.id === 'unknownLangid')?.language, 'en');
    assert.equal(mixed.items.find((entry) => entry.id === 'twoLanguages')?.language, undefined);
    assert.deepEqual(
      messages(mixed)
        .filter((message) => message.ruleId === 'bibliography-language-unknown')
        .map((message) => message.reason),
      [
        'twoLanguages: language = {english and german} names several languages, and a CSL item has one: the item is read without one (give its main language as langid)',
      ],
    );
  });
});

/**
 * A command that refuses because of the state of the project (not how it was called) says so as
 * a diagnostic with a rule id, on the file or folder concerned, with line and column where a file
 * holds the cause; exit 1, no stack trace, nothing written. Mistakes in the arguments alone stay
 * usage errors (exit 2: cli.test.ts).
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../../helpers/project.ts';

/** A real Markdown post (Go blog, BSD licence: tests/corpus/markdown/go-blog-fonts-references/expected.json). */
const goFonts = path.join(repoRoot, 'tests/corpus/markdown/go-blog-fonts-references/go-fonts.md');
const stackTrace = /\n\s+at /;

/** `line:column` of the first match of `pattern` in `text` (its group 1 if it has one). */
function placeOf(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  assert.ok(match, `${pattern} not in the text`);
  const offset = match.index + (match[1] === undefined ? 0 : match[0].indexOf(match[1]));
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

describe('refusals are diagnostics with rule ids', () => {
  let parent: { dir: string; dispose: () => Promise<void> };
  let book: string;
  const run = (args: readonly string[], cwd = book) => runCli(args, cwd);
  const config = () => readFile(path.join(book, 'anthology.yaml'), 'utf8');
  const setConfig = async (from: RegExp, to: string) => writeFile(path.join(book, 'anthology.yaml'), (await config()).replace(from, to));

  before(async () => {
    parent = await emptyProject();
    const made = await run(
      ['new', 'my-book', '--title', 'Refusals', '--editor', 'A. Editor', '--publisher', 'Small Press', '--date', '2027-01-15'],
      parent.dir,
    );
    assert.equal(made.code, 0, made.stderr);
    book = path.join(parent.dir, 'my-book');
    const added = await run(['add', goFonts]);
    assert.equal(added.code, 0, added.stderr);
  });
  after(() => parent.dispose());

  it('anthology new: a folder that is not empty, or a file', async () => {
    const notEmpty = await run(['new', 'my-book'], parent.dir);
    assert.equal(notEmpty.code, 1, notEmpty.stderr);
    assert.match(
      notEmpty.stderr,
      /my-book\n\s*error\s+my-book cannot be used: it is not empty; anthology new makes a book in a new or empty folder\s+new-folder-not-empty/,
    );
    const file = await run(['new', 'anthology.yaml']);
    assert.equal(file.code, 1, file.stderr);
    assert.match(file.stderr, /anthology\.yaml\n\s*error\s+anthology\.yaml cannot be used: it is not a folder.*new-folder-not-empty/);
    assert.doesNotMatch(notEmpty.stderr + file.stderr, stackTrace);
    // A malformed option is still a usage error, whatever the folder holds.
    assert.equal((await run(['new', 'my-book', '--language', 'English'], parent.dir)).code, 2);
  });

  it('anthology changes before any release, and of an edition never released', async () => {
    const none = await run(['changes']);
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stderr, /editions\/\n\s*error\s+no edition has been released yet: `anthology release` records the first\s+edition-not-released/);
    assert.doesNotMatch(none.stderr, stackTrace);
  });

  it('anthology add --after a chapter the book does not have: at `contents` in anthology.yaml', async () => {
    const before = await readdir(path.join(book, 'chapters'));
    const text = await config();
    const result = await run(['add', goFonts, '--after', 'no-such-chapter']);
    assert.equal(result.code, 1, result.stderr);
    const place = placeOf(text, /^contents:/m);
    assert.match(
      result.stderr,
      new RegExp(
        `anthology\\.yaml\\n\\s*${place}\\s+error\\s+--after no-such-chapter: no chapter of the book has that id, file name or path; nothing was added\\s+chapter-unknown`,
      ),
    );
    assert.doesNotMatch(result.stderr, stackTrace);
    assert.deepEqual(await readdir(path.join(book, 'chapters')), before);
    assert.equal(await config(), text);
  });

  it('anthology release of a released edition, and dated before the last: at the value to change', async () => {
    const first = await run(['release']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(await config(), /^ {2}number: 2\b/m);

    await setConfig(/^ {2}number: 2\b/m, '  number: 1');
    const again = await run(['release']);
    assert.equal(again.code, 1, again.stderr);
    const numberPlace = placeOf(await config(), /^ {2}number: (1)/m);
    assert.match(
      again.stderr,
      new RegExp(
        `anthology\\.yaml\\n\\s*${numberPlace}\\s+error\\s+edition 1 was released on 2027-01-15 \\(editions/1\\.json\\), and anthology\\.yaml still names it: set edition\\.number to 2 to prepare the next; nothing was recorded\\s+edition-already-released`,
      ),
    );

    // A change, so that there is something to release; anthology.yaml kept edition 1's date.
    await setConfig(/^ {2}number: 1\b/m, '  number: 2');
    const chapter = path.join(book, 'chapters/go-fonts.md');
    await writeFile(chapter, `${await readFile(chapter, 'utf8')}\nOne more sentence.\n`);
    const sameDay = await run(['release']);
    assert.equal(sameDay.code, 1, sameDay.stderr);
    const datePlace = placeOf(await config(), /^ {2}date: (2027-01-15)/m);
    assert.match(
      sameDay.stderr,
      new RegExp(
        `anthology\\.yaml\\n\\s*${datePlace}\\s+error\\s+edition 2 would be dated 2027-01-15, not after edition 1 \\(2027-01-15\\): set a later edition\\.date.*edition-date-not-after`,
      ),
    );
    const earlier = await run(['release', '--date', '2020-01-01']);
    assert.equal(earlier.code, 1, earlier.stderr);
    const recordPlace = placeOf(await readFile(path.join(book, 'editions/1.json'), 'utf8'), /^ {2}"date": ("2027-01-15")/m);
    assert.match(
      earlier.stderr,
      new RegExp(
        `editions/1\\.json\\n\\s*${recordPlace}\\s+error\\s+edition 2 would be dated 2020-01-01 \\(--date\\), not after edition 1 \\(2027-01-15\\): give a later --date.*edition-date-not-after`,
      ),
    );
    assert.doesNotMatch(again.stderr + sameDay.stderr + earlier.stderr, stackTrace);
    assert.deepEqual(await readdir(path.join(book, 'editions')), ['1.json'], 'nothing recorded');

    const since = await run(['changes', '--since', '5']);
    assert.equal(since.code, 1, since.stderr);
    assert.match(since.stderr, /editions\/5\.json\n\s*error\s+no edition 5 was released: released editions are 1\s+edition-not-released/);
  });

  it('anthology preview outside a book', async () => {
    const result = await run(['preview'], parent.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /anthology\.yaml\n\s*error\s+no anthology\.yaml in .*: run the preview in a book's folder.*config-missing/);
    assert.doesNotMatch(result.stderr, stackTrace);
  });
});

describe('warnings of the commands are diagnostics with rule ids too', () => {
  let parent: { dir: string; dispose: () => Promise<void> };
  before(async () => {
    parent = await emptyProject();
  });
  after(() => parent.dispose());

  it('anthology new without --editor or --publisher: at the placeholders in anthology.yaml, exit 0', async () => {
    const made = await runCli(['new', 'no-names', '--date', '2027-01-15'], parent.dir);
    assert.equal(made.code, 0, made.stderr);
    const written = await readFile(path.join(parent.dir, 'no-names/anthology.yaml'), 'utf8');
    const shown = (place: string, reason: string) => new RegExp(`${place}\\s+warning\\s+${reason}.*\\s+new-placeholder`);
    assert.match(made.stderr, /no-names\/anthology\.yaml\n/);
    assert.match(made.stderr, shown(placeOf(written, /editors:[^\n]*\n {2}- (\S+)/), 'no --editor given: anthology\\.yaml has a placeholder for the editors'));
    assert.match(made.stderr, shown(placeOf(written, /\npublisher: (\S+)/), 'no --publisher given: anthology\\.yaml has a placeholder for the publisher'));
  });

  it('anthology release of a book with an ISBN: the next edition needs its own, at identifier', async () => {
    const made = await runCli(['new', 'isbn-book', '--editor', 'A. Editor', '--publisher', 'Small Press', '--date', '2027-01-15'], parent.dir);
    assert.equal(made.code, 0, made.stderr);
    const book = path.join(parent.dir, 'isbn-book');
    assert.equal((await runCli(['add', goFonts], book)).code, 0);
    const configPath = path.join(book, 'anthology.yaml');
    await writeFile(configPath, (await readFile(configPath, 'utf8')).replace(/^identifier: .*$/m, 'identifier: isbn:9780000000002'));
    const place = placeOf(await readFile(configPath, 'utf8'), /^identifier: (isbn:\S+)/m);
    const release = await runCli(['release'], book);
    assert.equal(release.code, 0, release.stderr);
    assert.match(
      release.stderr,
      new RegExp(
        `anthology\\.yaml\\n\\s*${place}\\s+warning\\s+edition 2 needs its own ISBN: set identifier in anthology\\.yaml before you publish it\\s+edition-identifier-reused`,
      ),
    );
  });
});

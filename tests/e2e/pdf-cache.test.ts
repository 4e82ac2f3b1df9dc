import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyDefaultProject, edit, runCli } from '../helpers/project.ts';

/**
 * The PDF's chunks in build/.cache: a chunk laid out and printed by an earlier build is taken from
 * the cache when its HTML, its first page number and the numbers it prints are the same; the PDF
 * is then the one a cold build (`--no-cache`) makes, byte for byte (Chromium's PDFs of the same
 * input are: the first case checks that too). A change that moves the pages of the chunks after
 * it (their numbers, the contents) has them printed again.
 */

const build = ['build', '--format', 'pdf'];
const pdfName = 'the-shanghai-cooperation-organization.pdf';
const twenty = 'chapters/the-sco-turns-twenty.md';

/** The PDF's pages, and how many of its 4 parts came from the cache, from the build's line. */
function reusedParts(stdout: string): { reused: number; pages: number } {
  const line = /pdf {3}\S+\.pdf \((\d+) pages, [^;)]+(?:; (\d+) of 4 parts as the last build printed them)?\)/.exec(stdout);
  assert.ok(line, stdout);
  return { pages: Number(line[1]), reused: Number(line[2] ?? 0) };
}

describe('build/.cache: the PDF reuses the chunks it laid out and printed before', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let first: { pages: number; bytes: Buffer };
  before(async () => {
    project = await copyDefaultProject();
    const cold = await runCli(build, project.dir);
    assert.equal(cold.code, 0, cold.stderr);
    first = { pages: reusedParts(cold.stdout).pages, bytes: await readFile(path.join(project.dir, 'build', pdfName)) };
  });
  after(() => project.dispose());

  /** Each change, and how many of the book's 4 chunks the warm build must take from the cache. */
  const changes: [string, (dir: string) => Promise<void>, (reused: number) => boolean][] = [
    ['nothing', async () => {}, (reused) => reused === 4],
    // A sentence in a chapter of the first run of chapters: only that chunk is laid out again.
    [
      'a sentence of one chapter',
      (dir) => edit(path.join(dir, twenty), (text) => text.replace(/\n\n([A-Z])/, '\n\nAn editor added this sentence. $1')),
      (reused) => reused === 3,
    ],
    // Pages more in that chunk: every chunk after it starts on another page, and the contents list new numbers.
    [
      'pages more in one chapter',
      (dir) =>
        edit(path.join(dir, twenty), (text) => `${text.trimEnd()}\n\n${Array(12).fill('A long paragraph added by an editor. '.repeat(12)).join('\n\n')}\n`),
      (reused) => reused < 3,
    ],
  ];

  for (const [name, change, expected] of changes) {
    it(`after changing ${name}: the same PDF as a cold build`, async () => {
      await change(project.dir);
      const [warm, cold] = await Promise.all([runCli(build, project.dir), runCli([...build, '--no-cache', '--out', 'cold'], project.dir)]);
      assert.equal(warm.code, 0, warm.stderr);
      assert.equal(cold.code, 0, cold.stderr);
      const { reused, pages } = reusedParts(warm.stdout);
      assert.ok(expected(reused), `chunks taken from the cache: ${reused}\n${warm.stdout}`);
      assert.equal(reusedParts(cold.stdout).reused, 0, 'a --no-cache build lays out every chunk');
      const warmPdf = await readFile(path.join(project.dir, 'build', pdfName));
      const coldPdf = await readFile(path.join(project.dir, 'cold', pdfName));
      assert.ok(warmPdf.equals(coldPdf), 'the warm PDF is the cold one, byte for byte');
      if (name === 'nothing') assert.ok(warmPdf.equals(first.bytes), 'nothing changed: the same PDF as the first build');
      else assert.ok(!warmPdf.equals(first.bytes), 'the change is in the PDF');
      if (name === 'pages more in one chapter') assert.ok(pages > first.pages, `${pages} pages, were ${first.pages}`);
    });
  }
});

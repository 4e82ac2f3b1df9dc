import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { copyDefaultProject, edit, runCli } from '../helpers/project.ts';

/**
 * The build cache is never wrong: after each change to what a build reads (the CSL style's text, a
 * bibliography item, anthology.yaml, a chapter), a build with the cache (build/.cache, kept from the
 * build before) makes the same HTML and EPUB, byte for byte, as a cold one (`--no-cache`, another
 * output folder) of the same inputs. Chapters' site pages and EPUB documents are cached too: a
 * change elsewhere in the book that a chapter's page shows (a neighbour's title in its
 * previous/next links, its number, a picture) must reach that page.
 */

const build = ['build', '--format', 'html,epub'];
const essay = 'chapters/paving-the-digital-silk-road-with-the-shanghai-cooperation.md';
const twenty = 'chapters/the-sco-turns-twenty.md';
const china = 'chapters/china-hasnt-yet-grown-into-its-role.md';

/** A picture of `width` × 10 pixels, one colour. */
function picture(width: number): Promise<Buffer> {
  return sharp({ create: { width, height: 10, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();
}

/** Every output file under `dir` (the cache left out), by relative path. */
async function outputs(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, file);
    if (entry.isFile() && !relative.startsWith('.cache')) files.set(relative, await readFile(file));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

describe('build/.cache: a warm build equals a cold one after every kind of change', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let previous: Map<string, Buffer>;
  before(async () => {
    project = await copyDefaultProject();
    const first = await runCli(build, project.dir);
    assert.equal(first.code, 0, first.stderr);
    previous = await outputs(path.join(project.dir, 'build'));
  });
  after(() => project.dispose());

  /** Each change, and outputs it must change besides the obvious (a chapter's neighbours' pages, say). */
  const changes: [string, (dir: string) => Promise<void>, string[]?][] = [
    // Also the check that the HTML and EPUB are deterministic: the first build and the cold one
    // are two builds from scratch, and both must equal the warm one.
    ['nothing', async () => {}],
    // The style's text, under the same file name: citations and bibliography in another form.
    [
      'the CSL style',
      (dir) =>
        edit(path.join(dir, 'styles/csl/chicago-notes-bibliography.csl'), (text) =>
          text.replace('<layout delimiter="; " suffix=".">', '<layout delimiter=" | " suffix=";">'),
        ),
    ],
    [
      'one bibliography item',
      (dir) =>
        edit(path.join(dir, 'bibliography/references.json'), (text) => {
          const items = JSON.parse(text) as { id: string; title?: string }[];
          const item = items.find((entry) => entry.id === 'eprcrt2008tukuman');
          assert.ok(item);
          item.title = 'A Retitled Report on Turkmenistan’s Communications';
          return `${JSON.stringify(items, null, 2)}\n`;
        }),
    ],
    // Two chapters added, copies of the essay (89 citations each): enough citations that they are
    // rendered in a worker thread while the book's reference list is made (cite/cite-book.ts), in
    // the warm build the two new chapters, in the cold one all three.
    [
      'two long chapters added',
      async (dir) => {
        const text = await readFile(path.join(dir, essay), 'utf8');
        for (const copy of [1, 2]) {
          await writeFile(path.join(dir, essay.replace('.md', `-${copy}.md`)), text.replace(/^title: (.*)$/m, `title: $1, copy ${copy}`));
        }
        await edit(path.join(dir, 'anthology.yaml'), (yaml) =>
          yaml.replace(`      - ${essay}\n`, `      - ${essay}\n      - ${essay.replace('.md', '-1.md')}\n      - ${essay.replace('.md', '-2.md')}\n`),
        );
      },
    ],
    // And taken out again: the essay's and the next chapter's neighbours change back.
    [
      'the two chapters removed',
      async (dir) => {
        await edit(path.join(dir, 'anthology.yaml'), (yaml) => yaml.replace(/^ {6}- chapters\/.*-[12]\.md\n/gm, ''));
        for (const copy of [1, 2]) await rm(path.join(dir, essay.replace('.md', `-${copy}.md`)));
      },
      ['html/paving-the-digital-silk-road-with-the-shanghai-cooperation.html'],
    ],
    // The locale (en-GB → en-US: another locale file), the title, and a bibliography per chapter.
    [
      'the config',
      (dir) =>
        edit(path.join(dir, 'anthology.yaml'), (text) =>
          text
            .replace(/^language: en-GB$/m, 'language: en-US')
            .replace(/^title: .*$/m, 'title: The SCO, Revisited')
            .replace(/^style: /m, 'bibliography: chapters\nstyle: '),
        ),
    ],
    // A citation's locator and a sentence of prose in one chapter: its notes must be rendered again.
    [
      'one chapter',
      (dir) =>
        edit(path.join(dir, essay), (text) =>
          text.replace('[^45]: [@eprcrt2008tukuman].', '[^45]: [@eprcrt2008tukuman, 12].').replace(/\n\n/, ' An editor added this sentence.\n\n'),
        ),
    ],
    // Shown in the previous and next chapters' links (their pages are cached), and in the contents.
    [
      'a chapter’s title',
      (dir) => edit(path.join(dir, twenty), (text) => text.replace(/^title: The SCO Turns Twenty$/m, 'title: The SCO at Twenty')),
      ['html/shanghai-cooperation-organization-not-quite-the-new-silk.html', 'html/paving-the-digital-silk-road-with-the-shanghai-cooperation.html'],
    ],
    // Two chapters swap places: each has another number, other neighbours, and so have theirs.
    [
      'the order of the chapters',
      (dir) =>
        edit(path.join(dir, 'anthology.yaml'), (text) =>
          text
            .replace('      - chapters/china-hasnt-yet-grown-into-its-role.md\n', '')
            .replace(
              '      - chapters/the-shanghai-spirit-in-beijing.md\n',
              '      - chapters/the-shanghai-spirit-in-beijing.md\n      - chapters/china-hasnt-yet-grown-into-its-role.md\n',
            ),
        ),
      ['html/china-hasnt-yet-grown-into-its-role.html', 'html/the-shanghai-spirit-in-beijing.html', 'html/international-herald-tribune-2011-10-17.html'],
    ],
    // A chapter's figure gets a picture, then the picture another size: the page shows its file and size.
    [
      'a picture',
      async (dir) => {
        await mkdir(path.join(dir, 'chapters/images'), { recursive: true });
        await writeFile(path.join(dir, 'chapters/images/map.png'), await picture(20));
        await edit(path.join(dir, china), (text) => text.replace('::figure{credit=', '::figure[A map.]{src="images/map.png" credit='));
      },
      ['html/china-hasnt-yet-grown-into-its-role.html'],
    ],
    [
      'a picture’s file',
      async (dir) => writeFile(path.join(dir, 'chapters/images/map.png'), await picture(30)),
      ['html/china-hasnt-yet-grown-into-its-role.html'],
    ],
  ];

  for (const [name, change, mustChange = []] of changes) {
    it(`after changing ${name}: the same HTML and EPUB as a cold build`, async () => {
      await change(project.dir);
      const [warm, cold] = await Promise.all([runCli([...build, '--verbose'], project.dir), runCli([...build, '--no-cache', '--out', 'cold'], project.dir)]);
      assert.equal(warm.code, 0, warm.stderr);
      assert.equal(cold.code, 0, cold.stderr);
      const used = /cache build\/\.cache: (\d+) reused, (\d+) made/.exec(warm.stdout);
      assert.ok(used, warm.stdout);
      assert.ok(Number(used[1]) > 0, `the warm build reused entries: ${used[0]}`);
      if (name === 'nothing') assert.equal(Number(used[2]), 0, used[0]);
      else assert.ok(Number(used[2]) > 0, `the change was worked out anew: ${used[0]}`);

      const warmFiles = await outputs(path.join(project.dir, 'build'));
      const coldFiles = await outputs(path.join(project.dir, 'cold'));
      assert.deepEqual([...warmFiles.keys()], [...coldFiles.keys()]);
      for (const [file, bytes] of coldFiles) assert.ok(bytes.equals(warmFiles.get(file) as Buffer), `${file}: the warm build differs from the cold one`);
      await assert.rejects(readdir(path.join(project.dir, 'cold/.cache')), 'a --no-cache build writes no cache');
      // The change shows in the outputs, so the comparison above could have failed.
      const changed = [...warmFiles].filter(([file, bytes]) => !previous.get(file)?.equals(bytes));
      if (name === 'nothing') assert.deepEqual(changed, []);
      else assert.ok(changed.length > 0, 'the change is in the outputs');
      for (const file of mustChange)
        assert.ok(
          changed.some(([other]) => other === file),
          `${file} shows the change`,
        );
      previous = warmFiles;
    });
  }
});

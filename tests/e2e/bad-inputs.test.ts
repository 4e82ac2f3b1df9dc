/**
 * Bad inputs, one CLI run each, on a throwaway copy of a two-chapter book (tests/fixtures/bad/book):
 * every case must end with its diagnostic at file:line:column with its rule id, exit code 1, no
 * stack trace, and not one byte written or changed in the project. The fixtures are in
 * tests/fixtures/bad/ (see its README); 50 MB files and 100,000 nested elements are made here.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { repoRoot, runCli } from '../helpers/project.ts';

const fixtures = path.join(repoRoot, 'tests/fixtures/bad');
const fiftyMegabytes = 50 * 1024 * 1024;

interface Expected {
  file: string;
  line: number;
  column: number;
  rule: string;
}

interface BadCase {
  name: string;
  /** Breaks the fresh copy of the book in `dir` (outside: a folder outside the project, for links). */
  setup: (dir: string, outside: string) => Promise<void>;
  args: string[];
  expected: Expected;
}

const buildArgs = ['build', '--format', 'html,epub'];

const at = (file: string, line: number, column: number, rule: string): Expected => ({ file, line, column, rule });

/** A source file from fixtures/bad/sources, imported from the project's root. */
function source(name: string, line: number, column: number, rule: string): BadCase {
  return {
    name: `sources/${name}`,
    setup: (dir) => cp(path.join(fixtures, 'sources', name), path.join(dir, name)),
    args: ['import', name],
    expected: at(name, line, column, rule),
  };
}

/** A chapter from fixtures/bad/chapters in place of chapters/harbours.md. */
function chapter(name: string, line: number, column: number, rule: string, file = 'chapters/harbours.md'): BadCase {
  return {
    name: `chapters/${name}`,
    setup: (dir) => cp(path.join(fixtures, 'chapters', name), path.join(dir, 'chapters/harbours.md')),
    args: buildArgs,
    expected: at(file, line, column, rule),
  };
}

/** anthology.yaml from fixtures/bad/config. */
function config(name: string, line: number, column: number, rule: string, file = 'anthology.yaml'): BadCase {
  return {
    name: `config/${name}`,
    setup: (dir) => cp(path.join(fixtures, 'config', name), path.join(dir, 'anthology.yaml')),
    args: buildArgs,
    expected: at(file, line, column, rule),
  };
}

/** A bibliography file from fixtures/bad/bibliography, added to bibliography/. */
function bibliography(name: string, line: number, column: number, rule: string, file = `bibliography/${name}`): BadCase {
  return {
    name: `bibliography/${name}`,
    setup: (dir) => cp(path.join(fixtures, 'bibliography', name), path.join(dir, 'bibliography', name)),
    args: buildArgs,
    expected: at(file, line, column, rule),
  };
}

/** A style from fixtures/bad/styles in place of the book's CSL style. */
function style(name: string, line: number, column: number): BadCase {
  const stylePath = 'styles/csl/chicago-notes-bibliography.csl';
  return {
    name: `styles/${name}`,
    setup: (dir) => cp(path.join(fixtures, 'styles', name), path.join(dir, stylePath)),
    args: buildArgs,
    expected: at(stylePath, line, column, 'style-invalid'),
  };
}

/** `count` nested divs around a paragraph: the parser's tree and everything after it recurse per level. */
const nestedDivs = (count: number) => `${'<div>'.repeat(count)}<p>Deep inside.</p>${'</div>'.repeat(count)}`;
/** The column where the `<div>` that opens the 513th element lies, after `prefix` on its line and `open` elements already open. */
const tooDeepColumn = (prefix: string, open: number) => prefix.length + (512 - open) * '<div>'.length + 1;

async function fillTo(file: string, head: string, filler: string, bytes: number): Promise<void> {
  const repeat = Math.ceil((bytes - head.length) / filler.length);
  await writeFile(file, head + filler.repeat(repeat));
}

const cases: BadCase[] = [
  // Sources (import)
  source('latin1-undeclared.txt', 5, 8, 'import-encoding'),
  source('latin1-undeclared.html', 2, 23, 'import-encoding'),
  source('nul-at-start.md', 1, 1, 'import-binary'),
  source('utf16-no-bom.txt', 1, 1, 'import-binary'),
  source('empty.md', 1, 1, 'import-empty'),
  source('blank-lines.txt', 1, 1, 'import-empty'),
  source('unknown.json', 1, 1, 'import-unknown-format'),
  source('truncated-wxr.xml', 1, 1, 'import-invalid-xml'),
  source('truncated-ghost.json', 1, 106, 'import-invalid-json'),
  source('alias-bomb.md', 2, 1, 'yaml-syntax'),
  {
    name: 'a NUL byte past the first 8 kB (after the binary sniff)',
    setup: (dir) => writeFile(path.join(dir, 'late-nul.txt'), `A Title\n\nBy Jane Roe\n\n${'Words of the piece. '.repeat(600)}\nThen\u0000 a NUL.\n`),
    args: ['import', 'late-nul.txt'],
    expected: at('late-nul.txt', 6, 5, 'text-control-character'),
  },
  {
    name: 'a 50 MB text scrape',
    setup: (dir) =>
      fillTo(path.join(dir, 'huge.txt'), 'A Huge Title\n\nBy Jane Roe\n\n', 'The harbour was quiet that evening and the boats lay still.\n\n', fiftyMegabytes),
    args: ['import', 'huge.txt'],
    expected: at('huge.txt', 1, 1, 'file-too-large'),
  },
  {
    name: 'a 50 MB saved page on one line',
    setup: (dir) => fillTo(path.join(dir, 'huge.html'), '<html><body><article><h1>Huge</h1>', '<p>Line of text.</p>', fiftyMegabytes),
    args: ['import', 'huge.html'],
    expected: at('huge.html', 1, 1, 'file-too-large'),
  },
  // A saved page nested as deep is no bad input: its parser leaves wrappers out past 512 levels, as
  // a browser stops nesting there, and imports it (tests/unit/import/html/deep-nesting.test.ts).
  {
    name: '100,000 nested divs in a WordPress export post',
    setup: (dir) =>
      writeFile(
        path.join(dir, 'deep.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>Blog</title>\n<item><title>Deep</title><dc:creator>jane</dc:creator><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>\n<content:encoded><![CDATA[${nestedDivs(100_000)}]]></content:encoded></item>\n</channel></rss>\n`,
      ),
    args: ['import', 'deep.xml'],
    expected: at('deep.xml', 5, tooDeepColumn('<content:encoded><![CDATA[', 4), 'import-too-deep'),
  },
  {
    name: '100,000 nested divs in a Medium export post',
    setup: async (dir) => {
      const page = `<!DOCTYPE html><html><head><title>Deep</title></head><body><article class="h-entry"><h1 class="p-name">Deep</h1><section data-field="body" class="e-content">\n${nestedDivs(100_000)}</section><footer><p>Exported from <a href="https://medium.com">Medium</a></p></footer></article></body></html>`;
      await writeFile(
        path.join(dir, 'medium.zip'),
        zipSync({ 'posts/2020-01-01_Deep-1a2b3c.html': strToU8(page), 'README.html': strToU8('<p>Medium export</p>') }, { level: 0 }),
      );
    },
    args: ['import', 'medium.zip'],
    expected: at('medium.zip:posts/2020-01-01_Deep-1a2b3c.html', 2, tooDeepColumn('', 2), 'import-too-deep'),
  },
  {
    name: 'a zip whose entry escapes it (../)',
    setup: (dir) => writeFile(path.join(dir, 'slip.zip'), zipSync({ 'posts/a.html': strToU8('<p>a</p>'), '../../evil.html': strToU8('<p>evil</p>') })),
    args: ['import', 'slip.zip'],
    expected: at('slip.zip', 1, 1, 'import-archive-unsafe'),
  },
  {
    name: 'a truncated zip',
    setup: async (dir) => {
      const bytes = zipSync({ 'posts.csv': strToU8('post_id,title\n1.a,A\n'), 'posts/1.a.html': strToU8(`<p>${'text '.repeat(400)}</p>`) }, { level: 0 });
      await writeFile(path.join(dir, 'cut.zip'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    args: ['import', 'cut.zip'],
    expected: at('cut.zip', 1, 1, 'import-archive-broken'),
  },

  // Chapters
  chapter('nul-byte.md', 8, 64, 'text-control-character'),
  chapter('latin1.md', 15, 25, 'file-encoding'),
  chapter('vertical-tab.md', 10, 1, 'text-control-character'),
  chapter('duplicate-note-label.md', 16, 1, 'note-duplicate'),
  chapter('unresolved-key.md', 14, 7, 'cite-unresolved'),
  chapter('undefined-note.md', 8, 49, 'note-undefined'),
  chapter('no-front-matter.md', 1, 1, 'front-matter-missing'),
  chapter('unterminated-front-matter.md', 1, 1, 'front-matter-unterminated'),
  chapter('front-matter-alias-bomb.md', 7, 9, 'yaml-aliases'),
  chapter('front-matter-wrong-type.md', 2, 8, 'front-matter-invalid'),
  chapter('front-matter-bad-date.md', 5, 7, 'front-matter-invalid'),
  chapter('image-dotdot.md', 17, 1, 'image-outside-project'),
  {
    name: 'a 50 MB chapter',
    setup: (dir) =>
      fillTo(
        path.join(dir, 'chapters/harbours.md'),
        '---\ntitle: Huge\n---\n\n',
        'The harbour was quiet that evening and the boats lay still.\n\n',
        fiftyMegabytes,
      ),
    args: buildArgs,
    expected: at('chapters/harbours.md', 1, 1, 'file-too-large'),
  },
  {
    name: 'two chapters with one id (the same file name in two folders)',
    setup: async (dir) => {
      await mkdir(path.join(dir, 'chapters/more'));
      await cp(path.join(dir, 'chapters/charts.md'), path.join(dir, 'chapters/more/charts.md'));
      await writeFile(path.join(dir, 'anthology.yaml'), `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}  - chapters/more/charts.md\n`);
    },
    args: buildArgs,
    expected: at('chapters/more/charts.md', 1, 1, 'chapter-id-duplicate'),
  },
  {
    name: 'two chapters whose ids give one page name (404 and x404: a digit-led id’s pages take an x)',
    setup: async (dir) => {
      await cp(path.join(dir, 'chapters/charts.md'), path.join(dir, 'chapters/404.md'));
      await cp(path.join(dir, 'chapters/charts.md'), path.join(dir, 'chapters/x404.md'));
      await writeFile(
        path.join(dir, 'anthology.yaml'),
        `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}  - chapters/404.md\n  - chapters/x404.md\n`,
      );
    },
    args: buildArgs,
    expected: at('chapters/x404.md', 1, 1, 'chapter-id-duplicate'),
  },
  {
    name: 'a chapter named after one of the book’s own pages (about.md would have been written over by the site’s About page)',
    setup: async (dir) => {
      await cp(path.join(dir, 'chapters/charts.md'), path.join(dir, 'chapters/about.md'));
      await writeFile(path.join(dir, 'anthology.yaml'), `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}  - chapters/about.md\n`);
    },
    args: buildArgs,
    expected: at('chapters/about.md', 1, 1, 'chapter-id-reserved'),
  },
  {
    name: 'two chapters with one id (the same id: in their front matter): at the second one’s id: line',
    setup: async (dir) => {
      const text = await readFile(path.join(dir, 'chapters/charts.md'), 'utf8');
      await writeFile(path.join(dir, 'chapters/charts.md'), text.replace(/^---\n/, '---\nid: harbour-charts\n'));
      await writeFile(path.join(dir, 'chapters/copy.md'), text.replace(/^---\n(.*\n)/, '---\n$1id: harbour-charts\n'));
      await writeFile(path.join(dir, 'anthology.yaml'), `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}  - chapters/copy.md\n`);
    },
    args: buildArgs,
    expected: at('chapters/copy.md', 3, 1, 'chapter-id-duplicate'),
  },

  // anthology.yaml
  config('alias-bomb.yaml', 17, 9, 'yaml-aliases'),
  config('yaml-syntax.yaml', 7, 1, 'yaml-syntax'),
  config('duplicate-yaml-key.yaml', 13, 1, 'yaml-syntax'),
  config('trim-nonsense.yaml', 12, 7, 'config-invalid'),
  config('trim-number.yaml', 12, 7, 'config-invalid'),
  config('chapter-missing.yaml', 16, 5, 'chapter-missing'),
  config('chapter-listed-twice.yaml', 16, 5, 'chapter-duplicate'),
  config('contents-dotdot.yaml', 16, 5, 'config-invalid'),
  config('contents-absolute.yaml', 16, 5, 'config-invalid'),
  config('style-missing.yaml', 11, 8, 'style-missing'),
  config('cover-dotdot.yaml', 16, 8, 'config-invalid'),
  config('unknown-key.yaml', 16, 1, 'config-invalid'),
  config('edition-date.yaml', 9, 9, 'config-invalid'),
  config('latin1.yaml', 6, 24, 'file-encoding'),
  config('nul-byte.yaml', 6, 21, 'text-control-character'),

  // Bibliography
  bibliography('truncated.json', 6, 1, 'bibliography-invalid'),
  bibliography('object-not-array.json', 1, 1, 'bibliography-invalid'),
  bibliography('item-without-id.json', 2, 3, 'bibliography-invalid'),
  // A field of the wrong shape: citeproc threw a TypeError on a list for a title, and dropped a date written as a string without a word.
  bibliography('title-as-list.json', 2, 11, 'bibliography-invalid'),
  bibliography('date-as-string.json', 3, 11, 'bibliography-invalid'),
  bibliography('duplicate-key.json', 3, 11, 'bibliography-duplicate-key', 'bibliography/references.json'),
  bibliography('unclosed.bib', 4, 1, 'bibliography-invalid'),
  bibliography('missing-comma.bib', 3, 3, 'bibliography-invalid'),
  bibliography('not-bibtex.bib', 1, 1, 'bibliography-invalid'),
  bibliography('no-end-record.ris', 1, 1, 'bibliography-invalid'),
  bibliography('latin1.bib', 2, 15, 'file-encoding'),
  {
    name: 'a 50 MB bibliography',
    setup: (dir) =>
      fillTo(
        path.join(dir, 'bibliography/huge.json'),
        '[\n',
        '{"id": "x", "type": "book", "title": "Padding for a bibliography far too large"},\n',
        fiftyMegabytes,
      ),
    args: buildArgs,
    expected: at('bibliography/huge.json', 1, 1, 'file-too-large'),
  },

  // Styles
  style('html-not-csl.csl', 2, 1),
  style('not-xml.csl', 1, 1),
  style('wrong-namespace.csl', 2, 1),
  style('no-citation.csl', 2, 1),

  // Links and paths that lead out of the project
  {
    name: 'a chapter that is a link to a file outside the project',
    setup: async (dir, outside) => {
      await cp(path.join(dir, 'chapters/charts.md'), path.join(outside, 'elsewhere.md'));
      await rm(path.join(dir, 'chapters/charts.md'));
      await symlink(path.join(outside, 'elsewhere.md'), path.join(dir, 'chapters/charts.md'));
    },
    args: buildArgs,
    expected: at('anthology.yaml', 15, 5, 'path-outside-project'),
  },
  {
    name: 'a chapters folder that is a link out of the project',
    setup: async (dir, outside) => {
      await cp(path.join(dir, 'chapters'), path.join(outside, 'chapters'), { recursive: true });
      await rm(path.join(dir, 'chapters'), { recursive: true });
      await symlink(path.join(outside, 'chapters'), path.join(dir, 'chapters'));
    },
    args: buildArgs,
    expected: at('anthology.yaml', 14, 5, 'path-outside-project'),
  },
  {
    name: 'a bibliography file that is a link out of the project',
    setup: async (dir, outside) => {
      await writeFile(path.join(outside, 'secret.json'), '[{"id": "secret", "type": "book", "title": "Secret"}]\n');
      await symlink(path.join(outside, 'secret.json'), path.join(dir, 'bibliography/secret.json'));
    },
    args: buildArgs,
    expected: at('bibliography/secret.json', 1, 1, 'path-outside-project'),
  },
  {
    name: 'a CSL style that is a link out of the project',
    setup: async (dir, outside) => {
      const stylePath = path.join(dir, 'styles/csl/chicago-notes-bibliography.csl');
      await cp(stylePath, path.join(outside, 'style.csl'));
      await rm(stylePath);
      await symlink(path.join(outside, 'style.csl'), stylePath);
    },
    args: buildArgs,
    expected: at('anthology.yaml', 11, 8, 'path-outside-project'),
  },
  {
    name: 'a picture that is a link out of the project',
    setup: async (dir, outside) => {
      await cp(path.join(repoRoot, 'tests/books/images/cover.jpg'), path.join(outside, 'picture.jpg'));
      await mkdir(path.join(dir, 'chapters/images'));
      await symlink(path.join(outside, 'picture.jpg'), path.join(dir, 'chapters/images/picture.jpg'));
      const chapterPath = path.join(dir, 'chapters/charts.md');
      await writeFile(chapterPath, `${await readFile(chapterPath, 'utf8')}\n::figure[A chart]{src="images/picture.jpg"}\n`);
    },
    args: buildArgs,
    expected: at('chapters/charts.md', 12, 1, 'image-outside-project'),
  },
  {
    name: 'an SVG picture that runs script',
    setup: async (dir) => {
      await mkdir(path.join(dir, 'chapters/images'));
      const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" onload="alert(1)"><rect width="100" height="50"/></svg>\n';
      await writeFile(path.join(dir, 'chapters/images/chart.svg'), picture);
      const chapterPath = path.join(dir, 'chapters/charts.md');
      await writeFile(chapterPath, `${await readFile(chapterPath, 'utf8')}\n::figure[A chart]{src="images/chart.svg"}\n`);
    },
    args: buildArgs,
    expected: at('chapters/charts.md', 12, 1, 'image-svg-active'),
  },
  {
    name: 'a cover that is a link out of the project',
    setup: async (dir, outside) => {
      await cp(path.join(repoRoot, 'tests/books/images/cover.jpg'), path.join(outside, 'cover.jpg'));
      await symlink(path.join(outside, 'cover.jpg'), path.join(dir, 'cover.jpg'));
      await writeFile(path.join(dir, 'anthology.yaml'), `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}cover: cover.jpg\n`);
    },
    args: buildArgs,
    expected: at('anthology.yaml', 16, 1, 'image-outside-project'),
  },
];

/** What the CLI printed as diagnostics: `file` header lines, then `line:column severity reason rule anthology`. */
function diagnosticsOf(output: string): { file: string; line: number; column: number; severity: string; rule: string }[] {
  const found: { file: string; line: number; column: number; severity: string; rule: string }[] = [];
  let file = '';
  for (const text of output.split('\n')) {
    const message = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+(error|warning|info)\s+.*?\s(\S+)\s+anthology\s*$/.exec(text);
    if (message) found.push({ file, line: Number(message[1]), column: Number(message[2]), severity: message[3] ?? '', rule: message[4] ?? '' });
    else if (/^\S/.test(text) && !/^(✖|⚠|error |warning |\d)/.test(text)) file = text.trim();
  }
  return found;
}

/** Every path in the project with a hash of its content (or where its link points), links not followed. */
async function snapshot(dir: string, prefix = ''): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  for (const name of (await readdir(path.join(dir, prefix))).sort()) {
    const relative = path.join(prefix, name);
    const full = path.join(dir, relative);
    const info = await lstat(full);
    if (info.isSymbolicLink()) entries.set(relative, `link:${await readlink(full)}`);
    else if (info.isDirectory()) {
      entries.set(`${relative}/`, 'folder');
      for (const [child, hash] of await snapshot(dir, relative)) entries.set(child, hash);
    } else
      entries.set(
        relative,
        createHash('sha256')
          .update(await readFile(full))
          .digest('hex'),
      );
  }
  return entries;
}

/** A fresh copy of the small book, with its styles, and a folder outside it for links to point at. */
async function freshBook(): Promise<{ dir: string; outside: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'anthology-bad-'));
  const dir = path.join(root, 'book');
  const outside = path.join(root, 'outside');
  await cp(path.join(fixtures, 'book'), dir, { recursive: true });
  await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
  await mkdir(outside);
  return { dir, outside, dispose: () => rm(root, { recursive: true, force: true }) };
}

const stackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe('bad inputs: a diagnostic at file:line:column, exit 1, no stack trace, nothing written', { concurrency: 2 }, () => {
  it(`there are at least 40 cases (${cases.length})`, () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    assert.equal(new Set(cases.map((badCase) => badCase.name)).size, cases.length, 'case names are unique');
  });

  for (const badCase of cases) {
    it(badCase.name, async () => {
      const book = await freshBook();
      try {
        await badCase.setup(book.dir, book.outside);
        const before = await snapshot(book.dir);
        const outsideBefore = await snapshot(book.outside);
        const result = await runCli(badCase.args, book.dir);
        const output = `${result.stdout}\n${result.stderr}`;
        assert.equal(result.code, 1, output);
        assert.doesNotMatch(result.stderr, stackTrace, 'no stack trace');
        assert.doesNotMatch(output, /internal error/);
        const { file, line, column, rule } = badCase.expected;
        const diagnostics = diagnosticsOf(result.stderr);
        assert.ok(
          diagnostics.some(
            (found) => found.file === file && found.line === line && found.column === column && found.rule === rule && found.severity === 'error',
          ),
          `expected ${file} ${line}:${column} error … ${rule}; got:\n${result.stderr}`,
        );
        assert.deepEqual(await snapshot(book.dir), before, 'nothing written or changed in the project');
        assert.deepEqual(await snapshot(book.outside), outsideBefore, 'nothing written outside it');
      } finally {
        await book.dispose();
      }
    });
  }
});

describe('line ends from other systems import and build as if they were LF', { concurrency: 2 }, () => {
  const importedPost = async (name: string) => {
    const book = await freshBook();
    try {
      await cp(path.join(fixtures, 'sources', name), path.join(book.dir, name));
      const result = await runCli(['import', '--no-cite', '--report', 'build/report.json', name], book.dir);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(await readFile(path.join(book.dir, 'build/report.json'), 'utf8')) as {
        sources: { chapters: { file: string }[]; lines: { line: number; fate: string }[] }[];
      };
      const chapterFile = report.sources[0]?.chapters[0]?.file ?? '';
      return { markdown: await readFile(path.join(book.dir, chapterFile), 'utf8'), lines: report.sources[0]?.lines ?? [] };
    } finally {
      await book.dispose();
    }
  };

  for (const name of ['crlf-post.md', 'cr-post.md']) {
    it(`${name}: front matter, both paragraphs and the note; one fate for each of its 11 lines`, async () => {
      const { markdown, lines } = await importedPost(name);
      assert.match(markdown, /^title: Tides at Night$/m);
      assert.match(markdown, /^authors:\n {2}- Jane Roe$/m);
      assert.match(markdown, /^date: 2020-01-02$/m);
      assert.match(
        markdown,
        /\n\nThe tide came in after midnight\.\[\^1\]\n\nBy morning the quay was dry again\.\n\n\[\^1\]: Harbour master’s log, 3 January 2020\.\n$/,
      );
      assert.doesNotMatch(markdown, /\r/);
      assert.deepEqual(
        lines.map((fate) => fate.line),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      );
    });
  }

  it('bell-in-text.html: a stray control character in a source is taken out with a warning at its place, and the page imports', async () => {
    const book = await freshBook();
    try {
      await cp(path.join(fixtures, 'sources', 'bell-in-text.html'), path.join(book.dir, 'bell-in-text.html'));
      const result = await runCli(['import', '--no-cite', 'bell-in-text.html'], book.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(
        diagnosticsOf(result.stderr).some(
          (found) => found.line === 4 && found.column === 18 && found.rule === 'import-control-character' && found.severity === 'warning',
        ),
        result.stderr,
      );
      const markdown = await readFile(path.join(book.dir, 'chapters/bells.md'), 'utf8');
      assert.match(markdown, /\n\nThe bell rang twice\.\n$/);
      assert.ok(!markdown.includes('\u0007'));
    } finally {
      await book.dispose();
    }
  });

  for (const name of ['crlf-page.html', 'cr-page.html']) {
    it(`${name}: the title, the author and both paragraphs; one fate for each of its 8 lines`, async () => {
      const { markdown, lines } = await importedPost(name);
      assert.match(markdown, /^title: Charts at Dawn$/m);
      assert.match(markdown, /^authors:\n {2}- Jon Sample$/m);
      assert.match(markdown, /\n\nSoundings were taken at first light\.\n\nThe chart was redrawn that week\.\n$/);
      assert.equal(lines.length, 8);
    });
  }

  for (const [kind, name] of [
    ['chapters', 'crlf.md'],
    ['chapters', 'cr.md'],
    ['config', 'cr-line-ends.yaml'],
  ] as const) {
    it(`${kind}/${name} builds, with both notes of the chapter`, async () => {
      const book = await freshBook();
      try {
        await cp(path.join(fixtures, kind, name), path.join(book.dir, kind === 'chapters' ? 'chapters/harbours.md' : 'anthology.yaml'));
        const result = await runCli(buildArgs, book.dir);
        assert.equal(result.code, 0, result.stderr);
        const page = await readFile(path.join(book.dir, 'build/html/harbours.html'), 'utf8');
        assert.match(page, /<h1[^>]*>On Harbours<\/h1>/);
        assert.match(page, /Harbours of the North/);
        assert.match(page, /the granite came from Cornwall/);
      } finally {
        await book.dispose();
      }
    });
  }
});

describe('paths on the command line cannot lead out of the project (usage errors, exit 2)', () => {
  let book: Awaited<ReturnType<typeof freshBook>>;
  before(async () => {
    book = await freshBook();
    await symlink(book.outside, path.join(book.dir, 'out-link'));
    await cp(path.join(fixtures, 'sources/crlf-page.html'), path.join(book.dir, 'page.html'));
  });
  after(() => book.dispose());

  for (const [args, message] of [
    [['build', '--format', 'html', '--out', '../escaped'], /--out \.\.\/escaped must be a folder inside the project/],
    [['build', '--format', 'html', '--out', 'out-link'], /--out out-link must be a folder inside the project/],
    [['build', '--format', 'html', '--out', 'out-link/deeper'], /--out out-link\/deeper must be a folder inside the project/],
    [['import', '--out', '../chapters', 'page.html'], /--out \.\.\/chapters must be a folder inside the project/],
    [['import', '--out', 'out-link', 'page.html'], /--out out-link must be a folder inside the project/],
    [['import', '--report', 'out-link/report.json', 'page.html'], /--report out-link\/report\.json must be inside the project/],
    [['cite', 'export', '--out', '/tmp/escaped.bib'], /must be inside the project|inside the project/],
  ] as const) {
    it(args.join(' '), async () => {
      const before = await snapshot(book.dir);
      const result = await runCli(args, book.dir);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, stackTrace);
      assert.deepEqual(await snapshot(book.dir), before);
      assert.deepEqual([...(await snapshot(book.outside)).keys()], []);
    });
  }

  it('a picture beside an imported post that is a link out of the project is not copied', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'anthology-bad-'));
    try {
      await cp(path.join(repoRoot, 'tests/books/images/cover.jpg'), path.join(root, 'secret.jpg'));
      await symlink(path.join(root, 'secret.jpg'), path.join(book.dir, 'photo.jpg'));
      await writeFile(
        path.join(book.dir, 'with-photo.html'),
        '<!doctype html><html><head><title>A Photo</title><meta name="author" content="Jon Sample"></head><body><article><h1>A Photo</h1><p>Look at it.</p><figure><img src="photo.jpg" alt="A photo"><figcaption>A photo.</figcaption></figure></article></body></html>\n',
      );
      const result = await runCli(['import', '--no-cite', 'with-photo.html'], book.dir);
      assert.equal(result.code, 0, result.stderr);
      assert.match(`${result.stdout}${result.stderr}`, /photo\.jpg[^\n]*points outside the project/);
      const copied = await readdir(path.join(book.dir, 'chapters/images/a-photo')).catch(() => []);
      assert.deepEqual(copied, []);
    } finally {
      await rm(path.join(book.dir, 'photo.jpg'), { force: true });
      await rm(root, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../../../src/core/types.ts';
import { loadCitedBook } from '../../../src/pipeline/build.ts';
import { renderEpub } from '../../../src/render/epub/epub.ts';
import { renderHtmlSite } from '../../../src/render/html/site.ts';
import { renderPrintDocument } from '../../../src/render/pdf/print-html.ts';
import { parsedTitlePhrasing, titleCacheLimit, titleCacheSizes, titleHast, titlePhrasing, titleText } from '../../../src/render/title.ts';
import { repoRoot } from '../../helpers/project.ts';
import { emptyRenderAssets } from '../../helpers/render-assets.ts';

const assets = emptyRenderAssets;
const decoded = (bytes: string | Uint8Array | undefined) => (typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
const markup = (title: string) => toHtml({ type: 'root', children: titleHast(title) });

/**
 * A real title with Markdown in it: the Rust blog's post of 21 December 2023 (MIT/Apache-2.0,
 * tests/fixtures/import/real/PROVENANCE.md), read from the fixture as its front matter gives it.
 */
async function rustTitle(): Promise<string> {
  const post = await readFile(path.join(repoRoot, 'tests/fixtures/import/real/rust-blog/async-fn-rpit-in-traits.md'), 'utf8');
  const title = /^title = "(.*)"$/m.exec(post)?.[1];
  assert.ok(title);
  return title;
}

describe('a title’s inline Markdown', () => {
  it('is inline markup where markup can go, and plain text where it cannot', () => {
    assert.equal(markup('Why *Moby-Dick* matters'), 'Why <em>Moby-Dick</em> matters');
    assert.equal(titleText('Why *Moby-Dick* matters'), 'Why Moby-Dick matters');
    assert.equal(markup('The `grep` years'), 'The <code>grep</code> years');
    assert.equal(markup('**Bold** and ~~struck~~'), '<strong>Bold</strong> and <del>struck</del>');
    assert.equal(titleText('Tom \\& Jerry'), 'Tom & Jerry');
  });

  it('reads no block a title could start with, no raw HTML, and no link inside the contents’ links', () => {
    for (const title of ['1984. A novel', '# 1', '- dash', '> quoted', '---', 'Why *= 2 is slower than = col * 2 in Pandas']) {
      assert.equal(titleText(title), title);
      assert.doesNotMatch(markup(title), /<(?:ol|ul|h1|blockquote|hr|em)\b/, title);
    }
    assert.equal(markup('a <em>b</em>'), 'a &#x3C;em>b&#x3C;/em>');
    assert.equal(markup('See [the list](https://example.org/) of *works*'), 'See the list of <em>works</em>');
  });
});

describe('a chapter titled with Markdown, in every format', () => {
  let project: string;
  let book: Book;
  let title: string;
  before(async () => {
    title = await rustTitle();
    project = await mkdtemp(path.join(tmpdir(), 'anthology-title-'));
    await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
    await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
    const chapter = path.join(project, 'chapters/the-lamp-room.md');
    await writeFile(chapter, (await readFile(chapter, 'utf8')).replace('title: The Lamp Room', `title: ${JSON.stringify(title)}`));
    // The book's title is read the same way (anthology.yaml): here the book is named after the post.
    const config = path.join(project, 'anthology.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('title: Lights on the Coast', `title: ${JSON.stringify(title)}`));
    const loaded = await loadCitedBook(project);
    assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
    book = loaded.book;
  });
  after(() => rm(project, { recursive: true, force: true }));

  const marked = 'Announcing <code>async fn</code> and return-position <code>impl Trait</code> in traits';
  const plain = 'Announcing async fn and return-position impl Trait in traits';

  it('the site: markup in the heading, contents, pager and contributors; plain in <title> and metadata', () => {
    const site = renderHtmlSite(book, assets);
    const text = (name: string) => decoded(site.get(name));
    const page = text('the-lamp-room.html');
    assert.ok(page.includes(`<h1 class="chapter-title">${marked}</h1>`), page);
    assert.ok(page.includes(`<title>${plain} · ${plain}</title>`));
    assert.ok(page.includes(`<a class="site-title" href="index.html">${marked}</a>`));
    assert.ok(page.includes(`<meta name="citation_book_title" content="${plain}">`));
    assert.ok(text('index.html').includes(`<h1>${marked}</h1>`));
    assert.ok(text('index.html').includes(`<title>${plain}</title>`));
    assert.ok(page.includes(`<meta name="citation_title" content="${plain}">`));
    assert.ok(page.includes(`"name":"${plain}"`), 'JSON-LD');
    assert.ok(page.includes(`<meta property="og:title" content="${plain}">`));
    assert.ok(text('index.html').includes(`>${marked}</a>`), 'contents');
    assert.ok(text('le-phare.html').includes(`<span class="pager-title">${marked}</span>`), 'pager');
    assert.doesNotMatch(text('index.html') + page, /`/);
  });

  it('the EPUB: markup in the nav (valid XHTML), plain in the NCX and the document’s <title>', () => {
    const epub = renderEpub(book, assets);
    const text = (name: string) => decoded(epub.get(name));
    assert.ok(text('EPUB/nav.xhtml').includes(`>1. ${marked}</a>`), text('EPUB/nav.xhtml'));
    assert.ok(text('EPUB/toc.ncx').includes(`<text>1. ${plain}</text>`));
    assert.ok(text('EPUB/toc.ncx').includes(`<docTitle><text>${plain}</text></docTitle>`));
    assert.ok(text('EPUB/package.opf').includes(`<dc:title id="title">${plain}</dc:title>`));
    assert.ok(text('EPUB/text/titlepage.xhtml').includes(`<h1 class="book-title">${marked}</h1>`));
    assert.doesNotMatch(text('EPUB/images/cover.svg'), /`/);
    const chapter = text('EPUB/text/the-lamp-room.xhtml');
    assert.ok(chapter.includes(`<title>${plain}</title>`));
    assert.ok(chapter.includes(marked));
  });

  it('the print document: markup in the heading and contents, plain in the bookmarks and running heads', () => {
    const print = renderPrintDocument(book, assets);
    const html = print.html;
    assert.equal(print.metadata.title, `${plain}: A Golden Test Book`);
    assert.ok(html.includes(`<p class="half-title-text">${marked}</p>`));
    assert.ok(html.includes(`<span class="toc-title">${marked}</span>`));
    assert.ok(html.includes(`<h1 class="chapter-title">${marked}</h1>`));
    assert.ok(html.includes(`data-outline-title="1. ${plain}"`));
    assert.match(html, /data-running-recto="Announcing async fn and return-position impl…"/);
    assert.doesNotMatch(html, /`/);
  });
});

describe('the title caches', () => {
  it('stay bounded however many titles a long preview sees', () => {
    for (let index = 0; index < titleCacheLimit + 10; index += 1) {
      titleText(`Title *${index}*`);
      titleHast(`Title *${index}*`);
    }
    const sizes = titleCacheSizes();
    assert.ok(sizes.text <= titleCacheLimit && sizes.hast <= titleCacheLimit, JSON.stringify(sizes));
    assert.equal(titleText('Why *Moby-Dick* matters'), 'Why Moby-Dick matters');
  });
});

/** Every `title` in the corpus's hand-checked expectations (real posts' titles), and the default book's. */
async function realTitles(): Promise<string[]> {
  const titles: string[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'title' && typeof inner === 'string') titles.push(inner);
        else collect(inner);
      }
  };
  const corpus = path.join(repoRoot, 'tests/corpus');
  for (const name of await readdir(corpus, { recursive: true })) {
    if (name.endsWith('expected.json')) collect(JSON.parse(await readFile(path.join(corpus, name), 'utf8')));
  }
  const book = await loadCitedBook(repoRoot);
  assert.ok(book.book);
  titles.push(book.book.config.title, ...book.book.chapters.map((chapter) => chapter.meta.title));
  return titles;
}

describe('a plain title, read without the parser', () => {
  it('is what the parser reads, positions and all, for every real title and plain text around what Markdown reads', async () => {
    const titles = await realTitles();
    assert.ok(titles.length > 200, `${titles.length} titles`);
    // Plain words with each character that starts or holds markup, or a web address GFM links.
    const risky = ['*', '_', '`', '[', ']', '<', '&amp;', '\\', '^', '~', '@', 'www.', 'https://', '|', '\n', '  \n', '#', '1.', '- ', '😀', '\u00a0'];
    const around = ['Café – “quoted” (1984): a novel?', '  Two  spaces  ', 'Ελληνικά / मराठी / 中文 100% + 2!', 'O’Brien’s ‘war’'];
    for (const text of around) for (const mark of risky) titles.push(`${text}${mark}x`, `${mark}${text}`, `${text.slice(0, 5)}${mark}${text.slice(5)}`);
    titles.push(...around);
    for (const title of titles) assert.deepEqual(titlePhrasing(title), parsedTitlePhrasing(title.trim()), JSON.stringify(title));
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { parseHtml } from '../../../../src/import/html/parse-html.ts';
import { importSource } from '../../../../src/import/import.ts';
import { repoRoot } from '../../../helpers/project.ts';
import { readFixture } from './helpers.ts';

// Every tree tool after the HTML parser (hast-util-from-parse5, the site-chrome and article
// walks, hast-util-to-mdast, mdast-util-to-markdown) recurses once per level: a page nested some
// thousands of elements deep overflowed the stack and the import ended with an internal error.
// The sizes here are past what overflowed (2,000 levels of tables, 3,000 of divs).

/** A real saved page (tests/fixtures/import/html/SOURCES.md) with its body wrapped in `open`…`close`. */
function wrappedPage(open: string, close: string): string {
  const page = readFixture('strafprozess-wordpress-twentytwelve.html');
  return page.replace(/<body[^>]*>/, (tag) => `${tag}${open}`).replace('</body>', `${close}</body>`);
}

function imported(html: string) {
  const file = new VFile({ path: 'page.html', value: html });
  const result = importSource(file, { defaultAuthor: undefined });
  const chapter = result.chapters[0];
  return {
    file,
    markdown: chapter ? bodyToMarkdown(chapter.piece.body) : undefined,
    title: chapter?.piece.meta.title,
    rules: file.messages.map((message) => message.ruleId),
  };
}

function depthOf(html: string): number {
  const { tree } = parseHtml(html);
  let deepest = 0;
  const stack: { node: (typeof tree)['children'][number] | typeof tree; depth: number }[] = [{ node: tree, depth: 0 }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    deepest = Math.max(deepest, entry.depth);
    if ('children' in entry.node) for (const child of entry.node.children) stack.push({ node: child, depth: entry.depth + 1 });
  }
  return deepest;
}

describe('a saved page nested past what browsers build', () => {
  const plain = imported(readFixture('strafprozess-wordpress-twentytwelve.html'));

  it('the page itself imports, with no nesting warning', () => {
    assert.ok(plain.markdown?.includes('Polizisten'), plain.markdown);
    assert.ok(!plain.rules.includes('import-nesting-flattened'));
  });

  for (const [name, open, close] of [
    ['10,000 nested divs', '<div>'.repeat(10_000), '</div>'.repeat(10_000)],
    // `<div/>` is no empty element in HTML: each opens a div that the end of the page closes.
    ['10,000 “self-closed” divs', '<div/>'.repeat(10_000), ''],
    // A table holds a table through tbody, tr and td: four levels each, only two tags counted.
    ['600 tables, each in a cell of the one before', '<table><tr><td>'.repeat(600), '</td></tr></table>'.repeat(600)],
  ] as const) {
    it(`${name} around its body: the same chapter, one warning at the first wrapper left out`, () => {
      const deep = imported(wrappedPage(open, close));
      assert.equal(deep.markdown, plain.markdown);
      assert.equal(deep.title, plain.title);
      const warning = deep.file.messages.find((message) => message.ruleId === 'import-nesting-flattened');
      assert.ok(warning, deep.rules.join(', '));
      assert.ok(!deep.rules.includes('import-too-deep'), 'imported, not refused');
      assert.equal(warning.line, 246, 'the line of <body>, where the wrappers start');
    });
  }

  it('the tree is at most 512 deep; paragraphs and the text in them are kept whole', () => {
    const html = `<div>${'<section>'.repeat(5_000)}<p>Kept <em>whole</em>.</p>${'</section>'.repeat(5_000)}</div>`;
    assert.ok(depthOf(html) <= 512);
    const { tree } = parseHtml(html);
    const paragraphs: string[] = [];
    const stack: unknown[] = [tree];
    for (let node = stack.pop() as { tagName?: string; children?: unknown[] } | undefined; node; node = stack.pop() as typeof node) {
      if (node.tagName === 'p') paragraphs.push(JSON.stringify(node.children?.map((child) => (child as { type: string }).type)));
      stack.push(...(node.children ?? []));
    }
    assert.deepEqual(paragraphs, ['["text","element","text"]']);
  });

  it('a page under the limit is parsed as hast-util-from-html parses it', () => {
    const html = readFixture('strafprozess-wordpress-twentytwelve.html');
    const { tree, flattenedAt } = parseHtml(html);
    assert.equal(flattenedAt, undefined);
    assert.deepEqual(tree, fromHtml(html));
  });
});

// An export's post HTML is escaped in the file (entities in WXR, `\u003c` in JSON), where the tag
// count before the import does not see it: it is parsed as a saved page is.
describe('a post in an export nested past what browsers build', () => {
  const fixture = (name: string) => readFileSync(path.join(repoRoot, 'tests/fixtures/import', name), 'utf8');
  const escaped = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const deep = (html: string) => `${'<div>'.repeat(10_000)}${html}${'</div>'.repeat(10_000)}`;
  const importText = (name: string, value: string) => {
    const file = new VFile({ path: name, value });
    const result = importSource(file, { defaultAuthor: undefined });
    return { file, markdown: result.chapters.map((chapter) => bodyToMarkdown(chapter.piece.body)).join('\n---\n') };
  };

  it('a WordPress post written with entities, not CDATA, inside 10,000 divs', () => {
    const xml = fixture('wxr/steppe-notes.wordpress.xml');
    const post = /<content:encoded><!\[CDATA\[([\s\S]*?)\]\]><\/content:encoded>/.exec(xml);
    assert.ok(post?.[1]);
    const plain = importText('plain.xml', xml.replace(post[0], `<content:encoded>${escaped(post[1])}</content:encoded>`));
    const nested = importText('deep.xml', xml.replace(post[0], `<content:encoded>${escaped(deep(post[1]))}</content:encoded>`));
    assert.equal(nested.markdown, plain.markdown);
    const warning = nested.file.messages.find((message) => message.ruleId === 'import-nesting-flattened');
    assert.equal(warning?.line, 52);
  });

  it('a Ghost post whose HTML the JSON escapes (\\u003c), inside 10,000 divs', () => {
    const data = JSON.parse(fixture('ghost/oxus-notes.ghost.json'));
    const plain = importText('plain.ghost.json', JSON.stringify(data).replace(/</g, '\\u003c'));
    data.db[0].data.posts[0].html = deep(data.db[0].data.posts[0].html);
    const nested = importText('deep.ghost.json', JSON.stringify(data).replace(/</g, '\\u003c'));
    assert.equal(nested.markdown, plain.markdown);
    assert.ok(nested.file.messages.some((message) => message.ruleId === 'import-nesting-flattened'));
  });
});

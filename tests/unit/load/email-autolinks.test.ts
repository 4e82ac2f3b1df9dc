import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Extension } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';
import { mayHoldEmail, remarkWithoutEmailAutolinks, triesEmail } from '../../../src/load/email-autolinks.ts';

const full = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm, { singleTilde: false });
const lean = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm, { singleTilde: false }).use(remarkWithoutEmailAutolinks);
const tree = (processor: typeof full, text: string) => JSON.stringify(processor.runSync(processor.parse(text)));

describe('a chapter read without the email autolink where no email can be', () => {
  it('takes the construct out of remark-gfm, and only it', () => {
    full.freeze();
    lean.freeze();
    const extensions = (processor: typeof full) => processor.data('micromarkExtensions') as Extension[];
    assert.equal(triesEmail(extensions(full)), true);
    assert.equal(triesEmail(extensions(lean)), false);
    // www. and http(s):// literals are still read.
    assert.match(tree(lean, 'See www.example.org and https://example.org/a.'), /"url":"http:\/\/www\.example\.org".*"url":"https:\/\/example\.org\/a"/);
  });

  it('knows which texts may hold an email', () => {
    assert.equal(mayHoldEmail('Write to ada@example.org.'), true);
    assert.equal(mayHoldEmail('first.last+tag@x'), true);
    assert.equal(mayHoldEmail('As [@doe2005, 12] and @smith say; mail me @ home.'), false);
  });

  it('reads every chapter of the default book and the test chapters as the full syntax does', () => {
    const folders = ['chapters', 'tests/fixtures/bad/chapters', 'tests/books/images/chapters', 'tests/golden/book/chapters'].map(
      (folder) => new URL(`../../../${folder}/`, import.meta.url),
    );
    let compared = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((file) => file.endsWith('.md'))) {
        const text = readFileSync(new URL(name, folder), 'utf8');
        if (mayHoldEmail(text)) continue;
        assert.equal(tree(lean, text), tree(full, text), name);
        compared++;
      }
    }
    assert.ok(compared >= 9, `compared ${compared}`);
  });

  it('reads the shapes around autolinks as the full syntax does', () => {
    const parts = [
      'w',
      'www.',
      'http',
      'https://',
      'h',
      'x1',
      '.',
      ':',
      '/',
      '_',
      '*',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '\\',
      '\n',
      '\n\n',
      '~',
      '|',
      '-',
      ' ',
      'mailto:',
      '+',
      '`',
      '[^1]',
      '[^1]: n',
      'é',
      '@',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let index = 0; index < 3000; index++) {
      let text = '';
      for (let length = 1 + Math.floor(next() * 20); length > 0; length--) text += parts[Math.floor(next() * parts.length)];
      if (!mayHoldEmail(text)) assert.equal(tree(lean, text), tree(full, text), JSON.stringify(text));
    }
  });

  it('still links an email in a chapter that has one', () => {
    const parsed = parseChapter(new VFile({ path: 'chapters/a.md', value: '---\ntitle: A\n---\n\nWrite to ada@example.org, not [@doe].\n' }));
    assert.match(JSON.stringify(parsed?.tree), /"url":"mailto:ada@example\.org"/);
  });
});

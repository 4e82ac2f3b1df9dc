import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { texDelimitersAsDollars } from '../../../src/import/markdown/tex-math.ts';
import { parseChapter } from '../../../src/load/chapter.ts';

// Real posts (tests/fixtures/import/real/PROVENANCE.md): al-folio's math demonstration (Jekyll,
// kramdown and MathJax 3) and HugoBlox's course post (Hugo, KaTeX), both MIT.
const real = (path: string) => readFileSync(new URL(`../../fixtures/import/real/${path}`, import.meta.url), 'utf8');

function imported(path: string, text: string) {
  const file = new VFile({ path, value: text });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  return { file, markdown: piece ? bodyToMarkdown(piece.body) : '' };
}

/** The chapter file's body read back as the book reads it. */
function reloaded(markdown: string) {
  const file = new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: []\n---\n\n${markdown}` });
  return { file, parsed: parseChapter(file) };
}

describe('TeX math in a Markdown post is kept as written', () => {
  test('al-folio: display math, inline $$ and a LaTeX equation environment keep their TeX byte for byte', () => {
    const source = real('al-folio/_posts/2015-10-20-math.md');
    const { markdown } = imported('_posts/2015-10-20-math.md', source);
    assert.ok(markdown.includes('$$\n\\sum_{k=1}^\\infty |\\langle x, e_k \\rangle|^2 \\leq \\|x\\|^2\n$$'), markdown);
    // Inside a sentence, kramdown showed `$$ E = mc^2 $$` as inline math: Pandoc's `$…$`.
    assert.ok(markdown.includes('just like $E = mc^2$.'));
    const environment = source.slice(source.lastIndexOf('\\begin{equation}'), source.lastIndexOf('\\end{equation}') + '\\end{equation}'.length);
    assert.ok(markdown.includes(`$$\n${environment}\n$$`), 'the environment is display math, unchanged (a*k^2 is no emphasis)');
    assert.doesNotMatch(markdown, /&#x|\\_|\\\*/);
    // Code spans that show the syntax stay code.
    assert.ok(markdown.includes('`$$ E = mc^2 $$`'));
  });

  test('HugoBlox: $…$ and one-line $$…$$ as written; math in a code fence is code', () => {
    const source = real('hugoblox/teach-courses/index.md');
    const { markdown } = imported('teach-courses/index.md', source);
    assert.ok(markdown.includes('extension for $\\LaTeX$ math'));
    assert.ok(markdown.includes('renders as $\\nabla F(\\mathbf{x}_{n})$.'));
    const gamma = /^\$\$(\\gamma_\{n\} = .*)\$\$$/m.exec(source)?.[1] ?? '';
    assert.ok(gamma.includes('\\left \\|\\nabla F'));
    assert.ok(markdown.includes(`$$\n${gamma}\n$$`), 'a paragraph of $$…$$ is a display formula');
    assert.ok(markdown.includes('```latex\n$$f(k;p_{0}^{*}) = \\begin{cases}'), 'code stays code');
    assert.ok(markdown.includes('$$\nf(k;p_{0}^{*}) = \\begin{cases}p_{0}^{*} & \\text{if }k=1, \\\\\n1-p_{0}^{*}'));
  });

  test('the chapter written reads back with the same formulas, every one typeset', () => {
    for (const [path, fixture] of [
      ['_posts/2015-10-20-math.md', 'al-folio/_posts/2015-10-20-math.md'],
      ['teach-courses/index.md', 'hugoblox/teach-courses/index.md'],
    ] as const) {
      const { markdown } = imported(path, real(fixture));
      const { file, parsed } = reloaded(markdown);
      assert.ok(parsed);
      const formulas = JSON.stringify(parsed.tree).match(/"type":"(?:inlineMath|math)"/g) ?? [];
      assert.ok(formulas.length >= 3, path);
      assert.deepEqual(file.messages.filter((message) => message.ruleId === 'math-invalid').map(String), []);
      assert.equal(bodyToMarkdown(parsed.tree).includes('&#x'), false);
    }
  });

  test('a dollar in prose is not math, and is written back without escapes', () => {
    const { markdown } = imported('post.md', '---\ntitle: T\n---\n\nIt costs $5 and $10, or US$3. The ratio $p_{0}^{*}$ holds.\n');
    assert.equal(markdown, 'It costs $5 and $10, or US$3. The ratio $p_{0}^{*}$ holds.\n');
  });

  test('a dollar that Pandoc would read as closing math is escaped, so it stays a dollar', () => {
    const { markdown } = imported('post.md', '---\ntitle: T\n---\n\nPrices in 5$ steps, from $a to b.\n');
    const { parsed } = reloaded(markdown);
    assert.ok(parsed);
    assert.equal(JSON.stringify(parsed.tree).includes('inlineMath'), false, markdown);
  });

  test("MathJax's \\(…\\) and \\[…\\] are math; \\[sic\\] and code are left alone", () => {
    const text = 'Let \\(x^2\\) be \\[sic\\] and `\\(y_1\\)`.\n\n\\[\n\\int_0^1 f\n\\]\n';
    const masked = texDelimitersAsDollars(text);
    assert.equal(masked.length, text.length);
    assert.equal(masked, 'Let $$x^2$$ be \\[sic\\] and `\\(y_1\\)`.\n\n$$\n\\int_0^1 f\n$$\n');
    const { markdown } = imported('post.md', `---\ntitle: T\n---\n\n${text}`);
    assert.equal(markdown, 'Let $x^2$ be \\[sic] and `\\(y_1\\)`.\n\n$$\n\\int_0^1 f\n$$\n');
  });
});

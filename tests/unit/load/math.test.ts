import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { parseChapter } from '../../../src/load/chapter.ts';

const chapter = (body: string) => new VFile({ path: 'chapters/a.md', value: `---\ntitle: A\nauthors: [Jane Smith]\n---\n\n${body}\n` });

function formulas(tree: Root): { type: string; value: string; display: boolean; mathml: boolean }[] {
  const found: { type: string; value: string; display: boolean; mathml: boolean }[] = [];
  const walk = (node: { type: string; children?: unknown[]; value?: string; data?: { mathml?: string; display?: boolean } }) => {
    if (node.type === 'math' || node.type === 'inlineMath')
      found.push({
        type: node.type,
        value: node.value ?? '',
        display: node.type === 'math' || node.data?.display === true,
        mathml: Boolean(node.data?.mathml),
      });
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
  };
  walk(tree as Parameters<typeof walk>[0]);
  return found;
}

describe('TeX math in a chapter (Pandoc’s tex_math_dollars)', () => {
  it('reads $…$ and $$…$$ with the TeX as written, each typeset as MathML', () => {
    // The line /tmp/t1 import made wrong: p\_{0}^{_} and |x|^2.
    const file = chapter('The optimal price $p_{0}^{*} < p_{1}^{*}$ rises.\n\n$$\n\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}\n$$');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    assert.deepEqual(formulas(parsed.tree), [
      { type: 'inlineMath', value: 'p_{0}^{*} < p_{1}^{*}', display: false, mathml: true },
      { type: 'math', value: '\\|x\\|_2 = \\sqrt{\\sum_i x_i^2}', display: true, mathml: true },
    ]);
    assert.deepEqual(file.messages, []);
  });

  it('keeps dollars in prose as text: costs $5 and $10, $20,000 and $30,000', () => {
    const file = chapter('It costs $5 and $10. Budgets of $20,000 and $30,000 and a $x$ here.');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    assert.deepEqual(
      formulas(parsed.tree).map((formula) => formula.value),
      ['x'],
    );
    assert.match(JSON.stringify(parsed.tree), /It costs \$5 and \$10\. Budgets of \$20,000 and \$30,000 and a /);
  });

  it('reads a chapter whose dollars are amounts in one parse (a parse of a long chapter costs as much as the rest of its build)', async () => {
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const { parseWithPandocMath, remarkPandocMath } = await import('../../../src/load/math-syntax.ts');
    const processor = unified().use(remarkParse).use(remarkPandocMath);
    let parses = 0;
    const parse = (text: string) => {
      parses += 1;
      return processor.parse(text);
    };
    // The default book's “Paving the Digital Silk Road…”: amounts, no math.
    const tree = parseWithPandocMath(parse, 'was given $10-million in 2019, and Huawei lost a $9-billion contract; Amazon at $1.46 trillion.');
    assert.equal(parses, 1);
    assert.deepEqual(
      tree.children.flatMap((node) => ('children' in node ? node.children.map((child) => child.type) : [])),
      ['text'],
    );
    parses = 0;
    parseWithPandocMath(parse, 'a $10 and x$ b');
    assert.equal(parses, 1);
  });

  it('a $$ opening line with TeX on it runs to the next $$, as display math, and swallows nothing after', () => {
    const parsed = parseChapter(chapter('$$f = \\begin{cases} a \\\\\nb\\end{cases}$$\n\nAfter, text.'));
    assert.ok(parsed);
    assert.deepEqual(
      formulas(parsed.tree).map((formula) => [formula.type, formula.value]),
      [['math', 'f = \\begin{cases} a \\\\\nb\\end{cases}']],
    );
    assert.match(JSON.stringify(parsed.tree), /After, text\./);
  });

  it('$$…$$ among words is display math, as Pandoc reads it', () => {
    const parsed = parseChapter(chapter('So $$E = mc^2$$ holds.'));
    assert.ok(parsed);
    assert.deepEqual(formulas(parsed.tree), [{ type: 'inlineMath', value: 'E = mc^2', display: true, mathml: true }]);
  });

  it('a formula that cannot be typeset is a math-invalid warning at its place, its TeX kept', () => {
    const file = chapter('First line.\n\nA broken $\\frac{1$ and an unknown $\\foo x$.');
    const parsed = parseChapter(file);
    assert.ok(parsed);
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column, message.fatal]),
      [
        ['math-invalid', 8, 10, false],
        ['math-invalid', 8, 35, false],
      ],
    );
    assert.match(String(file.messages[0]?.reason), /Unexpected end of input/);
    assert.deepEqual(
      formulas(parsed.tree).map((formula) => [formula.value, formula.mathml]),
      [
        ['\\frac{1', false],
        ['\\foo x', false],
      ],
    );
  });

  it('citations beside math are still citations', () => {
    const parsed = parseChapter(chapter('As $x_1$ shows [@smith2020, p. 33].'));
    assert.ok(parsed);
    assert.match(JSON.stringify(parsed.tree), /"type":"citation","value":"\[@smith2020, p\. 33\]"/);
  });
});

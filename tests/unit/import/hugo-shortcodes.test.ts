import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { withoutSiteSyntax } from '../../../src/import/markdown/site-syntax.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';

// Real posts (tests/fixtures/import/real/PROVENANCE.md): HugoBlox's teach-courses and toggle pages, Hinode's code-highlighting post.
const real = 'tests/fixtures/import/real';

function imported(path: string, text = readFileSync(path, 'utf8')) {
  const file = new VFile({ path, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const piece = result.chapters[0]?.piece;
  return {
    result,
    markdown: piece ? bodyToMarkdown(piece.body) : '',
    warnings: file.messages.filter((message) => message.ruleId === 'import-site-syntax').map((message) => [message.line, message.reason]),
  };
}

describe('Hugo paired shortcodes', () => {
  test('an inline spoiler alone on its line keeps its label and what it hides, as a block quote (HugoBlox teach-courses)', () => {
    const { markdown, warnings } = imported(`${real}/hugoblox/teach-courses/index.md`);
    assert.match(markdown, /^> \*\*👉 Click to view the solution\*\* You found me 🎉$/m);
    assert.equal(
      warnings.some(([line]) => line === 90),
      false,
    );
  });

  test('a spoiler on lines of its own is a block quote with its label; Hugo’s escaped shortcodes show as the site shows them, in code too (HugoBlox toggle)', () => {
    const { markdown, warnings, result } = imported(`${real}/hugoblox/toggle/toggle.md`);
    assert.match(markdown, /> \*\*Click to view the spoiler\*\*\n> You found me!\n>\n> Markdown is \*\*supported\*\*\./);
    assert.match(markdown, /```\n\{\{< spoiler text="Click to view the spoiler" >\}\}\n/);
    assert.doesNotMatch(markdown, /\/\*/);
    assert.deepEqual(warnings, []);
    assertEveryLineAccounted(result.lines, sourceLinesOf(readFileSync(`${real}/hugoblox/toggle/toggle.md`, 'utf8')));
  });

  test('escaped shortcodes in indented code are code, not shortcodes dropped as `{{< / >}}` (HugoBlox teach-courses)', () => {
    const { markdown, warnings } = imported(`${real}/hugoblox/teach-courses/index.md`);
    assert.match(markdown, /```\n\{\{< youtube D2vj0WcvH5c >\}\}\n```/);
    assert.match(markdown, /```\n\{\{< video src="my_video.mp4" controls="yes" >\}\}\n```/);
    assert.equal(
      warnings.some(([, reason]) => String(reason).includes('{{< / >}}')),
      false,
    );
  });

  test('a highlight shortcode on lines of its own is a code block in its language, its code untouched (Hinode)', () => {
    const { markdown, warnings } = imported(`${real}/hinode/code-highlighting.md`);
    assert.match(markdown, /```go\n\/\/ GetTitleFunc returns a func[\s\S]*\n {2}switch strings\.ToLower\(style\) \{\n[\s\S]*\n\}\n```/);
    assert.deepEqual(warnings, []);
  });

  test('a highlight shortcode on one line is a code block in its language; two in a row are two', () => {
    // The line from Hugo's shortcode documentation, which many Hugo sites' posts carry as written.
    const source = [
      '---',
      'title: Debugging',
      '---',
      '',
      '{{< highlight go >}} A bunch of code here {{< /highlight >}}',
      '{{< highlight bash>}} ls `pwd` {{< /highlight >}}',
      '',
    ];
    const { markdown } = imported('post.md', source.join('\n'));
    assert.equal(markdown.trim(), ['```go', 'A bunch of code here', '```', '', '```bash', 'ls `pwd`', '```'].join('\n'));
  });

  test('in a sentence, a paired highlight is code in the sentence; an unknown paired shortcode keeps what it holds and is reported', () => {
    const { text, changes } = withoutSiteSyntax(
      [
        'Write {{< highlight go >}}x := 1{{< /highlight >}} first.',
        '{{< panel >}}Lorem ipsum dolor sit amet.{{< /panel >}}',
        '{{< bs/toggle-item Go >}}',
        'Kept.',
        '{{< /bs/toggle-item >}}',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n').slice(0, 2), ['Write `x := 1` first.', '> Lorem ipsum dolor sit amet.']);
    const { text: unknown, changes: unknownChanges } = withoutSiteSyntax(['{{< tabs >}}', 'Kept.', '{{< /tabs >}}'].join('\n'));
    assert.deepEqual(unknown.split('\n'), ['', 'Kept.', '']);
    assert.deepEqual(
      unknownChanges.map((change) => [change.line, change.lossy]),
      [
        [1, true],
        [3, false],
      ],
    );
    assert.match(unknownChanges[0]?.reason ?? '', /does not know: what it holds is kept/);
    assert.equal(changes.find((change) => change.line === 1)?.lossy, false);
  });
});

// Checked by size, not by a clock a loaded machine can miss: each input is one the quadratic (or
// exponential) reading took minutes to hours on, and the test must end with the text read right.
describe('long runs of whitespace and unpaired shortcodes cost linear time', () => {
  const spaces = ' '.repeat(100_000);

  test('a 100,000-character line of a shortcode or component that never ends is kept as typed', () => {
    for (const line of [`{{< a${spaces}x`, `{{% a${spaces}x`]) {
      const { text, changes } = withoutSiteSyntax(line);
      assert.equal(text, line, line.slice(0, 20));
      assert.equal(changes.length, 0);
    }
    // A closing that pairs with nothing is a shortcode taken out (reported), the same at any length.
    assert.equal(withoutSiteSyntax(`{{< a${spaces}x >}} y {{< /b >}}`).changes.length, 1);
    for (const line of [`import X from 'x'\n\n<Card${spaces}x<`, `import X from 'x'\n\n<Card${spaces}>x>`]) {
      const { text } = withoutSiteSyntax(line);
      assert.equal(text, line.replace("import X from 'x'", ''), line.slice(0, 20));
    }
  });

  test('a line of block attributes that can be split many ways (`{a=a=a…!`) is kept as typed', () => {
    // Before, 24 repeats took 26 s, doubling with each: each `a=a` could be a value or the start of the next attribute.
    for (const line of [`{${'a=a'.repeat(30)}!`, `{${'a=a '.repeat(30)}!`, `{${'.a'.repeat(5000)}!`, `{a=${'a'.repeat(100_000)}`]) {
      const { text, changes } = withoutSiteSyntax(`A paragraph.\n${line}\n`);
      assert.equal(text, `A paragraph.\n${line}\n`, line.slice(0, 20));
      assert.equal(changes.length, 0);
    }
  });

  test('a file of 5,000 shortcodes with no closing: each taken out, each reported', () => {
    const distinct = Array.from({ length: 5000 }, (_, i) => `{{< figure${i} src="a.png" >}}\n`).join('\n');
    assert.equal(withoutSiteSyntax(distinct).changes.length, 5000);
  });
});

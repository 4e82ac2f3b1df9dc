import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { withoutSiteSyntax } from '../../../src/import/markdown/site-syntax.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';

// Starlight's own documentation (withastro/starlight, MIT; tests/fixtures/import/real/PROVENANCE.md): MDX indented with tabs.
const starlight = 'tests/fixtures/import/real/starlight';

function imported(path: string) {
  const text = readFileSync(path, 'utf8');
  const file = new VFile({ path, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const piece = result.chapters[0]?.piece;
  assertEveryLineAccounted(result.lines, sourceLinesOf(text));
  return { markdown: piece ? bodyToMarkdown(piece.body) : '', file };
}

describe('MDX components: their children are prose, as MDX reads them', () => {
  test('a card’s children indented with tabs are a paragraph under the card’s title, not a code block (card-grids.mdx)', () => {
    const { markdown } = imported(`${starlight}/card-grids.mdx`);
    assert.match(markdown, /^\*\*Stars\*\*\nSirius, Vega, Betelgeuse$/m);
    assert.match(markdown, /^\*\*Other feature\*\*\nMore information you want to share\.$/m);
    assert.doesNotMatch(markdown, /```\n\s*Sirius/);
    // Tabs inside a code fence are code: the example of how to write cards stays as typed.
    assert.match(markdown, /```mdx \{3,10\}\n[^`]*\n\t<Card title="Check this out" icon="open-book">\n\t\tInteresting content/);
  });

  test('a link card is the link it shows (card-grids.mdx)', () => {
    const { markdown, file } = imported(`${starlight}/card-grids.mdx`);
    assert.match(markdown, /^\[Authoring Markdown\]\(\/guides\/authoring-content\/\)\n\[Components\]\(\/components\/using-components\/\)$/m);
    assert.equal(
      file.messages.some((message) => message.ruleId === 'import-site-syntax'),
      false,
    );
  });

  test('a component opened over several lines goes with its attributes; its children are prose; tabs inside a list item stay in it (css-and-tailwind.mdx)', () => {
    const { markdown } = imported(`${starlight}/css-and-tailwind.mdx`);
    assert.doesNotMatch(markdown, /ThemeDesigner|labels=|Presets/);
    assert.match(markdown, /^Add the following CSS to your project in a \[custom CSS\nfile\]\(#custom-css-styles\) to apply this theme to your site\.$/m);
    assert.match(markdown, /^1\. Set up Tailwind[^\n]*\n\n {3}\*\*npm\*\*\n\n {3}```sh\n {3}npx astro add tailwind\n {3}```$/m);
  });

  test('the children of nested components lose the indentation each level added, not more: a nested list stays nested', () => {
    const source = ["import { Aside } from '@astrojs/starlight/components';", '', '<Aside title="Careful">', '\t- one', '\t\t- two', '</Aside>'];
    const { text, changes } = withoutSiteSyntax(source.join('\n'));
    assert.deepEqual(text.split('\n').slice(2), ['**Careful**', '- one', '\t- two', '']);
    assert.equal(changes.filter((change) => change.lossy).length, 0);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { withNoteShortcodes } from '../../../src/import/wordpress/note-shortcodes.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';

function imported(name: string, text: string) {
  const file = new VFile({ path: name, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const piece = result.chapters[0]?.piece;
  return { file, result, markdown: piece ? bodyToMarkdown(piece.body) : '' };
}

// Lines of a real Pelican post written for simple_footnotes (`[ref]…[/ref]`): its first note is never closed.
const pelicanPost = [
  'Title: When ID numbers get rounded',
  'Date: 2019-02-17 20:56',
  'Slug: rounding-ids',
  '',
  '**Bottom line:** ID numbers are whole numbers and the exact value is extremely important, so they are best storied as `int`. When they show up with decimal points in them, it is because the computer has decided to store them as `float` instead.[ref]There are many other data types for numbers, but most of them are variations on these two. `long` is a bigger `int`, `double` is a bigger `float`, and so on.',
  '',
  '',
  '## Common causes',
  '- Missing values',
  "\t- **Python** and other modern languages like **R**[ref]I think there is a related issue for R, but I haven't personally encountered it.[/ref] are perfectly happy to store huge numbers as exact values.",
  '- Bad input data',
  "\t- If the data you're working with were saved with this error, then nothing you do can undo it.[ref]I wasted a whole month once trying to salvage mangled data. Abandon all hope, ye who enter here.[/ref] You'll need to go back to a version of the data with full ID numbers and work from there.",
  '',
  "Cheers, Y'all. ",
  '',
  '### Notes',
  '',
].join('\n');

describe('footnote shortcodes typed where the marker goes', () => {
  it('a Markdown post’s [ref]…[/ref] notes become footnotes tied to their markers; an unclosed one runs to its paragraph’s end and is reported', () => {
    const { file, result, markdown } = imported('rounding-ids.md', pelicanPost);
    assert.equal(result.format, 'markdown');
    assert.match(markdown, /store them as `float` instead\.\[\^1\]\n/);
    assert.match(markdown, /like \*\*R\*\*\[\^2\] are perfectly happy/);
    assert.match(markdown, /undo it\.\[\^3\] You'll need/);
    assert.match(markdown, /\[\^1\]: There are many other data types for numbers, .*`double` is a bigger `float`, and so on\.\n/);
    assert.match(markdown, /\[\^2\]: I think there is a related issue for R, but I haven't personally encountered it\.\n/);
    assert.match(markdown, /\[\^3\]: I wasted a whole month once trying to salvage mangled data\. Abandon all hope, ye who enter here\.\n?$/);
    assert.doesNotMatch(markdown, /\[\/?ref\]|### Notes|^#+ Notes/m);
    assert.deepEqual(
      file.messages.filter((message) => message.ruleId === 'import-note-unclosed').map((message) => [message.line, message.column]),
      [[5, 245]],
    );
    assertEveryLineAccounted(result.lines, sourceLinesOf(pelicanPost));
  });

  it('a shortcode inside a code span stays code', () => {
    const { markdown } = imported('code.md', 'Title: Code\n\nType `[ref]a note[/ref]` to add a note.\n');
    assert.match(markdown, /`\[ref\]a note\[\/ref\]`/);
    assert.doesNotMatch(markdown, /\[\^/);
  });

  it('WordPress posts: Easy Footnotes, Simple Footnotes and Footnotes Made Easy notes are numbered in reading order, code left alone', () => {
    // The Easy Footnotes readme's own example line, then Footnotes Made Easy's double parentheses and a [ref].
    const html =
      'Easy Footnotes lets you add footnotes throughout your WordPress posts by using the shortcode [efn_note]Footnote content.[/efn_note]. ' +
      'Here ((a second note)) and <code>f((x))</code>, last[ref]Third[/ref].';
    const result = withNoteShortcodes(html);
    assert.equal(result.notes, 3);
    assert.match(
      result.html,
      /shortcode <sup id="shortcode-fnref-1"><a href="#shortcode-fn-1">1<\/a><\/sup>\. Here <sup[^>]*><a[^>]*>2<\/a><\/sup> and <code>f\(\(x\)\)<\/code>/,
    );
    assert.match(result.html, /<li id="shortcode-fn-1">Footnote content\. <a[^>]*>↩︎<\/a><\/li><li id="shortcode-fn-2">a second note/);
    assert.deepEqual(withNoteShortcodes('An [efn_note]open note with no end.').unclosed, ['[efn_note]']);
  });

  it('the notes go where [footnotes] asks for their list', () => {
    // The plugin readme's own lines: a note, then the shortcode that prints the list.
    const html = '<p>you can use the [footnote]your-footnote-here[/footnote] shortcode.</p>\n<p>[footnotes]</p>\n<p>After the list.</p>';
    const result = withNoteShortcodes(html);
    assert.match(
      result.html,
      /^<p>you can use the <sup[^>]*><a[^>]*>1<\/a><\/sup> shortcode\.<\/p>\n<p><ol class="footnotes"><li id="shortcode-fn-1">your-footnote-here /,
    );
    assert.match(result.html, /<\/ol><\/p>\n<p>After the list\.<\/p>$/);
  });
});

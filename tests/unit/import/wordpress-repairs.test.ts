import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandContentShortcodes, removeShortcodes } from '../../../src/import/content.ts';
import { autoParagraphs } from '../../../src/import/wordpress/autop.ts';
import { repairWordPressXml } from '../../../src/import/wordpress/repair-xml.ts';
import { importFixture } from '../../helpers/import.ts';

describe('WordPress exports that are not quite XML', () => {
  test('PHP warnings before the XML are set aside and reported; the export is read', () => {
    // tests/corpus/wxr/80dni-polish-travel-blog: a real export with three PHP warnings before `<?xml`.
    const { file, result } = importFixture('tests/corpus/wxr/80dni-polish-travel-blog', 'export.xml');
    assert.equal(result.chapters.length, 3);
    const repaired = file.messages.find((message) => message.ruleId === 'import-xml-repaired');
    assert.equal(repaired?.line, 2);
    assert.match(repaired?.reason ?? '', /lines 2–6 come before the XML/);
    assert.deepEqual(
      result.lines.slice(0, 7).map((fate) => (fate.fate === 'dropped' ? 'dropped' : fate.fate)),
      ['blank', 'dropped', 'blank', 'dropped', 'blank', 'dropped', 'dropped'],
    );
    assert.match((result.lines[1] as { reason: string }).reason, /PHP warnings/);
  });

  test('bare ampersands outside CDATA become &amp; at the same line; CDATA and entities are left alone', () => {
    const source = '<rss>\n<link>https://x.org/?a=1&b=2</link>\n<t>Tea &amp; &#8217; &x;</t>\n<c><![CDATA[a & b]]></c>\n</rss>';
    const repairs = repairWordPressXml(source);
    assert.deepEqual(repairs.ampersands, [{ line: 2, column: 25 }]);
    assert.equal(repairs.text.split('\n')[1], '<link>https://x.org/?a=1&amp;b=2</link>');
    assert.equal(repairs.text.split('\n')[3], '<c><![CDATA[a & b]]></c>');
  });

  test('places are found in the file’s own text: the preamble blanked to its line ends (CRLF too), the repairs not applied', () => {
    const source = 'Warning: x\r\nNotice: y\r\n<?xml version="1.0"?>\r\n<rss><link>?a=1&b=2</link><i>&c</i></rss>\r\n';
    const repairs = repairWordPressXml(source);
    assert.deepEqual(repairs.preamble, [1, 2]);
    assert.equal(repairs.located.text.length, source.length);
    assert.deepEqual(repairs.located.placeAt(source.indexOf('<rss>')), { line: 4, column: 1 });
    assert.deepEqual(repairs.ampersands, [
      { line: 4, column: source.indexOf('&b') - source.indexOf('<rss>') + 1 },
      { line: 4, column: source.indexOf('&c') - source.indexOf('<rss>') + 1 },
    ]);
    assert.match(repairs.text, /\?a=1&amp;b=2.*&amp;c/);
  });

  test('a well-formed export is not touched', () => {
    const source = '<?xml version="1.0"?>\n<rss><channel/></rss>\n';
    const repairs = repairWordPressXml(source);
    assert.equal(repairs.text, source);
    assert.equal(repairs.preamble, undefined);
  });
});

describe('WordPress shortcodes that hold text', () => {
  test('code shortcodes become one preformatted block, blank lines and all (tests/corpus/wxr/nikola-german-example)', () => {
    const html = autoParagraphs(
      expandContentShortcodes('Some source code.\n\n[sourcecode language="Python"]\nimport sys\n\nprint sys.version < 3\n[/sourcecode]\n\nThe end.'),
    );
    assert.equal(
      html,
      '<p>Some source code.</p>\n\n<pre><code class="language-python">import sys\n\nprint sys.version &lt; 3\n</code></pre>\n\n<p>The end.</p>',
    );
  });

  test('a quote shortcode becomes a blockquote with its attribution (tests/corpus/wxr/80dni-polish-travel-blog)', () => {
    assert.equal(expandContentShortcodes('[quote author="" source="" ]Czas na ciekawostkę![/quote]'), '<blockquote>Czas na ciekawostkę!</blockquote>');
    assert.equal(expandContentShortcodes('[quote author="Ann Lee"]Yes.[/quote]'), '<blockquote>Yes.<footer>— Ann Lee</footer></blockquote>');
  });

  test('other shortcodes keep the text they wrap; embeds go and are listed; [sic] and [1] stay', () => {
    const { html, removed } = removeShortcodes(
      '[highlight color="yellow"]Kept text[/highlight] [embed]https://youtu.be/x[/embed] [gallery ids="1,2"] [sic] [1]',
    );
    assert.equal(html, 'Kept text   [sic] [1]');
    assert.deepEqual(removed, ['embed', 'gallery']);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { expandCaptionShortcodes } from '../../../src/import/content.ts';
import { linkAutoEmbeds } from '../../../src/import/wordpress/auto-embeds.ts';
import { autoParagraphs } from '../../../src/import/wordpress/autop.ts';
import { assertEveryLineAccounted, fateOf, importFixture, lineOf } from '../../helpers/import.ts';

/** A WXR of one post, as WordPress writes it; `title` is written into the XML as given (escaped or CDATA). */
function wxr(title: string, content: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Theme Unit Test Data</title>
	<item>
		<title>${title}</title>
		<dc:creator><![CDATA[themedemos]]></dc:creator>
		<content:encoded><![CDATA[${content}]]></content:encoded>
		<wp:post_date><![CDATA[2013-01-05 10:00:00]]></wp:post_date>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
</channel>
</rss>
`;
}

function importPost(title: string, content: string) {
  return importFixture('tests/fixtures/import/wxr', 'post.xml', {}, wxr(title, content));
}

describe('WordPress classic posts are read as wpautop reads them', () => {
  // The theme unit test's "Markup: Title With Markup" (WordPress/wordpress-importer phpunit/data/theme-unit-test-data.xml).
  const list = 'Verify that:\n<ul>\n\t<li>The post title renders the word "with" in <em>italics</em>.</li>\n\t<li>The markup is removed.</li>\n</ul>\nAfter.';

  it('puts no line break inside or around list items, and makes paragraphs of the text around the list', () => {
    assert.equal(
      autoParagraphs(list),
      '<p>Verify that:</p>\n<ul>\n\t<li>The post title renders the word "with" in <em>italics</em>.</li>\n\t<li>The markup is removed.</li>\n</ul>\n<p>After.</p>',
    );
    const { markdown } = importPost('Markup', list);
    assert.equal(markdown[0], 'Verify that:\n\n- The post title renders the word "with" in _italics_.\n- The markup is removed.\n\nAfter.\n');
  });

  it('keeps line breaks inside paragraph text and list items, none next to block tags, and the lines where they were', () => {
    const html =
      '<h2>Address</h2>\n1 Infinite Loop\nCupertino\n\n<ol>\n\t<li>one\nline two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ol>\n<blockquote>\nQuoted.\n</blockquote>\n<table>\n<tr>\n<td>cell</td>\n</tr>\n</table>';
    const result = autoParagraphs(html);
    assert.equal(
      result,
      '<h2>Address</h2>\n<p>1 Infinite Loop<br>\nCupertino</p>\n\n<ol>\n\t<li>one<br>\nline two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n</ol>\n<blockquote>\nQuoted.\n</blockquote>\n<table>\n<tr>\n<td>cell</td>\n</tr>\n</table>',
    );
    assert.equal(result.split('\n').length, html.split('\n').length);
    assert.equal(autoParagraphs('One<br />\ntwo\n<pre>a\n\nb</pre>\nThree'), '<p>One<br />\ntwo</p>\n<pre>a\n\nb</pre>\n<p>Three</p>');
  });
});

describe('WordPress titles are text', () => {
  it('keeps escaped angle brackets (pelican/tests/content/wordpressexport.xml) and decodes entities once', () => {
    const titles = [
      [
        'A normal post with some &lt;html&gt; entities in the title. You can&#039;t miss them.',
        "A normal post with some <html> entities in the title. You can't miss them.",
      ],
      ['Why Vec&lt;T&gt; beats &lt;div&gt; soup', 'Why Vec<T> beats <div> soup'],
      ['Tea &amp;amp; Sympathy', 'Tea &amp; Sympathy'],
      // CDATA holds the title as WordPress stored it, HTML: the words of its inline tags are taken.
      ['<![CDATA[Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>]]>', 'Markup: Title With Markup'],
      ['<![CDATA[Vec&lt;T&gt; &amp; more]]>', 'Vec<T> & more'],
    ];
    for (const [written, title] of titles) assert.equal(importPost(written ?? '', '<p>Body.</p>').result.chapters[0]?.piece.meta.title, title);
  });
});

describe('WordPress captions', () => {
  it('takes the caption from the attribute of an old [caption] shortcode (pelican/tests/content/wordpressexport.xml)', () => {
    assert.equal(
      expandCaptionShortcodes('[caption attachment_id="42" align="aligncenter" width="300" caption="This is a pelican"]<img src="/p.png"/>[/caption]'),
      '<figure><img src="/p.png"/><figcaption>This is a pelican</figcaption></figure>',
    );
    assert.equal(
      expandCaptionShortcodes('[caption id="a" width="300"]<img src="/p.png" /> This also a pelican[/caption]'),
      '<figure><img src="/p.png" /><figcaption>This also a pelican</figcaption></figure>',
    );
    const { markdown } = importPost(
      'Caption',
      '[caption align="aligncenter" width="300" caption="This is a pelican"]<img src="https://example.org/p.png"/>[/caption]',
    );
    assert.match(markdown[0] ?? '', /^::figure\[This is a pelican\]\{remote="https:\/\/example\.org\/p\.png"\}/);
  });
});

describe('WordPress embeds are never silent', () => {
  it('links an address alone on its line (an auto-embed) and says where the site showed an embed', () => {
    const content = 'https://twitter.com/nacin/status/319508408669708289\n\nThis post tests Twitter Embeds.\n<code>https://not.an/embed</code>';
    assert.deepEqual(linkAutoEmbeds('a\n[embed]https://youtu.be/x[/embed]\n').embeds, [{ line: 2, column: 1, url: 'https://youtu.be/x' }]);
    const { markdown, file, sourceLines, result } = importPost('Media: Twitter Embeds', content);
    assert.equal(markdown[0], '<https://twitter.com/nacin/status/319508408669708289>\n\nThis post tests Twitter Embeds.\\\n`https://not.an/embed`\n');
    const line = lineOf(sourceLines, 'https://twitter.com/nacin');
    const warnings = file.messages.filter((message) => message.ruleId === 'import-site-syntax');
    assert.deepEqual(
      warnings.map((message) => [message.line, message.column]),
      [[line, (sourceLines[line - 1]?.indexOf('https') ?? 0) + 1]],
    );
    assert.match(warnings[0]?.reason ?? '', /twitter\.com\/nacin.*embed/);
    assert.equal(fateOf(result.lines, line), 'kept:body:1');
  });

  it('reports an iframe at its line with its address, and accounts its line as dropped (pelican/tests/content/wordpressexport.xml)', () => {
    const content =
      '<h1>Pelicans are scary</h1>\n\nPelicans are supposed to eat fish, damn it!\n\n<iframe width="420" height="315" src="http://www.youtube.com/embed/QNNl_uWmQXE" frameborder="0" allowfullscreen></iframe>\n\nBottom line.';
    const { file, sourceLines, result, markdown } = importPost('Post with raw data', content);
    const line = lineOf(sourceLines, '<iframe');
    const warning = file.messages.find((message) => message.ruleId === 'import-site-syntax');
    assert.equal(warning?.line, line);
    assert.match(warning?.reason ?? '', /embedded frame \(http:\/\/www\.youtube\.com\/embed\/QNNl_uWmQXE\)/);
    assert.match(fateOf(result.lines, line), /^dropped:.*embedded frame/);
    assert.match(markdown[0] ?? '', /Bottom line\./);
    assertEveryLineAccounted(result.lines, sourceLines);
  });
});

describe('the WordPress Theme Unit Test data (WordPress/wordpress-importer phpunit/data/theme-unit-test-data.xml)', () => {
  const { file, result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/wordpress-importer', 'theme-unit-test-data.xml');
  const chapter = (title: string) => {
    const index = result.chapters.findIndex((found) => found.piece.meta.title === title);
    assert.ok(index >= 0, `a chapter “${title}”`);
    return markdown[index] ?? '';
  };

  it('never starts or ends a list item with a hard line break', () => {
    for (const [index, body] of markdown.entries()) assert.doesNotMatch(body, /^\s*(?:[-*]|\d+\.) \\$|^\s+\\$/m, `${result.chapters[index]?.piece.meta.title}`);
    assert.match(
      chapter('Edge Case: Nested And Mixed Lists'),
      /^- Lists within lists do not break the ordered list numbering order\n- Your list styles go deep enough\.$/m,
    );
    assert.match(chapter('Markup: Title With Markup'), /^- The post title renders the word "with" in _italics_/m);
  });

  it('reads titles as text, whether escaped or in CDATA', () => {
    const titles = result.chapters.map((found) => found.piece.meta.title);
    assert.ok(titles.includes('Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:\'"?,.>'), titles.join(' | '));
    assert.ok(titles.includes('Markup: Title With Markup'));
  });

  it('keeps the caption given as a [caption] attribute', () => {
    assert.match(
      chapter('Post Format: Image (Linked)'),
      /::figure\[Chunk of resinous blackboy husk, Clarkson, Western Australia\. This burns like a spinifex log\.\]/,
    );
  });

  it('links an auto-embed and warns at its line; accounts for every line', () => {
    assert.match(chapter('Media: Twitter Embeds'), /^<https:\/\/twitter\.com\/nacin\/status\/319508408669708289>$/m);
    const line = lineOf(sourceLines, 'https://twitter.com/nacin/status/319508408669708289');
    assert.ok(file.messages.some((message) => message.ruleId === 'import-site-syntax' && message.line === line && /twitter\.com\/nacin/.test(message.reason)));
    assertEveryLineAccounted(result.lines, sourceLines);
  });

  it('reports each embed shortcode and player at its line and column, and drops a line that held only it', () => {
    const gallery = lineOf(sourceLines, '[gallery columns="1"]');
    const audio = lineOf(sourceLines, '<audio controls src=');
    const at = (line: number, needle: string) => [line, (sourceLines[line - 1] ?? '').indexOf(needle) + 1];
    const places = file.messages.filter((message) => message.ruleId === 'import-site-syntax').map((message) => [message.line, message.column]);
    assert.ok(
      places.some((place) => place.join() === at(gallery, '[gallery').join()),
      'the [gallery] shortcode, where it is',
    );
    assert.ok(
      places.some((place) => place.join() === at(audio, '<audio').join()),
      'the <audio> player, where it is',
    );
    assert.match(fateOf(result.lines, gallery), /^dropped:.*embedded frame or player/);
  });

  it('opens a post with its featured image (`_thumbnail_id`): the attachment’s caption, its alt text, reported as not fetched; its description, left out, is reported', () => {
    const body = chapter('WP 6.1 Theme block category');
    assert.match(
      body,
      /^::figure\[Albany wind-farm against the sunset, Western Australia\]\{remote="https:\/\/wpthemetestdata\.files\.wordpress\.com\/2008\/06\/dsc20050102_192118_51\.jpg" alt="Wind Farm"\}\n\nThis test post/,
    );
    const line = lineOf(sourceLines, '<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>');
    assert.deepEqual(
      file.messages.filter((message) => message.line === line).map((message) => message.ruleId),
      ['import-featured-image', 'import-remote-image'],
    );
    assert.equal(fateOf(result.lines, line, false), 'kept:figure');
  });

  it('does not repeat a featured image the post shows already', () => {
    assert.equal(chapter('Template: Featured Image (Horizontal)').match(/featured-image-horizontal\.jpg/g)?.length, 1);
  });

  it('a picture that is a link: to its larger copy on the web, named where the picture is reported as not fetched; to its own file or its gallery attachment page, nothing added', () => {
    const larger = file.messages.filter((message) => message.ruleId === 'import-remote-image' && message.reason.includes('links to a larger copy'));
    assert.deepEqual(
      larger.map((message) => [
        message.line,
        /\(it links to a larger copy, https:\/\/wpthemetestdata\.files\.wordpress\.com\/2008\/06\/100_5(?:540|478)\.jpg\)/.test(message.reason),
      ]),
      [
        [lineOf(sourceLines, '<a href="https://wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg"><img'), true],
        [lineOf(sourceLines, '<a href="https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg"><img'), true],
      ],
    );
    assert.ok(!file.messages.some((message) => message.ruleId === 'figure-link-dropped'));
    assert.ok(!markdown.some((body) => body.includes('::figure[<')), 'no caption is a bare address');
  });
});

describe('WordPress featured images (TryGhost/migrate packages/mg-wp-xml/test/fixtures/feature-image-captions.xml)', () => {
  const { file, result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/tryghost-migrate', 'feature-image-captions.xml');

  it('a featured image with a description has it as caption; its title is not taken for alt text (WordPress names it after the file unless told); a post without has none', () => {
    assert.deepEqual(
      markdown.map((body) => body.split('\n')[0]),
      [
        '::figure[The caption from the attachment description.]{remote="https://example.com/wp-content/uploads/2013/06/described-image.jpg"}',
        '::figure{remote="https://example.com/wp-content/uploads/2013/06/title-only-image.jpg"}',
        'This post has no featured image at all.',
      ],
    );
    assert.deepEqual(
      file.messages.filter((message) => message.ruleId === 'import-remote-image').map((message) => message.line),
      [lineOf(sourceLines, '<wp:meta_key>_thumbnail_id</wp:meta_key>'), lineOf(sourceLines, '<wp:meta_key>_thumbnail_id</wp:meta_key>', 2)],
    );
    assertEveryLineAccounted(result.lines, sourceLines);
  });

  it('a featured image whose attachment is not in the export is reported, not silently missing', () => {
    const text = readFileSync('tests/fixtures/import/real/tryghost-migrate/feature-image-captions.xml', 'utf8').replace('<![CDATA[26]]>', '<![CDATA[99]]>');
    const missing = importFixture('tests/fixtures/import/real/tryghost-migrate', 'feature-image-captions.xml', {}, text);
    const report = missing.file.messages.find((message) => message.ruleId === 'import-featured-image');
    assert.match(String(report?.reason), /featured image \(attachment 99\) is not in the export/);
    assert.equal(report?.line, lineOf(missing.sourceLines, '<wp:meta_key>_thumbnail_id</wp:meta_key>', 2));
    assert.match(missing.markdown[1] ?? '', /^This post's featured image only has a title/);
  });
});

describe('a podcast episode’s enclosure (TryGhost/migrate’s has-audio-enclosure.xml)', () => {
  const { file, result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/tryghost-migrate', 'has-audio-enclosure.xml');

  it('the audio file the post was published with is reported with its address and type, never dropped as bookkeeping', () => {
    const key = lineOf(sourceLines, '<wp:meta_key><![CDATA[enclosure]]></wp:meta_key>');
    const warning = file.messages.find((message) => message.ruleId === 'import-site-syntax' && message.line === key);
    assert.match(String(warning?.reason), /a sound recording \(http:\/\/media\.libsyn\.com\/media\/example\/podcast\.mp3, audio\/mpeg\)/);
    for (const line of [key, key + 1, key + 4]) assert.match(fateOf(result.lines, line), /^dropped:the post’s enclosure/);
    assert.equal(markdown[0]?.trim(), 'This is the episode description.');
  });

  it('accounts for every line', () => assertEveryLineAccounted(result.lines, sourceLines));
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VFile } from 'vfile';
import { formatPartialDate, parseDate } from '../../../src/core/dates.ts';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importInput, importSource } from '../../../src/import/import.ts';
import { nameForAuthorKey, withoutAffiliation } from '../../../src/import/markdown/front-matter.ts';
import { withoutSiteSyntax } from '../../../src/import/markdown/site-syntax.ts';
import { assertEveryLineAccounted, fateOf, importFixture, lineOf } from '../../helpers/import.ts';

// Lines of real posts (Markdown generators and a Substack export): Docusaurus's blog (facebook/docusaurus), digital.gov (GSA/digitalgov.gov, Hugo
// and its earlier Jekyll form), cal-heatmap's Docusaurus docs and the Kubernetes blog.
function imported(path: string, text: string) {
  const file = new VFile({ path, value: text });
  const piece = importSource(file, { defaultAuthor: undefined }).chapters[0]?.piece;
  return { file, piece, markdown: piece ? bodyToMarkdown(piece.body) : '', rules: file.messages.map((message) => [message.ruleId, message.line]) };
}

describe('Docusaurus and MDX syntax', () => {
  test('an admonition becomes a block quote, its title in bold; the colons are gone', () => {
    const info = withoutSiteSyntax([':::info', '', '`appId` is now **required**.', '', ':::'].join('\n'));
    assert.deepEqual(info.text.split('\n'), ['', '>', '> `appId` is now **required**.', '>', '']);
    const titled = withoutSiteSyntax([':::warning Work in progress', 'Documention for this option is incomplete', ':::'].join('\n'));
    assert.deepEqual(titled.text.split('\n'), ['> **Work in progress**', '> Documention for this option is incomplete', '']);
    assert.equal(titled.changes.filter((change) => change.lossy).length, 0);
  });

  test('an admonition inside a code fence is code, left alone', () => {
    const source = ['```md', ':::tip', 'x', ':::', '```'].join('\n');
    assert.equal(withoutSiteSyntax(source).text, source);
  });

  test('the excerpt marker, imports and wrapper components go; a self-closing component is reported', () => {
    const { text, changes } = withoutSiteSyntax(
      [
        '<!--truncate-->',
        "import BrowserWindow from '@site/src/components/BrowserWindow';",
        'import BVideo from "@site/src/components/BVideo";',
        '<BrowserWindow>',
        '### 视频演示',
        '<BVideo src="" bsrc=""/>',
        '</BrowserWindow>',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), ['', '', '', '', '### 视频演示', '', '']);
    assert.deepEqual(
      changes.filter((change) => change.lossy).map((change) => change.line),
      [6],
    );
  });

  test('a sentence starting with "import" and a lowercase HTML tag are text', () => {
    const source = ['import the data from the API first.', '<details>'].join('\n');
    assert.equal(withoutSiteSyntax(source).text, source);
  });
});

describe('pictures in site-specific tags', () => {
  test('a Hugo shortcode or a Jekyll include naming an image file becomes a picture with its alt text', () => {
    const { text, changes } = withoutSiteSyntax(
      [
        '{{< legacy-img src="2015/04/600-x-502-Mystic-Mountain-Dust-Pillars.jpg" alt="Image Credit: Hubble Legacy Archive, NASA, ESA; Processing & Copyright: David Forteza" caption="" >}} ',
        '{% include image/full-width.html img="https://s3.amazonaws.com/sitesusa/wp-content/uploads/sites/212/2015/04/600-x-502-Mystic.jpg" alt="Image Credit: Hubble Legacy Archive, NASA, ESA" %} ',
        '{{< youtube id="w7Ft2ymGmfc" >}}',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), [
      '![Image Credit: Hubble Legacy Archive, NASA, ESA; Processing & Copyright: David Forteza](<2015/04/600-x-502-Mystic-Mountain-Dust-Pillars.jpg>)',
      '![Image Credit: Hubble Legacy Archive, NASA, ESA](<https://s3.amazonaws.com/sitesusa/wp-content/uploads/sites/212/2015/04/600-x-502-Mystic.jpg>)',
      '',
    ]);
    assert.deepEqual(
      changes.filter((change) => change.lossy).map((change) => change.line),
      [3],
    );
  });
});

describe('authors in front matter', () => {
  test('an employer or pronouns in brackets after a name are not part of it', () => {
    assert.equal(withoutAffiliation('Kensei Nakada (Tetrate)'), 'Kensei Nakada');
    assert.equal(withoutAffiliation('Robert (Bob) Smith'), 'Robert (Bob) Smith');
    const { piece } = imported(
      'post.md',
      ['---', "title: 'Kubernetes 1.31: MatchLabelKeys'", 'author: >', '  Kensei Nakada (Tetrate)', '---', '', 'Text.'].join('\n'),
    );
    assert.deepEqual(piece?.meta.authors, ['Kensei Nakada']);
  });

  test('a Docusaurus author given only by its authors.yml key is reported, not dropped and not taken as a name', () => {
    const { piece, rules } = imported(
      'index.mdx',
      [
        '---',
        'title: DocSearch migration',
        'authors:',
        '  - name: Clément Vannicatte',
        '    title: Software Engineer @ Algolia',
        '  - key: slorber',
        '---',
        '',
        'Text.',
      ].join('\n'),
    );
    assert.deepEqual(piece?.meta.authors, ['Clément Vannicatte']);
    assert.deepEqual(rules, [['import-author-incomplete', 3]]);
  });

  test('an author key is read as the name the post prints for it, reported as inferred', () => {
    const text = [
      '---',
      "title: 'NASA APIs: Opening Data Assets'",
      'authors:',
      '  - dan-hammer',
      '---',
      '',
      'Stay tuned for api.nasa.gov!_Dan Hammer is a Presidential Innovation Fellow at NASA Headquarters._',
    ].join('\n');
    const { piece, rules } = imported('2015-04-16-nasa-apis.md', text);
    assert.deepEqual(piece?.meta.authors, ['Dan Hammer']);
    assert.deepEqual(rules, [['import-author-inferred', 7]]);
    assert.equal(nameForAuthorKey('slorber', ['Sébastien Lorber wrote this']), undefined);
    assert.equal(nameForAuthorKey('dan-hammer', ['the dan hammer case']), undefined);
  });
});

describe('Pelican and MultiMarkdown metadata headers', () => {
  // The example of Pelican's documentation (docs/content.rst), as sites copy it.
  const pelican = [
    'Title: My super title',
    'Date: 2010-12-03 10:20',
    'Modified: 2010-12-05 19:30',
    'Category: Python',
    'Tags: pelican, publishing',
    'Slug: my-super-post',
    'Authors: Alexis Metaireau, Conan Doyle',
    'Summary: Short version for index and feeds',
    '',
    'This is the content of my super blog post.',
  ];

  test('the `Key: value` lines before the first blank line are the metadata, not the first paragraph', () => {
    const { piece, markdown } = imported('content/my-super-post.md', pelican.join('\n'));
    assert.equal(piece?.meta.title, 'My super title');
    assert.deepEqual(piece?.meta.authors, ['Alexis Metaireau', 'Conan Doyle']);
    assert.equal(piece?.meta.date, '2010-12-03');
    assert.deepEqual(piece?.meta.tags, ['pelican', 'publishing']);
    assert.equal(markdown.trim(), 'This is the content of my super blog post.');
  });

  test('a draft is not imported; a post that opens with “Note: …” keeps it as text', () => {
    const draft = imported('draft.md', ['Title: Unfinished', 'Status: draft', '', 'Text.'].join('\n'));
    assert.equal(draft.piece, undefined);
    const note = imported('note.md', ['# A post', '', 'Note: this post is old.', '', 'Text.'].join('\n'));
    assert.match(note.markdown, /Note: this post is old\./);
  });
});

describe('Hugo shortcodes inside a sentence', () => {
  test('a shortcode that carries its words becomes them; one showing site data keeps its term and is reported; code is left alone', () => {
    const { text, changes } = withoutSiteSyntax(
      [
        ' The smallest and simplest Kubernetes object. A Pod represents a set of running {{< glossary_tooltip text="containers" term_id="container" >}} on your cluster.',
        'Pods are commonly managed by a {{< glossary_tooltip term_id="deployment" >}}.',
        'Write `{{< glossary_tooltip text="x" >}}` in a page.',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), [
      ' The smallest and simplest Kubernetes object. A Pod represents a set of running containers on your cluster.',
      'Pods are commonly managed by a deployment.',
      'Write `{{< glossary_tooltip text="x" >}}` in a page.',
    ]);
    assert.deepEqual(
      changes.map((change) => [change.line, change.lossy]),
      [
        [1, false],
        [2, true],
      ],
    );
  });
});

describe('Pandoc fenced divs', () => {
  test('the fences of a div that is no admonition go and what it holds stays, unquoted (the Pandoc manual’s example)', () => {
    const { text, changes } = withoutSiteSyntax(['::::: {#special .sidebar}', 'Here is a paragraph.', '', 'And another.', ':::::'].join('\n'));
    assert.deepEqual(text.split('\n'), ['', 'Here is a paragraph.', '', 'And another.', '']);
    assert.equal(changes.filter((change) => change.lossy).length, 0);
  });

  test('cal-heatmap’s Docusaurus tip and caution are admonitions: quoted', () => {
    const { text } = withoutSiteSyntax([':::tip', 'All examples are accompanied by a live editable code.', ':::'].join('\n'));
    assert.deepEqual(text.split('\n'), ['', '> All examples are accompanied by a live editable code.', '']);
  });
});

describe('Jekyll Liquid around links and code (jekyllrb.com news)', () => {
  test('a URL filter in a link is its quoted path; raw tags go, in code too; Liquid in code stays code', () => {
    const { text } = withoutSiteSyntax(
      [
        'See our [documentation on the subject]({{ "/docs/themes/#assets" | relative_url }})',
        '{% highlight liquid %}',
        '{% raw %}',
        '{{ "/docs/assets/" | relative_url }} => /myproject/docs/assets',
        '{% endraw %}',
        '{% endhighlight %}',
      ].join('\n'),
    );
    assert.deepEqual(text.split('\n'), [
      'See our [documentation on the subject](/docs/themes/#assets)',
      '```liquid',
      '',
      '{{ "/docs/assets/" | relative_url }} => /myproject/docs/assets',
      '',
      '```',
    ]);
  });

  test('a date with a time and a UTC offset is the day written (core/dates.ts reads Jekyll’s and Git’s form)', () => {
    const day = (value: string) => {
      const date = parseDate(value);
      return date && formatPartialDate(date);
    };
    assert.equal(day('2016-10-06 11:10:38 -0700'), '2016-10-06');
    assert.equal(day('2015-04-16 10:00:00'), '2015-04-16');
    assert.equal(day('June 28th, 2022'), '2022-06-28');
  });
});

describe('Substack embeds', () => {
  test('an uploaded video (a real post’s VideoPlaceholder) is taken out and reported at its line; footnotes and text stay', () => {
    const body = [
      '<p>Aunque trabaja con vídeo no ha sido entrenado con secuencias de vídeos<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-1" href="#footnote-1" target="_self">1</a>, sino que descompone el vídeo.</p>',
      '<p>Mirad qué impresionante:</p>',
      '',
      '<div class="native-video-embed" data-component-name="VideoPlaceholder" data-attrs="{&quot;mediaUploadId&quot;:&quot;b66aaef5-0a08-44a9-9c5b-666c646a7c4a&quot;,&quot;duration&quot;:null}">',
      '</div>',
      '<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>Una nota.</p></div></div>',
    ].join('\n');
    const entry = (name: string, value: string) => ({ name, size: value.length, file: new VFile({ path: `export/${name}`, value }) });
    const archive = {
      file: new VFile({ path: 'export' }),
      container: 'folder' as const,
      ignored: [],
      entries: [
        entry(
          'posts.csv',
          'post_id,post_date,is_published,email_sent_at,type,audience,title,subtitle,podcast_url\n123401.plain-text,2024-05-17T10:00:00.000Z,TRUE,,newsletter,everyone,Del 16 de abril al 15 de mayo,,\n',
        ),
        entry('posts/123401.plain-text.html', body),
      ],
    };
    const result = importInput({ kind: 'archive', archive }, { defaultAuthor: undefined });
    const markdown = bodyToMarkdown(result.chapters[0]?.piece.body ?? { type: 'root', children: [] });
    assert.match(markdown, /secuencias de vídeos\[\^1\], sino/);
    assert.match(markdown, /\[\^1\]: Una nota\./);
    const embedMessages = archive.entries[1]?.file.messages.map((message) => [message.ruleId, message.line]);
    assert.deepEqual(embedMessages, [['import-site-syntax', 4]]);
  });
});

describe('Docusaurus magic comments', () => {
  test('highlight comments in code go (the site hides them); the code stays', () => {
    const source = [
      '```js title="docusaurus.config.js"',
      '    algolia: {',
      '      // highlight-start',
      "      appId: '<NEW_APP_ID>',",
      '      // highlight-end',
      '    },',
      '```',
    ].join('\n');
    assert.deepEqual(withoutSiteSyntax(source).text.split('\n'), [
      '```js title="docusaurus.config.js"',
      '    algolia: {',
      '',
      "      appId: '<NEW_APP_ID>',",
      '',
      '    },',
      '```',
    ]);
  });
});

describe('JSX blocks of a Docusaurus post read as MDX (zkmopro’s blog)', () => {
  const block = [
    "import Tweet from '@site/src/components/Tweet';",
    '',
    "        <td style={{padding: '1rem', textAlign: 'center'}}>",
    "          <p style={{fontStyle: 'italic', marginBottom: '1rem', color: '#888', fontSize: '0.95rem'}}>",
    '            [ZeroSurf](#-third-prize-zerosurf) demo: Privacy-preserving age verification with deeplink integration',
    '          </p>',
    '          <Tweet tweetId="1979055018683556051" width="400px" />',
    '        </td>',
  ];

  test('a component dropped between HTML lines leaves an empty comment, not a blank line that would end the block', () => {
    const { text, changes } = withoutSiteSyntax(block.join('\n'));
    assert.equal(text.split('\n')[6], '<!---->');
    assert.deepEqual(
      changes.filter((change) => change.lossy).map((change) => change.line),
      [7],
    );
  });

  test('a Markdown link in the block is the link MDX makes of it; in a file with no MDX it is left as typed', () => {
    const mdx = withoutSiteSyntax(block.join('\n')).text.split('\n')[4];
    assert.equal(mdx, '            <a href="#-third-prize-zerosurf">ZeroSurf</a> demo: Privacy-preserving age verification with deeplink integration');
    const plain = withoutSiteSyntax(
      block
        .slice(3)
        .join('\n')
        .replace(/ style=\{\{[^}]*\}\}/g, ''),
    ).text.split('\n')[1];
    assert.equal(plain, '            [ZeroSurf](#-third-prize-zerosurf) demo: Privacy-preserving age verification with deeplink integration');
  });
});

describe('MDX export statements', () => {
  test('an export statement goes; a sentence that starts with “export” stays', () => {
    const source = ['export const meta = {', 'export default function Layout({children}) {', 'export default settings are fine for most sites.'].join('\n');
    assert.deepEqual(withoutSiteSyntax(source).text.split('\n'), ['', '', 'export default settings are fine for most sites.']);
  });
});

describe('block-quote markup of Hugo posts (bin16/hugo-theme-island’s hello-world post)', () => {
  const { file, result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/hugo-theme-island', 'hello-world.md');
  const body = markdown[0] ?? '';

  test('a GitHub alert’s marker is not text: the quote is the alert, and a titled one (Obsidian’s `[!WARNING]+ Title`) has its title in bold', () => {
    assert.doesNotMatch(body, /\[!|\\\[!/);
    assert.match(body, /\n> Useful information that users should know, even when skimming content\.\n/);
    assert.match(body, /\n> \*\*Cras in sem maximus\*\*\n> Proin volutpat feugiat felis eu efficitur\./);
    const marker = lineOf(sourceLines, '> [!NOTE]');
    assert.match(fateOf(result.lines, marker, false), /^dropped:the marker of a note alert/);
  });

  test('block attributes after a quote are not text; the caption they held, which the site showed, is reported with its words', () => {
    assert.doesNotMatch(body, /\{cite=/);
    const line = lineOf(sourceLines, '{cite="https://lipsum.com" caption="Nulla sed ipsum laoreet, suscipit dui sed"}');
    const warning = file.messages.find((message) => message.ruleId === 'import-site-syntax' && message.line === line);
    assert.match(String(warning?.reason), /“Nulla sed ipsum laoreet, suscipit dui sed” \(citing https:\/\/lipsum\.com\)/);
  });

  test('accounts for every line', () => assertEveryLineAccounted(result.lines, sourceLines));
});

describe('Obsidian syntax in Quartz’s own pages (jackyzha0/quartz docs)', () => {
  test('a wikilink is kept as the words it showed (its alias, else the note’s name), and reported: the note it links to is not in the book', () => {
    const { file, result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/quartz', 'index.md');
    const body = markdown[0] ?? '';
    assert.doesNotMatch(body, /\[\[|\]\]/);
    assert.match(body, /teachers are already using Quartz to publish/);
    assert.match(body, /3\. Change Quartz's layout\n/);
    assert.match(body, /- Obsidian compatibility, full-text search, graph view, note transclusion, wikilinks, backlinks, Latex,/);
    const line = lineOf(sourceLines, '[[showcase|already using Quartz]]');
    const warning = file.messages.find((message) => message.ruleId === 'import-site-syntax' && message.line === line);
    assert.match(String(warning?.reason), /a link to another note of the site \(\[\[showcase\]\]\)/);
    assertEveryLineAccounted(result.lines, sourceLines);
  });

  test('callouts nested in callouts each lose their marker and keep their title; one in a code block stays code', () => {
    const { result, markdown, sourceLines } = importFixture('tests/fixtures/import/real/quartz', 'callouts.md');
    const body = markdown[0] ?? '';
    assert.match(body, /```\n> \[!info\] Title\n> This is a callout!\n```/);
    assert.match(
      body,
      /> \*\*Can callouts be _nested_\?\*\*\n>\n> > \*\*Yes!, they can\. And collapsed!\*\*\n> >\n> > > \*\*You can even use multiple layers of nesting\.\*\*/,
    );
    assert.equal(body.match(/\[!/g)?.length, 1);
    assertEveryLineAccounted(result.lines, sourceLines);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { chapterFrontMatterSchema } from '../../../../src/config/schema.ts';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { importSource } from '../../../../src/import/import.ts';
import type { LineFate } from '../../../../src/import/types.ts';
import { fixtureFile, messagesOf } from './helpers.ts';

function importFixture(name: string, defaultAuthor?: string) {
  const file = fixtureFile(name);
  const result = importHtml(file, { defaultAuthor });
  const piece = result.pieces[0];
  const sourceLines = String(file.value).split('\n');
  if (String(file.value).endsWith('\n')) sourceLines.pop();
  return { file, result, piece, markdown: piece ? bodyToMarkdown(piece.body) : '', sourceLines };
}

/** The Markdown read back as a chapter would be: the footnotes and figures must be real nodes. */
function reparsed(markdown: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
  return processor.runSync(processor.parse(markdown)) as Root;
}

function nodeTypes(tree: Root): Map<string, number> {
  const counts = new Map<string, number>();
  visit(tree, (node) => {
    const key = node.type === 'leafDirective' ? `::${node.name}` : node.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

function fateOf(lines: readonly LineFate[], line: number): string {
  const fate = lines[line - 1];
  if (!fate) return 'missing';
  if (fate.fate === 'kept' || fate.fate === 'metadata') return `${fate.fate}:${fate.field}`;
  if (fate.fate === 'dropped') return `dropped:${fate.reason}`;
  return fate.fate;
}

function lineOf(sourceLines: readonly string[], text: string): number {
  const index = sourceLines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `the fixture has a line with “${text}”`);
  return index + 1;
}

const pieces = [
  'wordpress-classic.html',
  'wordpress-block.html',
  'substack.html',
  'medium.html',
  'ghost.html',
  'hand-made-word.html',
  'hand-made-sup.html',
  'unsafe.html',
];

describe('importHtml: every page', () => {
  for (const name of pieces) {
    it(`${name}: one piece with valid front matter, real footnotes and figures, and a fate for every line`, () => {
      const { result, piece, markdown, sourceLines } = importFixture(name, 'Default Author');
      assert.equal(result.pieces.length, 1);
      assert.ok(piece);
      const parsed = chapterFrontMatterSchema.safeParse(piece.meta);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      assert.equal(piece.meta.rights, '');
      assert.equal(piece.meta.source?.file, `tests/fixtures/import/html/${name}`);

      const counts = nodeTypes(reparsed(markdown));
      assert.equal(counts.get('footnoteReference') ?? 0, [...markdown.matchAll(/\[\^\d+\](?!:)/g)].length, 'every marker reads back as a footnote reference');
      assert.equal(counts.get('footnoteDefinition') ?? 0, [...markdown.matchAll(/^\[\^\d+\]:/gm)].length);
      assert.equal(counts.get('::figure') ?? 0, [...markdown.matchAll(/^::figure/gm)].length, 'every figure reads back as a directive');

      assert.deepEqual(
        result.lines.map((fate) => fate.line),
        sourceLines.map((_, index) => index + 1),
      );
      result.lines.forEach((fate, index) => {
        assert.equal(fate.fate === 'blank', (sourceLines[index] ?? '').trim() === '', `line ${fate.line} is blank exactly when it is empty`);
      });
      const [first, last] = piece.meta.source?.lines ?? [0, 0];
      const used = result.lines.filter((fate) => fate.fate === 'kept' || fate.fate === 'metadata').map((fate) => fate.line);
      assert.deepEqual([first, last], [Math.min(...used), Math.max(...used)]);
    });
  }
});

describe('importHtml: WordPress classic theme, footnote plugin, [caption]', () => {
  const { piece, markdown, file, result, sourceLines } = importFixture('wordpress-classic.html');

  it('writes the front matter from the page’s metadata', () => {
    assert.deepEqual(piece?.meta, {
      title: 'The Long Road to Samarkand',
      authors: ['Ruth Alder'],
      date: '2016-04-12',
      venue: 'Steppe Notes',
      source: { file: 'tests/fixtures/import/html/wordpress-classic.html', lines: [13, 90] },
      source_url: 'https://steppenotes.example.org/2016/04/12/the-long-road-to-samarkand/',
      rights: '',
    });
  });

  it('keeps the text with its emphasis, links (made absolute), heading, list and quotation', () => {
    assert.ok(markdown.startsWith('It was the _third_ day out of Bukhara'));
    assert.ok(markdown.includes('We had been following it, he said, **in spirit**.'));
    assert.ok(markdown.includes('[a winter in Khiva](https://steppenotes.example.org/2015/11/03/a-winter-in-khiva/)'));
    assert.ok(markdown.includes('\n## The teahouses\n'));
    assert.ok(markdown.includes('- the shade, measured in _trees_ rather than awnings;\n'));
    assert.ok(markdown.includes('\n> The road is long, but the bread is fresh.\n'));
    assert.ok(markdown.includes('We stayed there two hours 🙂'));
  });

  it('places the footnote references where the markers were and takes the notes from after the post content', () => {
    assert.ok(markdown.includes('the road he had promised us did not exist.[^1] We had been'));
    assert.ok(markdown.includes('therefore only the second best.[^2] We stayed'));
    assert.ok(
      markdown.endsWith(
        '[^1]: The M37 was being rebuilt at the time, with a Chinese loan, in sections that did not yet meet.\n\n[^2]: The first best, in Rustam’s ranking, was his cousin’s, which we never found.\n',
      ),
    );
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<li id="fn-412-1">')), 'kept:notes');
  });

  it('turns the [caption] block into a figure with caption and credit, and the linked picture into a remote figure', () => {
    assert.ok(
      markdown.includes(
        '::figure[The Registan at dusk, seen from the north side of the square.]{src="the-long-road-to-samarkand_files/registan-1024x683.jpg" credit="Photo: Ruth Alder"}',
      ),
    );
    assert.ok(
      markdown.includes(
        '::figure{remote="https://steppenotes.example.org/wp-content/uploads/2016/04/bus-300x200.jpg" alt="An old Ikarus bus by the roadside"}',
      ),
    );
    const remote = messagesOf(file, 'import-remote-image');
    assert.deepEqual(
      remote.map((message) => message.line),
      [lineOf(sourceLines, 'bus-300x200.jpg')],
    );
  });

  it('drops the page around the article, and says why', () => {
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'id="menu-main"')), 'dropped:page chrome outside the article (navigation, scripts, comments)');
    for (const text of ['Rustam sounds like a legend', 'widget-title">Recent Posts', 'Proudly powered by WordPress', 'twentysixteen/js/functions.js']) {
      assert.equal(fateOf(result.lines, lineOf(sourceLines, text)), 'dropped:page chrome outside the article (navigation, scripts, comments)', text);
    }
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<meta name="description"')), 'dropped:page head: scripts, styles and metadata not used');
  });

  it('accounts for the lines that gave metadata, the title heading and the removed share buttons', () => {
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'og:site_name')), 'metadata:venue');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'article:published_time')), 'metadata:date');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<h1 class="entry-title">')), 'metadata:title');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'class="sharedaddy')), 'dropped:site chrome: share buttons');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'class="wp-caption')), 'kept:figure');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<h2>The teahouses')), 'kept:heading');
  });

  it('reports the onclick on a marker as sanitised markup', () => {
    assert.deepEqual(
      messagesOf(file, 'import-sanitised').map((message) => message.line),
      [lineOf(sourceLines, 'fdfootnote_show(412)')],
    );
  });
});

describe('importHtml: WordPress block theme with the core footnotes block', () => {
  const { markdown, file } = importFixture('wordpress-block.html');

  it('keeps headings (shifted only when needed), the ordered list, the quotation with its source and the table', () => {
    assert.ok(markdown.includes('\n## What the surveyors found\n'));
    assert.ok(markdown.includes('\n### What comes next\n'));
    assert.ok(markdown.includes('1. Find the well on the 1986 sheet.\n2. Walk to it with the **GPS unit** and the rope.\n'));
    assert.ok(markdown.includes('> Every dry well is a family that left.\n>\n> Aziz, the water office clerk'));
    assert.ok(markdown.includes('| Moynaq  | 88            | 30               |'));
  });

  it('turns data-fn markers into references and keeps the unreferenced note, with a warning', () => {
    assert.ok(markdown.includes('Nobody had done it since 1986.[^1]'));
    assert.ok(markdown.includes('has the full list.[^2]'));
    assert.ok(markdown.includes('[^2]: Wells were counted as _found_ when the head or its concrete ring could be seen.\n'));
    assert.ok(markdown.includes('[^3]: The volunteers were paid in petrol.\n'));
    assert.ok(!markdown.includes('↩'));
    assert.equal(messagesOf(file, 'note-unreferenced').length, 1);
  });

  it('makes the block image with its figcaption a figure with a credit', () => {
    assert.ok(
      markdown.includes(
        '::figure[A well head near Moynaq, October 2023.]{credit="Photo by Dilnoza Karimova" remote="https://aralfieldnotes.example.com/wp-content/uploads/2023/11/well-1024x683.jpg"}',
      ),
    );
  });
});

describe('importHtml: Substack', () => {
  const { piece, markdown, sourceLines, result } = importFixture('substack.html');

  it('takes the subtitle as the standfirst', () => {
    assert.equal(piece?.meta.standfirst, 'How a village kept its accounts through three droughts');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'class="subtitle')), 'metadata:standfirst');
  });

  it('places Substack’s footnotes, including a two-paragraph one inside a list item', () => {
    assert.ok(markdown.includes('he wrote down who could not pay.[^1]\n'));
    assert.ok(markdown.includes('- debts **forgiven** in the third, by a line through the page.[^2]\n'));
    assert.ok(
      markdown.includes(
        '[^2]: Not every debt. The ledgers for 2009 carry forward eleven names, all of them _outsiders_.\n\n    Some of those names appear again in 2012.\n',
      ),
    );
  });

  it('keeps the captioned image as a figure with the family’s credit, and leaves out the widgets', () => {
    assert.ok(
      markdown.includes(
        '::figure[The ledger for 1997, in the miller’s hand.]{credit="Courtesy of the Haddad family" remote="https://substack-post-media.s3.amazonaws.com/public/images/ledger-page.png"}',
      ),
    );
    for (const debris of ['Subscribe', 'Thanks for reading', 'Share', 'Discussion']) assert.ok(!markdown.includes(debris), debris);
    assert.ok(markdown.includes('\n## Three droughts\n'));
  });
});

describe('importHtml: Medium', () => {
  const { markdown } = importFixture('medium.html');

  it('shifts Medium’s in-body h1 to level 2 and its h2 to level 3', () => {
    assert.ok(markdown.includes('\n## The expedition\n'));
    assert.ok(markdown.includes('\n### What they carried\n'));
  });

  it('keeps the figure with its image credit, the list, the quotation and the external link', () => {
    assert.ok(
      markdown.includes(
        '::figure[The 1881 survey sheet, with the phantom lake at centre.]{credit="Image: Royal Geographical Society" remote="https://miro.medium.com/v2/resize:fit:1400/1*mapxyz.jpeg"}',
      ),
    );
    assert.ok(markdown.includes('1. Two theodolites, one of which worked.\n2. The map.\n3. Water for nine days.\n'));
    assert.ok(markdown.includes('> We found the shore of the lake exactly where it was drawn.'));
    assert.ok(markdown.includes('[Society’s collections](https://www.rgs.org/collections)'));
    assert.ok(markdown.includes('a cartographer who had _never left Tiflis_.'));
  });
});

describe('importHtml: Ghost', () => {
  const { markdown, file } = importFixture('ghost.html');

  it('turns image cards into figures: a family-archive credit and an Unsplash credit made of links', () => {
    assert.ok(
      markdown.includes(
        '::figure[The entrance to the Santa Bárbara mine, 1961.]{credit="Courtesy of the Moreau family archive" remote="https://northwind.example.net/content/images/2022/08/mine-entrance.jpg"}',
      ),
    );
    assert.match(
      markdown,
      /::figure\{credit="Photo by Jan Doe \/ Unsplash" remote="https:\/\/images\.unsplash\.com\/[^"]+" alt="Rails leading into a tunnel"\}/,
    );
    assert.equal(messagesOf(file, 'import-remote-image').length, 2);
  });

  it('keeps the text structure and makes the relative link absolute', () => {
    assert.ok(markdown.includes('\n## The company town\n'));
    assert.ok(markdown.includes('\n### What the record shows\n'));
    assert.ok(markdown.includes('[An earlier essay](https://northwind.example.net/the-last-shift/)'));
    assert.ok(markdown.includes('> It was a town that belonged to a hole in the ground.'));
    assert.ok(markdown.includes('- Galleries were closed when the _iron_ ran out, not the salt.\n'));
  });
});

describe('importHtml: hand-made pages', () => {
  it('a Word export: [1] notes become footnotes, the repeated title and byline leave the body', () => {
    const { piece, markdown } = importFixture('hand-made-word.html');
    assert.deepEqual(piece?.meta.authors, ['Kamila Rashidova']);
    assert.ok(markdown.startsWith('The Fergana Valley is shared by three countries'));
    assert.ok(markdown.includes('the lines would never matter.[^1]\n'));
    assert.ok(markdown.includes('a third of the land it waters is in Tajikistan.[^2] Disputes'));
    assert.ok(markdown.includes('[^1]: On the Soviet water plans, see the Interstate Commission for Water Coordination’s reports for 1992–1995.\n'));
    assert.ok(markdown.includes('[^2]: Figures from the Uzbek Ministry of Water Resources, 2018.\n'));
    assert.ok(!markdown.includes('[1]') && !markdown.includes('By Kamila'));
  });

  it('a plain page: superscript notes, a local picture, the “Notes” heading gone, the default author unused', () => {
    const { piece, markdown, result, sourceLines } = importFixture('hand-made-sup.html', 'Someone Else');
    assert.deepEqual(piece?.meta.authors, ['Peter Vance']);
    assert.ok(markdown.includes('for a customs post that opens when it chooses.[^1] The drivers'));
    assert.ok(markdown.includes('an hour away by road.[^2] It sells'));
    assert.ok(markdown.includes('::figure{src="images/market.jpg" alt="The Saturday market at the head of the queue"}'));
    assert.ok(markdown.includes('[^1]: The post closes at weekends and on the holidays of both countries.\n'));
    assert.ok(markdown.includes('[^2]: The village is Kara-Suu, not to be confused with the larger town of that name near Osh.\n'));
    assert.ok(!/Notes|Return to text|↑|← Home/.test(markdown));
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<li id="n2">')), 'kept:notes');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, '<p class="date">')), 'metadata:date');
  });

  it('credits nobody when the page names nobody, and says so; the author named for the source is credited with a warning', () => {
    const unknown = fixtureFile('unsafe.html');
    assert.deepEqual(importSource(unknown, { defaultAuthor: undefined }).chapters[0]?.piece.meta.authors, []);
    assert.deepEqual(messagesOf(unknown, 'import-author-unknown').length, 1);
    const own = fixtureFile('unsafe.html');
    assert.deepEqual(importSource(own, { defaultAuthor: 'Default Author' }).chapters[0]?.piece.meta.authors, ['Default Author']);
    assert.match(messagesOf(own, 'import-author-assumed')[0]?.reason ?? '', /no byline: credited to Default Author/);
  });
});

describe('importHtml: unsafe markup', () => {
  const { markdown, file } = importFixture('unsafe.html');

  it('writes no script, handler or javascript: URL into the chapter', () => {
    assert.ok(!/script|onclick|onmouseover|javascript:|iframe|youtube|dataLayer|Injected|data:image/i.test(markdown), markdown);
    assert.ok(markdown.includes('sold them in the Saturday market for twice what the co-op paid.'));
    assert.ok(markdown.includes('[The co-op’s own account](https://orchardletters.example.com/co-op)'));
  });

  it('reports what it removed, once per kind', () => {
    const reasons = messagesOf(file, 'import-sanitised').map((message) => message.reason.replace(/ \(.*$/, ''));
    assert.deepEqual(reasons, [
      'removed 2 × event-handler attributes',
      'removed 3 × javascript: URLs',
      'removed 1 × <script> elements',
      'removed 1 × <style> elements',
      'removed 1 × embedded frames',
      'removed 1 × data: URLs',
      'removed 1 × plugin content',
    ]);
  });

  it('reports the sign-up form as site chrome, with its words', () => {
    const chrome = messagesOf(file, 'import-chrome-dropped').map((message) => `${message.line}: ${message.reason}`);
    assert.deepEqual(chrome, ['21: left out newsletter or subscription box: “Get the diary by email:Sign up”']);
  });

  it('keeps the picture whose data was removed as a placeholder figure', () => {
    assert.ok(markdown.includes('::figure{alt="A single pixel"}'));
  });
});

describe('importHtml: no article', () => {
  for (const name of ['index-page.html', 'empty-post.html', 'navigation-only.html']) {
    it(`${name}: no piece, an import-no-article error, every line dropped or blank`, () => {
      const { result, file, sourceLines } = importFixture(name);
      assert.deepEqual(result.pieces, []);
      assert.equal(messagesOf(file, 'import-no-article').length, 1);
      assert.equal(result.lines.length, sourceLines.length);
      for (const fate of result.lines) assert.ok(fate.fate === 'blank' || (fate.fate === 'dropped' && fate.reason === 'no article found in the page'));
    });
  }
});

describe('importHtml: site chrome inside the article, in the line account (strafprozess.ch, a real WordPress post)', () => {
  const { result, file, sourceLines, markdown } = importFixture('strafprozess-wordpress-twentytwelve.html');

  it('keeps the two paragraphs and nothing of the share bar or the related-posts box', () => {
    assert.match(markdown, /^Auch Polizisten im Dienst/);
    assert.ok(!/Drucken|Ähnliche Beiträge|WhatsApp/.test(markdown), markdown);
  });

  it('gives each chrome block inside the post body its own reason, and says so in a note at its place', () => {
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'class="sharedaddy')), 'dropped:site chrome: share buttons');
    assert.equal(fateOf(result.lines, lineOf(sourceLines, 'jp-relatedposts-headline')), 'dropped:site chrome: related or recommended posts');
    assert.deepEqual(
      messagesOf(file, 'import-chrome-dropped').map((message) => `${message.line}: ${message.reason.replace(/: “.*/, '')}`),
      ['289: left out share buttons', '290: left out related or recommended posts'],
    );
  });

  it('and the page around the post stays page chrome', () => {
    for (const text of ['class="nav-previous"', 'id="commentform"', 'Newsletter abonnieren']) {
      assert.equal(fateOf(result.lines, lineOf(sourceLines, text)), 'dropped:page chrome outside the article (navigation, scripts, comments)', text);
    }
  });
});

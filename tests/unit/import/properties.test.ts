/**
 * Property-based tests (fast-check, fixed seeds, bounded runs):
 * - the importer never throws, gives every line exactly one fate, and loses no word: every word of
 *   a line it keeps or moves to front matter is in the chapter file, and every line it drops says
 *   why; for plain-text scrapes, Markdown posts and saved HTML pages, and for arbitrary text;
 * - the marker aligner never invents a marker nor drops one: markers glued into prose full of
 *   numbers that are not markers (years, decimals, percentages, COVID-19) are found exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { pieceToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { alignNoteMarkers } from '../../../src/import/notes/align-markers.ts';

/** Runs per property: enough to find what the corpus did not, few enough to stay a fast test. */
const runs = Number(process.env.PROPERTY_RUNS ?? 60);
/** PROPERTY_SEED shifts every seed: to hunt with other inputs; the suite runs with the fixed ones. */
const settings = (seed: number): fc.Parameters<unknown> => ({ seed: seed + Number(process.env.PROPERTY_SEED ?? 0), numRuns: runs, endOnFailure: true });

const vocabulary = [
  'harbour',
  'granite',
  'tide',
  'ledger',
  'quay',
  'lantern',
  'merchant',
  'cargo',
  'compass',
  'summit',
  'treaty',
  'railway',
  'border',
  'pipeline',
  'market',
  'province',
  'council',
  'embassy',
  'orchard',
  'weaver',
  'Tashkent',
  'Kazakhstan',
  'Beijing',
  'Samarkand',
  'Osh',
  'Kyrgyz',
  'Almaty',
  'Urumqi',
  'Ferghana',
  'Caspian',
];
const word = fc.constantFrom(...vocabulary);
const sentence = fc.array(word, { minLength: 3, maxLength: 12 }).map((words) => {
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
});
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((sentences) => sentences.join(' '));
const title = fc.array(word, { minLength: 2, maxLength: 6 }).map((words) => words.map((w) => `${w[0]?.toUpperCase()}${w.slice(1)}`).join(' '));
const person = fc
  .tuple(fc.constantFrom('Jane', 'Amir', 'Li', 'Olga', 'Tomás'), fc.constantFrom('Roe', 'Karimov', 'Wei', 'Petrova', 'Ortega'))
  .map(([given, family]) => `${given} ${family}`);
const date = fc.tuple(fc.integer({ min: 2001, max: 2024 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A plain-text scrape: title, byline, date, paragraphs, and sometimes numbered notes. */
const textSource = fc
  .record({ title, author: fc.option(person), paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 8 }), notes: fc.array(sentence, { maxLength: 4 }) })
  .map(({ title: heading, author, paragraphs, notes }) => {
    const marked = paragraphs.map((text, index) => (index < notes.length ? `${text.slice(0, -1)}.${index + 1}` : text));
    const lines = [heading, '', ...(author ? [`By ${author}`, ''] : []), ...marked.flatMap((text) => [text, ''])];
    if (notes.length > 0) lines.push('Notes', '', ...notes.map((note, index) => `${index + 1}. ${note}`), '');
    return { name: 'post.txt', text: `${lines.join('\n')}\n` };
  });

/** A Markdown post with front matter, headings, emphasis, lists, quotes and footnotes. */
const markdownSource = fc
  .record({
    title,
    author: fc.option(person),
    date: fc.option(date),
    blocks: fc.array(
      fc.oneof(
        paragraph,
        paragraph.map((text) => `*${text}*`),
        title.map((text) => `## ${text}`),
        fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
        paragraph.map((text) => `> ${text}`),
        fc.tuple(word, word).map(([a, b]) => `A link to [${a} ${b}](https://example.org/${a}).`),
        fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${'='.repeat(3)}\n\n${b}`),
        fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => `\`\`\`\n${words.join(' ')}\n\`\`\``),
        fc.tuple(word, word, word, word).map(([a, b, c, d]) => `| ${a} | ${b} |\n| --- | --- |\n| ${c} | ${d} |`),
        fc.tuple(paragraph, word).map(([text, w]) => `${text} <b>${w}</b> and &amp; <span>${w}</span>`),
        fc.array(sentence, { minLength: 2, maxLength: 4 }).map((items) => items.map((item, index) => `${index + 1}. ${item}\n   - ${item}`).join('\n')),
      ),
      { minLength: 1, maxLength: 8 },
    ),
    notes: fc.array(sentence, { maxLength: 3 }),
  })
  .map(({ title: heading, author, date: day, blocks, notes }) => {
    const front = [
      `title: "${heading}"`,
      ...(author ? [`author: "${author}"`] : []),
      ...(day ? [`date: ${day[0]}-${String(day[1]).padStart(2, '0')}-${String(day[2]).padStart(2, '0')}`] : []),
    ];
    const body = blocks.map((block, index) => (index < notes.length && !block.startsWith('#') && !block.startsWith('-') ? `${block}[^${index + 1}]` : block));
    const used = body.filter((block) => /\[\^\d+\]$/.test(block)).length;
    const definitions = notes.slice(0, used).map((note, index) => `[^${index + 1}]: ${note}`);
    return { name: 'post.md', text: `---\n${front.join('\n')}\n---\n\n${[...body, ...definitions].join('\n\n')}\n` };
  });

/** A saved page: head, site chrome, an article with headings, paragraphs, lists, quotes and figures. */
const htmlSource = fc
  .record({
    title,
    author: fc.option(person),
    blocks: fc.array(
      fc.oneof(
        paragraph.map((text) => `<p>${escapeHtml(text)}</p>`),
        fc.tuple(paragraph, word).map(([text, w]) => `<p>${escapeHtml(text)} <em>${w}</em> and <a href="https://example.org/${w}">${w}</a>.</p>`),
        title.map((text) => `<h2>${text}</h2>`),
        fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => `<ul>${items.map((item) => `<li>${item}</li>`).join('\n')}</ul>`),
        paragraph.map((text) => `<blockquote><p>${text}</p></blockquote>`),
        fc.tuple(sentence, sentence).map(([a, b]) => `<p>${a}<br>${b}&nbsp;&amp; more`),
        fc.tuple(paragraph, word).map(([text, w]) => `<div><span>${text}</span> <strong><em>${w}</em></strong></div>`),
        fc.tuple(paragraph, fc.integer({ min: 1, max: 9 })).map(([text, n]) => `<p>${text}<sup><a href="#fn${n}">${n}</a></sup></p>`),
        fc.tuple(word, word).map(([a, b]) => `<figure><img src="pic-${a}.jpg" alt="${a}"><figcaption>${a} ${b}</figcaption></figure>`),
        fc.tuple(word, word, word, word).map(([a, b, c, d]) => `<table><tr><th>${a}</th><th>${b}</th></tr><tr><td>${c}</td><td>${d}</td></tr></table>`),
      ),
      { minLength: 2, maxLength: 8 },
    ),
  })
  .map(({ title: heading, author, blocks }) => ({
    name: 'post.html',
    text: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${heading}</title>${author ? `\n<meta name="author" content="${author}">` : ''}</head>
<body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article>
<h1>${heading}</h1>
${blocks.join('\n')}
</article>
<footer><p>Copyright 2024</p></footer>
</body></html>
`,
  }));

function linesOf(text: string): string[] {
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

const wordsOf = (text: string) => (text.match(/\p{L}{2,}/gu) ?? []).map((found) => found.toLowerCase());

/** Imports `text` and checks the line account against the chapter files; returns a failure or undefined. */
function lostWords(name: string, text: string): string | undefined {
  const file = new VFile({ path: name, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const lines = linesOf(text);
  if (result.lines.length !== lines.length) return `${result.lines.length} fates for ${lines.length} lines`;
  const written = new Set(result.chapters.flatMap((chapter) => wordsOf(pieceToMarkdown(chapter.piece))));
  for (const [index, fate] of result.lines.entries()) {
    const line = lines[index] ?? '';
    if (fate.line !== index + 1) return `fate ${index} is for line ${fate.line}`;
    if (fate.fate === 'blank' && line.trim() !== '') return `line ${fate.line} is not blank: ${line}`;
    if (fate.fate === 'dropped' && fate.reason.trim().length < 5) return `line ${fate.line} dropped without a reason`;
    if (fate.fate === 'kept' || fate.fate === 'metadata') {
      // Markup is not text: only the words a reader sees must be in the chapter.
      const visible = name.endsWith('.html') ? line.replace(/<[^>]*>/g, ' ') : line;
      const missing = wordsOf(visible).filter((found) => vocabulary.some((known) => known.toLowerCase() === found) && !written.has(found));
      if (missing.length > 0) return `line ${fate.line} (${fate.fate} ${fate.field}) lost ${missing.join(', ')}: ${line}`;
    }
  }
  return undefined;
}

describe(`the importer, on generated sources (${runs} runs each)`, () => {
  for (const [kind, source, seed] of [
    ['plain-text scrapes', textSource, 1201],
    ['Markdown posts', markdownSource, 1202],
    ['saved HTML pages', htmlSource, 1203],
  ] as const) {
    it(`${kind}: never throws, one fate per line, no word lost`, () => {
      fc.assert(
        fc.property(source, ({ name, text }) => {
          const failure = lostWords(name, text);
          assert.equal(failure, undefined, failure);
        }),
        settings(seed),
      );
    });
  }

  it('arbitrary text as each format: never throws, one fate per line, every dropped line says why', () => {
    const noise = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            '<p>',
            '</p>',
            '<div>',
            '</div>',
            '---',
            '\n',
            '[^1]',
            '1.',
            '# ',
            '<sup>1</sup>',
            '&amp;',
            '<!--',
            '-->',
            'Notes',
            ' ',
            'word',
            '\r\n',
          ),
          {
            maxLength: 80,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(noise, fc.constantFrom('post.txt', 'post.md', 'post.html'), (text, name) => {
        const file = new VFile({ path: name, value: text });
        const result = importSource(file, { defaultAuthor: undefined });
        if (text.trim() === '') return;
        assert.equal(result.lines.length, linesOf(text).length, 'one fate per line');
        for (const fate of result.lines) if (fate.fate === 'dropped') assert.ok(fate.reason.length > 4, `line ${fate.line} says why`);
      }),
      settings(1204),
    );
  });
});

/** Prose with markers glued after punctuation (`word.3`) and numbers that must never be taken for markers. */
const markedProse = fc
  .record({
    segments: fc.array(
      fc.record({
        words: fc.array(word, { minLength: 2, maxLength: 10 }),
        distractor: fc.option(
          fc.oneof(
            fc.integer({ min: 1900, max: 2030 }).map((year) => `in ${year} the`),
            fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 99 })).map(([a, b]) => `from ${a}.${b} to`),
            fc.integer({ min: 2, max: 99 }).map((n) => `grew ${n}% in`),
            fc.constant('the COVID-19 years'),
            fc.integer({ min: 2, max: 9 }).map((n) => `the ${n},000-km border`),
            fc.integer({ min: 2, max: 9 }).map((n) => `its ${n}th year`),
            fc.integer({ min: 1, max: 9 }).map((n) => `$${n}.5 billion`),
          ),
        ),
        punctuation: fc.constantFrom('.', ',', ';', '’', '”', ')'),
        marked: fc.boolean(),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ segments }) => {
    let text = '';
    let note = 0;
    const expected: { note: number; start: number }[] = [];
    for (const segment of segments) {
      const words = [...segment.words];
      if (segment.distractor) words.splice(1, 0, segment.distractor);
      text += `${words.join(' ')}${segment.punctuation}`;
      if (segment.marked) {
        note += 1;
        expected.push({ note, start: text.length });
        text += String(note);
      }
      text += ' ';
    }
    return { text, expected, count: note };
  });

describe(`the marker aligner (${runs * 4} runs)`, () => {
  it('finds exactly the markers glued into prose full of other numbers: none invented, none dropped', () => {
    fc.assert(
      fc.property(markedProse, ({ text, expected, count }) => {
        const { markers, missing } = alignNoteMarkers(text, count);
        assert.deepEqual(
          markers.map((marker) => ({ note: marker.note, start: marker.start })),
          expected,
          text,
        );
        assert.deepEqual(missing, []);
      }),
      { ...settings(1205), numRuns: runs * 4 },
    );
  });

  it('on any text: markers in increasing order, each the digits of its note, and every note either found or missing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (text, count) => {
        const { markers, missing } = alignNoteMarkers(text, count);
        const found = markers.flatMap((marker) => marker.notes);
        for (let index = 1; index < markers.length; index++) assert.ok((markers[index]?.note ?? 0) > (markers[index - 1]?.note ?? 0), 'increasing');
        for (const marker of markers) {
          assert.ok(marker.start >= 0 && marker.end <= text.length && marker.start < marker.end);
          assert.equal(text.slice(marker.start, marker.end), String(marker.note), 'a marker is its number as written');
        }
        assert.deepEqual(
          [...found, ...missing].sort((a, b) => a - b),
          Array.from({ length: count }, (_, index) => index + 1),
          'each note once: found or missing',
        );
      }),
      { ...settings(1206), numRuns: runs * 4 },
    );
  });
});

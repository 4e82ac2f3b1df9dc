import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import createHyphenator from 'hyphen/hyphen.js';
import { hyphenPatternSets } from '../../../src/adapters/page-script.ts';
import { firstPageNumbers, lowerRoman } from '../../../src/render/pdf/folios.ts';
import { hyphenationFor, hyphenationPatternSet } from '../../../src/render/pdf/hyphenation.ts';
import { installPagedjsFixes, pagedjsFixes } from '../../../src/render/pdf/page-script/fixes.ts';
import { withinMargins } from '../../../src/render/pdf/page-script/hyphenate.ts';
import { missingInternals, type Paged } from '../../../src/render/pdf/page-script/pagedjs.ts';
import { chunkBudget, groupIntoChunks } from '../../../src/render/pdf/print-html.ts';
import { layoutWarnings, missingInternalWarnings, schedule } from '../../../src/render/pdf/print-pdf.ts';
import { runningTitle } from '../../../src/render/pdf/running-title.ts';

const require = createRequire(import.meta.url);

describe('the PDF’s pure helpers', () => {
  it('shortens running titles before a subtitle or at a word, with an ellipsis', () => {
    assert.equal(runningTitle('The SCO Turns Twenty'), 'The SCO Turns Twenty');
    assert.equal(runningTitle('Shanghai Cooperation Organization: Not Quite the New Silk Road'), 'Shanghai Cooperation Organization');
    assert.equal(runningTitle('Paving the Digital Silk Road with the Shanghai Cooperation Organisation'), 'Paving the Digital Silk Road with the…');
  });

  it('numbers pages per sequence, and only once the pages before are known', () => {
    assert.deepEqual(
      firstPageNumbers([
        { sequence: 'front', pageCount: 10 },
        { sequence: 'body', pageCount: 4 },
        { sequence: 'body', pageCount: undefined },
        { sequence: 'body', pageCount: 2 },
      ]),
      [1, 1, 5, undefined],
    );
    assert.equal(lowerRoman(14), 'xiv');
  });

  it('schedules what a chunk waits for before it, so that one tab cannot deadlock', () => {
    const chunk = (id: string, sequence: string, pageNumbersOf: string[] = []) => ({
      id,
      sequence,
      pageNumbersOf,
      html: '',
      label: id,
      folioStyle: 'decimal' as const,
    });
    const order = schedule([chunk('front', 'front', ['a', 'index']), chunk('a', 'body'), chunk('b', 'body'), chunk('index', 'body', ['a', 'b'])]);
    assert.deepEqual(order, [1, 2, 3, 0]);
  });

  it('groups chapters into chunks, an index alone', () => {
    const item = (characters: number, needsPageNumbers = false) => ({ characters, needsPageNumbers });
    const groups = groupIntoChunks([item(30), item(30), item(50), item(10), item(5, true)], 60);
    assert.deepEqual(
      groups.map((group) => group.length),
      [2, 2, 1],
    );
  });

  it('balances a short book’s chapters over two chunks, and keeps a long book’s chunks under the budget', () => {
    const item = (characters: number, needsPageNumbers = false) => ({ characters, needsPageNumbers });
    const sizes = (items: ReturnType<typeof item>[]) => groupIntoChunks(items, chunkBudget(items)).map((group) => group.map((one) => one.characters));
    // The default book: seven short commentaries, a part page, a mid-length essay, the long essay, the index.
    const shortBook = [item(5), item(4), item(8), item(3), item(6), item(8), item(4), item(0), item(12), item(48), item(3, true)].map((one) => ({
      ...one,
      characters: one.characters * 1000,
    }));
    assert.deepEqual(sizes(shortBook), [[5000, 4000, 8000, 3000, 6000, 8000, 4000, 0, 12000], [48000], [3000]]);
    const afterTheIndex = [...shortBook, item(2000)];
    assert.deepEqual(
      sizes(afterTheIndex).map((group) => group.length),
      [9, 1, 1, 1],
      'what follows an index splits off without costing the body its second chunk',
    );
    // The ~900-page bench book: 32 chapters of ~84,000 characters, two to a chunk (three would pass the budget).
    const longBook = Array.from({ length: 32 }, () => item(84_000));
    assert.deepEqual(
      sizes(longBook).map((group) => group.length),
      Array.from({ length: 16 }, () => 2),
    );
  });
});

describe('hyphenation from the hyphen package', () => {
  const available = new Set(['en-gb', 'en-us', 'de-1996', 'de-1901', 'de-ch-1901', 'fr', 'el-monoton', 'el-polyton']);

  it('takes a tag’s own patterns, British English for the Commonwealth, else the language’s current spelling', () => {
    assert.equal(hyphenationPatternSet('en-GB', available), 'en-gb');
    assert.equal(hyphenationPatternSet('en-US', available), 'en-us');
    assert.equal(hyphenationPatternSet('en', available), 'en-us');
    assert.equal(hyphenationPatternSet('en-AU', available), 'en-gb');
    assert.equal(hyphenationPatternSet('en-CA', available), 'en-us');
    assert.equal(hyphenationPatternSet('fr-CA', available), 'fr');
    assert.equal(hyphenationPatternSet('de-CH', available), 'de-1996', 'Swiss German today is spelt by the 1996 rules');
    assert.equal(hyphenationPatternSet('el', available), 'el-monoton');
    assert.equal(hyphenationPatternSet('zh-Hans', available), undefined, 'none rather than another language’s');
  });

  it('loads each pattern set once for the book’s and its chapters’ languages, and names those it has none for', async () => {
    const { data, missing } = hyphenationFor(['en-GB', 'fr', 'en-gb', 'en-AU', 'zh'], await hyphenPatternSets());
    assert.deepEqual(data.languages, { 'en-gb': 'en-gb', fr: 'fr', 'en-au': 'en-gb' });
    assert.deepEqual(Object.keys(data.patterns).sort(), ['en-gb', 'fr']);
    assert.deepEqual(missing, ['zh']);
  });

  it('breaks words as British and American dictionaries do, two letters at the start and three at the end at least', () => {
    const hyphenate = (set: string, word: string) =>
      withinMargins(
        createHyphenator(require(`hyphen/patterns/${set}.js`), { hyphenChar: '-', html: false, minWordLength: 5 })(word).replace(/-/g, '\u00ad'),
      ).replace(/\u00ad/g, '-');
    assert.equal(hyphenate('en-gb', 'cooperation'), 'co-oper-a-tion');
    assert.equal(hyphenate('en-us', 'cooperation'), 'co-op-er-a-tion');
    assert.equal(hyphenate('en-gb', 'presidential'), 'pres-id-en-tial', 'Oxford’s breaks by etymology');
    assert.equal(hyphenate('en-us', 'presidential'), 'pres-i-den-tial', 'Webster’s by pronunciation');
    assert.equal(hyphenate('en-gb', 'university'), 'uni-vers-ity', 'the patterns’ exceptions');
    assert.equal(hyphenate('en-us', 'directly'), 'di-rectly', 'not `direct-ly`: three letters after a break at least');
    assert.equal(withinMargins('a\u00adbout'), 'about', 'two letters before a break at least');
  });
});

describe('layoutWarnings', () => {
  it('names the page, the PDF page, the words cut and the block or note they come from', () => {
    const report = {
      pageCount: 3,
      overflows: [
        { page: 1, what: 'text' as const, block: 4, text: 'https://example.org/a-very-long-address' },
        { page: 2, what: 'notes' as const, note: '12', text: 'A very long note' },
      ],
      pageLabels: ['chapter 1', 'chapter 1', 'chapter 1'],
      renderedCharacters: { 'chapter 1': 10 },
    };
    const chunk = { report, prepared: { sourceCharacters: { 'chapter 1': 10 } }, folioStyle: 'decimal', firstPageNumber: 5 };
    const problems = layoutWarnings([chunk] as unknown as Parameters<typeof layoutWarnings>[0]);
    assert.deepEqual(problems, [
      {
        ruleId: 'pdf-overflow',
        reason: 'chapter 1: page 6 (page 2 of the PDF): content taller or wider than the page was cut off, from “https://example.org/a-very-long-address”',
        label: 'chapter 1',
        within: { block: 4 },
      },
      {
        ruleId: 'pdf-overflow',
        reason: 'chapter 1: page 7 (page 3 of the PDF): note 12 did not fit and was cut off, from “A very long note”',
        label: 'chapter 1',
        within: { note: '12' },
      },
    ]);
  });
});

describe('missingInternalWarnings', () => {
  it('warns once per fix left out, naming what Paged.js lacks', () => {
    const warnings = missingInternalWarnings([
      { fix: 'break-at-soft-hyphens', internal: 'Paged.Chunker hook onOverflow' },
      { fix: 'break-at-soft-hyphens', internal: 'Paged.Chunker hook onOverflow' },
      { fix: 'float-stranded-figures', internal: 'Paged.Chunker.prototype.removePages' },
    ]);
    assert.deepEqual(
      warnings.map((warning) => warning.ruleId),
      ['pdf-pagedjs-internal', 'pdf-pagedjs-internal'],
    );
    assert.match(warnings[0]?.reason ?? '', /break-at-soft-hyphens was left out: Paged\.js has no Paged\.Chunker hook onOverflow \(/);
  });
});

describe('installPagedjsFixes: each fix checks what it patches before it is installed', () => {
  /** A stand-in for `window.Paged` with what Paged.js 0.4.3 has, less the hooks left out. */
  function fakePaged(withoutHooks: readonly string[] = []) {
    const hook = { trigger: async () => undefined };
    const registered: unknown[] = [];
    class Chunker {
      hooks = Object.fromEntries(
        ['beforePageLayout', 'afterPageLayout', 'finalizePage', 'onOverflow', 'afterOverflowRemoved']
          .filter((name) => !withoutHooks.includes(name))
          .map((name) => [name, hook]),
      );
      pages = [];
      stopped = false;
      rendered = false;
      start() {}
      stop() {}
      removePages() {}
      addPage() {}
      emit() {}
    }
    class Footnotes {
      beforePageLayout() {}
      moveFootnote() {}
    }
    return {
      Handler: class {},
      Chunker,
      registerHandlers: (...handlers: unknown[]) => registered.push(...handlers),
      registeredHandlers: [Footnotes],
      registered,
    };
  }

  it('installs every fix on the Paged.js the package pins, and leaves out one whose hook is gone, naming it', () => {
    const complete = fakePaged();
    assert.deepEqual(
      installPagedjsFixes(complete as unknown as Paged),
      pagedjsFixes.map((fix) => fix.id),
    );
    assert.equal(complete.registered.length, 5);
    assert.deepEqual(missingInternals(), []);
    const withoutOverflowHook = fakePaged(['onOverflow']);
    assert.deepEqual(installPagedjsFixes(withoutOverflowHook as unknown as Paged, ['break-at-soft-hyphens', 'float-stranded-figures']), [
      'float-stranded-figures',
    ]);
    assert.deepEqual(missingInternals(), [{ fix: 'break-at-soft-hyphens', internal: 'Paged.Chunker hook onOverflow' }]);
  });
});

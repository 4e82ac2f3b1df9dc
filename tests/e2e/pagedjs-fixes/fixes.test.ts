import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { printFixture } from '../../helpers/print-fixture.ts';

/**
 * Each Paged.js fix (`src/render/pdf/page-script/`) on a small document that shows its bug: printed
 * through the adapter without the fix (the bug is there, so the fixture does show it) and with it.
 */
const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.html`);

/** Letters and digits only, lower case: text compared across line and page breaks. */
const squeeze = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The words after which the footnote fixtures put their calls, and with which their notes start. */
const noteNames = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');

/** Per note: the page its call is on and the page it starts on (-1: not found). */
function callAndNotePages(pages: readonly string[]): { name: string; call: number; note: number }[] {
  const squeezed = pages.map(squeeze);
  return noteNames.map((name) => ({
    name,
    call: squeezed.findIndex((page) => page.includes(`call${name}`)),
    note: squeezed.findIndex((page) => page.includes(`note${name}`)),
  }));
}

const cutOff = (warnings: readonly { message: string }[]) => warnings.filter((warning) => /cut off|were lost/.test(warning.message));

describe('the Paged.js fixes, each on its own fixture', () => {
  it('break-at-soft-hyphens: a page that ends in a hyphenated word loses no letter', async () => {
    const without = await printFixture(fixture('break-at-soft-hyphens'), []);
    assert.ok(cutOff(without.messages).length > 0, `the fixture shows the bug: ${without.messages.join('; ')}`);
    const fixed = await printFixture(fixture('break-at-soft-hyphens'), ['break-at-soft-hyphens']);
    assert.deepEqual(fixed.messages, []);
    const brokenAtPageEnds = fixed.pages.filter((page) => /\p{Ll}-\s*\n\s*\n*\s*\d+\s*$/u.test(page.trimEnd())).length;
    assert.ok(brokenAtPageEnds > 0, 'some page ends in a hyphenated word');
  });

  it('hang-page-end-hyphens: the line ending in the hyphen of a word broken across two pages is not lost', async () => {
    const others = ['break-at-soft-hyphens', 'relayout-pages-shrunk-by-footnotes', 'float-stranded-figures', 'start-notes-on-their-calls-page'];
    const lost = 'thesedifferentnumbershowever';
    const without = await printFixture(fixture('hang-page-end-hyphens'), others);
    assert.ok(cutOff(without.messages).length > 0, `the fixture shows the bug: ${without.messages.join('; ')}`);
    assert.ok(!squeeze(without.pages.join('')).includes(lost), 'and the two lines are not printed');
    const fixed = await printFixture(fixture('hang-page-end-hyphens'), [...others, 'hang-page-end-hyphens']);
    assert.deepEqual(fixed.messages, []);
    assert.match(squeeze(fixed.pages[0] ?? ''), new RegExp(`calledsonata${lost}re\\d*$`), 'page 1 ends in the hyphen (then its folio), the lines printed');
  });

  it('relayout-pages-shrunk-by-footnotes: lines pushed off a page by its growing notes go overleaf, with their calls', async () => {
    const without = callAndNotePages((await printFixture(fixture('relayout-pages-shrunk-by-footnotes'), [])).pages);
    assert.ok(
      without.some((note) => note.call === -1),
      `the fixture shows the bug: ${JSON.stringify(without)}`,
    );
    const fixed = callAndNotePages((await printFixture(fixture('relayout-pages-shrunk-by-footnotes'), ['relayout-pages-shrunk-by-footnotes'])).pages);
    assert.deepEqual(
      fixed.filter((note) => note.call === -1 || note.note === -1),
      [],
      'every call and every note is printed',
    );
  });

  it('float-stranded-figures: a figure that does not fit goes after the next paragraph, which fills the page', async () => {
    const without = await printFixture(fixture('float-stranded-figures'), []);
    assert.doesNotMatch(squeeze(without.pages[0] ?? ''), /bravoparagraph/, 'the fixture shows the bug: a gap at the foot of page 1');
    assert.match(squeeze(without.pages[1] ?? ''), /^platecaption/, 'and the figure opens page 2');
    const fixed = await printFixture(fixture('float-stranded-figures'), ['float-stranded-figures']);
    assert.deepEqual(fixed.messages, []);
    assert.match(squeeze(fixed.pages[0] ?? ''), /bravoparagraphfollowsthefigure/, 'the next paragraph starts on page 1');
    assert.match(squeeze(fixed.pages[1] ?? ''), /slipway.*platecaption.*charlieparagraph/, 'the figure is after it, on page 2');
  });

  it('start-notes-on-their-calls-page: a note starts on the page of its call', async () => {
    const without = callAndNotePages((await printFixture(fixture('start-notes-on-their-calls-page'), [])).pages);
    assert.ok(
      without.some((note) => note.call !== note.note),
      `the fixture shows the bug: ${JSON.stringify(without)}`,
    );
    const fixed = await printFixture(fixture('start-notes-on-their-calls-page'), ['start-notes-on-their-calls-page']);
    assert.deepEqual(fixed.messages, []);
    const pages = callAndNotePages(fixed.pages);
    assert.deepEqual(
      pages.filter((note) => note.call !== note.note || note.call === -1),
      [],
      'every note on its call’s page',
    );
  });

  it('all fixes together print every fixture without a warning', async () => {
    for (const name of [
      'break-at-soft-hyphens',
      'hang-page-end-hyphens',
      'relayout-pages-shrunk-by-footnotes',
      'float-stranded-figures',
      'start-notes-on-their-calls-page',
    ]) {
      const { messages } = await printFixture(fixture(name));
      assert.deepEqual(messages, [], name);
    }
  });
});

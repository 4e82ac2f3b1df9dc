import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../src/cite/label/labels.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';
import { labelled } from '../../helpers/labelled.ts';

const sure = (label: Label, count: number): [Label, number][] => Array.from({ length: count }, () => [label, 0.98]);

describe("Wikipedia's layout: a linked title, then a plain name", () => {
  it('reads the plain name as the publisher, however the model read it', () => {
    const note = '["Two discontinued browsers"](https://lwn.net/Articles/165080/). LWN.net. 21 December 2005. Retrieved 2012-08-19.';
    const parsed = parseNote(note, { labeller: labelled(note, [...sure('title', 4), ['container-title', 0.63], ...sure('date', 3), ...sure('accessed', 2)]) });
    const item = parsed.citations[0]!.item;
    assert.equal(item.publisher, 'LWN.net');
    assert.equal(item.type, 'webpage', 'a page on the web, not a book');
    assert.equal(item['container-title'], undefined);
    assert.deepEqual(item.issued, { 'date-parts': [[2005, 12, 21]] });
  });

  it('after the italic work it is in, and as sure as the title (not left out as a doubted detail)', () => {
    const note = '["Top 5 Browsers"](http://gs.statcounter.com/). _StatCounter Global Stats_. StatCounter. Retrieved 2012-05-10.';
    const parsed = parseNote(note, {
      labeller: labelled(note, [...sure('title', 4), ...sure('container-title', 3), ['container-title', 0.46], ...sure('accessed', 2)]),
    });
    const item = parsed.citations[0]!.item;
    assert.equal(item['container-title'], 'StatCounter Global Stats');
    assert.equal(item.publisher, 'StatCounter');
  });

  it('a name the model left as commentary or as a date; at the end of the note after a comma', () => {
    const archived = '["Mozilla browser becomes Firebird"](http://www.ibphoenix.com/). IBPhoenix. Archived from the original on 2007-09-14.';
    const first = parseNote(archived, { labeller: labelled(archived, [...sure('title', 5), ...sure('note', 7)]) });
    assert.equal(first.citations[0]!.item.publisher, 'IBPhoenix');
    const site = '["SeaMonkey trademarks registered!"](http://home.kairo.at/blog/). kairo.at. 2007-05-22.';
    const second = parseNote(site, { labeller: labelled(site, [...sure('title', 4), ['date', 0.5], ['date', 0.6]]) });
    assert.equal(second.citations[0]!.item.publisher, 'kairo.at');
    const italic = '[_Persona_](https://login.persona.org/), Mozilla';
    const third = parseNote(italic, { labeller: labelled(italic, [...sure('title', 2), ['publisher', 0.46]]) });
    assert.equal(third.citations[0]!.item.publisher, 'Mozilla');
    assert.equal(third.citations[0]!.item.type, 'book', 'an italic title names a whole work: not made a webpage');
  });

  it('and a whole date after the publisher, before `Retrieved`, `Archived` or the end, as the work’s', () => {
    const note =
      '["Gecko Layout Engine"](https://web.archive.org/web/2010/http://download-firefox.org/). download-firefox.org. July 17, 2008. Archived from the original on 2010-11-28.';
    const parsed = parseNote(note, {
      labeller: labelled(note, [...sure('title', 4), ['note', 0.63], ['note', 0.63], ['note', 0.64], ['note', 0.64], ...sure('note', 6)]),
    });
    const item = parsed.citations[0]!.item;
    assert.equal(item.publisher, 'download-firefox.org');
    assert.deepEqual(item.issued, { 'date-parts': [[2008, 7, 17]] });
    const bug = '["Bug 759422"](https://bugzilla.mozilla.org/show_bug.cgi?id=759422). Bugzilla\\@Mozilla. 2012-08-17. Retrieved 2012-08-18.';
    const doubted = parseNote(bug, { labeller: labelled(bug, [...sure('title', 3), ['date', 0.38], ['date', 0.48], ...sure('accessed', 2)]) });
    assert.equal(doubted.citations[0]!.item.publisher, 'Bugzilla@Mozilla');
    assert.deepEqual(doubted.citations[0]!.item.issued, { 'date-parts': [[2012, 8, 17]] }, 'not left out as a doubted date');
  });

  it('leaves alone a date, retrieval words, a title that is no link, and prose', () => {
    const dated = '["Boot to Gecko Project"](http://www.mozilla.org/firefox/os/). March 2012. Retrieved 2012-03-30.';
    const date = parseNote(dated, { labeller: labelled(dated, [...sure('title', 5), ...sure('date', 2), ...sure('accessed', 2)]) });
    assert.equal(date.citations[0]!.item.publisher, undefined);
    assert.deepEqual(date.citations[0]!.item.issued, { 'date-parts': [[2012, 3]] });
    const unlinked = '“Nature’s Sexism.” 2012. Nature. <https://doi.org/10.1038/491495a>.';
    const journal = parseNote(unlinked, {
      labeller: labelled(unlinked, [...sure('title', 2), ...sure('date', 1), ...sure('container-title', 1), ...sure('DOI', 2)]),
    });
    assert.equal(journal.citations[0]!.item['container-title'], 'Nature');
    // Outside the template's layout a plain name is as often the journal or the newspaper, or an author.
    const plainJournal = '["Sexism in science"](https://www.nature.com/articles/491495a). Nature. 2012.';
    const container = parseNote(plainJournal, { labeller: labelled(plainJournal, [...sure('title', 4), ['container-title', 0.7], ...sure('date', 1)]) });
    assert.equal(container.citations[0]!.item['container-title'], 'Nature');
    assert.equal(container.citations[0]!.item.publisher, undefined);
    const newspaper = '["Firefox turns ten"](https://www.theguardian.com/x). The Guardian. 2014.';
    const outlet = parseNote(newspaper, { labeller: labelled(newspaper, [...sure('title', 4), ['note', 0.5], ['note', 0.5], ...sure('date', 1)]) });
    assert.equal(outlet.citations[0]!.item.publisher, undefined, 'a newspaper, without the template’s Retrieved');
    const later = '["Sexism in science"](https://www.nature.com/a). Nature. 2012. See also the editors’ reply, 2013. Retrieved 2014-01-01.';
    const journalThenMore = parseNote(later, {
      labeller: labelled(later, [...sure('title', 4), ['container-title', 0.7], ...sure('date', 1), ...sure('note', 6), ...sure('accessed', 2)]),
    });
    assert.equal(journalThenMore.citations[0]!.item['container-title'], 'Nature', 'a Retrieved further on is not this name’s template');
    const byline = '["Firefox turns ten"](https://example.org/x). John Smith. 2014.';
    const author = parseNote(byline, { labeller: labelled(byline, [...sure('title', 4), ['note', 0.5], ['note', 0.5], ...sure('date', 1)]) });
    assert.equal(author.citations[0]!.item.publisher, undefined);
    const comma = '[_Persona_](https://login.persona.org/), Smith';
    const surname = parseNote(comma, { labeller: labelled(comma, [...sure('title', 2), ['note', 0.46]]) });
    assert.equal(surname.citations[0]!.item.publisher, undefined, 'after a comma, only the model’s own publisher');
    const prose = '["Mobile features"](http://www.mozilla.org/). Read it all.';
    const words = parseNote(prose, { labeller: labelled(prose, [...sure('title', 3), ...sure('note', 3)]) });
    assert.equal(words.citations[0]!.item.publisher, undefined);
  });
});

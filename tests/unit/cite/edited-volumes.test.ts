import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../src/cite/label/labels.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';
import { labelled } from '../../helpers/labelled.ts';

const run = (label: Label, count: number, confidence = 0.95): [Label, number][] => Array.from({ length: count }, () => [label, confidence]);
const chapter = 'Jürgen Richter, Schaber, in Floss (Hrsg.) Steinartefakte vom Altpaläolithikum bis in die Neuzeit, Tübingen 2012, Kerns Verlag, S. 281';
// A model that had not seen the habit: the chapter's title run into the names, the rest commentary.
const misread: [Label, number][] = [...run('author', 3), ...run('note', 3, 0.3), ...run('note', 7, 0.55), ...run('note', 4, 0.5), ...run('locator', 2)];

describe('a chapter in an edited book: `Author, Chapter, in Editor (Hrsg.) Book, Place Year, Publisher`', () => {
  it('reads editor, book, place, year and publisher from the layout, and the chapter cut from the names', () => {
    const parsed = parseNote(chapter, { labeller: labelled(chapter, misread) });
    assert.equal(parsed.citations.length, 1);
    const { item, locator, confidence } = parsed.citations[0]!;
    assert.deepEqual(item.author, [{ family: 'Richter', given: 'Jürgen' }]);
    assert.equal(item.title, 'Schaber');
    assert.deepEqual(item.editor, [{ family: 'Floss' }]);
    assert.equal(item['container-title'], 'Steinartefakte vom Altpaläolithikum bis in die Neuzeit');
    assert.equal(item['publisher-place'], 'Tübingen');
    assert.deepEqual(item.issued, { 'date-parts': [[2012]] });
    assert.equal(item.publisher, 'Kerns Verlag');
    assert.equal(item.type, 'chapter');
    assert.equal(locator, 'S. 281');
    assert.ok(confidence > 0.4, String(confidence));
  });

  it('keeps a chapter title the model read as one', () => {
    const note = 'Jane Smith, Early Tools, in Floss (ed.) Stone Artefacts, Tübingen 2012, S. 9';
    const parsed = parseNote(note, { labeller: labelled(note, [...run('author', 2), ...run('title', 2), ...run('note', 7, 0.3), ...run('locator', 2)]) });
    const { item } = parsed.citations[0]!;
    assert.equal(item.title, 'Early Tools');
    assert.equal(item['container-title'], 'Stone Artefacts');
    assert.deepEqual(item.editor, [{ family: 'Floss' }]);
    const publisherFirst = 'Jane Smith, Early Tools, in Floss (ed.) Stone Artefacts, Springer 2012, S. 9';
    const read = parseNote(publisherFirst, {
      labeller: labelled(publisherFirst, [
        ...run('author', 2),
        ...run('title', 2),
        ...run('note', 5, 0.3),
        ['publisher', 0.6],
        ...run('date', 1),
        ...run('locator', 2),
      ]),
    });
    assert.equal(read.citations[0]!.item['publisher-place'], undefined, 'a publisher before the year is no place');
    assert.equal(read.citations[0]!.item.publisher, 'Springer');
  });

  it('leaves a body before a periodical its issuer: `in: SAGE Publishing (Hrsg.), Journal, Band 7,`', () => {
    const note = 'Klaus Fiedler, Questionable Practices, in: SAGE Publishing (Hrsg.), Social Psychology, Band 7, 2016, S. 45-52';
    const parsed = parseNote(note, {
      labeller: labelled(note, [
        ...run('author', 2),
        ...run('title', 2),
        ...run('note', 4, 0.5),
        ...run('container-title', 2),
        ...run('volume', 2),
        ...run('date', 1),
        ...run('pages', 2),
      ]),
    });
    assert.equal(parsed.citations[0]?.item.editor, undefined);
    const issuer = 'Klaus Fiedler, Questionable Practices, in: SAGE Publishing (Hrsg.), Social Psychology, 2016, S. 45-52';
    const read = parseNote(issuer, {
      labeller: labelled(issuer, [
        ...run('author', 2),
        ...run('title', 2),
        ...run('publisher', 4),
        ...run('container-title', 2),
        ...run('date', 1),
        ...run('pages', 2),
      ]),
    });
    assert.equal(read.citations[0]?.item.editor, undefined);
    assert.equal(read.citations[0]?.item.publisher, 'SAGE Publishing', 'without its lead word and role');
  });

  it('leaves the model its reading with no author before `in`, and a name where the chapter’s title might be', () => {
    const anonymous = 'See the list in Floss (Hrsg.) Steinartefakte, Tübingen 2012.';
    const prose = parseNote(anonymous, { labeller: labelled(anonymous, run('note', 9, 0.6)) });
    assert.equal(prose.citations.length, 0);
    const twoAuthors = 'Jane Smith, John Doe, in Floss (Hrsg.) Steinartefakte, Tübingen 2012, S. 9';
    const names = parseNote(twoAuthors, { labeller: labelled(twoAuthors, [...run('author', 4), ...run('note', 6, 0.3), ...run('locator', 2)]) });
    assert.equal(names.citations[0]?.item.title, undefined);
    // No given name first (two names surname first), or no title after the name (`et al.`): no chapter cut from the names.
    for (const names of ['Richter, Schaber', 'Richter Jürgen, Schaber Thomas', 'Jane Smith, et al.']) {
      const note = `${names}, in Floss (Hrsg.) Steinartefakte, Tübingen 2012, S. 9`;
      const count = names.split(' ').length;
      const read = parseNote(note, { labeller: labelled(note, [...run('author', count), ...run('note', 6, 0.3), ...run('locator', 2)]) });
      assert.equal(read.citations[0]?.item.title, undefined, names);
    }
  });
});

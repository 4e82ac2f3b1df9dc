import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignNoteMarkers } from '../../../src/import/notes/align-markers.ts';

function markersIn(text: string, notes: number): string[] {
  const { markers } = alignNoteMarkers(text, notes);
  return markers.map((marker) => `${marker.note}@${text.slice(Math.max(0, marker.start - 6), marker.start)}`);
}

describe('alignNoteMarkers', () => {
  const cases: [string, string, number, string[]][] = [
    ['glued after punctuation', 'a new ‘Silk Road’.1 This built on 1994 links.2 But', 2, ['1@Road’.', '2@links.']],
    ['glued to a word', 'in downtown Tashkent1 – highlighting', 1, ['1@shkent']],
    ['after a comma', 'the SCO thrived,1 most of', 1, ['1@rived,']],
    ['after a year', 'in Uzbekistan in 20161 and Kazakhstan in 2017.2 In', 2, ['1@n 2016', '2@ 2017.']],
    ['after a year and a comma', 'in Tajikistan in 2016,1 Turkmenistan', 1, ['1@ 2016,']],
    ['decimals and money are not markers', 'from 0.19 to 0.79 and $1.5 billion.1', 19, ['1@llion.']],
    ['COVID-19 is not a marker', 'the COVID-19 pandemic.1 Then', 19, ['1@demic.']],
    ['thousands are not markers', 'the 3,000-km-long border.1', 3, ['1@order.']],
    ['percentages and ordinals are not markers', 'grew 5% in its 2nd year.1', 5, ['1@ year.']],
  ];
  for (const [name, text, notes, expected] of cases) {
    it(name, () => assert.deepEqual(markersIn(text, notes), expected));
  }

  it('keeps the increasing chain and reports the gaps', () => {
    const text = 'First.1 Then 2 people came.3 And later.4';
    const { markers, missing } = alignNoteMarkers(text, 4);
    assert.deepEqual(
      markers.map((marker) => marker.note),
      [1, 3, 4],
    );
    assert.deepEqual(missing, [2]);
  });

  it('ignores an out-of-order number in favour of the sequence', () => {
    const { markers } = alignNoteMarkers('One.1 Two.2 Stray.1 Three.3', 3);
    assert.deepEqual(
      markers.map((marker) => marker.note),
      [1, 2, 3],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNames } from '../../../src/cite/label/names.ts';
import { familyNameSortKey, isChineseOrder, isKoreanOrder, parsePersonName } from '../../../src/core/names.ts';

const sorted = (names: readonly string[]) => {
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  return [...names].sort((a, b) => collator.compare(familyNameSortKey(a), familyNameSortKey(b)));
};

describe('people’s names sort by family name', () => {
  it('reads particles, suffixes and capitalised particles', () => {
    assert.equal(familyNameSortKey('Raffaello Pantucci'), 'Pantucci Raffaello');
    assert.equal(familyNameSortKey('Ludwig van Beethoven'), 'Beethoven Ludwig van');
    assert.equal(familyNameSortKey('Charles de Gaulle'), 'Gaulle Charles de');
    assert.equal(familyNameSortKey('Alexander von Humboldt'), 'Humboldt Alexander von');
    assert.equal(familyNameSortKey('Ursula K. Le Guin'), 'Le Guin Ursula K.');
    assert.equal(familyNameSortKey('Martin Van Buren'), 'Van Buren Martin');
    assert.equal(familyNameSortKey('Oscar De La Hoya'), 'De La Hoya Oscar');
    assert.equal(familyNameSortKey('Martin Luther King Jr.'), 'King Martin Luther Jr.');
    assert.equal(familyNameSortKey('Gabriel García Márquez'), 'Márquez Gabriel García');
  });

  it('keeps names written surname first in their order', () => {
    assert.equal(familyNameSortKey('Xi Jinping'), 'Xi Jinping');
    assert.equal(familyNameSortKey('Yau Tsz Yan'), 'Yau Tsz Yan');
    assert.equal(familyNameSortKey('Moon Jae-in'), 'Moon Jae-in');
    assert.equal(familyNameSortKey('村上春樹'), '村上春樹');
    assert.equal(familyNameSortKey('김영하'), '김영하');
    // Given name first, a Chinese surname last: read as any other name.
    assert.equal(familyNameSortKey('Yiyun Li'), 'Li Yiyun');
    assert.ok(isChineseOrder('Lu Xun') && !isChineseOrder('Yiyun Li'));
    assert.ok(isKoreanOrder('Hwang Sok-yong') && !isKoreanOrder('Jean-Paul Sartre'));
  });

  it('sorts a contributors list as an index would (the last word alone put de Gaulle under G but Le Guin under G too, Xi under J)', () => {
    assert.deepEqual(
      sorted([
        'Xi Jinping',
        'Ursula K. Le Guin',
        'Charles de Gaulle',
        'Raffaello Pantucci',
        'Ludwig van Beethoven',
        'Moon Jae-in',
        'Martin Luther King Jr.',
        'Dmitry Erokhin',
      ]),
      [
        'Ludwig van Beethoven',
        'Dmitry Erokhin',
        'Charles de Gaulle',
        'Martin Luther King Jr.',
        'Ursula K. Le Guin',
        'Moon Jae-in',
        'Raffaello Pantucci',
        'Xi Jinping',
      ],
    );
  });

  it('a name in no parts sorts as written', () => {
    assert.equal(familyNameSortKey('bell hooks'), 'bell hooks');
    assert.equal(familyNameSortKey('Plato'), 'Plato');
  });
});

describe('parsePersonName never throws on what a note gives it', () => {
  it('a name broken over a note’s continuation lines is read as on one line; an empty one is no name', () => {
    // @citation-js/name throws on both (a TypeError for the line break, another for '').
    assert.deepEqual(parsePersonName('Marleen\n    Barr'), { family: 'Barr', given: 'Marleen' });
    assert.deepEqual(parsePersonName(''), {});
    assert.deepEqual(parsePersonName(' \n '), {});
  });

  it('a name that is only a suffix (a volume `V`, `III`, `Jr` read as one) has no parts, and a note with one is still read', () => {
    // @citation-js/name throws a TypeError on each (found on a 19th-century endnote:
    // `… by W. F. Monypenny and G. E. Buckle, V, 349–51`, the volume labelled as a name).
    for (const name of ['V', 'III', 'Jr']) assert.deepEqual(parsePersonName(name), {}, name);
    // Kept as written, where the review page shows it, rather than the note thrown away.
    assert.deepEqual(parseNames('by W. F. Monypenny and G. E. Buckle, V,').names, [
      { family: 'Monypenny', given: 'W. F.' },
      { family: 'Buckle', given: 'G. E.' },
      { literal: 'V' },
    ]);
  });
});

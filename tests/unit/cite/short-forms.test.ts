import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { citeChapterText } from '../../../src/cite/cite-chapter.ts';
import { parseShortForm } from '../../../src/cite/label/short-forms.ts';
import type { BibliographyItem } from '../../../src/core/citations.ts';

describe('short forms by their shape: a name, a short title in italics or quotes, the passage', () => {
  it('reads Chicago and MHRA short forms', () => {
    assert.deepEqual(parseShortForm('Cooley, _Great Games_, 45.'), {
      author: 'Cooley',
      title: 'Great Games',
      italic: true,
      locator: 'p. 45',
      start: 0,
      end: 25,
    });
    assert.equal(parseShortForm('Smith, “Short Title,” 12–14.')?.title, 'Short Title');
    assert.equal(parseShortForm('Smith, “Short Title,” 12–14.')?.locator, 'pp. 12–14');
    assert.equal(parseShortForm('Erokhin, ‘Comparative Analysis’.')?.locator, undefined);
    assert.equal(parseShortForm('SCO, ‘SCO Promotes Transport Links’.')?.author, 'SCO');
    assert.equal(parseShortForm('Smith and Jones, *Title*, p. 4.')?.author, 'Smith and Jones');
    assert.equal(parseShortForm('Ludwig van Beethoven, _Letters_, 12.')?.author, 'Ludwig van Beethoven');
    const signalled = parseShortForm('See Cooley, _Great Games_, 45.');
    assert.equal(signalled?.prefix, 'See ');
    assert.equal(signalled?.start, 4);
  });

  it('leaves full references, unclosed quotes, dates and prose to the model', () => {
    for (const note of [
      'Alexander Cooley, _Great Games, Local Rules_ (New York: Oxford University Press, 2012), 45.',
      'Jane Smith, ‘Title, Reuters, 3 March 2015.',
      'Reuters, ‘Title’, 3 March 2015.',
      'la casa, _Title_, 4.',
      'As Cooley argues in _Great Games_, the region matters.',
      'Jane Smith, ‘Title’, _Journal of Things_, 12.',
    ]) {
      assert.equal(parseShortForm(note), undefined, note);
    }
  });

  it('a short form cites the work of the earlier full note, and an unrelated one stays its own', () => {
    const chapter = [
      '---',
      'title: A chapter',
      '---',
      '',
      'Text.[^1] More.[^2] And.[^3]',
      '',
      '[^1]: Alexander Cooley, _Great Games, Local Rules: The New Great Power Contest in Central Asia_ (New York: Oxford University Press, 2012), 45.',
      '',
      '[^2]: Cooley, _Great Games_, 52.',
      '',
      '[^3]: Plutarch, _Life of Pericles_, 12.',
      '',
    ].join('\n');
    const items: BibliographyItem[] = [];
    const cited = citeChapterText('chapters/a.md', chapter, items);
    const [first, short, other] = cited.resolutions;
    assert.equal(first?.keys.length, 1);
    assert.deepEqual(short?.keys, first?.keys);
    assert.equal(short?.rewritten, `[@${first?.keys[0]}, p. 52].`);
    assert.equal(other?.keys.length, 1);
    assert.notDeepEqual(other?.keys, first?.keys);
    assert.equal(items.length, 2);
  });
});

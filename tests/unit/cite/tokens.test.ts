import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenizeNote } from '../../../src/cite/label/tokens.ts';

const italic = (note: string) =>
  tokenizeNote(note)
    .filter((token) => token.italic)
    .map((token) => token.text);

describe('note tokens: emphasis and links are read from the note’s mdast', () => {
  it('italic is emphasis as Markdown reads it', () => {
    assert.deepEqual(italic('Jane Smith, “A Title,” _Journal of Things_ 12(3): 5.'), ['Journal', 'of', 'Things']);
    // Strong emphasis is not italic (as before).
    assert.deepEqual(italic('French, Todd. _Cinefantastique_. **27** (11/12): 123.'), ['Cinefantastique.']);
  });

  it('a lone star (a co-first-author mark) italicises nothing after it', () => {
    // The hand lexer opened italic at `*Cook,` and never closed it: every later word was italic.
    assert.deepEqual(italic('Sarver, E., Krometis, L., *Cook, N., Bacterial Water Impairments, _Seminar_, 2013.'), ['Seminar,']);
    assert.deepEqual(italic('Bao Q, Renner A. _Cancers_. 2010, 2, 1629-1641. (* Co-first authors'), ['Cancers.']);
  });

  it('emphasis right after an apostrophe, inside link text', () => {
    const tokens = tokenizeNote("[l'_issue_ correspondante](https://github.com/a/b/issues/1).");
    assert.deepEqual(
      tokens.map((token) => [token.text, token.italic, token.linkText, token.linkTarget]),
      [
        ["l'issue", true, true, false],
        ['correspondante', false, true, false],
        ['https://github.com/a/b/issues/1.', false, false, true],
      ],
    );
  });

  it('link text and target from the link node, the target as written', () => {
    const link = '[Empire](https://en.wikipedia.org/wiki/Empire_\\(magazine\\) "t")';
    const note = `See ${link}, p. 4.`;
    const target = tokenizeNote(note).find((token) => token.linkTarget);
    assert.equal(target?.text, 'https://en.wikipedia.org/wiki/Empire_\\(magazine\\),');
    assert.equal(target && note.slice(target.link?.start, target.link?.end), link);
    // Code is no link and no emphasis.
    assert.deepEqual(italic('`_not_italic_` and `[x](y)`'), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledToken } from '../../../src/cite/label/label-note.ts';
import { withQuotedPassages } from '../../../src/cite/label/quoted-passages.ts';
import { tokenizeNote } from '../../../src/cite/label/tokens.ts';
import { parseNote } from '../../../src/cite/parse-note.ts';

/** Every token labelled title, as the model ran them together. */
const allTitle = (note: string): LabelledToken[] => tokenizeNote(note).map((token) => ({ ...token, label: 'title', confidence: 0.9 }));

describe('a quotation after a title that has ended', () => {
  it('is a passage quoted from the work: commentary, kept as typed after the citation', () => {
    const note = '["Comments on Cisco, Mozilla, and H.264"](http://xiphmont.livejournal.com/61927.html). "By endorsing Cisco\'s plan, we\'ve caved."';
    const parsed = parseNote(note, { labeller: () => allTitle(note) });
    assert.equal(parsed.citations.length, 1);
    assert.equal(parsed.citations[0]!.item.title, 'Comments on Cisco, Mozilla, and H.264');
    assert.equal(parsed.citations[0]!.suffix, '. "By endorsing Cisco\'s plan, we\'ve caved."');
  });

  it('leaves translations and a title going on after a comma alone', () => {
    for (const note of ['‘Zhōngguó’ [‘China’], 2019.', '“Title,” “Subtitle.”', '“Part one.” more words']) {
      const tokens = allTitle(note);
      assert.deepEqual(
        withQuotedPassages(tokens).map((token) => token.label),
        tokens.map(() => 'title'),
        note,
      );
    }
  });
});

/**
 * The importer's work grows with its input, not with its square: a book with many runs of notes, a
 * line that is one long run of spaces. Measured by the work done (units read, a size the old code
 * took half an hour over), never by the clock.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { VFile } from 'vfile';
import { withoutTrailingBackLink } from '../../../src/import/notes/note-definitions.ts';
import { toUnits, type UnitReader, unitReader } from '../../../src/import/notes/note-units.ts';
import { notesHeadingKind } from '../../../src/import/notes/notes-heading.ts';
import { recognisePlainNotes } from '../../../src/import/notes/plain-notes.ts';
import { classifyLine, isShort, withoutEndMarker } from '../../../src/import/scrape/classify.ts';

const fixture = (name: string) => new URL(`../../fixtures/import/real/scrape/${name}`, import.meta.url);

describe('a book whose notes are set after each of its essays', () => {
  // Critical and Historical Essays (Project Gutenberg 16351): its notes come in runs, each taken in turn.
  const text = readFileSync(fixture('16351-8.txt'), 'utf8');

  it('is read into units once, not once for each run of notes, and with the same result', () => {
    const tree = fromMarkdown(text);
    const nodes = tree.children.length;
    const memory = unitReader();
    let reads = 0;
    const counted: UnitReader = {
      read: (body) => {
        reads++;
        return memory.read(body);
      },
      changed: (node) => memory.changed(node),
      get nodesRead() {
        return memory.nodesRead;
      },
    };
    const result = recognisePlainNotes(tree, new VFile({ path: '16351-8.txt', value: text }), counted);
    assert.ok(reads >= 8, `the runs are taken one at a time (${reads} readings)`);
    // Each reading used to read every node again: reads × nodes, here ~9,000 nodes.
    assert.ok(memory.nodesRead < nodes * 1.2, `${memory.nodesRead} nodes read for ${nodes}`);

    const afresh = fromMarkdown(text);
    const forgetful: UnitReader = { read: toUnits, changed: () => undefined, nodesRead: 0 };
    const expected = recognisePlainNotes(afresh, new VFile({ path: '16351-8.txt', value: text }), forgetful);
    assert.deepEqual(result, expected);
    assert.deepEqual(tree, afresh);
  });
});

describe('a line that is a long run of spaces', () => {
  // `[\s\u00a0]*marker$`, tried at each of them, took 2.2 s for 20,000 and ~30 minutes for a million.
  const spaces = ' '.repeat(1_000_000);

  it('is classified in time linear in its length', () => {
    assert.equal(classifyLine(`a${spaces}b`, false), 'paragraph');
    assert.equal(classifyLine(`A${spaces}.`, false), 'paragraph');
    assert.equal(isShort(`Title${spaces}[1]`), true);
    assert.equal(isShort(`A${'¹'.repeat(1_000_000)}x`), false);
  });

  it('loses its note marker as the pattern took it off', () => {
    const pattern = /[\s\u00a0]*(?:\[\d{1,3}\]|\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3}|†|‡)$/u;
    // Every line of up to five of these characters: markers, the spaces before them, and their near misses.
    const alphabet = [' ', '\u00a0', 'a', '[', ']', '(', ')', '1', '¹', '*', '†'];
    let lines = [''];
    for (let length = 1; length <= 5; length++) {
      lines = lines.flatMap((line) => alphabet.map((char) => line + char));
      for (const line of lines) assert.equal(withoutEndMarker(line), line.replace(pattern, ''), JSON.stringify(line));
    }
    for (const line of ['Premium features. [1]', 'Premium features.[12]', 'A note (3)', 'Verse¹²', 'Starred ****', 'x [1234]', 'Dagger †‡'])
      assert.equal(withoutEndMarker(line), line.replace(pattern, ''), line);
  });
});

describe('a note that holds a long run of spaces', () => {
  it('is made a footnote in time linear in its length', () => {
    // `\s*(?:link)?\s*$` tried every split of the run at each of its spaces: 2 s for 2,000, days for a million.
    const note = `A note${' '.repeat(1_000_000)}that goes on.`;
    assert.equal(withoutTrailingBackLink(note), note);
    assert.equal(withoutTrailingBackLink(`A note${' '.repeat(1_000_000)}[↩](#fn1)${'\u00a0'.repeat(1_000_000)}`), 'A note');
  });

  it('loses the link back to its marker as the pattern took it off', () => {
    const pattern = /[\s\u00a0]*(?:\[(?:[↩↑⤴^]\uFE0E?\uFE0F?|back|return)\]\(#[^)\s]*\)|[↩↑⤴]\uFE0E?\uFE0F?)?[\s\u00a0]*$/i;
    // Every text of up to four of these pieces: links back, arrows, their near misses and spaces.
    const pieces = [' ', '\u00a0', 'a', ')', '(#', '(#a)', '[↩]', '[Back]', '[return]', '[^]', '[x]', '↩', '⤴\uFE0E\uFE0F', '\uFE0F', ']'];
    let texts = [''];
    for (let length = 1; length <= 4; length++) {
      texts = texts.flatMap((text) => pieces.map((piece) => text + piece));
      for (const text of texts) assert.equal(withoutTrailingBackLink(text), text.replace(pattern, ''), JSON.stringify(text));
    }
  });
});

describe('a long run of spaces before a marker, of stars in a line', () => {
  const run = 1_000_000;

  it('a marker after a million spaces is tied to its note in time linear in the run', () => {
    // `/[ \t\n]+$/` took the spaces off before the reference trying every one: 12 s for 64,000.
    const text = `A paragraph${' '.repeat(run)}with a note.[1]\n\nNotes\n\n[1] A note.\n`;
    const tree = fromMarkdown(text);
    const result = recognisePlainNotes(tree, new VFile({ path: 'spaces.md', value: text }));
    assert.equal(result.notes, 1);
    assert.equal(result.markers, 1);
  });

  it('a line of a million stars is no notes heading, and stars round one are taken off, in linear time', () => {
    // `/[*_#=\s]+$/` tried every star of a run that does not end the line: 33 s for 64,000.
    assert.equal(notesHeadingKind(`${'*'.repeat(run)}x`), undefined);
    assert.equal(notesHeadingKind(`${'*'.repeat(run)} Notes ${'_'.repeat(run)}`), 'notes');
    assert.equal(notesHeadingKind('## **References:**'), 'references');
  });
});

// The unseen notes (data/notes/unseen/notes.json) measure the labeller on notes nothing was fitted
// to: they must stay out of the training data, as a file and line by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normaliseText } from '../../../src/cite/bibliography.ts';
import { parseTaggedFile } from '../../../src/cite/label/tagged.ts';
import { TRAINING_FILES } from '../../../src/cite/label/train.ts';
import { repoRoot } from '../../helpers/project.ts';

const UNSEEN = 'data/notes/unseen/notes.json';

interface UnseenFile {
  sources: { key: string; repo: string; commit: string; path: string; licence: string }[];
  notes: { id: string; text: string; items: { type: string }[] }[];
}

const unseen = JSON.parse(readFileSync(path.join(repoRoot, UNSEEN), 'utf8')) as UnseenFile;

describe('the unseen notes', () => {
  it('are not training data', () => {
    assert.ok(!TRAINING_FILES.includes(UNSEEN), `${UNSEEN} is in TRAINING_FILES`);
    assert.deepEqual(
      TRAINING_FILES.filter((file) => path.normalize(file).startsWith(path.normalize('data/notes/unseen'))),
      [],
    );
  });

  it('repeat no note of the training files', () => {
    // Compared as words (the tagged files hold the same Markdown with labels around its fields).
    const trained = new Set(
      TRAINING_FILES.flatMap((file) => parseTaggedFile(readFileSync(path.join(repoRoot, file), 'utf8'), file)).map((note) => normaliseText(note.text)),
    );
    const repeated = unseen.notes.filter((note) => trained.has(normaliseText(note.text))).map((note) => note.id);
    assert.deepEqual(repeated, []);
  });

  it('name their source, with its commit and licence, and have an item list each', () => {
    const keys = new Set(unseen.sources.map((source) => source.key));
    for (const source of unseen.sources) {
      assert.match(source.commit, /^[0-9a-f]{40}$/, source.key);
      assert.ok(source.repo.includes('/') && source.path !== '' && source.licence !== '', source.key);
    }
    for (const note of unseen.notes) {
      assert.ok(keys.has(note.id.split('#')[0] ?? ''), `${note.id}: unknown source`);
      assert.ok(Array.isArray(note.items) && note.text.trim() !== '', note.id);
    }
    assert.equal(new Set(unseen.notes.map((note) => note.id)).size, unseen.notes.length, 'note ids repeat');
  });
});

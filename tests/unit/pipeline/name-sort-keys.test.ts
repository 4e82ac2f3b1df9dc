import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keyOf, type Memo, noMemo } from '../../../src/core/memo.ts';
import { familyNameSortKey } from '../../../src/core/names.ts';
import { loadBuildableBook } from '../../../src/pipeline/build.ts';
import { contributorsOf } from '../../../src/render/pdf/contributors.ts';
import { repoRoot } from '../../helpers/project.ts';

/** A memo that remembers nothing but records what it was asked, and answers `planted` for one kind. */
function recordingMemo(planted?: unknown): Memo & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    value(kind, key, compute) {
      asked.push(`${kind} ${kind === 'name-sort-keys' ? keyOf(key) : ''}`);
      return kind === 'name-sort-keys' && planted !== undefined ? (structuredClone(planted) as ReturnType<typeof compute>) : compute();
    },
    has: noMemo.has,
    recall: noMemo.recall,
  };
}

describe('the authors’ sort keys are remembered by the build', () => {
  let project: string;
  before(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'anthology-sort-keys-'));
    await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
    await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
  });
  after(() => rm(project, { recursive: true, force: true }));

  it('asked of the memo once, by the names, and the same keys as reading each name', async () => {
    const memo = recordingMemo();
    const { book } = await loadBuildableBook(project, memo);
    assert.ok(book);
    assert.equal(memo.asked.filter((entry) => entry.startsWith('name-sort-keys')).length, 1);
    const names = ['Ada Quayside', 'Camille Jetée'];
    assert.deepEqual(
      [...(book.nameSortKeys ?? [])],
      names.map((name) => [name, familyNameSortKey(name)]),
    );
    assert.deepEqual(
      contributorsOf(book).map((contributor) => contributor.name),
      names.toSorted((a, b) => familyNameSortKey(a).localeCompare(familyNameSortKey(b))),
    );
  });

  it('the contributors are sorted by the remembered keys, without reading the names again', async () => {
    // By family name Jetée comes before Quayside; keys planted the other way round are followed.
    const { book } = await loadBuildableBook(project, recordingMemo(['A', 'Z']));
    assert.ok(book);
    assert.deepEqual(
      contributorsOf(book).map((contributor) => contributor.name),
      ['Ada Quayside', 'Camille Jetée'],
    );
  });
});

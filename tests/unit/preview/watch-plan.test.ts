import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRelevantChange, watchPlan } from '../../../src/preview/watch-plan.ts';

describe('preview watch plan', () => {
  it('watches the book’s folders, the top folder of every input, and anthology.yaml', () => {
    assert.deepEqual(
      watchPlan([
        'chapters/a.md',
        'essays/2019/b.md',
        'styles/csl/chicago.csl',
        'images/cover.jpg',
        'cover.png',
        'node_modules/x/y.css',
        '../outside.md',
        '/abs.md',
      ]),
      { folders: ['bibliography', 'chapters', 'editions', 'essays', 'images', 'styles'], rootFiles: ['anthology.yaml', 'cover.png'] },
    );
  });

  it('ignores editors’ swap, backup and lock files', () => {
    for (const name of ['chapters/.a.md.swp', 'chapters/4913', 'chapters/a.md~', 'chapters/.#a.md', 'chapters/#a.md#', '.DS_Store'])
      assert.ok(!isRelevantChange(name), name);
    for (const name of ['chapters/a.md', 'anthology.yaml', 'bibliography/references.json', 'styles/site.css']) assert.ok(isRelevantChange(name), name);
  });
});

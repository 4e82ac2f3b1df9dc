import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contentKey } from '../../../src/core/memo.ts';
import { openBuildCache, toolFilesHash } from '../../../src/io/cache.ts';

const fingerprint = 'test-tool';

describe('the build cache (io/cache.ts)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'anthology-cache-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Opens the cache afresh (as the next build would) and asks it for `key`, counting computations. */
  async function ask(directory: string, key: string, value: unknown, options: { fingerprint?: string } = {}) {
    const cache = await openBuildCache(directory, { fingerprint: options.fingerprint ?? fingerprint });
    let computed = 0;
    const got = cache.value('chapter', key, () => {
      computed += 1;
      return structuredClone(value);
    });
    return { cache, got, computed };
  }

  it('says whether it holds a value without computing it, made in this build or read from disk', async () => {
    const directory = path.join(dir, 'has');
    const first = await openBuildCache(directory, { fingerprint });
    assert.equal(first.has('citations', 'k'), false);
    first.value('citations', 'k', () => 'made');
    assert.equal(first.has('citations', 'k'), true, 'made in this build, not yet written');
    assert.equal(first.has('chapter', 'k'), false, 'another kind');
    await first.save();
    const second = await openBuildCache(directory, { fingerprint });
    assert.equal(
      second.has('citations', () => 'k'),
      true,
      'on disk',
    );
    assert.equal(
      second.value('citations', 'k', () => assert.fail('held')),
      'made',
    );
    assert.deepEqual(await second.save(), { hits: 1, misses: 0, written: 0, pruned: 0 }, 'asking kept nothing alive by itself');
    assert.equal((await openBuildCache(directory, { fingerprint: 'another-tool' })).has('citations', 'k'), false);
  });

  it('recalls a value without computing or storing one: missing or unreadable is none', async () => {
    const directory = path.join(dir, 'recall');
    const first = await openBuildCache(directory, { fingerprint });
    assert.equal(first.recall('pdf-print', 'k'), undefined);
    first.value('pdf-print', 'k', () => ({ pages: 3 }));
    assert.deepEqual(first.recall('pdf-print', 'k'), { pages: 3 }, 'made in this build');
    assert.deepEqual(await first.save(), { hits: 1, misses: 1, written: 1, pruned: 0 });
    const second = await openBuildCache(directory, { fingerprint });
    assert.deepEqual(
      second.recall('pdf-print', () => 'k'),
      { pages: 3 },
      'from disk',
    );
    assert.deepEqual(await second.save(), { hits: 1, misses: 0, written: 0, pruned: 0 }, 'recalled is used: kept');
    const [name] = await readdir(directory);
    assert.ok(name);
    await writeFile(path.join(directory, name), 'not an entry');
    const third = await openBuildCache(directory, { fingerprint });
    assert.equal(third.recall('pdf-print', 'k'), undefined, 'an entry that cannot be read');
    assert.equal(third.has('pdf-print', 'k'), false);
  });

  it('remembers a value across builds, on disk, and hands out copies', async () => {
    const directory = path.join(dir, 'remember');
    const value = { tree: { type: 'root', children: [{ type: 'text', value: 'x', data: undefined }] }, when: new Map([['a', 1]]) };
    const first = await ask(directory, 'k1', value);
    assert.equal(first.computed, 1);
    assert.deepEqual(await first.cache.save(), { hits: 0, misses: 1, written: 1, pruned: 0 });
    const second = await ask(directory, 'k1', value);
    assert.equal(second.computed, 0, 'read from disk');
    assert.deepEqual(second.got, value, 'undefined properties and Maps survive');
    (second.got as typeof value).tree.children.length = 0;
    assert.deepEqual(
      second.cache.value('chapter', 'k1', () => assert.fail('remembered')),
      value,
      'a caller changing its copy changes nothing remembered',
    );
  });

  it('once told to write from now on (under the lock), writes what it made and each entry as made; save still prunes', async () => {
    const directory = path.join(dir, 'as-made');
    const before = await ask(directory, 'early', { made: 'before the lock' });
    await before.cache.save();
    const cache = await openBuildCache(directory, { fingerprint });
    cache.value('chapter', 'loaded', () => ({ made: 'while loading' }));
    assert.equal((await readdir(directory)).length, 1, 'held until told');
    await cache.writeFromNowOn();
    assert.equal((await readdir(directory)).length, 2, 'what was made so far is written');
    cache.value(
      'site-page',
      () => 'a page key',
      () => '<p>a page</p>',
    );
    assert.equal((await readdir(directory)).length, 3, 'a page is written as it is made');
    const reader = await openBuildCache(directory, { fingerprint });
    assert.equal(
      reader.value('site-page', 'a page key', () => assert.fail('on disk already')),
      '<p>a page</p>',
    );
    assert.deepEqual(await cache.save(), { hits: 0, misses: 2, written: 2, pruned: 1 }, 'the entry this build did not use is pruned');
    assert.equal((await readdir(directory)).length, 2);
  });

  it('a truncated, corrupted or foreign entry is a miss, recomputed and rewritten, never an error', async () => {
    const directory = path.join(dir, 'corrupt');
    const value = { text: 'a chapter'.repeat(50) };
    await (await ask(directory, 'k', value)).cache.save();
    const [name] = await readdir(directory);
    assert.ok(name);
    const file = path.join(directory, name);
    const good = await readFile(file);
    const damaged = [
      good.subarray(0, Math.floor(good.length / 2)), // truncated
      Buffer.concat([good.subarray(0, -3), Buffer.from('zzz')]), // payload changed
      Buffer.from('not a cache entry at all'),
      Buffer.alloc(0),
      Buffer.concat([Buffer.from(good.toString('latin1').replace('anthology-cache/1', 'anthology-cache/0'), 'latin1')]),
    ];
    for (const bytes of damaged) {
      await writeFile(file, bytes);
      const again = await ask(directory, 'k', value);
      assert.equal(again.computed, 1, 'recomputed');
      assert.deepEqual(again.got, value);
      await again.cache.save();
      assert.ok((await readFile(file)).equals(good), 'rewritten whole');
    }
  });

  it('prunes only the kinds a build asked for: a build of one output keeps the others’ entries', async () => {
    const directory = path.join(dir, 'kinds');
    const full = await openBuildCache(directory, { fingerprint });
    full.value('site-page', 'page', () => 'page');
    full.value('pdf-layout', 'chunk', () => 'chunk');
    await full.save();
    // A build of the HTML alone: the PDF's chunk is kept.
    const htmlOnly = await openBuildCache(directory, { fingerprint });
    htmlOnly.value('site-page', 'page, edited', () => 'page, edited');
    assert.deepEqual(await htmlOnly.save(), { hits: 0, misses: 1, written: 1, pruned: 1 }, 'the old page is pruned');
    const again = await openBuildCache(directory, { fingerprint });
    assert.ok(again.has('pdf-layout', 'chunk'), 'the chunk outlived a build that made no PDF');
    // A build that makes the PDF again, of another chunk: the old chunk goes.
    again.value('pdf-layout', 'another chunk', () => 'another chunk');
    assert.equal((await again.save()).pruned, 1);
    assert.ok(!(await openBuildCache(directory, { fingerprint })).has('pdf-layout', 'chunk'));
  });

  it('keeps only what the last build used, and no temporary files', async () => {
    const directory = path.join(dir, 'prune');
    const cache = await openBuildCache(directory, { fingerprint });
    for (const key of ['a', 'b', 'c']) cache.value('citations', key, () => key);
    await cache.save();
    assert.equal((await readdir(directory)).length, 3);
    // An interrupted write long ago, and one under way now.
    await writeFile(path.join(directory, 'chapter-0.bin.tmp-1-old'), 'half');
    const old = new Date(Date.now() - 3600_000);
    await utimes(path.join(directory, 'chapter-0.bin.tmp-1-old'), old, old);
    await writeFile(path.join(directory, 'chapter-0.bin.tmp-2-new'), 'half');
    assert.equal(
      cache.value('citations', 'b', () => 'recomputed'),
      'b',
    );
    const stats = await cache.save();
    assert.deepEqual(stats, { hits: 1, misses: 0, written: 0, pruned: 2 });
    const left = (await readdir(directory)).sort();
    assert.equal(left.filter((name) => name.endsWith('.bin')).length, 1);
    assert.deepEqual(
      left.filter((name) => !name.endsWith('.bin')),
      ['chapter-0.bin.tmp-2-new'],
      'the old temporary file is gone; one being written now is left alone',
    );
  });

  it('another tool (fingerprint) never reads these entries', async () => {
    const directory = path.join(dir, 'fingerprint');
    await (await ask(directory, 'k', 'old')).cache.save();
    assert.equal((await ask(directory, 'k', 'new', { fingerprint: 'another-tool' })).computed, 1);
  });

  it('a value that cannot be serialised is computed every time, not remembered', async () => {
    const cache = await openBuildCache(path.join(dir, 'functions'), { fingerprint });
    let computed = 0;
    const compute = () => {
      computed += 1;
      return { call: () => 1 };
    };
    cache.value('chapter', 'f', compute);
    cache.value('chapter', 'f', compute);
    assert.equal(computed, 2);
    assert.equal((await cache.save()).written, 0);
  });

  it('contentKey: parts never run together, and any change is a new key', () => {
    assert.notEqual(contentKey('ab', 'c'), contentKey('a', 'bc'));
    assert.notEqual(contentKey(['a'], 'b'), contentKey('a', ['b']));
    assert.notEqual(contentKey({ id: 'x', title: 'A' }), contentKey({ id: 'x', title: 'B' }));
    assert.equal(contentKey({ id: 'x' }, null), contentKey({ id: 'x' }, null));
  });

  it('hashes the tool as the compiled CLI has it compiled in (scripts/build-cli.mjs), so both read the same entries', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    // A specifier that is not a literal: the script is plain JavaScript, without types.
    const buildCli = (await import(String(new URL('../../../scripts/build-cli.mjs', import.meta.url)))) as { toolFilesHash(): string };
    assert.match(toolFilesHash(root), /^[0-9a-f]{64}$/);
    assert.equal(buildCli.toolFilesHash(), toolFilesHash(root));
  });
});

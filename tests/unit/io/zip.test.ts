import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import type { OutputFiles } from '../../../src/core/types.ts';
import { packEpub } from '../../../src/io/zip.ts';
import { MemoryMemo } from '../../../src/preview/memory-memo.ts';

const modified = new Date(2026, 0, 2, 3, 4, 6);
const files: OutputFiles = new Map<string, string | Uint8Array>([
  ['EPUB/text/b.xhtml', `<p>${'Bee '.repeat(2000)}</p>`],
  ['mimetype', 'application/epub+zip'],
  ['EPUB/images/a.png', new Uint8Array([137, 80, 78, 71, 0, 1, 2, 3])],
  ['META-INF/container.xml', '<container/>'],
  ['EPUB/text/a.xhtml', '<p>Ā é ✓</p>'],
]);

/** The ZIP's local file headers, in order: name, compression method, extra field length. */
function localHeaders(zip: Buffer): { name: string; method: number; extra: number }[] {
  const headers: { name: string; method: number; extra: number }[] = [];
  for (let at = zip.indexOf('PK\u0003\u0004'); at >= 0; at = zip.indexOf('PK\u0003\u0004', at + 4)) {
    const nameLength = zip.readUInt16LE(at + 26);
    headers.push({ name: zip.toString('utf8', at + 30, at + 30 + nameLength), method: zip.readUInt16LE(at + 8), extra: zip.readUInt16LE(at + 28) });
  }
  return headers;
}

describe('packEpub (io/zip.ts)', () => {
  it('records each entry’s CRC-32 (the central directory’s, checked against buffer-crc32’s)', async () => {
    const zip = await packEpub(files, modified);
    const crc32 = createRequire(import.meta.url)('buffer-crc32') as typeof import('buffer-crc32');
    let checked = 0;
    for (let at = zip.indexOf('PK\u0001\u0002'); at >= 0; at = zip.indexOf('PK\u0001\u0002', at + 4)) {
      const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
      const content = files.get(name) ?? '';
      assert.equal(zip.readUInt32LE(at + 16), crc32.unsigned(Buffer.from(content)), name);
      checked++;
    }
    assert.equal(checked, files.size);
  });

  it('makes a deferred entry only when its turn to be deflated comes, into the same bytes', async () => {
    const made: string[] = [];
    const deferred = new Map(
      [...files].map(([name, content]) => [
        name,
        name.endsWith('.xhtml')
          ? () => {
              made.push(name);
              return content;
            }
          : content,
      ]),
    );
    const zip = await packEpub(deferred, modified);
    assert.deepEqual(zip, await packEpub(files, modified));
    // In name order, each once.
    assert.deepEqual(made, ['EPUB/text/a.xhtml', 'EPUB/text/b.xhtml']);
  });

  it('puts mimetype first, stored and without an extra field, then the rest deflated in name order', async () => {
    const zip = await packEpub(files, modified);
    assert.equal(zip.toString('latin1', 30, 58), 'mimetypeapplication/epub+zip');
    const headers = localHeaders(zip);
    assert.deepEqual(
      headers.map((header) => header.name),
      ['mimetype', 'EPUB/images/a.png', 'EPUB/text/a.xhtml', 'EPUB/text/b.xhtml', 'META-INF/container.xml'],
    );
    assert.deepEqual(headers[0], { name: 'mimetype', method: 0, extra: 0 });
    assert.ok(headers.slice(1).every((header) => header.method === 8));
    const unzipped = unzipSync(zip);
    for (const [name, content] of files) assert.deepEqual(unzipped[name], typeof content === 'string' ? new TextEncoder().encode(content) : content, name);
  });

  it('gives the same bytes every time, with entries deflated before taken from the memo', async () => {
    const memo = new MemoryMemo();
    const fresh = await packEpub(files, modified);
    assert.deepEqual(await packEpub(files, modified, memo), fresh);
    let deflatedAgain = false;
    const remembering = Object.assign(Object.create(memo) as MemoryMemo, {
      value<T>(kind: Parameters<MemoryMemo['value']>[0], key: Parameters<MemoryMemo['value']>[1], compute: () => T): T {
        return memo.value(kind, key, () => {
          deflatedAgain = true;
          return compute();
        });
      },
    });
    assert.deepEqual(await packEpub(files, modified, remembering), fresh);
    assert.equal(deflatedAgain, false);
  });

  it('refuses a container without mimetype', async () => {
    await assert.rejects(packEpub(new Map([['EPUB/a.xhtml', '<p/>']]), modified), /needs a mimetype entry/);
  });
});

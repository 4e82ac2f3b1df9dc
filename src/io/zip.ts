import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { OutputFiles } from '../core/types.ts';

/**
 * Zips an EPUB container reproducibly: `mimetype` first and stored, the rest deflated in sorted
 * order, every timestamp set to `modified` (the edition date, or SOURCE_DATE_EPOCH).
 *
 * Each entry is a stream that makes its bytes when yazl comes to it, so entries are deflated one
 * at a time. Given as buffers, every entry got a zlib stream of its own at once (~250 kB each):
 * 1,000 chapters' 1,125 files took ~280 MB more while packing, for 0.48 s instead of 0.85 s.
 */
export async function packEpub(files: OutputFiles, modified: Date): Promise<Buffer> {
  const zip = new ZipFile();
  const mimetype = files.get('mimetype');
  if (mimetype === undefined) throw new Error('an EPUB container needs a mimetype entry');
  zip.addBuffer(Buffer.from(mimetype), 'mimetype', { compress: false, mtime: modified, mode: 0o100644 });
  for (const name of [...files.keys()].filter((name) => name !== 'mimetype').sort()) {
    const content = files.get(name) ?? '';
    const bytes = new Readable({
      read() {
        this.push(Buffer.from(content));
        this.push(null);
      },
    });
    zip.addReadStream(bytes, name, { compress: true, mtime: modified, mode: 0o100644 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

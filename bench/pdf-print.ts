// The anthology side of bench/pdf.ts, in a process of its own like stock pagedjs-cli: prints the
// chunks that `pdf.ts` wrote to <dir>/document.json into <dir>/anthology.pdf and reports, on
// stdout, the page count and any warnings as JSON. With `--cache <folder>`, chunks laid out and
// printed by an earlier run are taken from a build cache there, as `anthology build` does.
//
//   node --import tsx bench/pdf-print.ts <dir> [--cache <folder>]
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { findChromium } from '../src/adapters/chromium.ts';
import { contentKey } from '../src/core/memo.ts';
import { openBuildCache } from '../src/io/cache.ts';
import { printWithPagedjs } from '../src/pipeline/build.ts';
import { pdfTimeout } from '../src/render/pdf/print-pdf.ts';
import type { PrintDocument } from '../src/render/pdf/protocol.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: pdf-print.ts <dir>');
const chromiumPath = findChromium();
if (!chromiumPath) throw new Error('no Chromium: install one or set PUPPETEER_EXECUTABLE_PATH');
const document = JSON.parse(await readFile(path.join(dir, 'document.json'), 'utf8')) as PrintDocument;
const reported = new VFile({ path: 'anthology.yaml' });
const cacheFolder = process.argv[3] === '--cache' ? process.argv[4] : undefined;
const cache = cacheFolder ? await openBuildCache(cacheFolder) : undefined;
// What bench/pdf.ts wrote beside the chunks: the fonts (the generated books have no pictures).
const fonts = (await readdir(path.join(dir, 'fonts'))).sort();
const inputsKey = contentKey(
  await Promise.all(
    fonts.map(async (name) => [
      name,
      createHash('sha256')
        .update(await readFile(path.join(dir, 'fonts', name)))
        .digest('hex'),
    ]),
  ),
);
const result = await printWithPagedjs({
  workDirectory: dir,
  document: { chunks: document.chunks, metadata: { ...document.metadata, date: new Date(document.metadata.date) } },
  chromiumPath,
  timeout: pdfTimeout(document.html.length),
  fileFor: () => reported,
  ...(cache ? { cache: { memo: cache, inputsKey } } : {}),
});
await cache?.save();
const warnings = reported.messages.map((message) => ({ rule: message.ruleId, message: message.reason }));
await writeFile(path.join(dir, 'anthology.pdf'), result.pdf);
console.log(JSON.stringify({ pages: result.pages, warnings }));

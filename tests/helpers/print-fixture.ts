import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { findChromium } from '../../src/adapters/chromium.ts';
import { loadRenderAssets } from '../../src/io/assets.ts';
import { printWithPagedjs } from '../../src/pipeline/build.ts';
import type { PrintResult } from '../../src/render/pdf/print-pdf.ts';
import { labelAttribute } from '../../src/render/pdf/protocol.ts';
import { repoRoot } from './project.ts';
import { pdfText } from './tools.ts';

export interface PrintedFixture {
  result: PrintResult;
  /** What the PDF stage reported (on the fixture's file): pdf-overflow and the like. */
  messages: VFile['messages'];
  /** Each page's text, `pdftotext -layout`. */
  pages: string[];
}

/**
 * Prints a small HTML document through the Paged.js adapter, as the book's chunks are printed: its
 * body goes after the house's fonts and print.css (and its own `<style>`, which sets the page), as
 * one labelled chunk. `fixes` names the Paged.js fixes to install (all by default).
 */
export async function printFixture(file: string, fixes?: readonly string[]): Promise<PrintedFixture> {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('no Chromium to print with');
  const assets = await loadRenderAssets(repoRoot);
  const workDirectory = await mkdtemp(path.join(tmpdir(), 'anthology-fixture-'));
  try {
    await mkdir(path.join(workDirectory, 'fonts'));
    for (const font of assets.fonts) await writeFile(path.join(workDirectory, 'fonts', font.fileName), font.bytes);
    const fixture = await readFile(file, 'utf8');
    const html = fixture
      .replace('<head>', `<head><meta charset="utf-8"><style>${assets.fontFaceCss}\n:root { --body-size: 10.5pt; }\n${assets.printCss}</style>`)
      .replace('<body>', `<body><div ${labelAttribute}="${path.basename(file)}">`)
      .replace('</body>', '</div></body>');
    const reported = new VFile({ path: file });
    const result = await printWithPagedjs({
      workDirectory,
      document: {
        chunks: [{ id: 'fixture', html, sequence: 'body', folioStyle: 'decimal', label: path.basename(file), pageNumbersOf: [] }],
        metadata: { title: 'fixture', authors: [], subject: undefined, keywords: [], language: 'en-GB', creator: 'anthology tests', date: new Date(0) },
      },
      chromiumPath,
      timeout: 120_000,
      fileFor: () => reported,
      ...(fixes ? { fixes } : {}),
    });
    const pdf = path.join(workDirectory, 'fixture.pdf');
    await writeFile(pdf, result.pdf);
    return { result, messages: reported.messages, pages: (await pdfText(pdf)).split('\f').slice(0, -1) };
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}

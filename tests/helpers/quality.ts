import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { repoRoot } from './project.ts';
import { javaOptions } from './tools.ts';

const exec = promisify(execFile);
const require = createRequire(import.meta.url);

/** A throwaway copy of a test book in `tests/books/<name>`, with the project's styles. */
export async function copyTestBook(name: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `anthology-${name}-`));
  await cp(path.join(repoRoot, 'tests', 'books', name), dir, { recursive: true });
  await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export interface VnuMessage {
  type: string;
  url: string;
  message: string;
  lastLine?: number;
}

/** The Nu Html Checker (vnu-jar) on every HTML file under `directory`: its errors. */
export async function vnuErrors(directory: string): Promise<VnuMessage[]> {
  const jar = String(require('vnu-jar'));
  const { stdout, stderr } = await exec('java', [...javaOptions, '-jar', jar, '--format', 'json', '--skip-non-html', '--errors-only', directory], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout: string; stderr: string }) => error);
  // vnu writes its JSON report to stderr.
  const report = JSON.parse(stderr || stdout || '{"messages":[]}') as { messages: VnuMessage[] };
  return report.messages.filter((message) => message.type === 'error' || message.type === 'non-document-error');
}

export interface AceViolation {
  impact: string;
  rule: string;
  document: string;
  description: string;
}

/** Ace by DAISY (`run-ace.cjs`: headless, the system's Chromium) on an EPUB: every violation it reports. */
export async function aceViolations(epub: string, outDir: string): Promise<AceViolation[]> {
  await exec(process.execPath, [path.join(repoRoot, 'tests', 'helpers', 'run-ace.cjs'), epub, outDir], {
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  const report = JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')) as {
    assertions: {
      'earl:testSubject': { url: string };
      assertions: { 'earl:test': { 'earl:impact': string; 'dct:title': string }; 'earl:result': { 'dct:description'?: string } }[];
    }[];
  };
  return report.assertions.flatMap((document) =>
    document.assertions.map((assertion) => ({
      impact: assertion['earl:test']['earl:impact'],
      rule: assertion['earl:test']['dct:title'],
      document: document['earl:testSubject'].url,
      description: assertion['earl:result']['dct:description'] ?? '',
    })),
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core in the page as it is now: its serious and critical violations. */
export async function axeSeriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

export interface PdfImage {
  page: number;
  width: number;
  height: number;
}

/** `pdfimages -list`: every raster image in the PDF with its pixel size. */
export async function pdfImages(file: string): Promise<PdfImage[]> {
  const { stdout } = await exec('pdfimages', ['-list', file]);
  return stdout
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns.length > 4 && columns[2] === 'image')
    .map((columns) => ({ page: Number(columns[0]), width: Number(columns[3]), height: Number(columns[4]) }));
}

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../src/adapters/chromium.ts';

const exec = promisify(execFile);

export const epubcheckJar = '/usr/share/java/epubcheck.jar';

/**
 * JVM options for the validators, which run for seconds: the quick compiler only and a serial
 * collector halve epubcheck's and vnu's time here (epubcheck on the default book 10 → 5 s, vnu
 * on its site 6 → 2 s) with identical reports. The quick compiler's frames are larger, so a
 * larger stack: vnu's schema needs a deep one (it asks for 512k with the default compilers).
 */
export const javaOptions = ['-Xss16m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  output: string;
}

/** Runs Debian's epubcheck (its /usr/bin/epubcheck is a bare jar, so through java -jar). */
export async function epubcheck(file: string): Promise<EpubcheckResult> {
  const { stdout, stderr } = await exec('java', [...javaOptions, '-jar', epubcheckJar, file], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const output = `${stdout}\n${stderr}`;
  const counts = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!counts) throw new Error(`epubcheck printed no summary:\n${output}`);
  return { fatals: Number(counts[1]), errors: Number(counts[2]), warnings: Number(counts[3]), output };
}

/** Text of a PDF page range through poppler's pdftotext. */
export async function pdfText(file: string, first?: number, last?: number): Promise<string> {
  const range = first === undefined ? [] : ['-f', String(first), '-l', String(last ?? first)];
  const { stdout } = await exec('pdftotext', [...range, '-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await exec('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
}

/** Chromium for a browser test: the system's, found and flagged as the build's (no background traffic that would count as a request). */
export async function launchTestChromium(): Promise<Browser> {
  const executablePath = findChromium();
  assert.ok(executablePath, 'a Chromium to test with');
  return chromium.launch({ executablePath, args: chromiumArgs });
}

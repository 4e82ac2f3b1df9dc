import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../src/import/chapter-markdown.ts';
import { importSource } from '../../src/import/import.ts';
import type { ImportOptions, LineFate } from '../../src/import/types.ts';
import { repoRoot } from './project.ts';

/** A fixture's lines as the importer counts them (a final newline ends the last line). */
export function sourceLinesOf(text: string): string[] {
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

/** The line number of the `occurrence`th line holding `text`. */
export function lineOf(sourceLines: readonly string[], text: string, occurrence = 1): number {
  let seen = 0;
  const index = sourceLines.findIndex((line) => line.includes(text) && ++seen === occurrence);
  assert.ok(index >= 0, `the fixture has ${occurrence} line(s) with “${text}”`);
  return index + 1;
}

/** One fate per line, in order; blank exactly when the line is empty; every dropped line says why. */
export function assertEveryLineAccounted(lines: readonly LineFate[], sourceLines: readonly string[]): void {
  assert.deepEqual(
    lines.map((fate) => fate.line),
    sourceLines.map((_, index) => index + 1),
  );
  lines.forEach((fate, index) => {
    assert.equal(fate.fate === 'blank', (sourceLines[index] ?? '').trim() === '', `line ${fate.line} is blank exactly when it is empty`);
    if (fate.fate === 'dropped') assert.ok(fate.reason.length > 10, `line ${fate.line} says why it was dropped`);
  });
}

/** Imports a fixture file through `importSource`, with each chapter's body as Markdown. */
export function importFixture(
  fixtureDir: string,
  name: string,
  options: Partial<ImportOptions> = {},
  text = readFileSync(path.join(repoRoot, fixtureDir, name), 'utf8'),
) {
  const file = new VFile({ path: `${fixtureDir}/${name}`, value: text });
  const result = importSource(file, { defaultAuthor: undefined, ...options });
  const markdown = result.chapters.map((chapter) => bodyToMarkdown(chapter.piece.body));
  return { file, result, markdown, sourceLines: sourceLinesOf(text) };
}

/** A line's fate as one comparable string: `kept:body:1`, `dropped:<reason>`, `blank`. */
export function fateOf(lines: readonly LineFate[], line: number, withPiece = true): string {
  const fate = lines[line - 1];
  if (!fate) return 'missing';
  if (fate.fate === 'kept' || fate.fate === 'metadata') return `${fate.fate}:${fate.field}${withPiece ? `:${fate.piece}` : ''}`;
  if (fate.fate === 'dropped') return `dropped:${fate.reason}`;
  return fate.fate;
}

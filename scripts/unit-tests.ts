/**
 * Runs every unit test in this one process (`npm run test:unit`): Node 20's test runner starts a
 * process per file, whose start-up (tsx, the module graph) cost more than the tests themselves.
 * Unit tests spawn no process, so they can share one.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../tests/unit');
const files = (await readdir(root, { recursive: true }))
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => path.join(root, name))
  .sort();
for (const file of files) await import(pathToFileURL(file).href);

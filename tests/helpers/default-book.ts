import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CliResult, repoRoot, runCli } from './project.ts';

/** The default book, built once (`anthology build`: site, EPUB and PDF) for a whole test run. */
export interface BuiltBook {
  /** A copy of the project, its outputs in `build/`: read it, never write to it (other test files share it). */
  dir: string;
  result: CliResult;
}

const runsDirectory = path.join(repoRoot, 'build/test-runs');
/** A run is one `node --test` (the parent of every test file's process), unless the caller names it. */
const runId = process.env.ANTHOLOGY_TEST_RUN ?? `run-${process.ppid}`;
let built: Promise<BuiltBook> | undefined;

/**
 * The default book as the CLI builds it, shared by the e2e test files of one run through
 * `build/test-runs/<run>/`: the first file to ask builds it (others wait on its lock), later ones
 * read it. Runs older than an hour are removed.
 */
export function defaultBook(): Promise<BuiltBook> {
  built ??= buildOnce();
  return built;
}

async function buildOnce(): Promise<BuiltBook> {
  const runDirectory = path.join(runsDirectory, runId);
  const dir = path.join(runDirectory, 'project');
  const resultFile = path.join(runDirectory, 'result.json');
  await mkdir(runsDirectory, { recursive: true });
  const locked = await mkdir(runDirectory).then(
    () => true,
    () => false,
  );
  if (!locked) return { dir, result: await waitFor(resultFile) };
  await removeOldRuns();
  for (const entry of ['anthology.yaml', 'chapters', 'styles', 'sources', 'bibliography']) {
    await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  const result = await runCli(['build'], dir);
  await writeFile(resultFile, JSON.stringify(result));
  return { dir, result };
}

async function waitFor(resultFile: string): Promise<CliResult> {
  for (;;) {
    const text = await readFile(resultFile, 'utf8').catch(() => undefined);
    if (text) return JSON.parse(text) as CliResult;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function removeOldRuns(): Promise<void> {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(runsDirectory)) {
    const directory = path.join(runsDirectory, name);
    if (name !== runId && (await stat(directory)).mtimeMs < hourAgo) await rm(directory, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// Runs the compiled CLI in dist/ (scripts/build-cli.mjs) when it was compiled from the sources as
// they are now: every source it lists in dist/manifest.json has the size and mtime it had then.
// Otherwise (no dist/, or a source edited since) the TypeScript sources run through tsx, which is
// always right but costs half a second of start-up; `node scripts/build-cli.mjs` (also run by
// `npm ci`, `npm run book` and `npm test`) brings the compiled CLI up to date.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function compiledIsCurrent() {
  try {
    const { inputs } = JSON.parse(readFileSync(new URL('dist/manifest.json', root), 'utf8'));
    return inputs.every(([file, size, mtimeMs]) => {
      const stat = statSync(new URL(file, root));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

let main;
if (process.env.ANTHOLOGY_FROM_SOURCE !== '1' && compiledIsCurrent()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

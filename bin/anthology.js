#!/usr/bin/env node
// Runs the compiled CLI in dist/ (scripts/build-cli.mjs) when it was compiled from the sources as
// they are now: every source it lists in dist/manifest.json has the size and mtime it had then.
// Otherwise (no dist/, or a source edited since) the TypeScript sources run through tsx, which is
// always right but costs half a second of start-up; `node scripts/build-cli.mjs` (also run by
// `npm ci`, `npm run book` and `npm test`) brings the compiled CLI up to date.
import { isCurrent } from '../scripts/build-cli.mjs';

let main;
if (process.env.ANTHOLOGY_FROM_SOURCE !== '1' && isCurrent()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

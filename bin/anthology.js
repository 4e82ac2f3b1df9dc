#!/usr/bin/env node
// Runs the compiled CLI in dist/ (scripts/build-cli.mjs) when it was compiled from the sources as
// they are now: every source it lists in dist/manifest.json has the size and mtime it had then.
// Otherwise (no dist/, or a source edited since) the TypeScript sources run through tsx, which is
// always right but costs half a second of start-up; `node scripts/build-cli.mjs` (also run by
// `npm ci`, `npm run book` and `npm test`) brings the compiled CLI up to date.
import { setFlagsFromString } from 'node:v8';
import { isCurrent } from '../scripts/build-cli.mjs';

// V8 optimises a function with TurboFan, on a second thread, once it has run a while; most of what
// a short command runs (a rebuild after one chapter changed: ~0.7 s) ran only long enough to be
// compiled for nothing. Sixteen times V8's budget before that: a rebuild's CPU 830 -> 710 ms
// (medians of 9, alternating, loaded machine), and a 200-chapter cold build no slower (24-27 s of
// CPU against 28-31 s), its hot code still optimised. Set before any of the CLI is compiled.
setFlagsFromString('--interrupt-budget=1081344');

let main;
if (process.env.ANTHOLOGY_FROM_SOURCE !== '1' && isCurrent()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

// `npm run bench`: every benchmark, one after the other, each in its own process so their memory
// and warm-up do not mix.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['import.ts', 'extract.ts', 'cite.ts', 'notes.ts', 'build.ts', 'pdf.ts'].filter((name) => existsSync(new URL(name, import.meta.url)));
let failed = false;
for (const name of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', new URL(name, import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench/${name} failed (exit ${result.status})`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;

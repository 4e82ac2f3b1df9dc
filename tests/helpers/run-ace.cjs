// Runs Ace by DAISY (its core and Puppeteer axe runner, no Electron) on one EPUB:
//   node tests/helpers/run-ace.cjs BOOK.epub OUTDIR   → OUTDIR/report.json
// Chromium is the system's (PUPPETEER_EXECUTABLE_PATH, /usr/bin/chromium by default).
process.env.PUPPETEER_EXECUTABLE_PATH ??= '/usr/bin/chromium';
const path = require('node:path');
const ace = require('@daisy/ace-core');
const axeRunner = require('@daisy/ace-axe-runner-puppeteer');

const [epub, outdir] = process.argv.slice(2);
ace(path.resolve(epub), { cwd: process.cwd(), outdir: path.resolve(outdir), tmpdir: path.join(path.resolve(outdir), 'tmp'), lang: 'en', silent: true, initLogger: true }, axeRunner)
  .then(
    () => 0,
    (error) => {
      console.error(`Ace failed: ${error instanceof Error ? error.stack : String(error)}`);
      return 1;
    },
  )
  .then(async (code) => {
    if (typeof axeRunner.close === 'function') await axeRunner.close();
    process.exit(code);
  });

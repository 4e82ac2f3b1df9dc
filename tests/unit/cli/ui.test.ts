import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Ui } from '../../../src/cli/ui.ts';

/** A stream that records what is written; a terminal when `tty`, with the cursor calls a spinner makes. */
function stream(tty: boolean): NodeJS.WriteStream & { written: string } {
  const fake = {
    written: '',
    isTTY: tty,
    columns: 80,
    write(chunk: string) {
      fake.written += chunk;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => fake,
    once: () => fake,
    removeListener: () => fake,
  };
  return fake as unknown as NodeJS.WriteStream & { written: string };
}

describe('progress lines: a spinner on a terminal only', () => {
  const saved = { CI: process.env.CI, NO_COLOR: process.env.NO_COLOR };
  beforeEach(() => {
    delete process.env.CI;
    delete process.env.NO_COLOR;
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it('in a pipe: plain start and end lines, and ready() loads no spinner', async () => {
    const err = stream(false);
    const ui = await new Ui({ quiet: false, verbose: false }, stream(false), err).ready();
    const progress = ui.progress('epub  packing…');
    progress.update('epub  packing… 3 entries');
    progress.succeed('epub  done');
    assert.equal(err.written, 'epub  packing…\nepub  done\n');
  });

  it('on a terminal: ready() loads the spinner, which draws its frames and ends with a mark', async () => {
    const err = stream(true);
    const ui = await new Ui({ quiet: false, verbose: false }, stream(false), err).ready();
    const progress = ui.progress('pdf   paginating…');
    progress.succeed('pdf   done');
    assert.match(err.written, /pdf {3}paginating…/);
    assert.match(err.written, /✔|√/);
    assert.match(err.written, /pdf {3}done/);
    assert.doesNotMatch(err.written, /^pdf {3}paginating…\n/);
  });

  it('--quiet: nothing, on a terminal too', async () => {
    const err = stream(true);
    const ui = await new Ui({ quiet: true, verbose: false }, stream(false), err).ready();
    ui.progress('html  writing…').succeed('html  done');
    assert.equal(err.written, '');
  });
});

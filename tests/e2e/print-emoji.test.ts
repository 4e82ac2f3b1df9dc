import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';

const exec = promisify(execFile);

/**
 * A real post whose title and text carry emoji (HugoBlox's `teach-courses`, MIT, see
 * tests/fixtures/import/real/PROVENANCE.md): `👩🏼‍🏫 Teach academic courses` (a woman, a skin tone,
 * a joiner and a school), `🎉`, `🙌`. Without an emoji font they print as empty boxes.
 */
const post = path.join(repoRoot, 'tests/fixtures/import/real/hugoblox/teach-courses/index.md');

describe('emoji in the PDF', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let pdf: string;
  before(async () => {
    project = await emptyProject();
    const dir = path.join(project.dir, 'book');
    for (const args of [
      ['new', dir],
      ['import', post],
      ['build', '--format', 'pdf'],
    ]) {
      const result = await runCli(args, args[0] === 'new' ? project.dir : dir);
      assert.equal(result.code, 0, result.stderr);
    }
    const built = (await readdir(path.join(dir, 'build'))).find((name) => name.endsWith('.pdf'));
    assert.ok(built);
    pdf = path.join(dir, 'build', built);
  });
  after(() => project?.dispose());

  it('prints them with the emoji font (colour glyphs, a Type 3 font) and keeps them in the text layer', async () => {
    const { stdout: fonts } = await exec('pdffonts', [pdf]);
    assert.match(fonts, /Type 3/, `Noto Color Emoji's glyphs are drawn as a Type 3 font:\n${fonts}`);
    const { stdout: text } = await exec('pdftotext', [pdf, '-'], { maxBuffer: 16 * 1024 * 1024 });
    assert.match(text, /👩🏼‍🏫 Teach academic courses/);
    assert.match(text, /🙌/);
  });
});

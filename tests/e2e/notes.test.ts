import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { copyDefaultProject, runCli } from '../helpers/project.ts';

describe('a note marker with no note', () => {
  it('fails check and build with its file, line and column, and nothing is written', async () => {
    const project = await copyDefaultProject();
    try {
      const chapter = path.join(project.dir, 'chapters', 'the-sco-turns-twenty.md');
      const text = await readFile(chapter, 'utf8');
      const lines = text.split('\n');
      const bodyStart = lines.indexOf('---', 1) + 1;
      const line = lines.findIndex((candidate, index) => index > bodyStart && candidate.length > 40 && /^[A-Z]/.test(candidate));
      lines[line] = `${lines[line]} One more claim.[^777]`;
      await writeFile(chapter, lines.join('\n'));
      const column = (lines[line]?.indexOf('[^777]') ?? 0) + 1;
      const check = await runCli(['check'], project.dir);
      assert.equal(check.code, 1);
      assert.match(
        check.stderr,
        new RegExp(`chapters/the-sco-turns-twenty\\.md\\s*\\n\\s*${line + 1}:${column}\\s+error\\s+marker \\[\\^777\\] has no note text.*note-undefined`),
      );
      const build = await runCli(['build', '--format', 'html,epub'], project.dir);
      assert.equal(build.code, 1);
      assert.deepEqual(await readdir(path.join(project.dir, 'build')).catch(() => []), []);
    } finally {
      await project.dispose();
    }
  });
});

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { copyDefaultProject, runCli } from '../../helpers/project.ts';

describe('a broken anthology.yaml through the CLI', () => {
  it('exits 1 with file, line and key, and no stack trace', async () => {
    const project = await copyDefaultProject();
    try {
      const file = path.join(project.dir, 'anthology.yaml');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('  number: 1', '  number: first'));
      for (const command of [['check'], ['build', '--format', 'html']]) {
        const result = await runCli(command, project.dir);
        assert.equal(result.code, 1, result.stderr);
        const line = text.split('\n').indexOf('  number: 1') + 1;
        assert.match(result.stderr, new RegExp(`anthology\\.yaml\\s*\\n\\s*${line}:\\d+\\s+error\\s+key \`edition\\.number\``));
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      }
    } finally {
      await project.dispose();
    }
  });
});

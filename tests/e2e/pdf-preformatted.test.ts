import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emptyProject, repoRoot, runCli } from '../helpers/project.ts';
import { pdfText } from '../helpers/tools.ts';

/**
 * An IETF draft saved from its HTML page (readability's ietf-1.html, Apache-2.0,
 * tests/fixtures/import/real/PROVENANCE.md) imports as one preformatted block of 1,170 lines whose
 * header lines are padded with spaces. Printed, every page of it was reported cut off (the spaces
 * that end a wrapped line hang past the margin, and the check counted them) and its words were
 * hyphenated (`list-ing`, `confor-mance`).
 */
describe('a long preformatted block in the PDF', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  let dir: string;
  let output: string;
  before(async () => {
    project = await emptyProject();
    dir = path.join(project.dir, 'book');
    assert.equal((await runCli(['new', dir], project.dir)).code, 0);
    const imported = await runCli(['import', path.join(repoRoot, 'tests/fixtures/import/real/readability/ietf-1.html')], dir);
    assert.equal(imported.code, 0, imported.stderr);
    const built = await runCli(['build', '--format', 'pdf'], dir);
    assert.equal(built.code, 0, built.stderr);
    output = built.stdout + built.stderr;
  });
  after(() => project?.dispose());

  it('is not reported cut off, and nothing of it is', async () => {
    assert.doesNotMatch(output, /pdf-overflow/);
    const text = (await pdfText(path.join(dir, 'build', 'book.pdf'))).replace(/\s+/g, ' ');
    assert.match(text, /This document registers the 'remotestorage' link re-? ?lation/);
    assert.match(text, /Bradner, S., "Key words for use in RFCs to Indicate/);
  });

  it('is not hyphenated', async () => {
    const text = await pdfText(path.join(dir, 'build', 'book.pdf'));
    assert.doesNotMatch(text, /\b(?:list|confor|In)-\n/);
  });
});

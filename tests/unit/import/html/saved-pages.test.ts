import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { repoRoot } from '../../../helpers/project.ts';
import { messagesOf } from './helpers.ts';

/** Whole saved pages from other extractors' test suites (tests/fixtures/import/real/PROVENANCE.md), imported as a user would. */
function importPage(name: string) {
  const relative = `tests/fixtures/import/real/${name}`;
  const file = new VFile({ path: relative, value: readFileSync(path.join(repoRoot, relative), 'utf8') });
  const result = importHtml(file, { defaultAuthor: undefined });
  return { file, result, pieces: result.pieces.map((piece) => ({ meta: piece.meta, markdown: bodyToMarkdown(piece.body) })) };
}

describe('saved pages: the site’s name', () => {
  it('a heading in the text that links to another site’s front page is no venue (a newsletter’s item, postlight ma.ttias.be)', () => {
    const [piece] = importPage('postlight/ma.ttias.be.html').pieces;
    assert.equal(piece?.meta.title, 'cron.weekly issue #130: Github, keycloak, proc, redis6, cron & more');
    assert.equal(piece?.meta.venue, undefined);
  });

  it('the blog’s own heading still names it, on the country domain Blogger served (readability blogger)', () => {
    const [piece] = importPage('readability/blogger.html').pieces;
    assert.equal(piece?.meta.venue, 'Silicon Exposed');
  });
});

describe('saved pages: the title', () => {
  it('a title that runs on past the sentence the text opens with is that sentence, reported (trafilatura buchperlen)', () => {
    const { file, pieces } = importPage('trafilatura/buchperlen.wordpress.com.html');
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0]?.meta.title, 'Leandra Lou – Der etwas andere Modeblog jetzt auch zwischen Buchdeckeln');
    assert.match(pieces[0]?.markdown ?? '', /^## \*\*Lesen Sie Modeblogs\?\*\*/);
    const [message] = messagesOf(file, 'import-title-shortened');
    assert.match(message?.reason ?? '', /Leandra Lou schreibt über all die Themen/);
  });
});

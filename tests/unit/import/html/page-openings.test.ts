import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import temml from 'temml';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { repoRoot } from '../../../helpers/project.ts';

/** Whole saved pages from other extractors' test suites (tests/fixtures/import/real/PROVENANCE.md), imported as a user would. */
function importPage(name: string) {
  const relative = `tests/fixtures/import/real/${name}`;
  const file = new VFile({ path: relative, value: readFileSync(path.join(repoRoot, relative), 'utf8') });
  const result = importHtml(file, { defaultAuthor: undefined });
  return { file, pieces: result.pieces.map((piece) => ({ meta: piece.meta, markdown: bodyToMarkdown(piece.body).trimEnd() })) };
}

describe('saved pages: what opens the article', () => {
  it('an essay dated on its first line is dated so, and the line leaves the text (defuddle paulgraham.com makersschedule)', () => {
    const [piece] = importPage('defuddle/table-layout--paulgraham.com-makersschedule.html').pieces;
    assert.equal(piece?.meta.date, '2009-07');
    assert.doesNotMatch(piece?.markdown ?? '', /July 2009/);
    assert.match(piece?.markdown ?? '', /\n\nOne reason programmers dislike meetings/);
  });

  it('a box of one table cell is not a data table; the title set as a picture of its words is the title (defuddle paulgraham.com makersschedule)', () => {
    const markdown = importPage('defuddle/table-layout--paulgraham.com-makersschedule.html').pieces[0]?.markdown ?? '';
    assert.doesNotMatch(markdown, /\|/);
    assert.match(markdown, /^\s*"\.\.\.the mere consciousness of an engagement will sometimes worry a whole day\."\n\n– Charles Dickens\n/);
    assert.doesNotMatch(markdown, /maker-s-schedule-manager-s-schedule-3\.gif/);
  });

  it('a subheading right under the title is the standfirst (readability salon-1, folha; postlight postlight.com)', () => {
    assert.equal(
      importPage('readability/salon-1.html').pieces[0]?.meta.standfirst,
      "Disruptive companies talk a good game about sharing. Uber's really just an under-regulated company making riches",
    );
    assert.equal(
      importPage('readability/folha.html').pieces[0]?.meta.standfirst,
      'Na ocasião, técnico do Corinthians entregou réplica do troféu ao ex-presidente',
    );
    const postlight = importPage('postlight/postlight.com.html').pieces[0];
    assert.equal(postlight?.meta.standfirst, 'Great leaders set the temperature, especially when stress is high.');
    assert.doesNotMatch(postlight?.markdown ?? '', /Great leaders set the temperature/);
  });
});

describe('saved pages: title, subtitle and site in the document title', () => {
  it('a diary that sets its name as the heading and each post under a lower one: the post’s heading is the title, the name the venue (postlight takagi-hiromitsu.jp, tDiary)', () => {
    const [piece] = importPage('postlight/takagi-hiromitsu.jp.html').pieces;
    assert.equal(piece?.meta.title, '改正NICT法がプチ炎上、工場出荷時共通初期パスワードが識別符号に当たらないことが理解されていない');
    assert.equal(piece?.meta.venue, '高木浩光＠自宅の日記');
    assert.match(piece?.markdown ?? '', /^先月のこと、NHKニュースが/);
  });

  it('a journal article: the journal is the venue, the subtitle the standfirst, never the rest of the document title (trafilatura acpjournals.org)', () => {
    const [piece] = importPage('trafilatura/acpjournals.org.3075.html').pieces;
    assert.equal(piece?.meta.title, 'The Effect of Influenza Vaccination for the Elderly on Hospitalization and Mortality');
    assert.equal(piece?.meta.venue, 'Annals of Internal Medicine');
    assert.equal(piece?.meta.standfirst, 'An Observational Study With a Regression Discontinuity Design');
  });

  it('an identifier leading the document title is no site’s name (readability ietf-1); a bracketed one after it is (readability lwn-1)', () => {
    assert.equal(importPage('readability/ietf-1.html').pieces[0]?.meta.venue, undefined);
    assert.equal(importPage('readability/lwn-1.html').pieces[0]?.meta.venue, 'LWN.net');
  });
});

describe('saved pages: formulas MathJax 3 drew', () => {
  it('each formula is read from the MathML MathJax keeps beside its drawing, as TeX that typesets (readability mathjax)', () => {
    const markdown = importPage('readability/mathjax.html').pieces[0]?.markdown ?? '';
    const display = [...markdown.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((match) => match[1] as string);
    assert.equal(display.length, 8);
    assert.ok(display.some((tex) => tex.includes('\\begin{matrix} \\dot{x} & = σ ( y − x )')));
    assert.ok(display.some((tex) => tex.includes('∇ × \\vec{\\mathbf{B}}') && tex.includes('\\frac{4 π}{c} \\vec{\\mathbf{j}}')));
    for (const tex of display) assert.doesNotThrow(() => temml.renderToString(tex, { throwOnError: true }), tex);
  });
});

describe('saved pages: formulas drawn as pictures by a LaTeX image service', () => {
  it('WordPress.com’s latex.php pictures are inline math with the TeX of their address, in the sentence (defuddle cp4space)', () => {
    const markdown = importPage('defuddle/general--cp4space-jordan-algebra.html').pieces[0]?.markdown ?? '';
    assert.doesNotMatch(markdown, /latex\.php/);
    assert.match(markdown, /then so is the linear combination \$\\lambda A \+ \\mu B\$\./);
    assert.match(markdown, /is also \(bi\)linear: \$\(\\lambda A \+ \\mu B\) \\circ C = \\lambda \(A \\circ C\) \+ \\mu \(B \\circ C\)\$\. What other/);
    const formulas = [...markdown.matchAll(/\$([^$\n]+)\$/g)].map((match) => match[1] as string);
    assert.equal(formulas.length, 20);
    for (const tex of formulas) assert.doesNotThrow(() => temml.renderToString(tex, { throwOnError: true }), tex);
  });
});

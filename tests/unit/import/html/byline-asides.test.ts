import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { readByline } from '../../../../src/import/byline.ts';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { importHtml } from '../../../../src/import/html/import-html.ts';
import { repoRoot } from '../../../helpers/project.ts';

describe('a byline’s parenthesis', () => {
  // Le Monde (the corpus entry html/lemonde-loi-renseignement-fr), lines 487–490: the byline block.
  const lines = readFileSync(path.join(repoRoot, 'tests/corpus/html/lemonde-loi-renseignement-fr/article.html'), 'utf8').split('\n');
  const block = lines.slice(486, 490).join('\n');

  it('“Par Martin Untersinger (avec Damien Leloup et Morgane Tual)”: the writers credited with him join the list', () => {
    assert.ok(block.includes('(avec Damien Leloup et Morgane Tual)'));
    assert.deepEqual(readByline('Par Martin Untersinger (avec Damien Leloup et Morgane Tual)').authors, [
      'Martin Untersinger',
      'Damien Leloup',
      'Morgane Tual',
    ]);
    assert.deepEqual(readByline('By Jane Doe (with John Roe)').authors, ['Jane Doe', 'John Roe']);
  });

  it('any other parenthesis is no part of a name (`Jane Doe (Reuters)`)', () => {
    assert.deepEqual(readByline('By Jane Doe (Reuters)').authors, ['Jane Doe']);
  });

  it('the whole page: the three writers, not “Morgane Tual)”', () => {
    const page = lines.join('\n');
    assert.deepEqual(extractArticle(page, new VFile())?.authors, ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
  });
});

describe('a meta tag that names the site', () => {
  it('<meta name="DC.creator" content="Mac &amp; i"> with og:site_name “Mac & i” (heise.de) is the site: no author (not “Mac” and “i”, nor the site)', () => {
    // The two meta tags as heise's Mac & i pages write them; the article is a paragraph long.
    const html = `<html><head><meta content="Mac &amp; i" property="og:site_name" /><meta content="Mac &amp; i" name="DC.creator" /><title>1Password für Mac generiert Einmal-Passwörter | Mac &amp; i</title></head><body><article><h1>1Password für Mac generiert Einmal-Passwörter</h1><p>${'AgileBits hat Version 5.3 seines bekannten Passwortmanagers 1Password für OS X freigegeben. '.repeat(4)}</p></article></body></html>`;
    const authors = extractArticle(html, new VFile())?.authors ?? [];
    assert.deepEqual(authors, []);
  });
});

describe('“Posted by” in the blog’s own language', () => {
  it('Blogger’s localised post footers name the author (`Eingestellt von`, `Publié par … à 10:00`, `Pubblicato da … alle`)', () => {
    assert.deepEqual(readByline('Publié par Jean Dupont à 10:00').authors, ['Jean Dupont']);
    assert.deepEqual(readByline('Postado por João Silva às 10:00').authors, ['João Silva']);
    assert.deepEqual(readByline('Pubblicato da Marco Rossi alle 10:00').authors, ['Marco Rossi']);
    assert.deepEqual(readByline('Geplaatst door Jan de Vries om 10:00').authors, ['Jan de Vries']);
  });

  it('a German Blogger page (the corpus entry html/blogger-tach-auch-de): “Eingestellt von der Michel um 21:11”', () => {
    const page = readFileSync(path.join(repoRoot, 'tests/corpus/html/blogger-tach-auch-de/tach-auch.html'), 'utf8');
    const footer = page.split('\n').slice(499, 502).join('\n');
    assert.match(footer, /Eingestellt von/);
    assert.deepEqual(readByline(footer.replace(/<[^>]+>/g, ' ')).authors, ['der Michel']);
    const article = extractArticle(page, new VFile());
    assert.deepEqual([article?.authors, article?.date], [['der Michel'], '2020-04-28']);
  });
});

describe('an agency’s desk and title after the names', () => {
  it('only an agency’s initials open a desk: a second writer in capitals with a title stays a writer', () => {
    const read = readByline('By JANE DOE, ALAN FRAM Staff Writer');
    assert.deepEqual(read.authors, ['Jane Doe', 'Alan Fram']);
    assert.deepEqual(read.dropped, []);
  });

  it('a plural title is the desk of all the writers before it, after a comma or run into the last name; what is left out is said', () => {
    const comma = readByline('By ROBERT BURNS and LOLITA BALDOR, AP National Security Writers');
    assert.deepEqual(comma.authors, ['Robert Burns', 'Lolita Baldor']);
    assert.deepEqual(comma.dropped, ['AP National Security Writers']);
    assert.deepEqual(readByline("By MATT O'BRIEN and BARBARA ORTUTAY AP Technology Writers").authors, ["Matt O'Brien", 'Barbara Ortutay']);
    assert.deepEqual(readByline('By MEG KINNARD and ERRIN HAINES, Associated Press').dropped, ['Associated Press']);
    assert.deepEqual(readByline('By Jane Doe and Emily Post').authors, ['Jane Doe', 'Emily Post']);
  });

  it('a desk left out of a page’s byline is reported', () => {
    const html = `<html><head><title>Pentagon</title></head><body><article><h1>Pentagon</h1>
<p class="byline">By ROBERT BURNS and LOLITA BALDOR, AP National Security Writers</p>
<p>${'The defense secretary said on Tuesday that the talks would go on for as long as they were needed. '.repeat(4)}</p></article></body></html>`;
    const file = new VFile({ path: 'page.html', value: html });
    const result = importHtml(file, { defaultAuthor: undefined });
    assert.deepEqual(result.pieces[0]?.meta.authors, ['Robert Burns', 'Lolita Baldor']);
    assert.ok(
      file.messages.some((message) => message.ruleId === 'import-author-dropped' && /AP National Security Writers/.test(message.message)),
      String(file.messages),
    );
  });
});

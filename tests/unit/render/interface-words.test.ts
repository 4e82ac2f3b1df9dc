import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import { interfaceWords, isEnglish, untranslatedTerms } from '../../../src/core/interface-words.ts';
import type { Book } from '../../../src/core/types.ts';
import { loadCitedBook } from '../../../src/pipeline/build.ts';
import type { RenderAssets } from '../../../src/render/assets.ts';
import { renderEpub } from '../../../src/render/epub/epub.ts';
import { pageMetadata } from '../../../src/render/html/metadata.ts';
import { renderHtmlSite } from '../../../src/render/html/site.ts';
import { renderPrintDocument } from '../../../src/render/pdf/print-html.ts';
import { repoRoot } from '../../helpers/project.ts';
import { emptyRenderAssets } from '../../helpers/render-assets.ts';

const assets = emptyRenderAssets;

const projects: string[] = [];
after(() => Promise.all(projects.map((project) => rm(project, { recursive: true, force: true }))));

/** The golden test book in another language, its English chapter first published in March 2019. */
async function bookIn(language: string) {
  const project = await mkdtemp(path.join(tmpdir(), `anthology-words-${language}-`));
  projects.push(project);
  await cp(path.join(repoRoot, 'tests/golden/book'), project, { recursive: true });
  await cp(path.join(repoRoot, 'styles/csl'), path.join(project, 'styles/csl'), { recursive: true });
  const config = path.join(project, 'anthology.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('language: en-GB', `language: ${language}`));
  const chapter = path.join(project, 'chapters/the-lamp-room.md');
  await writeFile(chapter, (await readFile(chapter, 'utf8')).replace('date: 2021-02-11', 'date: 2019-03'));
  const loaded = await loadCitedBook(project);
  assert.ok(loaded.book, loaded.files.flatMap((file) => file.messages.map(String)).join('\n'));
  const warnings = loaded.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'interface-words-missing').map(String));
  return { book: loaded.book, warnings };
}

const text = (bytes: string | Uint8Array | undefined) => (typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));

describe('interface words in the book’s language', () => {
  it('prints a German book’s headings, navigation and opening lines in German (Quarto, Docusaurus, CSL locale)', async () => {
    const { book, warnings } = await bookIn('de');
    const site = renderHtmlSite(book, assets);
    const chapter = text(site.get('the-lamp-room.html'));
    assert.match(chapter, /<p class="chapter-number"[^>]*>Kapitel 1<\/p>/);
    assert.match(chapter, /Ursprünglich erschienen in <cite>Maps Quarterly<\/cite>, März 2019\./);
    assert.match(chapter, /<h2[^>]*class="notes-heading"[^>]*>Anmerkungen<\/h2>/);
    assert.match(chapter, /← Zurück/);
    assert.match(chapter, /Weiter →/);
    assert.match(chapter, />Zum Hauptinhalt springen</);
    assert.match(chapter, /<a href="index.html#contents">Inhaltsverzeichnis<\/a>/);
    assert.match(chapter, /<a href="search.html">Suchen<\/a>/);
    assert.match(text(site.get('index.html')), /<p class="editors">Herausgegeben von Mara Testwell<\/p>/);
    assert.match(text(site.get('bibliography.html')), /<h1 id="bibliography-heading">Literatur<\/h1>/);
    const search = text(site.get('search.html'));
    assert.match(search, /<label for="search-input">Suche<\/label>/);
    assert.match(
      search,
      /data-searching="Neue Ergebnisse abrufen..." data-none="Es wurden keine Ergebnisse gefunden" data-found="Ein Dokument gefunden\|\{count\} Dokumente gefunden"/,
    );

    const epub = renderEpub(book, assets, { breaks: [] });
    const nav = text(epub.get('EPUB/nav.xhtml'));
    assert.match(nav, /<title>Inhaltsverzeichnis<\/title>/);
    assert.match(nav, /Teil I: Keepers/);
    assert.match(nav, /<a epub:type="bibliography" href="text\/bibliography.xhtml">Literatur<\/a>/);
    assert.match(text(epub.get('EPUB/text/imprint.xhtml')), /<title>Urheberrechte<\/title>/);
    // The accessibility summary has no translation: it says it is English.
    assert.match(text(epub.get('EPUB/package.opf')), /<meta property="schema:accessibilitySummary" xml:lang="en">The book has/);

    const print = renderPrintDocument(book, assets).html;
    assert.match(print, /data-running-verso="Inhaltsverzeichnis"/);
    assert.match(print, /<p class="part-number">Teil I<\/p>/);
    assert.match(print, /data-running-recto="Literatur"/);

    // What no source translates is English, and said once.
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /no translation into de for “Cover”, “Title page”/);
    assert.doesNotMatch(warnings[0] ?? '', /“Chapter”|“Previous”|“Contents”/);
  });

  it('falls back to English for a term the language’s sources leave untranslated, with the date still in the language', async () => {
    // nl-NL's CSL locale keeps `original work published` in English; Docusaurus has no Portuguese of Portugal.
    assert.ok(untranslatedTerms('nl').includes('firstPublished'));
    assert.ok(untranslatedTerms('pt').includes('previous'));
    assert.equal(interfaceWords('pt')('contents'), 'Índice');
    const { book, warnings } = await bookIn('nl');
    const chapter = text(renderHtmlSite(book, assets).get('the-lamp-room.html'));
    assert.match(chapter, />Hoofdstuk 1</);
    assert.match(chapter, /First published in <cite>Maps Quarterly<\/cite>, maart 2019\./);
    assert.match(warnings[0] ?? '', /“First published”/);
  });

  it('leaves an English book’s words as they were, with no warning', async () => {
    assert.deepEqual(untranslatedTerms('en-US'), []);
    assert.equal(interfaceWords('en-GB')('skipToText'), 'Skip to the text');
    const { warnings } = await bookIn('en-US');
    assert.deepEqual(warnings, []);
    // Its search page leaves the status line to search.js's English.
    const { book } = await bookIn('en-US');
    assert.doesNotMatch(text(renderHtmlSite(book, assets).get('search.html')), /data-found/);
  });

  it('keeps the English chapter and part labels where the language does not put the term before the number', async () => {
    // The CSL locales give Japanese `章`, `部` and Chinese `章`, `部分`: `章 1` is no heading (`第1章` is).
    for (const language of ['ja', 'zh', 'tr', 'ar', 'ko']) {
      assert.equal(interfaceWords(language)('chapter'), 'Chapter', language);
      assert.equal(interfaceWords(language)('part'), 'Part', language);
    }
    assert.equal(interfaceWords('cs')('part'), 'Část');
    assert.equal(interfaceWords('ru')('chapter'), 'Глава');
    const { book, warnings } = await bookIn('ja');
    assert.match(text(renderHtmlSite(book, assets).get('the-lamp-room.html')), /<p class="chapter-number"[^>]*>Chapter 1<\/p>/);
    assert.match(text(renderEpub(book, assets, { breaks: [] }).get('EPUB/nav.xhtml')), /Part I: Keepers/);
    assert.match(renderPrintDocument(book, assets).html, /<p class="part-number">Part I<\/p>/);
    assert.match(warnings[0] ?? '', /no translation into ja for “Chapter”, “Part”/);
  });

  it('writes the first-publication sentence in English where the CSL terms do not make one', async () => {
    // zh `原著出版于 收入`, he `פורסם במקור בשנת בתוך` (“in the year in”), tr `içinde` before its noun.
    for (const language of ['zh', 'he', 'tr', 'cs', 'fr']) {
      const { book, warnings } = await bookIn(language);
      const chapter = text(renderHtmlSite(book, assets).get('the-lamp-room.html'));
      assert.match(chapter, /<p class="first-published">First published in <cite>Maps Quarterly<\/cite>, /, language);
      assert.match(warnings[0] ?? '', /“First published”/, language);
    }
    // Russian's date ends with its own full stop (`март 2019 г.`): not two.
    const russian = await bookIn('ru');
    assert.match(text(renderHtmlSite(russian.book, assets).get('the-lamp-room.html')), /<cite>Maps Quarterly<\/cite>, март 2019 г\.<\/p>/);
    const { book } = await bookIn('pt');
    assert.match(text(renderHtmlSite(book, assets).get('the-lamp-room.html')), /Trabalho original publicado em <cite>Maps Quarterly<\/cite>, março de 2019\./);
  });

  it('gives Traditional Chinese the Traditional sources, never the Simplified ones', () => {
    for (const language of ['zh-Hant', 'zh-HK', 'zh-TW', 'zh-Hant-TW', 'zh-MO']) {
      assert.equal(interfaceWords(language)('contents'), '目錄', language);
      assert.equal(interfaceWords(language)('editedBy'), '編輯', language);
    }
    for (const language of ['zh', 'zh-Hans', 'zh-CN', 'zh-SG']) assert.equal(interfaceWords(language)('contents'), '目录', language);
    // Serbian in Cyrillic does not take Quarto's Latin-script words; the region still falls back to the language (`de-LI`).
    assert.equal(interfaceWords('sr')('contents'), 'Contents');
    assert.equal(interfaceWords('sr-Latn-RS')('contents'), interfaceWords('sr-Latn')('contents'));
    assert.equal(interfaceWords('de-LI')('contents'), 'Inhaltsverzeichnis');
  });

  it('knows an English tag in one place', () => {
    for (const language of ['en', 'en-GB', 'EN-us', 'en-Latn-US']) assert.ok(isEnglish(language), language);
    for (const language of ['eng', 'de', 'es-EN', 'enm']) assert.ok(!isEnglish(language), language);
  });

  it('describes the book by its editors in the book’s language, and an English one as always', () => {
    const config = { title: 'Lichter', editors: ['Mara Testwell', 'Jo Beispiel'], language: 'de', identifier: 'urn:x', url: undefined };
    const description = (language: string) =>
      toHtml(pageMetadata({ config: { ...config, language } } as unknown as Book, { href: 'index.html', title: 'Lichter', language }, 'book', 'cover.jpg'));
    assert.match(description('de'), /<meta name="description" content="Herausgegeben von Mara Testwell und Jo Beispiel">/);
    assert.match(description('en-GB'), /<meta name="description" content="Edited by Mara Testwell, Jo Beispiel">/);
  });
});

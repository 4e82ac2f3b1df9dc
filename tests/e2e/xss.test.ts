/**
 * The XSS corpus (tests/fixtures/xss/payloads.ts) through the three ways untrusted markup comes in:
 * a saved HTML page, a Markdown post (raw HTML, links, front matter) and a WordPress export (post
 * body, title, author, excerpt). Each is imported into a small book, the site is built, and every
 * page is loaded in Chromium with every inline event fired: no payload may run, no request may
 * leave the site, and the payloads' neighbours (the text around them) must still be there.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { htmlPayloads, markdownPayloads, metadataPayloads } from '../fixtures/xss/payloads.ts';
import { repoRoot, runCli } from '../helpers/project.ts';
import { launchTestChromium } from '../helpers/tools.ts';

const numbered = (payload: string, n: number) => payload.replaceAll('N', String(n));
/** `Carrier N.`: plain text beside each payload, which must survive the import. */
const carrier = (n: number) => `Carrier ${n}.`;

function htmlSource(): string {
  const blocks = htmlPayloads.map((payload, index) => `<p>${carrier(1000 + index)} Plain words beside it.</p>\n<div>${numbered(payload, 1000 + index)}</div>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Payloads in a Page ${numbered(metadataPayloads[0] ?? '', 1900)}</title>
<meta name="author" content="Jane ${numbered(metadataPayloads[2] ?? '', 1901).replaceAll('"', '&quot;')} Roe">
<meta name="description" content="${numbered(metadataPayloads[1] ?? '', 1902)
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')}">
</head><body><article><h1>Payloads in a Page</h1>
${blocks.join('\n')}
<p>The end of the page.</p>
</article></body></html>
`;
}

function markdownSource(): string {
  const raw = htmlPayloads.map((payload, index) => `${carrier(2000 + index)} Plain words beside it.\n\n${numbered(payload, 2000 + index)}\n`);
  const own = markdownPayloads.map((payload, index) => `${carrier(2500 + index)} Plain words beside it: ${numbered(payload, 2500 + index)}\n`);
  return `---
title: ${JSON.stringify(`Payloads in Markdown ${numbered(metadataPayloads[0] ?? '', 2900)}`)}
author: ${JSON.stringify(`Jon ${numbered(metadataPayloads[3] ?? '', 2901)} Sample`)}
date: 2020-01-02
description: ${JSON.stringify(numbered(metadataPayloads[1] ?? '', 2902))}
---

${[...own, ...raw].join('\n')}
The end of the post.
`;
}

function wxrSource(): string {
  const blocks = htmlPayloads.map((payload, index) => `<p>${carrier(3000 + index)} Plain words beside it.</p>\n${numbered(payload, 3000 + index)}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title><![CDATA[A Blog ${numbered(metadataPayloads[1] ?? '', 3900)}]]></title>
<link>https://blog.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[jane]]></wp:author_login><wp:author_display_name><![CDATA[Jane ${numbered(metadataPayloads[2] ?? '', 3901)} Roe]]></wp:author_display_name></wp:author>
<item>
<title><![CDATA[Payloads in WordPress ${numbered(metadataPayloads[0] ?? '', 3902)}]]></title>
<link>https://blog.example.org/2020/01/03/payloads/</link>
<dc:creator><![CDATA[jane]]></dc:creator>
<content:encoded><![CDATA[${blocks.join('\n')}
<p>The end of the post.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[${numbered(metadataPayloads[3] ?? '', 3903)}]]></excerpt:encoded>
<wp:post_date><![CDATA[2020-01-03 10:00:00]]></wp:post_date>
<wp:post_name><![CDATA[payloads]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="post_tag" nicename="x"><![CDATA[${numbered(metadataPayloads[1] ?? '', 3904)}]]></category>
</item>
</channel>
</rss>
`;
}

function handWrittenChapter(): string {
  const own = markdownPayloads.map((payload, index) => `${carrier(4500 + index)} Plain words beside it: ${numbered(payload, 4500 + index)}\n`);
  const raw = htmlPayloads.map((payload, index) => `${carrier(4000 + index)} Plain words beside it.\n\n${numbered(payload, 4000 + index)}\n`);
  return `---\ntitle: ${JSON.stringify(`Hand-written ${numbered(metadataPayloads[0] ?? '', 4900)}`)}\nauthors:\n  - ${JSON.stringify(numbered(metadataPayloads[1] ?? '', 4901))}\nstandfirst: ${JSON.stringify(numbered(metadataPayloads[2] ?? '', 4902))}\n---\n\n${[...own, ...raw].join('\n')}`;
}

const payloadCount = htmlPayloads.length * 4 + markdownPayloads.length * 2 + metadataPayloads.length * 3 + 5 + 3;

interface PageFindings {
  page: string;
  inlineHandlers: string[];
  dangerousUrls: string[];
  foreignScripts: string[];
  embeds: string[];
  text: string;
}

describe(`XSS: ${payloadCount} payloads through HTML, Markdown and WordPress import and a hand-written chapter, the site loaded in Chromium`, () => {
  let dir: string;
  let browser: Browser;
  let pages: string[];
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'anthology-xss-'));
    await cp(path.join(repoRoot, 'tests/fixtures/bad/book'), dir, { recursive: true });
    await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
    await writeFile(path.join(dir, 'payloads.html'), htmlSource());
    await writeFile(path.join(dir, 'payloads.md'), markdownSource());
    await writeFile(path.join(dir, 'payloads.xml'), wxrSource());
    // A chapter written (or pasted) by hand, not imported: the renderer must not trust it either.
    await writeFile(path.join(dir, 'chapters/hand-written.md'), handWrittenChapter());
    await writeFile(path.join(dir, 'anthology.yaml'), `${await readFile(path.join(dir, 'anthology.yaml'), 'utf8')}  - chapters/hand-written.md\n`);
    const imported = await runCli(['import', '--no-cite', '--report', 'import.json', 'payloads.html', 'payloads.md', 'payloads.xml'], dir);
    assert.equal(imported.code, 0, `${imported.stdout}\n${imported.stderr}`);
    const built = await runCli(['build', '--format', 'html'], dir);
    assert.equal(built.code, 0, `${built.stdout}\n${built.stderr}`);
    pages = (await readdir(path.join(dir, 'build/html'))).filter((name) => name.endsWith('.html')).sort();
    browser = await launchTestChromium();
  });
  after(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the three sources became chapters; the text beside every payload is in the site, or its line is dropped with a reason', async () => {
    const site = (await Promise.all(pages.map((name) => readFile(path.join(dir, 'build/html', name), 'utf8')))).join('\n');
    const report = JSON.parse(await readFile(path.join(dir, 'import.json'), 'utf8')) as {
      sources: { file: string; lines: { line: number; fate: string; reason?: string }[] }[];
    };
    const sources = await Promise.all(
      ['payloads.html', 'payloads.md', 'payloads.xml'].map(async (name) => ({
        lines: (await readFile(path.join(dir, name), 'utf8')).split('\n'),
        fates: report.sources.find((entry) => entry.file === name)?.lines ?? [],
      })),
    );
    const numbers = [...htmlPayloads.flatMap((_, index) => [1000 + index, 2000 + index, 3000 + index]), ...markdownPayloads.map((_, index) => 2500 + index)];
    const unaccounted = numbers.filter((n) => {
      if (site.includes(carrier(n))) return false;
      const source = sources[Math.floor(n / 1000) - 1];
      const line = (source?.lines.findIndex((text) => text.includes(carrier(n))) ?? -1) + 1;
      const fate = source?.fates.find((entry) => entry.line === line);
      return !(fate?.fate === 'dropped' && (fate.reason ?? '').length > 10);
    });
    assert.deepEqual(unaccounted.map(carrier), [], 'nothing around a payload was lost without a reason');
    // In a WordPress post, an open <noscript> (parsed as a browser without scripts would) holds the
    // rest of the post, and is removed with it: those lines are reported dropped. Nothing else may go.
    const dropped = numbers.filter((n) => !site.includes(carrier(n)));
    const afterNoscript = htmlPayloads.findIndex((payload) => payload.startsWith('<noscript>')) + 3001;
    assert.deepEqual(
      dropped.filter((n) => n < afterNoscript || n >= 3900),
      [],
      'only what an open <noscript> held in the WordPress post',
    );
    for (const title of ['Payloads in a Page', 'Payloads in Markdown', 'Payloads in WordPress']) assert.ok(site.includes(title), title);
  });

  it('no payload runs, no dialog opens and no request leaves the site, on any page, with every inline event fired', async () => {
    const fired: string[] = [];
    const dialogs: string[] = [];
    const foreign: string[] = [];
    const navigations: string[] = [];
    const siteUrl = pathToFileURL(path.join(dir, 'build/html')).href;
    const context = await browser.newContext();
    await context.exposeBinding('__xss', ({ page }, n: unknown) => {
      fired.push(`${String(n)} on ${page?.url()}`);
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${siteUrl}/`)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const findings: PageFindings[] = [];
    try {
      for (const name of pages) {
        const page = await context.newPage();
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()} ${dialog.message()} on ${name}`);
          void dialog.dismiss();
        });
        page.on('request', (request) => {
          if (!request.url().startsWith(`${siteUrl}/`)) foreign.push(request.url());
        });
        page.on('framenavigated', (frame) => {
          const url = frame.url();
          if (url !== 'about:blank' && url !== 'about:srcdoc' && !url.startsWith(`${siteUrl}/`)) navigations.push(`${name} → ${url}`);
        });
        await page.goto(`${siteUrl}/${name}`, { waitUntil: 'load' });
        findings.push(await page.evaluate(inspectPage, name));
        await page.waitForTimeout(150);
        await page.close();
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(fired, [], 'no payload called __xss');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(foreign, [], 'no request left the site');
    assert.deepEqual(navigations, []);
    for (const finding of findings) {
      assert.deepEqual(finding.inlineHandlers, [], `${finding.page}: no on* attribute`);
      assert.deepEqual(finding.dangerousUrls, [], `${finding.page}: no javascript:, vbscript: or data: address`);
      assert.deepEqual(finding.foreignScripts, [], `${finding.page}: only the site's own scripts`);
      assert.deepEqual(finding.embeds, [], `${finding.page}: no iframe, object, embed, base, form or meta refresh`);
    }
    const chapterPages = findings.filter((finding) => /Carrier \d+\./.test(finding.text));
    assert.ok(chapterPages.length >= 3, `the payload chapters were loaded (${chapterPages.length})`);
  });
});

/** Runs in the page: fires every inline event on every element, then lists what could run code or load things. */
function inspectPage(name: string): PageFindings {
  const events = ['load', 'error', 'mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'begin', 'start', 'animationstart', 'pointerover'];
  const elements = Array.from(document.querySelectorAll('*'));
  for (const element of elements) for (const type of events) element.dispatchEvent(new Event(type));
  const inlineHandlers: string[] = [];
  const dangerousUrls: string[] = [];
  const foreignScripts: string[] = [];
  const embeds: string[] = [];
  for (const element of elements) {
    for (const attribute of Array.from(element.attributes)) {
      if (/^on/i.test(attribute.name)) inlineHandlers.push(`<${element.localName} ${attribute.name}>`);
      if (
        /^(href|src|action|formaction|data|xlink:href|srcdoc|poster|background|srcset)$/i.test(attribute.name) &&
        /^\s*(javascript|vbscript|data):/i.test(attribute.value)
      ) {
        dangerousUrls.push(`<${element.localName} ${attribute.name}="${attribute.value.slice(0, 40)}">`);
      }
    }
    if (element.localName === 'script') {
      const script = element as HTMLScriptElement;
      const ownFile = script.getAttribute('src') !== null && /^[\w./-]+\.js$/.test(script.getAttribute('src') ?? '');
      let jsonLd = false;
      if (script.type === 'application/ld+json') {
        try {
          JSON.parse(script.textContent ?? '');
          jsonLd = true;
        } catch {
          jsonLd = false;
        }
      }
      if (!ownFile && !jsonLd) foreignScripts.push(script.outerHTML.slice(0, 80));
    }
    if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet'].includes(element.localName)) embeds.push(element.localName);
    // The site's own search form goes to its search page; any other form is a payload's.
    if (element.localName === 'form' && !/^[\w-]+\.html$/.test(element.getAttribute('action') ?? '')) embeds.push(`form ${element.getAttribute('action')}`);
    if (element.localName === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') ?? '')) embeds.push('meta refresh');
  }
  return { page: name, inlineHandlers, dangerousUrls, foreignScripts, embeds, text: document.body?.textContent ?? '' };
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { extractArticle } from '../../../../src/import/html/extract-article.ts';
import { repoRoot } from '../../../helpers/project.ts';
import { convertFragment } from './helpers.ts';

function corpusLines(file: string): string[] {
  return readFileSync(path.join(repoRoot, 'tests/corpus/html', file), 'utf8').split('\n');
}

describe('spaces at the edge of italics and bold', () => {
  // Real lines of La Vie des idées (SPIP), the corpus entry html/laviedesidees-evaluation-revues-fr.
  const lines = corpusLines('laviedesidees-evaluation-revues-fr/evaluation-et-listes-de-revues.html');

  it('a space inside the italics goes outside them, not into the Markdown as `&#x20;`', () => {
    const markdown = convertFragment(lines[515] as string).markdown;
    assert.match(markdown, /«\s_new books_\s+»/);
    assert.ok(!markdown.includes('&#x20;'));
  });

  it('italics around nothing but a space leave the space', () => {
    const markdown = convertFragment(lines[517] as string).markdown;
    assert.ok(markdown.includes('diffusion des connaissances ou plus largement'), markdown.slice(0, 300));
    assert.ok(!markdown.includes('&#x20;'));
  });
});

describe('bylines and dates of a company blog (dropbox.tech)', () => {
  const lines = corpusLines('dropbox-tech-atf/post.html');
  // Lines 130–135: the title and the byline under it; lines 186–202: the post's first paragraphs.
  const heading = lines.slice(129, 135).join('\n');
  const text = lines.slice(185, 202).join('\n');
  const extract = (head: string, body: string) => {
    const html = `<html><head>${head}</head><body>${body}${text}</body></html>`;
    return extractArticle(html, new VFile({ path: 'post.html', value: html }));
  };

  it('“// By Arun Sai Krishnan • Nov 11, 2020”: a mark before the cue is still a byline, with its date', () => {
    const article = extract('', heading);
    assert.deepEqual(article?.authors, ['Arun Sai Krishnan']);
    assert.equal(article?.date, '2020-11-11');
  });

  it('<meta name="publishDate" content="2020-11-11 12:00:00.000-0600"> dates the post', () => {
    const withoutByline = heading.replace(/<span class="dr-typography-t5">[^<]*<\/span>/, '');
    assert.ok(!withoutByline.includes('Nov 11'));
    assert.equal(extract(lines[11] as string, withoutByline)?.date, '2020-11-11');
  });
});

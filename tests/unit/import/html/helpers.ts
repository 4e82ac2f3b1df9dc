import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../../src/import/chapter-markdown.ts';
import { recogniseFootnotes } from '../../../../src/import/html/footnotes.ts';
import { type HtmlImage, htmlToMdast } from '../../../../src/import/html/html-to-mdast.ts';
import { sanitiseHast } from '../../../../src/import/html/sanitise.ts';
import { repoRoot } from '../../../helpers/project.ts';

export const fixtureDir = path.join(repoRoot, 'tests/fixtures/import/html');

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

export function fixtureFile(name: string): VFile {
  return new VFile({ path: `tests/fixtures/import/html/${name}`, value: readFixture(name) });
}

export interface Converted {
  markdown: string;
  images: HtmlImage[];
  file: VFile;
  tree: HastRoot;
}

/** An HTML fragment through the whole shared stage: sanitise, recognise footnotes, mdast, Markdown. */
export function convertFragment(html: string, baseUrl?: string): Converted {
  const file = new VFile({ path: 'fragment.html', value: html });
  const tree = fromHtml(html, { fragment: true });
  sanitiseHast(tree, file);
  recogniseFootnotes(tree, file);
  const { body, images } = htmlToMdast(tree, file, baseUrl ? { baseUrl } : {});
  return { markdown: bodyToMarkdown(body), images, file, tree };
}

export function messagesOf(file: VFile, ruleId: string) {
  return file.messages.filter((message) => message.ruleId === ruleId);
}

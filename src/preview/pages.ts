import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { clientPath, pagedjsPath } from './routes.ts';

/**
 * The pages the preview serves besides the site's own: each site page with the reload script in
 * its head, the print document set up for Paged.js in the browser, and the page shown while the
 * book has never built. All of it is HTML the renderers made or hast escapes; the one script is a
 * file (`client.js`), so a Content-Security-Policy without inline scripts allows it.
 */

/** The meta element naming the build a page was served from (the print page: its print version), which the reload script compares with the server's. */
// client.js reads this name as a literal: change both together.
const buildMetaName = 'anthology-preview-build';

function clientTags(build: number): string {
  return `<meta name="${buildMetaName}" content="${build}"><script src="${clientPath}" defer></script>`;
}

/** A site page with the preview's script and its build: before `</head>`, or at the start when a page has none. */
export function withClient(html: string, build: number): string {
  const head = html.search(/<\/head>/i);
  return head < 0 ? `${clientTags(build)}${html}` : `${html.slice(0, head)}${clientTags(build)}${html.slice(head)}`;
}

/**
 * The print document (`renderPrintDocument`'s whole-book HTML) as a page Paged.js paginates in the
 * browser: the polyfill, then the reload script. Its relative addresses (`fonts/…`, `images/…`)
 * resolve under `/__preview/`, where the server answers with the site's files of those names
 * (Paged.js reads the stylesheet's fonts against the page's address, whatever a `<base>` says).
 */
export function printPreviewPage(printHtml: string, build: number): string {
  return withClient(printHtml, build).replace(clientTags(build), `<script src="${pagedjsPath}"></script>${clientTags(build)}`);
}

/** What the browser shows before the book has ever built: the reload script draws the problems over it. */
export function waitingPage(title: string): string {
  return toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', `${title} (preview)`),
          h('meta', { name: buildMetaName, content: '0' }),
          h('script', { src: clientPath, defer: true }),
        ]),
        h('body', [h('main', [h('h1', title), h('p', 'The book has errors and has not built yet. Fix them and save: this page reloads.')])]),
      ]),
    ],
  });
}

/** One diagnostic as the browser shows it, in the terms of the terminal's `file:line:column severity reason rule-id`. */
export interface PreviewProblem {
  file: string;
  line: number | undefined;
  column: number | undefined;
  severity: 'error' | 'warning';
  reason: string;
  rule: string | undefined;
}

/** The errors among the files' diagnostics, in order (warnings stay in the terminal). */
export function problemsOf(files: readonly VFile[]): PreviewProblem[] {
  return files.flatMap((file) =>
    file.messages
      .filter((message) => message.fatal === true)
      .map((message) => ({
        file: file.path,
        line: message.line ?? undefined,
        column: message.column ?? undefined,
        severity: 'error' as const,
        reason: message.reason,
        rule: message.ruleId ?? undefined,
      })),
  );
}

/**
 * What the browser is told after each build: the last good build's number (a page reloads when it
 * is newer than its own and changed what the page shows), the problems to show (none: the book
 * built) and the site keys whose bytes changed since the build before.
 */
export interface PreviewState {
  build: number;
  /** The print document's version (the print page's own meta names the one it shows). */
  print: number;
  problems: PreviewProblem[];
  changed: string[];
}

/** The keys whose bytes differ between two renderings of the site (added, removed or changed), sorted. */
export function changedKeys(before: ReadonlyMap<string, Uint8Array | string> | undefined, after: ReadonlyMap<string, Uint8Array | string>): string[] {
  if (!before) return [...after.keys()].sort();
  const changed = new Set<string>();
  for (const [key, bytes] of after) {
    const old = before.get(key);
    if (old === undefined || !sameBytes(old, bytes)) changed.add(key);
  }
  for (const key of before.keys()) if (!after.has(key)) changed.add(key);
  return [...changed].sort();
}

function sameBytes(a: Uint8Array | string, b: Uint8Array | string): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.compare(left, right) === 0;
}

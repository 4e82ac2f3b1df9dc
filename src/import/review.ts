import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import type { LineFate } from './types.ts';

export interface ReviewSource {
  file: VFile;
  format: string;
  chapters: { file: string; title: string }[];
  lines: LineFate[];
  remoteImages: { chapter: string; url: string; caption: string }[];
}

/**
 * The import review page: each source beside what became of every line (chapter and field, or
 * why it was dropped), with dropped lines and warnings highlighted, so an editor can check an
 * import in a browser. Self-contained: no scripts, no external resources.
 */
export function renderImportReview(sources: readonly ReviewSource[]): string {
  const body: ElementContent[] = [h('h1', 'Import review'), ...sources.map(sourceSection)];
  return `<!doctype html>\n${toHtml(
    h('html', { lang: 'en' }, [h('head', [h('meta', { charSet: 'utf-8' }), h('title', 'Import review'), h('style', css)]), h('body', body)]),
  )}\n`;
}

function sourceSection(source: ReviewSource): ElementContent {
  const text = String(source.file.value).split(/\r?\n/);
  const messagesByLine = new Map<number, string[]>();
  for (const message of source.file.messages) {
    const line = message.line ?? 1;
    messagesByLine.set(line, [
      ...(messagesByLine.get(line) ?? []),
      `${message.fatal ? 'error' : message.fatal === false ? 'warning' : 'note'}: ${message.reason}`,
    ]);
  }
  const counts = { kept: 0, metadata: 0, dropped: 0, blank: 0 };
  for (const line of source.lines) counts[line.fate]++;
  const warnings = source.file.messages.filter((message) => message.fatal !== undefined);
  return h('section.source', [
    h('h2', source.file.path),
    h(
      'p.summary',
      `${source.format}: ${source.chapters.length} chapters; ${source.lines.length} lines — ${counts.kept} kept in bodies, ${counts.metadata} moved to front matter, ${counts.dropped} dropped, ${counts.blank} blank; ${warnings.length} warnings.`,
    ),
    h(
      'ol.chapters',
      source.chapters.map((chapter) => h('li', [h('code', chapter.file), ' ', chapter.title])),
    ),
    ...(warnings.length > 0
      ? [
          h('h3', 'Warnings'),
          h(
            'ul.warnings',
            warnings.map((message) =>
              h('li', [h('a', { href: `#${anchor(source, message.line ?? 1)}` }, `line ${message.line ?? '?'}`), ` ${message.reason}`]),
            ),
          ),
        ]
      : []),
    ...(source.remoteImages.length > 0
      ? [
          h('h3', 'Images to supply (remote, not fetched)'),
          h(
            'ul',
            source.remoteImages.map((image) =>
              h('li', [h('code', image.chapter), ' ', h('a', { href: image.url }, image.url), image.caption ? ` — ${image.caption}` : '']),
            ),
          ),
        ]
      : []),
    h('table.lines', [
      h('thead', h('tr', [h('th', 'line'), h('th', 'source'), h('th', 'became')])),
      h(
        'tbody',
        source.lines.map((fate) => {
          const notes = messagesByLine.get(fate.line) ?? [];
          const className = [fate.fate, notes.length > 0 ? 'flagged' : ''].filter(Boolean);
          return h('tr', { id: anchor(source, fate.line), className }, [
            h('td.number', String(fate.line)),
            h('td.text', text[fate.line - 1] ?? ''),
            h('td.fate', [describe(fate, source), ...notes.map((note) => h('div.note', note))]),
          ]);
        }),
      ),
    ]),
  ]);
}

function anchor(source: ReviewSource, line: number): string {
  return `${source.file.path.replace(/[^a-z0-9]+/gi, '-')}-L${line}`;
}

function describe(fate: LineFate, source: ReviewSource): string {
  const chapter = (piece: number | undefined) => (piece === undefined ? '' : (source.chapters[piece - 1]?.file ?? `piece ${piece}`));
  switch (fate.fate) {
    case 'blank':
      return '';
    case 'dropped':
      return `dropped: ${fate.reason}`;
    case 'metadata':
      return `${chapter(fate.piece)} → front matter: ${fate.field}`;
    case 'kept':
      return `${chapter(fate.piece)} → ${fate.field}`;
  }
}

const css = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1b; }
table.lines { border-collapse: collapse; width: 100%; table-layout: fixed; }
.lines td, .lines th { border-bottom: 1px solid #eee; padding: 2px 6px; vertical-align: top; text-align: left; }
.lines .number { width: 4em; color: #888; font-variant-numeric: tabular-nums; }
.lines .text { font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
.lines .fate { width: 30%; font-size: 13px; }
tr.dropped { background: #fdecea; }
tr.metadata { background: #eef4fd; }
tr.flagged { outline: 2px solid #e0a100; }
.note { color: #8a5a00; font-weight: 600; }
.summary { font-weight: 600; }
`;

import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import type { MemberImport } from './archive-parts.ts';
import type { LineFate } from './types.ts';

export interface ReviewSource {
  file: VFile;
  format: string;
  chapters: { file: string; title: string }[];
  lines: LineFate[];
  /** For an archive or folder: each file in it (read, with its lines; or left out, with why). */
  members?: MemberImport[];
  remoteImages: { chapter: string; url: string; caption: string }[];
}

/** A file whose lines the page shows: the source itself, or one file inside an archive. */
interface ShownFile {
  file: VFile;
  /** How the page names it: the source's path, or the path inside the archive. */
  label: string;
  lines: LineFate[];
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
  const shown: ShownFile[] = source.members
    ? source.members.flatMap((member) => (member.file && !member.skipped ? [{ file: member.file, label: member.name, lines: member.lines }] : []))
    : [{ file: source.file, label: source.file.path, lines: source.lines }];
  const allLines = shown.flatMap((entry) => entry.lines);
  const counts = { kept: 0, metadata: 0, dropped: 0, blank: 0 };
  for (const line of [...allLines, ...(source.members ?? []).filter((member) => member.skipped).flatMap((member) => member.lines)]) counts[line.fate]++;
  const messageFiles = [{ file: source.file, label: source.file.path, lines: [] }, ...shown.filter((entry) => entry.file !== source.file)];
  const warnings = messageFiles.flatMap((entry) => entry.file.messages.filter((message) => message.fatal !== undefined).map((message) => ({ entry, message })));
  const skipped = (source.members ?? []).filter((member) => member.skipped);
  const files = source.members ? ` from ${shown.length} of ${source.members.length} files` : '';
  return h('section.source', [
    h('h2', source.file.path),
    h(
      'p.summary',
      `${source.format}: ${source.chapters.length} chapters${files}; ${counts.kept + counts.metadata + counts.dropped + counts.blank} lines — ${counts.kept} kept in bodies, ${counts.metadata} moved to front matter, ${counts.dropped} dropped, ${counts.blank} blank; ${warnings.length} warnings.`,
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
            warnings.map(({ entry, message }) =>
              h('li', [
                h('a', { href: `#${anchor(source, entry, message.line ?? 1)}` }, `${source.members ? `${entry.label} ` : ''}line ${message.line ?? '?'}`),
                ` ${message.reason}`,
              ]),
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
    ...shown.flatMap((entry) => [...(source.members ? [h('h3.member', [h('code', entry.label)])] : []), linesTable(source, entry)]),
    ...(skipped.length > 0
      ? [
          // Their text is not shown: an export's other files hold subscriber lists and e-mail statistics.
          h('h3', `Files left out (${skipped.length})`),
          h('table.skipped', [
            h('thead', h('tr', [h('th', 'file'), h('th', 'lines'), h('th', 'why')])),
            h(
              'tbody',
              skipped.map((member) => h('tr', [h('td', h('code', member.name)), h('td.number', String(member.lines.length)), h('td', member.skipped ?? '')])),
            ),
          ]),
        ]
      : []),
  ]);
}

function linesTable(source: ReviewSource, entry: ShownFile): ElementContent {
  const text = String(entry.file.value).split(/\r?\n/);
  const messagesByLine = new Map<number, string[]>();
  for (const message of entry.file.messages) {
    const line = message.line ?? 1;
    messagesByLine.set(line, [
      ...(messagesByLine.get(line) ?? []),
      `${message.fatal ? 'error' : message.fatal === false ? 'warning' : 'note'}: ${message.reason}`,
    ]);
  }
  return h('table.lines', [
    h('thead', h('tr', [h('th', 'line'), h('th', 'source'), h('th', 'became')])),
    h(
      'tbody',
      entry.lines.map((fate) => {
        const notes = messagesByLine.get(fate.line) ?? [];
        const className = [fate.fate, notes.length > 0 ? 'flagged' : ''].filter(Boolean);
        return h('tr', { id: anchor(source, entry, fate.line), className }, [
          h('td.number', String(fate.line)),
          h('td.text', text[fate.line - 1] ?? ''),
          h('td.fate', [describe(fate, source), ...notes.map((note) => h('div.note', note))]),
        ]);
      }),
    ),
  ]);
}

function anchor(source: ReviewSource, entry: ShownFile, line: number): string {
  const name = entry.file === source.file ? source.file.path : `${source.file.path}/${entry.label}`;
  return `${name.replace(/[^a-z0-9]+/gi, '-')}-L${line}`;
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
h3.member { margin: 2em 0 0.4em; font-weight: 600; }
table.skipped { border-collapse: collapse; }
.skipped td, .skipped th { border-bottom: 1px solid #eee; padding: 2px 6px; text-align: left; vertical-align: top; font-size: 13px; }
`;

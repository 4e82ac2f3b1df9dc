import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { FootnoteDefinition } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import type { BibliographyItem } from '../core/citations.ts';
import type { Book, Chapter } from '../core/types.ts';
import { normaliseText, normaliseUrl } from './bibliography.ts';
import { CONFIDENCE_THRESHOLD, type NoteLabel, parseNote } from './parse-note.ts';

interface ReviewRow {
  chapter: Chapter;
  label: string;
  original: string;
  keys: string[];
  rendered: ElementContent[];
  confidence: number;
  problems: string[];
  /** The model's labels for the note's tokens, shown when the note is flagged. */
  labels: NoteLabel[];
}

export interface CiteReview {
  html: string;
  summary: string[];
}

/** Words of a title, for spotting likely duplicates that differ in a word or two. */
function titleWords(item: BibliographyItem): Set<string> {
  return new Set(
    normaliseText(typeof item.title === 'string' ? item.title : '')
      .split(' ')
      .filter((word) => word.length > 2),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Pairs of items that look like the same work: same URL, or titles sharing most of their words. */
export function likelyDuplicates(items: readonly BibliographyItem[]): [BibliographyItem, BibliographyItem][] {
  const pairs: [BibliographyItem, BibliographyItem][] = [];
  const words = items.map(titleWords);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as BibliographyItem;
      const b = items[j] as BibliographyItem;
      const sameUrl = typeof a.URL === 'string' && typeof b.URL === 'string' && normaliseUrl(a.URL) === normaliseUrl(b.URL);
      if (sameUrl || similarity(words[i] ?? new Set(), words[j] ?? new Set()) >= 0.8) pairs.push([a, b]);
    }
  }
  return pairs;
}

function keysIn(definition: FootnoteDefinition): string[] {
  const keys: string[] = [];
  visit(definition, 'citation', (node) => {
    keys.push(...node.items.map((item) => item.key));
  });
  return keys;
}

/**
 * The editor's review page for citations: every note's original text beside the fields parsed
 * from it and its rendered form, uncertain parses first; then uncited items and likely duplicates.
 */
export function renderCiteReview(book: Book): CiteReview {
  const items = new Map(book.references.map((item) => [item.id, item]));
  const rows: ReviewRow[] = [];
  const cited = new Set<string>();
  for (const chapter of book.chapters) {
    for (const node of chapter.tree.children) {
      if (node.type !== 'footnoteDefinition') continue;
      const row = noteReviewRow(chapter, node, items);
      for (const key of row.keys) cited.add(key);
      rows.push(row);
    }
  }
  rows.sort((a, b) => a.confidence - b.confidence || a.chapter.number - b.chapter.number || Number(a.label) - Number(b.label));
  const uncited = book.references.filter((item) => !cited.has(item.id));
  const duplicates = likelyDuplicates(book.references);
  const uncertain = rows.filter((row) => row.confidence < CONFIDENCE_THRESHOLD || row.problems.length > 0);
  const summary = [
    `${rows.length} notes, ${cited.size} works cited, ${book.references.length} items in the bibliography`,
    `${uncertain.length} notes to look at (uncertain parse or nothing cited where a source seems named)`,
    `${uncited.length} items never cited${uncited.length > 0 ? `: ${uncited.map((item) => item.id).join(', ')}` : ''}`,
    `${duplicates.length} likely duplicate pairs${duplicates.length > 0 ? `: ${duplicates.map(([a, b]) => `${a.id} ~ ${b.id}`).join(', ')}` : ''}`,
  ];
  const page = h('html', { lang: 'en' }, [
    h('head', [h('meta', { charSet: 'utf-8' }), h('title', `Citations · ${book.config.title}`), h('style', css)]),
    h('body', [
      h('h1', `Citations in ${book.config.title}`),
      h(
        'ul.summary',
        summary.map((line) => h('li', line)),
      ),
      notesTable(rows, items),
      h('h2', 'Items never cited'),
      h(
        'ul',
        uncited.map((item) => h('li', [h('code', item.id), ` ${String(item.title ?? '')}`])),
      ),
      h('h2', 'Likely duplicates'),
      h(
        'ul',
        duplicates.map(([a, b]) => h('li', [h('code', a.id), ' ~ ', h('code', b.id), ` — ${String(a.title ?? '')}`])),
      ),
    ]),
  ]);
  return { html: `<!doctype html>\n${toHtml(page)}\n`, summary };
}

/** One note: its text as typed (from the provenance of what it cites), what the parser makes of it, and how sure it is. */
function noteReviewRow(chapter: Chapter, node: FootnoteDefinition, items: ReadonlyMap<string, BibliographyItem>): ReviewRow {
  const keys = keysIn(node);
  const label = node.label ?? node.identifier;
  const provenance = keys.flatMap((key) => items.get(key)?.custom?.provenance ?? []).find((entry) => entry.chapter === chapter.slug && entry.note === label);
  const hast = toHast({ type: 'root', children: node.children }) as HastRoot;
  const original = provenance?.text ?? toHtml(hast).replace(/<[^>]+>/g, '');
  const parsed = parseNote(original);
  const citations = parsed.citations;
  const looksCited = /‘|“|<https?:|https?:\/\//.test(original);
  const uncertain = citations.filter((citation) => citation.confidence < CONFIDENCE_THRESHOLD);
  const problems = [
    ...(parsed.failure ? [parsed.failure] : []),
    ...citations.flatMap((citation) => citation.problems),
    ...(uncertain.length > 0 ? [`the model is unsure of ${uncertain.length === 1 ? 'a citation' : `${uncertain.length} citations`}: left as typed`] : []),
    ...(keys.length === 0 && looksCited && uncertain.length === 0 ? ['looks like a citation but cites nothing'] : []),
  ];
  const confidence = parsed.failure
    ? 0
    : keys.length === 0
      ? looksCited
        ? Math.min(parsed.confidence, 0.49)
        : 1
      : citations.length === 0
        ? 0.9
        : Math.min(...citations.map((citation) => citation.confidence));
  const rendered = hast.children as ElementContent[];
  return { chapter, label, original, keys, rendered, confidence, problems, labels: parsed.labels };
}

function notesTable(rows: readonly ReviewRow[], items: ReadonlyMap<string, BibliographyItem>): Element {
  return h('table.notes', [
    h('thead', h('tr', [h('th', 'note'), h('th', 'original text'), h('th', 'parsed'), h('th', 'rendered'), h('th', 'confidence')])),
    h(
      'tbody',
      rows.map((row) =>
        h('tr', { className: row.confidence < CONFIDENCE_THRESHOLD || row.problems.length > 0 ? ['uncertain'] : [] }, [
          h('td', [h('strong', `${row.chapter.number}.${row.label}`), h('div.chapter', row.chapter.meta.title)]),
          h('td.original', row.original),
          h('td', [
            ...row.keys.map((key) => h('details', [h('summary', `@${key}`), h('pre', JSON.stringify(withoutProvenance(items.get(key)), null, 1))])),
            ...row.problems.map((problem) => h('div.problem', problem)),
            ...(row.confidence < CONFIDENCE_THRESHOLD || row.problems.length > 0 ? [labelsOf(row.labels)] : []),
          ]),
          h('td.rendered', row.rendered),
          h('td.confidence', row.confidence.toFixed(2)),
        ]),
      ),
    ),
  ]);
}

/** The note's tokens, each marked with the label the model gave it and its probability. */
function labelsOf(labels: readonly NoteLabel[]): ElementContent {
  return h(
    'div.labels',
    labels.flatMap((token, index) => [
      ...(index > 0 ? [' '] : []),
      h(
        `span.l-${token.label}`,
        { title: `${token.label} ${token.confidence.toFixed(2)}`, className: token.confidence < CONFIDENCE_THRESHOLD ? ['doubt'] : [] },
        [token.text, h('sub', token.label)],
      ),
    ]),
  );
}

function withoutProvenance(item: BibliographyItem | undefined): unknown {
  if (!item) return undefined;
  const { custom: _custom, ...fields } = item;
  return fields;
}

const css = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1b; }
table.notes { border-collapse: collapse; width: 100%; table-layout: fixed; }
.notes td, .notes th { border-bottom: 1px solid #ddd; padding: 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
.notes th:first-child { width: 8em; } .notes th:last-child { width: 6em; }
tr.uncertain { background: #fff4e0; }
.problem { color: #a33; font-weight: 600; }
.chapter { color: #777; font-size: 12px; }
pre { font-size: 11px; white-space: pre-wrap; }
.labels { margin-top: 6px; line-height: 2.1; }
.labels span { border-radius: 3px; padding: 1px 3px; background: #eee; }
.labels sub { font-size: 9px; color: #555; margin-left: 2px; }
.labels .doubt { outline: 2px dashed #c33; }
.l-author, .l-editor, .l-translator { background: #dbeafe !important; }
.l-title { background: #fde68a !important; }
.l-container-title, .l-collection-title { background: #fbcfe8 !important; }
.l-date, .l-accessed { background: #d1fae5 !important; }
.l-publisher, .l-location { background: #e9d5ff !important; }
.l-URL, .l-DOI { background: #cffafe !important; }
.l-note, .l-signal { background: #f3f4f6 !important; color: #666; }
`;

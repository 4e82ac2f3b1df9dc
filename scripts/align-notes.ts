// Drafts tagged lines for hand-checked notes: each CSL field of a note's items is looked up in the
// note's text and its span tagged; words no field explains are commentary (`note`), a See/Cf. before
// a citation its `signal`. The draft is a starting point to be checked by hand, never trained on
// unread (data/notes/README.md says how). Prints lines not yet in the file given with --known.
//
//   node --import tsx scripts/align-notes.ts corpus [--known data/notes/corpus.tagged]
//   node --import tsx scripts/align-notes.ts seed   (the seed essay's notes through the rule parser of commit 1b51133)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeTagged, type LabelledSpan, parseTaggedFile, toTaggedLine } from '../src/cite/label/tagged.ts';
import { tokenizeNote } from '../src/cite/label/tokens.ts';

interface Item {
  [field: string]: unknown;
}

interface Note {
  id: string;
  text: string;
  items: Item[];
  locators?: (string | undefined)[];
}

const root = path.resolve(import.meta.dirname, '..');

/** Characters compared loosely: quotes, dashes and case do not matter. */
function loose(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‚‛'`´]/g, "'")
    .replace(/[“”„"«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-');
}

/** The first match at or after `from` that does not cut a word or number in two. */
function findFrom(text: string, needle: string, from: number): number {
  if (needle.trim() === '') return -1;
  const haystack = loose(text);
  const target = loose(needle);
  for (let at = haystack.indexOf(target, from); at >= 0; at = haystack.indexOf(target, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + target.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before + target[0]) || !/[\p{L}\p{N}]/u.test(before)) {
      if (!/[\p{L}\p{N}]/u.test(after) || !/[\p{L}\p{N}]/u.test(target.at(-1) ?? '')) return at;
    }
  }
  return -1;
}

/** Grows a span to whole tokens (as the labeller cuts them: words with their quotes and punctuation). */
function toWords(text: string, start: number, end: number): [number, number] {
  for (const token of tokenizeNote(text)) {
    if (token.start < end && token.end > start) {
      start = Math.min(start, token.start);
      end = Math.max(end, token.end);
    }
  }
  return [start, end];
}

function spansOf(note: Note): LabelledSpan[] {
  const { text } = note;
  const spans: LabelledSpan[] = [];
  const taken = (start: number, end: number) => spans.some((span) => start < span.end && end > span.start);
  const add = (label: LabelledSpan['label'], start: number, end: number) => {
    const [from, to] = toWords(text, start, end);
    if (!taken(from, to)) spans.push({ label, start: from, end: to });
  };
  let cursor = 0;
  for (const [index, item] of note.items.entries()) {
    const itemStart = cursor;
    const place = (label: LabelledSpan['label'], value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      let at = findFrom(text, value, itemStart);
      while (at >= 0 && taken(at, at + value.length)) at = findFrom(text, value, at + 1);
      if (at >= 0) {
        add(label, at, at + value.length);
        cursor = Math.max(cursor, at + value.length);
      }
    };
    for (const role of ['author', 'editor', 'translator'] as const) {
      const names = item[role];
      if (!Array.isArray(names) || names.length === 0) continue;
      const positions: [number, number][] = [];
      for (const name of names as Record<string, string>[]) {
        const parts = [name.literal, name.family, name.given].filter((part): part is string => typeof part === 'string');
        for (const part of parts) {
          const at = findFrom(text, part, itemStart);
          if (at >= 0) positions.push([at, at + part.length]);
        }
      }
      if (positions.length === 0) continue;
      let start = Math.min(...positions.map(([from]) => from));
      let end = Math.max(...positions.map(([, to]) => to));
      const after = /^(?:,?\s*(?:et al\.?|and others|\(?eds?\.?\)?|editors?|eds\.|\(Hrsg\.\)|trans\.|translated by))+/i.exec(text.slice(end));
      if (after) end += after[0].length;
      const before = /(?:(?:edited|translated)\s+by|ed\.|eds\.|trans\.|tr\.)\s*$/i.exec(text.slice(0, start));
      if (before && role !== 'author') start -= before[0].length;
      add(role, start, end);
      cursor = Math.max(cursor, end);
    }
    place('title', item.title);
    place('container-title', item['container-title']);
    place('collection-title', item['collection-title']);
    place('genre', item.genre);
    place('edition', item.edition);
    place('publisher', item.publisher);
    place('location', item['publisher-place']);
    place('volume', item.volume);
    place('issue', item.issue);
    place('pages', item.page);
    place('DOI', item.DOI);
    place('URL', item.URL);
    const locator = note.locators?.[index] ?? item.locator;
    if (typeof locator === 'string') place('locator', locator.replace(/^pp?\.\s*/, ''));
    for (const [field, label] of [
      ['issued', 'date'],
      ['accessed', 'accessed'],
    ] as const) {
      const value = item[field];
      const year = typeof value === 'string' ? value.slice(0, 4) : (value as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];
      if (year === undefined) continue;
      const words = label === 'accessed' ? /(?:accessed|retrieved|consulted)(?:\s+on)?\s+/gi : undefined;
      let from = itemStart;
      if (words) {
        words.lastIndex = itemStart;
        const match = words.exec(text);
        if (!match) continue;
        from = match.index;
      }
      const yearAt = findFrom(text, String(year), from);
      if (yearAt < 0) continue;
      let start = words ? from : yearAt;
      if (!words) {
        const before = /(?:\(?(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+)?[\p{L}]+\.?\s+(?:\d{1,2},?\s+)?|\()$/u.exec(text.slice(0, yearAt));
        if (before && /^\(?\s*$|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter/i.test(before[0]))
          start -= before[0].length;
      }
      const after = /^(?:[-/]\w+(?:[-/]\d+)?|,?\s+(?:[A-Z][a-z]+\.?)(?:\s+\d{1,2})?)?/.exec(text.slice(yearAt + 4));
      const end = yearAt + 4 + (after && /[-/]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i.test(after[0]) ? after[0].length : 0);
      if (!taken(start, end)) add(label, start, end);
    }
  }
  // Everything else: a signal before the first field, commentary where there are words.
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let at = 0;
  const gaps: LabelledSpan[] = [];
  for (const span of [...sorted, { label: 'note' as const, start: text.length, end: text.length }]) {
    const gap = text.slice(at, span.start);
    for (const word of gap.matchAll(/\S+/g)) {
      if (!/\p{L}/u.test(word[0])) continue;
      const start = at + (word.index ?? 0);
      const signal = /^(?:see|cf\.?|also|compare|e\.g\.,?|vide|voir|siehe)$/i.test(word[0]);
      const last = gaps.at(-1);
      const label = signal ? 'signal' : 'note';
      if (last && last.label === label && /^\s*$/.test(text.slice(last.end, start))) last.end = start + word[0].length;
      else gaps.push({ label, start, end: start + word[0].length });
    }
    at = Math.max(at, span.end);
  }
  return absorbLeadWords(
    text,
    [...sorted, ...gaps].sort((a, b) => a.start - b.start),
  );
}

/** Words that belong to the field they introduce, as AnyStyle's data has them: `In` a container, `pp.` pages… */
const LEAD_WORDS: [RegExp, LabelledSpan['label']][] = [
  [/^(?:in:?|dans|en)$/i, 'container-title'],
  [/^\(?(?:vol\.?|volume|v\.)$/i, 'volume'],
  [/^\(?(?:no\.?|nr\.?|issue|n°)$/i, 'issue'],
  [/^\(?(?:pp?\.?|pages?|s\.)$/i, 'pages'],
  [/^\(?(?:pp?\.?|pages?|at|s\.|from page)$/i, 'locator'],
  [/^(?:available\s+(?:at|from|online)(?:\s+at)?:?|retrieved\s+from:?|online:?|url:?|<url:?)$/i, 'URL'],
  [/^(?:doi:?)$/i, 'DOI'],
  [/^(?:retrieved|accessed|abgerufen am|consulté le)$/i, 'accessed'],
  [/^(?:ed\.|eds\.|edited by|hrsg\.?\s*v\.?)$/i, 'editor'],
  [/^(?:trans\.|translated by|tr\.|traduit (?:de|du) [\p{L}]+ par|übersetzt von)$/iu, 'translator'],
  [/^(?:in:?)$/i, 'editor'],
];

function absorbLeadWords(text: string, spans: LabelledSpan[]): LabelledSpan[] {
  const result: LabelledSpan[] = [];
  for (const [index, span] of spans.entries()) {
    const next = spans[index + 1];
    const words = text.slice(span.start, span.end).trim();
    const lead = LEAD_WORDS.find(([pattern, label]) => pattern.test(words) && next?.label === label);
    if (span.label === 'note' && next && lead && /^\s*$/.test(text.slice(span.end, next.start))) next.start = span.start;
    else result.push(span);
  }
  return result;
}

function corpusNotes(): Note[] {
  const notes: Note[] = [];
  const corpus = path.join(root, 'tests/corpus');
  for (const format of readdirSorted(corpus)) {
    for (const entry of readdirSorted(path.join(corpus, format))) {
      let expected: { pieces?: { citations?: { note: number | string; text: string; items: Item[] }[] }[] };
      try {
        expected = JSON.parse(readFileSync(path.join(corpus, format, entry, 'expected.json'), 'utf8'));
      } catch {
        continue;
      }
      for (const [pieceIndex, piece] of (expected.pieces ?? []).entries()) {
        for (const citation of piece.citations ?? []) {
          notes.push({ id: `${format}/${entry}#${pieceIndex}.${citation.note}`, text: citation.text, items: citation.items });
        }
      }
    }
  }
  return notes;
}

function readdirSorted(dir: string): string[] {
  try {
    return (require('node:fs') as typeof import('node:fs'))
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

async function seedNotes(): Promise<Note[]> {
  const [{ VFile }, { importSource }, { pieceToMarkdown }] = await Promise.all([
    import('vfile'),
    import('../src/import/import.ts'),
    import('../src/import/chapter-markdown.ts'),
  ]);
  const legacy = process.env.LEGACY_PARSER;
  if (!legacy) throw new Error('LEGACY_PARSER=path/to/parse-note.ts of the rule parser');
  const { parseNote } = (await import(legacy)) as {
    parseNote: (text: string) => { citations: { item: Item; locator?: string; source: { start: number; end: number } }[] };
  };
  const file = new VFile({ path: 'sources/seed.txt', value: readFileSync(path.join(root, 'sources/shanghai-cooperation-organization.txt'), 'utf8') });
  const essay = importSource(file, { defaultAuthor: undefined }).chapters[0];
  if (!essay) throw new Error('the seed does not import');
  const markdown = pieceToMarkdown(essay.piece);
  return [...markdown.matchAll(/^\[\^(\d+)\]: (.*)$/gm)].map((match) => {
    const parsed = parseNote(match[2]!);
    return {
      id: `seed#${match[1]}`,
      text: match[2]!,
      items: parsed.citations.map((citation) => citation.item),
      locators: parsed.citations.map((citation) => citation.locator),
    };
  });
}

const [which, ...rest] = process.argv.slice(2);
const knownFile = rest[rest.indexOf('--known') + 1];
const known = new Set(rest.includes('--known') && knownFile ? parseTaggedFile(readFileSync(knownFile, 'utf8'), knownFile).map((note) => note.id) : []);
const notes = which === 'seed' ? await seedNotes() : corpusNotes();
for (const note of notes) {
  if (known.has(note.id)) continue;
  process.stdout.write(
    `# id: ${note.id}\n${note.items.length === 0 ? `<note>${escapeTagged(note.text)}</note>` : toTaggedLine({ text: note.text, spans: spansOf(note) })}\n`,
  );
}

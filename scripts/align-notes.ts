// Drafts tagged lines for hand-checked notes: each CSL field of a note's items is looked up in the
// note's text and its span tagged; words no field explains are commentary (`note`), a See/Cf. before
// a citation its `signal`. The draft is a starting point to be checked by hand, never trained on
// unread (data/notes/README.md says how). Prints lines not yet in the file given with --known.
//
//   node --import tsx scripts/align-notes.ts corpus [--known data/notes/corpus.tagged]
//   node --import tsx scripts/align-notes.ts seed   (the seed essay's notes through the rule parser of commit 1b51133)
//   node --import tsx scripts/align-notes.ts rebase data/notes/corpus.tagged   (labels carried over to the notes' Markdown)
//   node --import tsx scripts/align-notes.ts coins page.html wikipedia/<article>   (a MediaWiki page's references, from their COinS)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import type { FootnoteDefinition } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { type LabelledNote, type LabelledSpan, parseTaggedFile, parseTaggedLine, toTaggedLine } from '../src/cite/label/tagged.ts';
import { tokenizeNote } from '../src/cite/label/tokens.ts';
import { notesOf } from '../src/cite/source-notes.ts';
import { pieceToMarkdown } from '../src/import/chapter-markdown.ts';
import { importSource } from '../src/import/import.ts';
import type { ImportedPiece } from '../src/import/types.ts';
import { parseChapter } from '../src/load/chapter.ts';
import { comparable, importEntry, loadCorpus } from '../tests/helpers/corpus.ts';

interface Item {
  [field: string]: unknown;
}

interface Note {
  id: string;
  /** The note's Markdown, as the labeller reads it. */
  text: string;
  /** The note as a reader sees it (expected.json's `text`), when it is not `text`. */
  plain?: string;
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

/** Spaces out, quotes, dashes and case alike: the same note as a reader sees it. */
function sameText(text: string): string {
  return comparable(text).replace(/\s+/g, '');
}

/**
 * The corpus's hand-checked notes, each as the chapter's Markdown has it (links, emphasis, quotes:
 * what the labeller reads in a book), found among the imported chapter's notes by its text; a note
 * the import does not give whole (an entry that no longer imports, a note cut short) keeps the
 * text in expected.json, and is named on stderr.
 */
async function corpusNotes(): Promise<Note[]> {
  const notes: Note[] = [];
  for (const entry of loadCorpus().entries) {
    if (!entry.pieces.some((piece) => (piece.citations ?? []).length > 0)) continue;
    const { chapters } = await importEntry(entry);
    // Pieces matched to chapters as the corpus check does: by title, then in order with what is left.
    const left = [...chapters];
    const take = (index: number) => (index < 0 ? undefined : left.splice(index, 1)[0]);
    const byTitle = entry.pieces.map((piece) => take(left.findIndex((chapter) => comparable(chapter.piece.meta.title) === comparable(piece.title))));
    const matched = byTitle.map((chapter) => chapter ?? take(left.length > 0 ? 0 : -1));
    for (const [pieceIndex, piece] of entry.pieces.entries()) {
      if (!piece.citations?.length) continue;
      const chapter = matched[pieceIndex];
      const definitions = chapter ? chapterNotes(chapter.piece) : [];
      for (const citation of piece.citations) {
        const id = `${entry.id}#${pieceIndex}.${citation.note}`;
        const plain = citation.text ?? '';
        const candidates = definitions.filter((definition) => sameText(definition.visible) === sameText(plain));
        const found = candidates.find((definition) => definition.label === String(citation.note)) ?? candidates[0];
        if (!found)
          console.error(
            `${id}: not found in the imported chapter${chapter ? '' : ' (no chapter imported)'}; its text from expected.json${process.env.DEBUG ? `\n  ${plain}\n  ${definitions.map((definition) => definition.visible).join('\n  ')}` : ''}`,
          );
        notes.push({ id, text: found?.markdown ?? plain, plain, items: citation.items as Item[] });
      }
    }
  }
  return notes;
}

/** A piece's notes as the chapter file has them (the Markdown `cite-notes` reads) and as a reader sees them. */
function chapterNotes(piece: ImportedPiece): { label: string; markdown: string; visible: string }[] {
  const markdown = pieceToMarkdown(piece);
  const parsed = parseChapter(new VFile({ path: 'chapter.md', value: markdown }));
  if (!parsed) return [];
  const definitions = parsed.tree.children.filter((node): node is FootnoteDefinition => node.type === 'footnoteDefinition');
  const sources = notesOf(parsed.tree, markdown);
  return sources.map((source) => {
    const definition = definitions.find((node) => (node.label ?? node.identifier) === source.label);
    return { label: source.label, markdown: source.text, visible: definition ? textOf(definition) : source.text };
  });
}

async function seedNotes(): Promise<Note[]> {
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

// --- coins: a saved MediaWiki page's references, drafted from their COinS metadata ------------

/**
 * A MediaWiki page's references (`<li id="cite_note-…">`) as our import gives them (Markdown
 * notes), each with the item its COinS span (`<span class="Z3988" title="ctx_ver=…">`) describes:
 * metadata the page itself carries, so the draft's fields are the page's, not guessed.
 */
function coinsNotes(file: string, idPrefix: string): Note[] {
  const html = readFileSync(file, 'utf8');
  const references = selectAll('li[id^="cite_note-"]', fromHtml(html));
  const chapter = importSource(new VFile({ path: path.basename(file), value: html }), { defaultAuthor: undefined }).chapters[0];
  const definitions = chapter ? chapterNotes(chapter.piece) : [];
  if (definitions.length !== references.length) throw new Error(`${file}: ${references.length} references, ${definitions.length} imported notes`);
  return references.map((reference, index) => {
    const coins = select('.Z3988', reference)?.properties.title;
    const definition = definitions[index]!;
    return {
      id: `${idPrefix}#${definition.label}`,
      text: definition.markdown,
      items: typeof coins === 'string' ? [itemOfCoins(coins, definition.visible)] : [],
    };
  });
}

/** COinS (OpenURL key/value pairs) → the CSL fields our aligner looks for. */
function itemOfCoins(coins: string, visible: string): Item {
  const pairs = new URLSearchParams(coins);
  const get = (key: string) => pairs.get(key) ?? undefined;
  const authors = pairs.getAll('rft.au').map((literal) => ({ literal }));
  const last = get('rft.aulast');
  if (last) authors.unshift({ family: last, ...(get('rft.aufirst') ? { given: get('rft.aufirst') } : {}) } as never);
  const id = get('rft_id');
  const accessed = /Retrieved\s+(.+?)\.(?:\s|$)/.exec(visible)?.[1];
  return {
    ...(authors.length > 0 ? { author: authors } : {}),
    title: get('rft.atitle') ?? get('rft.btitle'),
    'container-title': get('rft.jtitle'),
    publisher: get('rft.pub'),
    'publisher-place': get('rft.place'),
    issued: get('rft.date'),
    volume: get('rft.volume'),
    issue: get('rft.issue'),
    page: get('rft.pages'),
    ...(id && /^https?:/.test(id) ? { URL: id } : {}),
    ...(accessed ? { accessed: /\d{4}/.exec(accessed)?.[0] } : {}),
  };
}

// --- rebase: labels drafted on a note's plain text carried over to its Markdown ----------------

/** One character as compared: case, quotes, dashes and white space alike. */
function looseChar(char: string): string {
  if (/\s/.test(char)) return ' ';
  return loose(char.normalize('NFKC'));
}

/**
 * For each character of `from`, the index of the same character in `to` (or -1): a longest common
 * subsequence, characters compared loosely. `to`'s characters where `skip` is true match nothing.
 */
function alignCharacters(from: string, to: string, skip: (index: number) => boolean): number[] {
  const a = [...from].map(looseChar);
  const b = [...to].map((char, index) => (skip(index) ? '\u0000' : looseChar(char)));
  // from and to are checked to be BMP text (one code unit a character) before this is called.
  const width = b.length + 1;
  const table = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] && a[i] !== '\u0000' ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const map = new Array<number>(a.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j] && a[i] !== '\u0000') {
      map[i] = j;
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return map;
}

const normalUrl = (url: string) => url.replace(/^<|>$/g, '').replace(/\\/g, '').replace(/\/$/, '').toLowerCase();

/**
 * A note labelled on its plain text → the same labels on its Markdown: each span moved to the
 * characters it covers there, grown to whole tokens; a link's target is the item's `URL` when it
 * is an expected item's address, else commentary (`note`: a link on a name, an ISBN, an archive).
 */
function rebase(labelled: LabelledNote, markdown: string, items: readonly Item[]): { note: LabelledNote; problems: string[] } {
  const problems: string[] = [];
  const tokens = tokenizeNote(markdown);
  const targets = tokens.filter((token) => token.linkTarget);
  const inTarget = (index: number) => targets.some((token) => index >= token.start && index < token.end);
  const map = alignCharacters(labelled.text, markdown, inTarget);
  const spans: LabelledSpan[] = [];
  for (const span of labelled.spans) {
    const positions = map.slice(span.start, span.end).filter((at) => at >= 0);
    if (positions.length === 0) {
      problems.push(`${span.label} “${labelled.text.slice(span.start, span.end)}” not found in the Markdown`);
      continue;
    }
    let [start, end] = toWords(markdown, Math.min(...positions), Math.max(...positions) + 1);
    const previous = spans.at(-1);
    if (previous && start < previous.end) start = previous.end;
    const next = labelled.spans[labelled.spans.indexOf(span) + 1];
    if (next) {
      const nextAt = map.slice(next.start, next.end).find((at) => at >= 0);
      if (nextAt !== undefined) end = Math.min(end, Math.max(start + 1, toWords(markdown, nextAt, nextAt + 1)[0]));
    }
    if (end > start) spans.push({ label: span.label, start, end });
  }
  labelLinkTargets(markdown, spans, items);
  // What a reader sees keeps its labels: every character's label before and after.
  const before = labelAt(labelled.text, labelled.spans);
  const after = labelAt(markdown, spans);
  for (const [index, at] of map.entries()) {
    if (at >= 0 && before[index] !== after[at] && /[\p{L}\p{N}]/u.test(labelled.text[index]!)) {
      problems.push(`“${labelled.text.slice(Math.max(0, index - 10), index + 10)}”: ${before[index]} became ${after[at]}`);
      break;
    }
  }
  return { note: { id: labelled.id, text: markdown, spans: spans.filter((span) => span.end > span.start) }, problems };
}

/**
 * Labels the target of each Markdown link in `spans` (in place): a link on a field is part of it
 * (the title's link is the work's address, a name's link is not); a link on commentary (`See
 * [here](…)`) is the work's `URL` when an item has that address, else commentary.
 */
function labelLinkTargets(markdown: string, spans: LabelledSpan[], items: readonly Item[]): void {
  const urls = new Set(items.flatMap((item) => (typeof item.URL === 'string' ? [normalUrl(item.URL)] : [])));
  for (const target of tokenizeNote(markdown).filter((token) => token.linkTarget)) {
    const url = normalUrl(markdown.slice(target.start + 1, target.link!.end - 1).replace(/\s+".*$/, ''));
    const textLabel = labelAt(markdown, spans)[target.start - 2];
    const label = textLabel && textLabel !== 'note' && textLabel !== 'signal' ? textLabel : urls.has(url) ? 'URL' : 'note';
    const inside = spans.find((span) => span.start < target.end && span.end > target.start);
    if (inside?.label === label && inside.end >= target.end) continue;
    if (inside) {
      // A target inside a span of another label: the span is cut around it.
      const after = { label: inside.label, start: target.end, end: inside.end };
      inside.end = target.start;
      spans.splice(spans.indexOf(inside) + 1, 0, { label, start: target.start, end: target.end }, ...(after.end > after.start ? [after] : []));
    } else {
      const at = spans.findIndex((span) => span.start >= target.end);
      spans.splice(at < 0 ? spans.length : at, 0, { label, start: target.start, end: target.end });
    }
  }
  spans.sort((a, b) => a.start - b.start);
}

function labelAt(text: string, spans: readonly LabelledSpan[]): (LabelledSpan['label'] | undefined)[] {
  const labels = new Array<LabelledSpan['label'] | undefined>(text.length).fill(undefined);
  for (const span of spans) labels.fill(span.label, span.start, span.end);
  return labels;
}

const [which, ...rest] = process.argv.slice(2);
const knownFile = rest[rest.indexOf('--known') + 1];
const known = new Set(rest.includes('--known') && knownFile ? parseTaggedFile(readFileSync(knownFile, 'utf8'), knownFile).map((note) => note.id) : []);
const notes = which === 'seed' ? await seedNotes() : which === 'coins' ? coinsNotes(rest[0]!, rest[1]!) : await corpusNotes();
if (which === 'rebase') {
  // node --import tsx scripts/align-notes.ts rebase data/notes/corpus.tagged > new.tagged
  const file = rest[0] ?? 'data/notes/corpus.tagged';
  const byId = new Map(notes.map((note) => [note.id, note]));
  const lines: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const named = /^#\s*id:\s*(.+)$/.exec(line);
    const id = named ? named[1]!.trim() : undefined;
    const previous = lines.at(-1);
    const previousId = previous && /^#\s*id:\s*(.+)$/.exec(previous)?.[1]?.trim();
    if (line.startsWith('#') || line.trim() === '' || !previousId) {
      lines.push(line);
      if (id && !byId.has(id)) console.error(`${id}: no longer a hand-checked corpus note`);
      continue;
    }
    const note = byId.get(previousId);
    const labelled = parseTaggedLine(line, previousId);
    if (!note || note.text === labelled.text) {
      lines.push(line);
      continue;
    }
    const { note: moved, problems } = rebase(labelled, note.text, note.items);
    for (const problem of problems) console.error(`${previousId}: ${problem}`);
    lines.push(toTaggedLine(moved));
  }
  process.stdout.write(lines.join('\n'));
  process.exit(0);
}
for (const note of notes) {
  if (known.has(note.id)) continue;
  // An address that is a link's target is labelled with its link (labelLinkTargets), not found as text.
  const visibleItems = note.items.map(({ URL, ...item }) => (typeof URL === 'string' && note.text.includes(`](${URL}`) ? item : { URL, ...item }));
  // Fields are looked for in what a reader sees: links' targets blanked (offsets kept).
  const masked = tokenizeNote(note.text)
    .filter((token) => token.linkTarget)
    .reduce((text, target) => text.slice(0, target.start) + ' '.repeat(target.link!.end - target.start) + text.slice(target.link!.end), note.text);
  const spans =
    note.items.length === 0 ? [{ label: 'note' as const, start: 0, end: note.text.length }] : spansOf({ ...note, text: masked, items: visibleItems });
  labelLinkTargets(note.text, spans, note.items);
  process.stdout.write(`# id: ${note.id}\n${toTaggedLine({ text: note.text, spans })}\n`);
}

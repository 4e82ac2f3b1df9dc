/**
 * Text around a plain-text work that is not part of it: a Project Gutenberg e-book's header, licence
 * and producers' credits, transcribers' notes, an editor's settings (Emacs file variables, a vim
 * modeline). Found on the raw lines, before any classification, so the rest never sees them.
 */

export interface DroppedRange {
  /** 1-based, inclusive. */
  start: number;
  end: number;
  reason: string;
}

/** What a Project Gutenberg header says of the e-book (its catalogue record, not the printed work). */
export interface GutenbergRecord {
  title: string | undefined;
  /** The title's first line as catalogued, without the subtitle the next lines give (`The Pianoforte Sonata` / `Its Origin and Development`). */
  mainTitle: string | undefined;
  /** `Author:` as catalogued; `Various` for a periodical issue or an anthology. */
  author: string | undefined;
  editor: string | undefined;
  /**
   * When the title page names the catalogued author in another role (`TRANSLATED BY` / `LADY
   * WALLACE.` under Beethoven's Letters, catalogued `Author: Lady Wallace`): that role, as printed,
   * and the line it is on.
   */
  authorCreditedAs?: { role: string; line: number };
}

export interface Boilerplate {
  ranges: DroppedRange[];
  gutenberg: GutenbergRecord | undefined;
}

// The older e-texts close their header with the end of the licence they call the Small Print.
const startMarker = /^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK|^\*END\*?\s*THE SMALL PRINT!/i;
const endMarker = /^\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK|^End of (?:the )?Project Gutenberg(?:'s)? (?:E-?Book|E-?text)/i;
const producers = /^(?:Produced by|E-?text prepared by|This (?:e-?text|e-?book) was (?:produced|prepared) by|Transcribed from .* by)\b/i;
const otherEdition = /^Note:\s.*Project Gutenberg also has/i;
const transcriberNote = /^\[?Transcriber'?s'? Notes?\b/i;

/** Every range of lines to drop, with its reason, and the Gutenberg record if the text is an e-book. */
export function findBoilerplate(lines: readonly string[]): Boilerplate {
  const ranges: DroppedRange[] = [];
  const gutenberg = gutenbergRanges(lines, ranges);
  transcriberNotes(lines, ranges);
  editorSettings(lines, ranges);
  ranges.sort((a, b) => a.start - b.start);
  return { ranges, gutenberg };
}

/** The lines with every dropped range blanked: places of the rest stay as they were. */
export function withoutRanges(lines: readonly string[], ranges: readonly DroppedRange[]): string[] {
  const blanked = [...lines];
  for (const range of ranges) for (let line = range.start; line <= range.end; line++) blanked[line - 1] = '';
  return blanked;
}

function gutenbergRanges(lines: readonly string[], ranges: DroppedRange[]): GutenbergRecord | undefined {
  const start = lines.findIndex((line) => startMarker.test(line.trim()));
  if (start < 0) return undefined;
  // The marker may be wrapped: it ends at the line that closes its `***`.
  let startEnd = start;
  while (startEnd < start + 3 && !/\*{3}\s*$|\*END\*\s*$/.test(lines[startEnd] ?? '')) startEnd++;
  if (startEnd === start + 3) startEnd = start;
  ranges.push({ start: 1, end: startEnd + 1, reason: 'Project Gutenberg header (e-book record and licence notice), not part of the work' });
  const end = lines.findIndex((line, index) => index > startEnd && endMarker.test(line.trim()));
  const last = lines.length - ((lines.at(-1) ?? '') === '' ? 1 : 0);
  if (end >= 0) ranges.push({ start: end + 1, end: last, reason: 'Project Gutenberg licence and end notice, not part of the work' });
  producerCredits(lines, startEnd + 1, end < 0 ? lines.length : end, ranges);
  const field = (key: string) => headerField(lines.slice(0, start), key);
  const mainTitle = lines
    .slice(0, start)
    .find((line) => line.startsWith('Title:'))
    ?.slice('Title:'.length)
    .trim();
  const author = field('Author');
  const creditedAs = author ? otherRoleOnTitlePage(lines, startEnd + 1, author) : undefined;
  return { title: field('Title'), mainTitle: mainTitle || undefined, author, editor: field('Editor'), ...(creditedAs ? { authorCreditedAs: creditedAs } : {}) };
}

/** Words a title page sets before the name of someone who did not write the work. */
const otherRoles = /\b(translated|done into english|rendered into english|edited|compiled|selected|arranged|collected)\b[^.;]*?\bby\s*$/i;

/**
 * The role the title page (its first 200 lines) gives the catalogued author, when it is not
 * author: `TRANSLATED BY` on the line before the name, or on the same line.
 */
function otherRoleOnTitlePage(lines: readonly string[], from: number, author: string): { role: string; line: number } | undefined {
  const letters = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\p{L}]+/gu, ' ')
      .trim()
      .toLowerCase();
  const name = letters(author);
  if (!name) return undefined;
  for (let index = from; index < Math.min(lines.length, from + 200); index++) {
    const text = letters(lines[index] ?? '');
    const at = text.indexOf(name);
    if (at < 0) continue;
    // The words before the name on its line, or the line before it (past a blank one) when the name stands alone.
    const previous = (lines[index - 1] ?? '').trim() === '' ? lines[index - 2] : lines[index - 1];
    const lead = at > 0 ? text.slice(0, at) : letters(previous ?? '');
    const role = otherRoles.exec(lead.trim())?.[1];
    if (role) return { role: role.toLowerCase(), line: index + 1 };
  }
  return undefined;
}

/** `Title: …` in the Gutenberg header, with its indented continuation lines. */
function headerField(lines: readonly string[], key: string): string | undefined {
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (index < 0) return undefined;
  const parts = [(lines[index] ?? '').slice(key.length + 1).trim()];
  for (let next = index + 1; next < lines.length && /^\s+\S/.test(lines[next] ?? ''); next++) parts.push((lines[next] ?? '').trim());
  const value = parts.join(' ').trim();
  return value === '' ? undefined : value;
}

/**
 * The producers' credits and the pointer to another edition that open a Gutenberg text (`Produced
 * by … and the Online Distributed Proofreading Team`): paragraphs among the first few after the marker.
 */
function producerCredits(lines: readonly string[], from: number, to: number, ranges: DroppedRange[]): void {
  let seen = 0;
  for (const paragraph of paragraphs(lines, from, to)) {
    if (++seen > 6) break;
    const first = (lines[paragraph.start - 1] ?? '').trim();
    if (producers.test(first)) ranges.push({ ...paragraph, reason: 'credits of the e-book’s producers, not part of the work' });
    else if (otherEdition.test(first)) ranges.push({ ...paragraph, reason: 'pointer to another edition of the e-book, not part of the work' });
  }
}

/**
 * A transcriber's note (`Transcriber's note:` and its indented paragraphs, or `[Transcriber's Note:
 * …]`) is the e-text's, not the author's.
 */
function transcriberNotes(lines: readonly string[], ranges: DroppedRange[]): void {
  const all = paragraphs(lines, 0, lines.length);
  all.forEach((paragraph, index) => {
    const first = (lines[paragraph.start - 1] ?? '').trim();
    if (!transcriberNote.test(first) || ranges.some((range) => range.start <= paragraph.start && range.end >= paragraph.end)) return;
    let end = paragraph.end;
    if (first.startsWith('[')) {
      // Bracketed: up to the paragraph that closes the bracket.
      for (let next = index; next < all.length && !/\]\s*$/.test(lines[(all[next]?.end ?? 1) - 1] ?? ''); next++) end = all[next + 1]?.end ?? end;
    } else {
      // `Transcriber's note:` then indented paragraphs: the note's body.
      for (let next = index + 1; next < all.length && /^\s+\S/.test(lines[(all[next]?.start ?? 1) - 1] ?? ''); next++) end = all[next]?.end ?? end;
    }
    ranges.push({ start: paragraph.start, end, reason: 'transcriber’s note of the e-text, not part of the work' });
  });
}

/**
 * Emacs file variables (`Local Variables:` … `End:`, at the end of a file, after a form feed) and a
 * vim modeline (`vim: set tw=72:`): settings for the author's editor, not text.
 */
function editorSettings(lines: readonly string[], ranges: DroppedRange[]): void {
  const tail = Math.max(0, lines.length - 40);
  const local = lines.findIndex((line, index) => index >= tail && /^\W{0,3}\s*Local Variables:\s*\W{0,3}$/.test(line.trim()));
  if (local >= 0) {
    const closed = lines.findIndex((line, index) => index > local && /^\W{0,3}\s*End:\s*\W{0,3}$/.test(line.trim()));
    // With no `End:`, the variables still run to the end of the file when every line left is `name: value`.
    const end =
      closed >= 0
        ? closed
        : lines.slice(local + 1).every((line) => line.trim() === '' || /^\W{0,3}\s*[\w-]+:\s*\S+\s*\W{0,3}$/.test(line.trim()))
          ? lastTextLine(lines)
          : -1;
    if (end >= 0) {
      const before = previousTextLine(lines, local);
      // A form feed, or reStructuredText's comment marker `..` alone on its line, opens the block.
      const start = before >= 0 && ((lines[before] ?? '').includes('\f') || (lines[before] ?? '').trim() === '..') ? before : local;
      ranges.push({ start: start + 1, end: end + 1, reason: 'Emacs file variables (editor settings), not part of the text' });
    }
  }
  lines.forEach((line, index) => {
    if ((index < 5 || index >= lines.length - 5) && /^\W{0,3}\s*(?:vim?|ex):\s*(?:set?\s+)?\w+(?:=\S*)?(?:[\s:]+\w+(?:=\S*)?)*:?\s*\W{0,3}$/.test(line.trim()))
      if (/\b(?:tw|ts|sw|et|ft|textwidth|tabstop|shiftwidth|expandtab|filetype|syntax|ai|spell)\b/.test(line))
        ranges.push({ start: index + 1, end: index + 1, reason: 'vim modeline (editor settings), not part of the text' });
  });
}

function previousTextLine(lines: readonly string[], index: number): number {
  let at = index - 1;
  while (at >= 0 && (lines[at] ?? '').replace(/\f/g, '').trim() === '' && !(lines[at] ?? '').includes('\f')) at--;
  return at;
}

function lastTextLine(lines: readonly string[]): number {
  let at = lines.length - 1;
  while (at >= 0 && (lines[at] ?? '').trim() === '') at--;
  return at;
}

/** Paragraphs (runs of non-blank lines) between two 0-based line indexes, as 1-based ranges. */
function paragraphs(lines: readonly string[], from: number, to: number): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let index = from; index < to; index++) {
    if ((lines[index] ?? '').trim() === '') continue;
    const start = index;
    while (index + 1 < to && (lines[index + 1] ?? '').trim() !== '') index++;
    found.push({ start: start + 1, end: index + 1 });
  }
  return found;
}

/**
 * The training data's format: one labelled note (or reference) a line, its fields wrapped in tags
 * named for their label, as AnyStyle's XML does but on one line:
 *
 *     <author>Jane Smith,</author> <title>_The Book_</title> (<location>London:</location> …
 *
 * `&lt;`, `&gt;` and `&amp;` escape those characters, `&#10;` a line break (a note of two lines); text between tags is white space or
 * punctuation (it belongs to no field). A line `# id: …` names the next line (its source, for
 * grouping folds); other lines starting with `#` and blank lines are comments.
 */
import { LABELS, type Label } from './labels.ts';
import { type NoteToken, tokenizeNote } from './tokens.ts';

export interface LabelledSpan {
  label: Label;
  start: number;
  end: number;
}

export interface LabelledNote {
  id: string;
  text: string;
  spans: LabelledSpan[];
}

const TAG = /<(\/?)([a-zA-Z-]+)>/g;
const labelSet = new Set<string>(LABELS);

function unescapeTagged(text: string): string {
  return text.replace(/&(lt|gt|#10|amp);/g, (_match, name: string) => ({ lt: '<', gt: '>', '#10': '\n', amp: '&' })[name]!);
}

export function escapeTagged(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
}

/** One tagged line → its text and labelled spans; throws on a malformed line (training data is ours). */
export function parseTaggedLine(line: string, id: string): LabelledNote {
  let text = '';
  const spans: LabelledSpan[] = [];
  let open: { label: Label; start: number } | undefined;
  let last = 0;
  for (const match of line.matchAll(TAG)) {
    const [, closing, name] = match;
    const index = match.index ?? 0;
    text += unescapeTagged(line.slice(last, index));
    last = index + match[0].length;
    if (!labelSet.has(name!)) throw new Error(`${id}: unknown label <${name}>`);
    if (closing) {
      if (open === undefined || open.label !== name) throw new Error(`${id}: </${name}> closes nothing`);
      spans.push({ label: open.label, start: open.start, end: text.length });
      open = undefined;
    } else {
      if (open) throw new Error(`${id}: <${name}> inside <${open.label}>`);
      open = { label: name as Label, start: text.length };
    }
  }
  if (open) throw new Error(`${id}: <${open.label}> never closed`);
  text += unescapeTagged(line.slice(last));
  return { id, text, spans };
}

/** A file of tagged lines → its notes, each with an id (`file:line` unless a `# id:` line names it). */
export function parseTaggedFile(content: string, file: string): LabelledNote[] {
  const notes: LabelledNote[] = [];
  let id: string | undefined;
  for (const [index, line] of content.split('\n').entries()) {
    const named = /^#\s*id:\s*(.+)$/.exec(line);
    if (named) id = named[1]!.trim();
    if (line.trim() === '' || line.startsWith('#')) continue;
    notes.push(parseTaggedLine(line, id ?? `${file}:${index + 1}`));
    id = undefined;
  }
  return notes;
}

export function toTaggedLine(note: { text: string; spans: readonly LabelledSpan[] }): string {
  let line = '';
  let at = 0;
  for (const span of [...note.spans].sort((a, b) => a.start - b.start)) {
    line += escapeTagged(note.text.slice(at, span.start));
    line += `<${span.label}>${escapeTagged(note.text.slice(span.start, span.end))}</${span.label}>`;
    at = span.end;
  }
  return line + escapeTagged(note.text.slice(at));
}

/**
 * The label of each token: the span that holds most of its characters; a token outside every
 * span (a lone bracket or dash between fields) takes the label of the token before it.
 */
export function tokenLabels(tokens: readonly NoteToken[], spans: readonly LabelledSpan[]): Label[] {
  const labels: Label[] = [];
  for (const token of tokens) {
    let best: Label | undefined;
    let bestOverlap = 0;
    for (const span of spans) {
      const overlap = Math.min(token.end, span.end) - Math.max(token.start, span.start);
      if (overlap > bestOverlap) {
        best = span.label;
        bestOverlap = overlap;
      }
    }
    labels.push(best ?? labels.at(-1) ?? 'note');
  }
  return labels;
}

/** A labelled note's tokens and their labels. */
export function labelledTokens(note: LabelledNote): { tokens: NoteToken[]; labels: Label[] } {
  const tokens = tokenizeNote(note.text);
  return { tokens, labels: tokenLabels(tokens, note.spans) };
}

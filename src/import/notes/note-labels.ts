import { superscriptDigits, superscriptValue } from '../../core/script-digits.ts';
import { byText } from '../../core/text-memo.ts';

/**
 * The label a hand-typed note starts with, in the conventions writers use: `[1] text`, `(1) text`,
 * `1. text`, `1) text`, `1: text`, `1 text`, `¹ text`, `^1 text`, `*1 text`, and symbols (`*`,
 * `**`, `†`, `‡`, `§`…). A numbered list of notes is read from the list itself (`list`).
 */
export type LabelStyle = 'bracket' | 'paren' | 'dot' | 'colon' | 'bare' | 'superscript' | 'caret' | 'asterisk-number' | 'symbol' | 'list';

export interface NoteLabel {
  style: LabelStyle;
  /** The note's number; undefined for a symbol. */
  number: number | undefined;
  /** The symbol of a symbol note (`*`, `**`, `†`). */
  symbol: string | undefined;
  /** Characters the label and the space after it take at the start of the text. */
  length: number;
}

export const superscriptRun = `[${superscriptDigits}]+`;
/** Styles whose numbers may be padded with zeros (`[01]`, `(01)`): the brackets say it is a label, not a date or a count. */
const zeroPaddable = new Set<LabelStyle>(['superscript', 'bracket', 'paren']);
const noteSymbols = /^(?:\*{1,4}|†{1,3}|‡{1,3}|§{1,2}|¶|‖)/;

// Each: the pattern at the start of a note's text, and its style. The text after the label must
// start with something a note can start with (not a digit, so that `1 000 people` is no label).
const labelPatterns: [RegExp, LabelStyle][] = [
  // `[85]` alone on its line: the note's text is the paragraphs under it (a quotation, verses).
  [/^\[(\d{1,3})\][.:]?(?:[\s\u00a0]+|$|(?=[^\s\d.,;:)\]]))/, 'bracket'],
  [/^\((\d{1,3})\)[.:]?[\s\u00a0]+(?=\S)/, 'paren'],
  [/^(\d{1,3})[.)][\s\u00a0]+(?=[^\s\d])/, 'dot'],
  [/^(\d{1,3}):[\s\u00a0]+(?=\S)/, 'colon'],
  [new RegExp(`^(${superscriptRun})[.)]?[\\s\\u00a0]*(?=[^\\s${superscriptDigits}])`), 'superscript'],
  [/^\^\[?(\d{1,3})\]?\^?[.:]?[\s\u00a0]*(?=[^\s\d])/, 'caret'],
  [/^\*(\d{1,3})[.:)]?[\s\u00a0]+(?=\S)/, 'asterisk-number'],
  [/^(\d{1,3})[\s\u00a0]+(?=[\p{Lu}\p{Lo}"“‘'([_*])/u, 'bare'],
];

/** The label at the start of `text`, if it has one (a copy: callers may change it). */
export function noteLabel(text: string): NoteLabel | undefined {
  const label = knownLabel(text);
  return label && { ...label };
}

const knownLabel = byText(readNoteLabel);

function readNoteLabel(text: string): NoteLabel | undefined {
  const trimmed = text.replace(/^[\s\u00a0]+/, '');
  const leading = text.length - trimmed.length;
  for (const [pattern, style] of labelPatterns) {
    const match = pattern.exec(trimmed);
    const digits = match?.[1];
    if (!match || digits === undefined) continue;
    const number = style === 'superscript' ? superscriptValue(digits) : Number(digits);
    // A leading zero is no label (`07 March`), except in brackets: an e-text's `[01]`…`[15]` padded to one width.
    if (number < 1 || (digits.startsWith('0') && !zeroPaddable.has(style))) continue;
    return { style, number, symbol: undefined, length: leading + match[0].length };
  }
  const symbol = noteSymbols.exec(trimmed)?.[0];
  if (symbol) {
    const rest = trimmed.slice(symbol.length);
    const space = /^[)\].:]?[\s\u00a0]+/.exec(rest)?.[0];
    // `* text` or `*text`; `**bold**` never gets here (Markdown already made it strong).
    if (space !== undefined || /^\p{L}/u.test(rest)) {
      return { style: 'symbol', number: undefined, symbol, length: leading + symbol.length + (space?.length ?? 0) };
    }
  }
  return undefined;
}

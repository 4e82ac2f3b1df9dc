import type { Paragraph, Root, Text } from 'mdast';
import { superscriptValue } from '../../core/script-digits.ts';
import { type LabelStyle, type NoteLabel, noteLabel, superscriptRun } from './note-labels.ts';
import { phrasingText, type Unit } from './note-units.ts';
import { type NotesHeadingKind, notesHeadingKind } from './notes-heading.ts';

/**
 * Where a list of typed notes is: under a notes heading (with a rule before it, a line or two of
 * introduction after), or a bare run of notes closing the body; and its notes, each with its
 * label and run-on paragraphs.
 */

export interface ParsedNote {
  label: NoteLabel;
  /** The note's number, or the position of a symbol note. */
  number: number;
  units: Unit[];
}

export interface Section {
  /** `division`: a bare run in the middle of the body, each note one paragraph (a book's notes after a section). */
  kind: NotesHeadingKind | 'headless' | 'division';
  /** First unit of the section (its heading, or the rule before it). */
  start: number;
  /** One past the last unit the notes took. */
  end: number;
  notes: ParsedNote[];
  /** The heading and rules: left out of the chapter. */
  dropped: Unit[];
}

/**
 * Each unit's heading kind and label, remembered by the unit: the recogniser reads a book's units
 * again for each of its runs of notes (`unitReader` gives back the same units where nothing changed).
 */
const headingKinds = new WeakMap<Unit, NotesHeadingKind | undefined>();
const labels = new WeakMap<Unit, NoteLabel | undefined>();

function headingKindOf(unit: Unit | undefined): NotesHeadingKind | undefined {
  if (!unit) return undefined;
  if (!headingKinds.has(unit)) headingKinds.set(unit, readHeadingKind(unit));
  return headingKinds.get(unit);
}

function readHeadingKind(unit: Unit): NotesHeadingKind | undefined {
  if (unit.kind !== 'heading' && unit.kind !== 'line') return undefined;
  // A line is a heading only when it is nothing but words, perhaps in bold: `**References**`, `Notes:`.
  if (unit.kind === 'line' && !unit.content.every((node) => ['text', 'strong', 'emphasis'].includes(node.type))) return undefined;
  return notesHeadingKind(unit.text);
}

/** The label of a unit that starts a note: the list's own number, a link back to the marker, or the typed label. */
function labelOf(unit: Unit | undefined): NoteLabel | undefined {
  if (!unit) return undefined;
  if (!labels.has(unit)) labels.set(unit, readLabel(unit));
  return labels.get(unit);
}

function readLabel(unit: Unit): NoteLabel | undefined {
  if (unit.kind !== 'line' && unit.kind !== 'item') return undefined;
  if (unit.ordinal !== undefined) return { style: 'list', number: unit.ordinal, symbol: undefined, length: 0 };
  const first = unit.content[0];
  if (first?.type === 'link' && first.url.startsWith('#')) {
    const linkText = phrasingText([first]);
    const number = /^[\s\u00a0]*[[(]?(\d{1,3})[\])]?[\s\u00a0]*$/.exec(linkText)?.[1];
    if (number) {
      const after = /^[.:)]?[\s\u00a0]*/.exec(unit.text.slice(linkText.length))?.[0] ?? '';
      return { style: 'bracket', number: Number(number), symbol: undefined, length: linkText.length + after.length };
    }
  }
  return noteLabel(unit.text);
}

const strongLabels = new Set<LabelStyle>(['bracket', 'paren', 'colon', 'superscript', 'caret', 'asterisk-number', 'list']);

export function compatible(style: LabelStyle, label: NoteLabel): boolean {
  return label.style === style || (style === 'dot' && label.style === 'list') || (style === 'list' && label.style === 'dot');
}

/** Whether `label` starts the next note rather than being a line of the note before (`2. the second point…`). */
function isNextLabel(label: NoteLabel, notes: readonly ParsedNote[], firstNumber = 1): boolean {
  if (label.style === 'symbol') return !notes.some((note) => note.label.symbol === label.symbol);
  const number = label.number ?? 0;
  const previous = notes.at(-1)?.number ?? firstNumber - 1;
  if (notes.some((note) => note.number === number)) return false;
  if (number === previous + 1) return true;
  // A gap or a note out of order happens in typed lists; bare numbers are too weak for it.
  return label.style !== 'bare' && number >= 1 && number <= previous + (strongLabels.has(label.style) ? 6 : 3);
}

/** The notes from unit `from` on, as far as they go; undefined when no note starts there. */
function readNotes(
  units: readonly Unit[],
  from: number,
  headed: boolean,
  firstNumber = 1,
  runOn = true,
): (Omit<Section, 'kind' | 'start'> & { intro: number }) | undefined {
  const dropped: Unit[] = [];
  let index = from;
  let intro = 0;
  for (; index < units.length; index++) {
    const unit = units[index] as Unit;
    if (unit.kind === 'rule') dropped.push(unit);
    else if (unit.kind === 'comment') continue;
    // Under a heading, a line or two may come before the notes (`All links accessed May 2020.`): they stay in the body.
    else if (headed && intro < 2 && !labelOf(unit) && (unit.kind === 'line' || unit.kind === 'block') && !headingKindOf(unit)) intro++;
    else break;
  }
  const first = labelOf(units[index]);
  if (!first) return undefined;
  const startsAtOne = first.style === 'symbol' || first.number === firstNumber;
  // Under a heading the notes may continue a numbering (`[5]` in a later chapter); bare numbers must start at 1.
  if (!startsAtOne && (!headed || first.style === 'bare' || (first.number ?? 0) > 20)) return undefined;
  const style = first.style;
  const notes: ParsedNote[] = [];
  let end = index;
  for (; index < units.length; index++) {
    const unit = units[index] as Unit;
    // A note labelled alone on its line (`[85]`, then a letter it quotes) runs on to the next label, over its headings too.
    // A note labelled alone on its line (`[85]`, then the letter or verses it quotes) runs on to the next
    // label, over headings too; in the middle of the body, not past the next note's marker (that is the text again).
    const last = notes.at(-1);
    const labelAlone = /^\[\d{1,3}\][.:]?$/.test(last?.units[0]?.text.trim() ?? '');
    if (labelAlone && !runOn && unit.text.includes(`[${(last?.number ?? 0) + 1}]`)) break;
    if (!labelAlone && (unit.kind === 'heading' || headingKindOf(unit) || isBoldTitle(unit))) break;
    if (unit.kind === 'comment') continue;
    if (unit.kind === 'rule') {
      const next = units.slice(index + 1).find((later) => later.kind !== 'comment');
      const label = labelOf(next);
      if (label && compatible(style, label) && isNextLabel(label, notes)) {
        dropped.push(unit);
        continue;
      }
      break;
    }
    const label = labelOf(unit);
    if (label && compatible(style, label) && isNextLabel(label, notes, firstNumber)) {
      notes.push({ label, number: label.number ?? notes.length + 1, units: [unit] });
      end = index + 1;
      continue;
    }
    // Run-on paragraphs belong to the note before; a numbered list ends where the list does.
    if (notes.length === 0 || style === 'list' || (!runOn && !labelAlone && unit.part === 0 && !isNotesOwnParagraph(units, index, style, notes))) break;
    notes.at(-1)?.units.push(unit);
    end = index + 1;
  }
  return notes.length > 0 ? { end, notes, dropped: intro > 0 ? [] : dropped, intro } : undefined;
}

/** How many paragraphs a note in the middle of the body may run on over before the next note's label. */
const runOnParagraphs = 2;

/**
 * In a run of notes in the middle of the body, whether the paragraph at `index` is a further
 * paragraph of the note before (an editor's note under the author's, a second paragraph): the next
 * note's label follows within a paragraph or two, with no heading and no marker of a later note
 * between (that would be the text going on, its notes set after it).
 */
function isNotesOwnParagraph(units: readonly Unit[], index: number, style: LabelStyle, notes: readonly ParsedNote[]): boolean {
  const last = notes.at(-1)?.number ?? 0;
  const paragraphs = new Set<number>();
  for (let next = index; next < units.length; next++) {
    const unit = units[next] as Unit;
    if (unit.kind === 'comment') continue;
    if (unit.kind !== 'line' && unit.kind !== 'block') return false;
    if (unit.part === 0 && next > index) {
      const label = labelOf(unit);
      if (label) return compatible(style, label) && label.number === last + 1;
    }
    if (unit.part === 0 && (headingKindOf(unit) || isBoldTitle(unit))) return false;
    if (laterMarker(unit.text, last)) return false;
    paragraphs.add(unit.top);
    if (paragraphs.size > runOnParagraphs) return false;
  }
  return false;
}

/** Whether `text` has a marker of a note after `last` (`[12]`, `(12)`, `[012]`, `¹²`). */
function laterMarker(text: string, last: number): boolean {
  for (const match of text.matchAll(/[[(](\d{1,3})[\])]/g)) {
    const number = Number(match[1]);
    if (number > last && number <= last + 5) return true;
  }
  return [...text.matchAll(new RegExp(superscriptRun, 'g'))].some((match) => superscriptValue(match[0]) > last);
}

/** A paragraph that is one short bold line, a title set by hand (a box after the notes, “**Le marché du travail est-il trop rigide ?**”): no note's run-on paragraph. */
function isBoldTitle(unit: Unit | undefined): boolean {
  if (unit?.kind !== 'line' || unit.part > 0 || unit.text.trim().length > 120) return false;
  const visible = unit.content.filter((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'break');
  return visible.length === 1 && visible[0]?.type === 'strong';
}

/** Every place a notes section could be: under each notes heading, and a bare run of notes closing the body. */
/**
 * `firstNumber` is the first number a bare run may start at: 1, or, where the markup already made
 * notes 1 and 3, 2.
 */
export function candidateSections(units: readonly Unit[], firstNumber = 1): Section[] {
  const sections: Section[] = [];
  units.forEach((unit, index) => {
    const kind = headingKindOf(unit);
    if (!kind) return;
    const notes = readNotes(units, index + 1, true);
    if (!notes) return;
    // The heading and the rule before it go, unless lines under the heading stay in the body.
    const ruleBefore = units[index - 1]?.kind === 'rule' ? [units[index - 1] as Unit] : [];
    const dropped = notes.intro > 0 ? [] : [...ruleBefore, unit, ...notes.dropped];
    sections.push({ kind, start: index - ruleBefore.length, end: notes.end, notes: notes.notes, dropped });
  });
  const lastContent = units.findLastIndex((unit) => unit.kind !== 'comment' && unit.kind !== 'rule');
  for (let index = lastContent; index >= 0; index--) {
    const label = labelOf(units[index]);
    // A bare run of notes starts a paragraph (or a list); never in the middle of one.
    if (!label || (label.style !== 'symbol' && label.number !== firstNumber) || (units[index] as Unit).part > 0) continue;
    const notes = readNotes(units, index, false, firstNumber);
    // A run labelled as notes are (`(1) …`, `[1] …`), not as a list, may be followed by a box the
    // page sets after the notes under a title of its own (a magazine's sidebar), in the last third.
    const beforeBox =
      notes !== undefined && (label.style === 'paren' || label.style === 'bracket') && index >= (units.length * 2) / 3 && isBoldTitle(units[notes.end]);
    if (notes && (notes.end > lastContent || beforeBox)) {
      const ruleBefore = units[index - 1]?.kind === 'rule' ? [units[index - 1] as Unit] : [];
      sections.push({ kind: 'headless', start: index - ruleBefore.length, end: notes.end, notes: notes.notes, dropped: [...ruleBefore, ...notes.dropped] });
      break;
    }
  }
  // A run under a notes heading is that heading's section.
  const headed = [...sections];
  for (const division of divisionNotes(units, firstNumber)) {
    if (!headed.some((section) => section.start <= division.start && division.start < section.end)) sections.push(division);
  }
  return sections;
}

/** Labels that say “note” on their own, for a run of notes that is not at the end: `[1]`, `(1)`, `¹`. */
const divisionLabels = new Set<LabelStyle>(['bracket', 'paren', 'superscript', 'caret']);

/**
 * The bare runs of notes in the middle of the body, numbered on from the notes before: a book's
 * notes set at the end of each chapter (`[1] …` to `[8] …`, then `CHAPTER II`) or after a section
 * (`[2] …` to `[5] …`, then the next story's title). Each note is one paragraph (the text after it
 * goes on), and a run is taken only when every note has its marker before it (`isNotesSection`).
 * Every paragraph labelled with the next number starts a candidate: the first may be the marker
 * itself opening a line of verse (`    [238]Coquedicot, …`), the run of notes then comes after it.
 * The recogniser takes one run at a time, each numbered on from the last.
 */
function divisionNotes(units: readonly Unit[], firstNumber: number): Section[] {
  const runs: Section[] = [];
  for (let index = 0; index < units.length; index++) {
    const label = labelOf(units[index]);
    if (!label || label.number !== firstNumber || !divisionLabels.has(label.style) || (units[index] as Unit).part > 0) continue;
    const ruleBefore = units[index - 1]?.kind === 'rule' ? [units[index - 1] as Unit] : [];
    const start = index - ruleBefore.length;
    const notes = readNotes(units, index, false, firstNumber, false);
    if (notes) runs.push({ kind: 'division', start, end: notes.end, notes: notes.notes, dropped: [...ruleBefore, ...notes.dropped] });
  }
  return runs;
}

/**
 * A section that starts inside a paragraph (`…the end.\n**Notes**\n[1] …` typed without blank
 * lines) gets a paragraph of its own, so that the body and the notes are whole nodes.
 */
export function splitBeforeSections(tree: Root, units: readonly Unit[], sections: readonly Section[]): boolean {
  const starts = new Set(sections.map((section) => units[section.start] as Unit).filter((unit) => unit.kind === 'line' && unit.part > 0));
  for (const start of [...starts].sort((a, b) => b.top - a.top)) {
    const paragraph = tree.children[start.top] as Paragraph;
    const lines = units.filter((unit) => unit.top === start.top);
    const joined = (part: readonly Unit[]) =>
      part.flatMap((unit, index) => (index === 0 ? unit.content : [{ type: 'text', value: '\n' } as Text, ...unit.content]));
    const before: Paragraph = { type: 'paragraph', children: joined(lines.slice(0, start.part)) };
    const after: Paragraph = { type: 'paragraph', children: joined(lines.slice(start.part)) };
    if (paragraph.position && start.lines) {
      before.position = { start: paragraph.position.start, end: { line: start.lines[0] - 1, column: 1 } };
      after.position = { start: { line: start.lines[0], column: 1 }, end: paragraph.position.end };
    }
    tree.children.splice(start.top, 1, before, after);
  }
  return starts.size > 0;
}

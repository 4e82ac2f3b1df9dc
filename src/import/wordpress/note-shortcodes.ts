import { noteShortcodeNames } from '../notes/note-shortcodes.ts';

/**
 * Footnote plugins let a writer type the note where its marker goes: Simple Footnotes and Pelican's
 * simple_footnotes `[ref]…[/ref]`, Easy Footnotes `[efn_note]…[/efn_note]`, Modern Footnotes
 * `[mfn]…[/mfn]`, `[footnote]…[/footnote]`, and Footnotes Made Easy / WP Footnotes `((…))`. The
 * plugin numbers them and lists them at the end; without it the note text would run on inside the
 * sentence. Here each becomes a linked marker and an entry of a notes list, the hand-made markup the
 * HTML path already ties together.
 */

const shortcode = new RegExp(`\\[(${noteShortcodeNames.join('|')})(?:\\s[^\\]]*)?\\]([\\s\\S]*?)\\[\\/\\1\\]`, 'gi');
const unclosedOpening = new RegExp(`\\[(?:${noteShortcodeNames.join('|')})(?:\\s[^\\]]*)?\\]`, 'gi');
/** `((…))` of Footnotes Made Easy: inside one paragraph, not starting with a parenthesis of its own. */
const doubleParentheses = /\(\((?!\()((?:(?!\)\)|<\/?p\b|\n\s*\n)[\s\S])+?)\)\)/gi;
const listPlace = /\[footnotes\s*\/?\]/i;
const codeBlock = /<(pre|code|script|style)\b[\s\S]*?<\/\1>/gi;

export interface NoteShortcodesResult {
  html: string;
  /** How many notes were found. */
  notes: number;
  /** Openings with no closing tag, as they were typed (the plugin would have shown them as text). */
  unclosed: string[];
}

/**
 * The post's HTML with each note shortcode replaced by `<sup><a href="#…">n</a></sup>` and the notes
 * listed at the end in an `<ol class="footnotes">`. Code is left as typed: `((x))` in a snippet is code.
 * `usesDoubleParentheses` is false where `((` cannot be told from prose.
 */
export function withNoteShortcodes(html: string, usesDoubleParentheses = true): NoteShortcodesResult {
  const notes: string[] = [];
  const code: string[] = [];
  // Code is set aside first, so that nothing inside it is read as a note.
  let text = html.replace(codeBlock, (block) => `\uE000${code.push(block) - 1}\uE000`);
  const marker = (note: string) => {
    notes.push(note.trim());
    const n = notes.length;
    return `<sup id="shortcode-fnref-${n}"><a href="#shortcode-fn-${n}">${n}</a></sup>`;
  };
  // One pass over both forms, so that the notes are numbered in the order they are read.
  const either = new RegExp(usesDoubleParentheses ? `${shortcode.source}|${doubleParentheses.source}` : shortcode.source, 'gi');
  text = text.replace(either, (_, _name: string | undefined, note: string | undefined, inParentheses: string | undefined) =>
    marker(note ?? inParentheses ?? ''),
  );
  const unclosed = [...text.matchAll(unclosedOpening)].map((match) => match[0]);
  text = text.replace(/\uE000(\d+)\uE000/g, (_, index: string) => code[Number(index)] ?? '');
  if (notes.length === 0) return { html: text, notes: 0, unclosed };
  const items = notes.map((note, index) => `<li id="shortcode-fn-${index + 1}">${note} <a href="#shortcode-fnref-${index + 1}">↩︎</a></li>`).join('');
  const list = `<ol class="footnotes">${items}</ol>`;
  // `[footnotes]` marks where the plugin prints its list: the notes go there, else at the end.
  if (!listPlace.test(text)) return { html: `${text}${list}`, notes: notes.length, unclosed };
  let places = 0;
  const withList = text.replace(new RegExp(listPlace.source, 'gi'), () => (places++ === 0 ? list : ''));
  return { html: withList, notes: notes.length, unclosed };
}

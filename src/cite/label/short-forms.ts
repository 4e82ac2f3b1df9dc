/**
 * `Cooley, _Great Games_, 45.`: a note that repeats a work cited before by a name, a short title in
 * italics or quotes and the passage (Chicago's and MHRA's later citations). A habit the model
 * cannot learn from full references, where a bare italic phrase after a name is as often a
 * journal (it read this one as a container, 0.2 to 0.5), so it is a rule, like Ibid.; the note is
 * resolved against the earlier citation by name and title (`cite-notes.ts`, `shortFormMatches`).
 */

import { normaliseLocator } from './fields.ts';
import { LOCATOR } from './references.ts';

export interface ShortNote {
  /** The name as written: a surname, names joined by `and`/`&`, or an organisation. */
  author: string;
  /** The short title, without its italics or quotes. */
  title: string;
  /** Whether the title was in italics (a book's, as the model's items type it). */
  italic: boolean;
  locator?: string;
  /** A signal before the name (`See `), kept as the citation's prefix. */
  prefix?: string;
  /** Where the citation (name to locator) is in the text. */
  start: number;
  end: number;
}

const WORD = String.raw`(?:\p{Lu}[\p{L}\p{M}'’.-]*|van|von|de|der|den|du|da|di|del|la|le|al-|bin|ibn)`;
const NAME = String.raw`${WORD}(?:\s+${WORD}){0,4}`;
const NAMES = String.raw`${NAME}(?:(?:,\s+|\s+(?:and|&)\s+)${NAME}){0,2}?`;
const TITLE = String.raw`_[^_]+_|\*[^*]+\*|“[^”]+”|‘[^’]+’|"[^"]+"|«[^»]+»`;
const SIGNAL = String.raw`(?:see(?:\s+also)?|cf\.?)\s+`;
const NAMES_ONLY = new RegExp(`^${NAMES}$`, 'u');
const SHORT_FORM = new RegExp(String.raw`^(${SIGNAL})?(${NAMES}),\s+(${TITLE})(?:,?\s+(${LOCATOR}))?\.?$`, 'iu');

export function parseShortForm(text: string): ShortNote | undefined {
  const trimmed = text.trim();
  const match = SHORT_FORM.exec(trimmed);
  if (!match) return undefined;
  const [, signal = '', author = '', quoted = '', locator] = match;
  // Case-insensitive for the signal only: every word of the name starts with a capital or is a particle.
  if (!NAMES_ONLY.test(author)) return undefined;
  const title = quoted
    .slice(1, -1)
    .trim()
    .replace(/[,.;:]$/, '');
  if (title === '' || /^(?:ibid|op\.?\s*cit|loc\.?\s*cit)/i.test(author)) return undefined;
  const start = text.indexOf(trimmed) + signal.length;
  // The closing full stop stays in the note, as after any citation (`[@key, p. 45].`).
  const end = text.indexOf(trimmed) + trimmed.length - (trimmed.endsWith('.') ? 1 : 0);
  return {
    author,
    title,
    italic: /^[_*]/.test(quoted),
    ...(locator ? { locator: normaliseLocator(locator) } : {}),
    ...(signal ? { prefix: signal } : {}),
    start,
    end,
  };
}

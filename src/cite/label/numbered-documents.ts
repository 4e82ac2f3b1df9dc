/**
 * `PEP 219, Stackless Python, McMillan http://www.python.org/dev/peps/pep-0219/`: a numbered
 * document of a series, its title, its authors' surnames, its address — the reference PEP 1 and
 * PEP 12 prescribe, and RFCs' references follow. Its title and its authors are alike to a model
 * (capitalised words between commas, no quotes, no italics), which runs the authors into the
 * title or doubts the whole line; the layout says which is which: the title is the first part
 * after the number, the surnames the rest.
 */
import type { LabelledToken } from './label-note.ts';

const SERIES = /^(?:PEP|RFC|BIP|EIP|JEP)$/;
// A surname, its particle (`Van Rossum`), or `and`/`&` between two.
const NAME_WORD = /^(?:\p{Lu}[\p{L}’'-]*[,.]?|van|von|de|and|&)$/u;
const MAX_NAME_WORDS = 8;
/** The layout is as sure as a short form's: a reading by shape, not by the model. */
const SHAPE_CONFIDENCE = 0.9;

export function withNumberedDocuments(tokens: readonly LabelledToken[]): LabelledToken[] {
  const [series, number] = tokens;
  if (!series || !number || !SERIES.test(series.text) || !/^\d+,$/.test(number.text)) return [...tokens];
  const address = tokens.length - 1;
  if (!tokens[address]!.url || tokens.slice(0, address).some((token) => token.url)) return [...tokens];
  const middle = tokens.slice(2, address);
  const titleEnd = middle.findIndex((token) => token.text.endsWith(','));
  const names = titleEnd < 0 ? [] : middle.slice(titleEnd + 1);
  if (middle.length === 0) return [...tokens];
  if (names.length > MAX_NAME_WORDS || !names.every((token) => NAME_WORD.test(token.text))) return [...tokens];
  const titleLength = titleEnd < 0 || names.length === 0 ? middle.length : titleEnd + 1;
  return tokens.map((token, index) => {
    const label = index < 2 ? 'genre' : index === address ? 'URL' : index < 2 + titleLength ? 'title' : 'author';
    return { ...token, label, confidence: Math.max(token.confidence, SHAPE_CONFIDENCE) };
  });
}

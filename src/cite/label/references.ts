/** Notes that only point elsewhere: `Ibid., p. 4` and `As highlighted in note 41.` */
import { normaliseLocator } from './fields.ts';

export interface Ibid {
  locator?: string;
  /** Where the Ibid. ends: commentary may follow (`Ibid. Phidias was supposed…`). */
  end: number;
}

/** `Smith, op. cit., p. 45`: the work of Smith's cited last. */
export interface OpCit {
  author: string;
  locator?: string;
  /** Where the author's name is in the text. */
  start: number;
  end: number;
}

export interface CrossReference {
  note: number;
  locator?: string;
}

/** A page or range (`p. 12`, `45–47`, `xii`, `12 n. 3`), as short forms and Ibid. give it. */
export const LOCATOR = String.raw`(?:(?:p|pp|at)\.?\s*)?[\divxlc]+[a-z]?(?:\s*[–—-]\s*[\divxlc]+)?(?:\s*n\.?\s*\d+)?`;
// A bare `Op. cit.` or `Loc. cit.` names no author, so it can only mean the citation just before: Ibid.
const IBID = new RegExp(String.raw`^[_*]{0,2}(?:ibid(?:em)?|id|op\.\s*cit|loc\.\s*cit)\.?[_*]{0,2}\.?(?:,?\s*(${LOCATOR}))?\.?(?=$|\s)`, 'i');
const CROSS_REFERENCE = new RegExp(
  String.raw`^(?:(?:as\s+(?:\w+\s+){1,2}in|see(?:\s+also)?|cf\.?|compare|supra)\s+)?(?:(?:above|below),?\s+)?` +
    String.raw`(?:note|n\.|fn\.?|footnote)\s*(\d+)(?:\s+(?:above|below|supra))?(?:,\s*(${LOCATOR}))?\.?$`,
  'i',
);

export function parseIbid(text: string): Ibid | undefined {
  const leading = text.length - text.trimStart().length;
  const match = IBID.exec(text.trim());
  // What follows an Ibid. is a new sentence of commentary, or nothing (`Ibidem est…` is Latin prose).
  if (!match || !/^(?:\s+\p{Lu}|\s*$)/u.test(text.trim().slice(match[0].length))) return undefined;
  const end = leading + match[0].length;
  return match[1] ? { locator: normaliseLocator(match[1]), end } : { end };
}

const OP_CIT = new RegExp(String.raw`^([^,;()]{2,60}?),?\s+[_*]{0,2}(?:op\.\s*cit|loc\.\s*cit)\.?[_*]{0,2}\.?(?:,?\s*(${LOCATOR}))?\.?$`, 'i');

export function parseOpCit(text: string): OpCit | undefined {
  const trimmed = text.trim();
  const match = OP_CIT.exec(trimmed);
  if (!match) return undefined;
  const start = text.indexOf(trimmed);
  return { author: match[1]!.trim(), ...(match[2] ? { locator: normaliseLocator(match[2]) } : {}), start, end: start + trimmed.length };
}

export function parseCrossReference(text: string): CrossReference | undefined {
  const match = CROSS_REFERENCE.exec(text.trim());
  if (!match) return undefined;
  return { note: Number(match[1]), ...(match[2] ? { locator: normaliseLocator(match[2]) } : {}) };
}

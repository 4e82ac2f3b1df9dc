import type { CslItemData } from '../csl.ts';

/** What a field says about the kind of work, before the type is decided from all of them. */
export type TypeHint = 'book' | 'chapter' | 'journal' | 'report' | 'speech' | 'interview' | 'thesis' | 'dataset' | 'blog';

/** A citation being read, field by field. */
export interface Draft {
  item: Partial<CslItemData>;
  /** The title before any bracketed translation is added. */
  originalTitle?: string;
  translatedTitle?: string;
  titleIsItalic: boolean;
  /** Plain names after the title not yet known to be a container, a publisher or a series. */
  texts: string[];
  hints: Set<TypeHint>;
  locator?: string;
  /** `op. cit.`, `loc. cit.`: the note points back to an earlier full citation. */
  pointsBack: boolean;
  problems: string[];
}

export function emptyDraft(): Draft {
  return { item: {}, titleIsItalic: false, texts: [], hints: new Set(), pointsBack: false, problems: [] };
}

/** Sets a field unless an earlier one did: the first date after a title is the issue date, and so on. */
export function setOnce<K extends keyof CslItemData>(draft: Draft, key: K, value: CslItemData[K]): void {
  if (draft.item[key] === undefined) draft.item[key] = value;
  else if (JSON.stringify(draft.item[key]) !== JSON.stringify(value)) draft.problems.push(`a second ${key} was ignored: ${JSON.stringify(value)}`);
}

/** A locator as the renderer expects it: `p. 45`, `pp. 45–47`. */
export function normaliseLocator(text: string): string {
  const value = text
    .trim()
    .replace(/^(?:at|page|pages)\s+/i, '')
    .replace(/\.$/, '');
  const bare = /^(?:pp?\.\s*)?([\divxlc]+[a-z]?(?:\s*n\.?\s*\d+)?)(?:\s*([–—-])\s*([\divxlc]+))?$/i.exec(value);
  if (!bare) return value;
  return bare[3] ? `pp. ${bare[1]}${bare[2] === '-' ? '–' : bare[2]}${bare[3]}` : `p. ${bare[1]}`;
}

import { oncePerObject } from '../../core/memo.ts';
import { familyNameSortKey } from '../../core/names.ts';
import type { Book, Chapter } from '../../core/types.ts';

export interface Contributor {
  name: string;
  /** The author's own part of the most recent chapter bio that speaks of them. */
  bio: string | undefined;
  /** Their chapters, in reading order. */
  chapters: Chapter[];
}

/** Everyone credited on a chapter, sorted by family name (particles, suffixes and names written surname first as `core/names.ts` reads them). */
export const contributorsOf = oncePerObject((book: Book): readonly Contributor[] => {
  const byName = new Map<string, Contributor>();
  for (const chapter of book.chapters) {
    for (const name of chapter.meta.authors) {
      const contributor = byName.get(name) ?? { name, bio: undefined, chapters: [] };
      contributor.chapters.push(chapter);
      contributor.bio = authorBio(chapter, name) ?? contributor.bio;
      byName.set(name, contributor);
    }
  }
  const collator = new Intl.Collator(book.config.language, { sensitivity: 'base' });
  // Each key once: reading a name in parts runs a parser, too dear to repeat on every comparison.
  const sortKey = new Map([...byName.keys()].map((name) => [name, book.nameSortKeys?.get(name) ?? familyNameSortKey(name)]));
  return [...byName.values()].sort((a, b) => collator.compare(sortKey.get(a.name) ?? a.name, sortKey.get(b.name) ?? b.name));
});

const honorific = String.raw`(?:(?:Dr|Prof|Professor|Sir|Dame)\.?\s+)?`;
const statementVerb = String.raw`(?=\s+(?:is|was|has|had|works|worked|teaches|taught|writes|wrote|leads|led|serves|served)\b)`;

/**
 * The sentences of a chapter's `bio` about one of its authors. Imported bios describe every author
 * of a piece in one text (“A is …. B was …”, sometimes with the full stop lost between them), so
 * the text is cut where each author's own statement begins.
 */
export function authorBio(chapter: Chapter, author: string): string | undefined {
  const bio = chapter.meta.bio?.replace(/\s+/g, ' ').trim();
  if (!bio) return undefined;
  const starts = chapter.meta.authors
    .map((name) => ({ name, index: statementStart(bio, name) }))
    .filter((start): start is { name: string; index: number } => start.index !== undefined)
    .sort((a, b) => a.index - b.index);
  const position = starts.findIndex((start) => start.name === author);
  const own = starts[position];
  if (!own) return undefined;
  const text = bio.slice(own.index, starts[position + 1]?.index ?? bio.length);
  return tidyBio(text);
}

function statementStart(bio: string, name: string): number | undefined {
  const pattern = new RegExp(`${honorific}${escapeRegExp(name.replace(/\s+/g, ' '))}${statementVerb}`);
  return pattern.exec(bio)?.index;
}

/** Drops sentences about all the authors together (“Their joint research…”) and a dangling “and”. */
function tidyBio(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((sentence) => !/^(?:Their|They)\b/.test(sentence));
  const joined = sentences
    .join(' ')
    .trim()
    .replace(/(?:[\s,;]+(?:and|&))?[\s,;]*$/, '');
  if (!joined) return undefined;
  return /[.!?][’”]?$/.test(joined) ? joined : `${joined}.`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

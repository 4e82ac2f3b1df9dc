import type { ChapterRecord } from '../core/editions.ts';

/** What identifies a chapter of the working book, before it has its id. */
export interface ChapterCandidate {
  path: string;
  /** The `id:` its front matter gives, if any. */
  explicitId: string | undefined;
  /** The id its file name gives (`chapters/the-sco-turns-twenty.md` → `the-sco-turns-twenty`). */
  fileId: string;
  /** Hash of its body, and where it was imported from (as `chapterRecord` computes them). */
  hash: string;
  source: string | null;
}

export interface ChapterIdentity {
  id: string;
  /** Ids the chapter had before (its own former ids, and the released id it no longer has). */
  formerIds: string[];
  /** The released chapter it is, when its file was renamed and it was recognised by text or source. */
  renamedFrom?: ChapterRecord;
}

/**
 * Which released chapter each chapter of the working book is, and so its id. In order of
 * certainty: the `id:` its front matter gives; the file a released chapter was in; a released
 * chapter whose file is gone and that has the same text or the same source (a renamed file).
 * A chapter that is none of these is new and takes its id from its file name. Ids are kept, so
 * a chapter's address, note anchors and citations stay what they were when it was first released.
 */
export function identifyChapters(candidates: readonly ChapterCandidate[], released: readonly ChapterRecord[]): ChapterIdentity[] {
  const claimed = new Set<ChapterRecord>();
  const matched: (ChapterRecord | undefined)[] = candidates.map(() => undefined);
  const claim = (index: number, record: ChapterRecord | undefined) => {
    if (!record || claimed.has(record) || matched[index]) return;
    claimed.add(record);
    matched[index] = record;
  };
  const byId = new Map(released.flatMap((record) => [record.id, ...record.formerIds].map((id) => [id, record] as const)));
  candidates.forEach((candidate, index) => {
    if (candidate.explicitId) claim(index, byId.get(candidate.explicitId));
  });
  const byPath = new Map(released.map((record) => [record.path, record]));
  candidates.forEach((candidate, index) => {
    claim(index, byPath.get(candidate.path));
  });
  const listedPaths = new Set(candidates.map((candidate) => candidate.path));
  const renamed = released.filter((record) => !listedPaths.has(record.path));
  candidates.forEach((candidate, index) => {
    if (matched[index] || byPath.has(candidate.path)) return;
    const sameText = renamed.filter((record) => !claimed.has(record) && record.hash === candidate.hash);
    const sameSource = renamed.filter((record) => !claimed.has(record) && candidate.source !== null && record.source === candidate.source);
    // Only a single unambiguous match: two candidates for one chapter is a guess.
    const found = sameText.length === 1 ? sameText[0] : sameSource.length === 1 ? sameSource[0] : undefined;
    claim(index, found);
  });
  return candidates.map((candidate, index) => {
    const record = matched[index];
    if (!record) return { id: candidate.explicitId ?? candidate.fileId, formerIds: [] };
    const id = candidate.explicitId ?? record.id;
    const formerIds = [...new Set([...record.formerIds, record.id])].filter((former) => former !== id).sort();
    return { id, formerIds, ...(record.path !== candidate.path && !candidate.explicitId ? { renamedFrom: record } : {}) };
  });
}

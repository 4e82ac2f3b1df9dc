/**
 * Finds hand-typed note markers by aligning the expected sequence 1…N with candidates in the text,
 * keeping the longest increasing chain. Digits glued to the text (`Silk Road’.1`, `thrived,13`,
 * `Tashkent8 –`, `in 201665 and` for note 65 after the year 2016) are candidates here; bracketed,
 * superscript and symbol markers come from `marker-candidates.ts`. Numbers that are not markers
 * (years, `$1.5`, `COVID-19`, `0.79`, `3,000-km`) are never candidates or fall outside the chain.
 */

/** How a marker is written: glued digits, `[1]`, a `#fn1` link, `(1)`, `<sup>1</sup>` or `¹`, `^1`, `*1`, `*`/`†`. */
export type MarkerKind = 'glued' | 'bracket' | 'link' | 'paren' | 'superscript' | 'caret' | 'asterisk-number' | 'symbol';

export interface MarkerCandidate {
  /** The note number this marker would stand for (the first, for `[2, 3]`). */
  note: number;
  /** Every note it stands for: `[2, 3]` and `[2–4]` stand for several. */
  notes: number[];
  /** Offset of the marker in the text. */
  start: number;
  end: number;
  /** Glued to a year (`201665`): weaker evidence than a bare run. */
  afterYear: boolean;
  kind: MarkerKind;
}

export interface MarkerAlignment {
  markers: MarkerCandidate[];
  /** Notes 1…N with no marker found in the text. */
  missing: number[];
}

const closingPunctuation = new Set(['.', ',', ';', ':', '’', '”', '"', "'", ')', ']', '?', '!', '…']);

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Whether the digits ending just before `offset` are a year standing on its own (`in 2018`). */
function endsWithYear(text: string, offset: number): boolean {
  let start = offset;
  while (start > 0 && isDigit(text[start - 1])) start--;
  const digits = text.slice(start, offset);
  const before = text[start - 1];
  return /^(1[5-9]|20)\d\d$/.test(digits) && !isDigit(before) && before !== '.' && before !== ',';
}

export function markerCandidates(text: string, noteCount: number): MarkerCandidate[] {
  const candidates: MarkerCandidate[] = [];
  for (const match of text.matchAll(/\d+/g)) {
    const run = match[0];
    const start = match.index;
    const end = start + run.length;
    const before = text[start - 1];
    const beforeThat = text[start - 2];
    const after = text[end];
    if (isLetter(after) || after === '%' || (after === '.' && isDigit(text[end + 1])) || (after === ',' && isDigit(text[end + 1]))) continue;
    const afterPunctuation = before !== undefined && closingPunctuation.has(before);
    // `2018.16` is note 16 after a year; `614.6` and `0.19` are decimals.
    const afterYearAndPunctuation = afterPunctuation && isDigit(beforeThat) && endsWithYear(text, start - 1);
    const gluedToWord = isLetter(before) || (afterPunctuation && !isDigit(beforeThat)) || afterYearAndPunctuation;
    const number = Number(run);
    if (gluedToWord && run[0] !== '0' && number >= 1 && number <= noteCount) {
      candidates.push({ note: number, notes: [number], start, end, afterYear: afterYearAndPunctuation, kind: 'glued' });
    }
    // A marker typed straight after a year: "in 201665 and" is 2016 + note 65.
    if (run.length >= 5 && /^(1[5-9]|20)\d\d/.test(run) && !isLetter(before)) {
      const rest = run.slice(4);
      const note = Number(rest);
      if (rest[0] !== '0' && note >= 1 && note <= noteCount) candidates.push({ note, notes: [note], start: start + 4, end, afterYear: true, kind: 'glued' });
    }
  }
  return candidates;
}

/** Longest chain of glued digit runs with increasing note numbers at increasing offsets. */
export function alignNoteMarkers(text: string, noteCount: number): MarkerAlignment {
  return alignCandidates(markerCandidates(text, noteCount), noteCount);
}

/**
 * Longest chain of candidates (in text order) with increasing note numbers: the notes they stand
 * for, counted; ties go to chains of consecutive numbers starting at 1, then to fewer year-glued runs.
 */
export function alignCandidates(candidates: readonly MarkerCandidate[], noteCount: number): MarkerAlignment {
  const last = (candidate: MarkerCandidate) => candidate.notes.at(-1) ?? candidate.note;
  // best[i]: length of the best chain ending at candidate i (ties broken towards consecutive numbers).
  const best: number[] = [];
  const score: number[] = [];
  const previous: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const current = candidates[i] as MarkerCandidate;
    best[i] = current.notes.length;
    score[i] = (current.note === 1 ? 1 : 0) - (current.afterYear ? 0.5 : 0);
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      const earlier = candidates[j] as MarkerCandidate;
      if (last(earlier) >= current.note || earlier.end > current.start) continue;
      const length = (best[j] ?? 0) + current.notes.length;
      const chainScore = (score[j] ?? 0) + (current.note === last(earlier) + 1 ? 1 : 0) - (current.afterYear ? 0.5 : 0);
      if (length > (best[i] ?? 0) || (length === best[i] && chainScore > (score[i] ?? 0))) {
        best[i] = length;
        score[i] = chainScore;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < candidates.length; i++) {
    if (end < 0 || (best[i] ?? 0) > (best[end] ?? 0) || (best[i] === best[end] && (score[i] ?? 0) > (score[end] ?? 0))) end = i;
  }
  const markers: MarkerCandidate[] = [];
  for (let i = end; i >= 0; i = previous[i] ?? -1) markers.unshift(candidates[i] as MarkerCandidate);
  const found = new Set(markers.flatMap((marker) => marker.notes));
  const missing = Array.from({ length: noteCount }, (_, index) => index + 1).filter((note) => !found.has(note));
  return { markers, missing };
}

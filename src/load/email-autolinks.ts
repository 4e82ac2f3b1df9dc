import type { Construct, ConstructRecord, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';

/**
 * GFM's email autolink literal (`contact@example.org` becomes a `mailto:` link) is tried by
 * micromark at every letter or digit that starts a word, which makes it the costliest part of
 * reading a chapter: ~40 of the ~130 ms a 48 KB chapter takes. It can only match where a letter,
 * a digit or one of `+-._` stands right before an `@` (GFM's "atext"), so a text without one reads
 * the same without it: `[@key]` citations and a lone `@` do not count.
 */
export function mayHoldEmail(text: string): boolean {
  return /[\w+.-]@/.test(text);
}

const emailConstruct = 'emailAutolink';

function withoutEmail(record: ConstructRecord): ConstructRecord {
  const kept: ConstructRecord = {};
  for (const [code, entry] of Object.entries(record)) {
    if (entry === undefined) continue;
    const constructs = (Array.isArray(entry) ? entry : [entry]).filter((construct: Construct) => construct.name !== emailConstruct);
    if (constructs.length > 0) kept[Number(code)] = constructs;
  }
  return kept;
}

/**
 * Used after remark-gfm: its syntax less the email autolink literal, for texts `mayHoldEmail`
 * rejects. Tokenizing is otherwise the same (the construct has no effect where it fails), and
 * remark-gfm's tree transform, which finds emails in text too, stays.
 */
export function remarkWithoutEmailAutolinks(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) =>
    extension.text ? { ...extension, text: withoutEmail(extension.text) } : extension,
  );
}

/** Whether an extension list still tries email autolinks (for the tests: a renamed construct would make the above do nothing). */
export function triesEmail(extensions: readonly Extension[]): boolean {
  return extensions.some((extension) =>
    Object.values(extension.text ?? {}).some((entry) => (Array.isArray(entry) ? entry : [entry]).some((construct) => construct?.name === emailConstruct)),
  );
}

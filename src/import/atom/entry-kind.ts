import { type AtomNode, attribute, children, nodeText } from './atom-xml.ts';

/**
 * What an entry is and whether it was published. Blogger's export (Settings → Back up content)
 * marks each entry's kind with a category of the `…/g/2005#kind` scheme (`…/kind#post`, `#page`,
 * `#comment`, `#settings`, `#template`) and a draft with `<app:control><app:draft>yes`; Google
 * Takeout's `feed.atom` with `<blogger:type>POST</blogger:type>` and `<blogger:status>LIVE`,
 * `DRAFT`, `SOFT_TRASHED`. An entry of any other feed is a post, published.
 */
export interface EntryKind {
  /** `post`, `page`, `comment`, `settings`, `template`, … (lower case). */
  kind: string;
  status: 'live' | 'draft' | 'scheduled' | 'trashed';
  /** Marked as Blogger marks its entries. */
  blogger: boolean;
}

const kindScheme = 'http://schemas.google.com/g/2005#kind';

export function entryKind(entry: AtomNode): EntryKind {
  const term = children(entry, 'category')
    .filter((category) => attribute(category, 'scheme') === kindScheme)
    .map((category) => attribute(category, 'term') ?? '')[0];
  // Takeout's `<blogger:type>` (its prefix taken off by the parser); an author's own `<blogger:type>` is inside `author`.
  const typed = nodeText(entry.type).trim().toLowerCase();
  const kind = term ? (/#(\w+)$/.exec(term)?.[1] ?? 'post').toLowerCase() : typed || 'post';
  const blogger = term !== undefined || typed !== '' || entry.status !== undefined;
  return { kind: kind === 'layout' ? 'template' : kind, status: entryStatus(entry), blogger };
}

function entryStatus(entry: AtomNode): EntryKind['status'] {
  const status = nodeText(entry.status).trim().toUpperCase();
  const control = entry.control && typeof entry.control === 'object' ? (entry.control as AtomNode) : undefined;
  if (/TRASH/.test(status) || nodeText(entry.trashed).trim() !== '') return 'trashed';
  if (status === 'SCHEDULED') return 'scheduled';
  if (status === 'DRAFT' || nodeText(control?.draft).trim().toLowerCase() === 'yes') return 'draft';
  return 'live';
}

/** Why an entry is left out, or undefined when it is imported. */
export function skipReason({ kind, status }: EntryKind, wanted: ReadonlySet<string>, includeDrafts: boolean): string | undefined {
  if (kind === 'settings') return 'a setting of the Blogger blog (one entry each in the export): not a post';
  if (kind === 'template') return 'the Blogger blog’s template (its theme’s HTML and CSS): not a post';
  if (!wanted.has(kind))
    return kind === 'comment'
      ? 'a reader’s comment on a post (Blogger keeps them in the export): not imported (use --post-types comment to include them)'
      : `a Blogger ${kind}, not imported (use --post-types ${kind} to include it)`;
  if (status === 'trashed') return 'a post in Blogger’s bin (trashed): not imported';
  if (status !== 'live' && !includeDrafts) return `a ${status === 'draft' ? 'draft' : 'scheduled post'}, not published (use --drafts to include it)`;
  return undefined;
}

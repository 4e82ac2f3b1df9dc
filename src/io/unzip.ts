import { unzipSync } from 'fflate';

/** How much an archive may unpack to: an export is text (tens of MB at most); a zip bomb is not. */
export interface UnzipLimits {
  /** Total unpacked size of the entries we read. */
  totalBytes: number;
  entries: number;
  /** Unpacked ÷ packed size above which a large entry is refused (text deflates about 5–10 : 1). */
  ratio: number;
}

export const defaultUnzipLimits: UnzipLimits = { totalBytes: 512 * 1024 * 1024, entries: 50_000, ratio: 200 };

export interface UnzippedEntry {
  name: string;
  size: number;
  /** Only for the entries `wanted` asked for; the rest are listed by name and size. */
  bytes?: Uint8Array;
}

export type UnzipResult = { kind: 'ok'; entries: UnzippedEntry[] } | { kind: 'broken'; reason: string } | { kind: 'unsafe'; reason: string };

class UnsafeArchive extends Error {}

/**
 * The entries of a zip archive, with the bytes of those `wanted` says to unpack. Refuses an entry
 * whose path would escape the archive (`../`, `/etc/…`, `C:\…`) and archives that would unpack
 * past `limits`: sizes are checked against the central directory before anything is inflated,
 * and fflate never writes past the size the directory declares, so memory stays bounded.
 */
export function unzipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: UnzipLimits = defaultUnzipLimits): UnzipResult {
  const listed: UnzippedEntry[] = [];
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (entry) => {
        const name = safeEntryName(entry.name);
        if (name.endsWith('/')) return false;
        if (listed.length >= limits.entries) throw new UnsafeArchive(`it has more than ${limits.entries} files`);
        listed.push({ name, size: entry.originalSize });
        if (!wanted(name)) return false;
        total += entry.originalSize;
        if (total > limits.totalBytes) throw new UnsafeArchive(`it unpacks to more than ${megabytes(limits.totalBytes)} (a zip bomb?)`);
        if (entry.originalSize > 1024 * 1024 && entry.originalSize > entry.size * limits.ratio)
          throw new UnsafeArchive(`${name} unpacks ${Math.round(entry.originalSize / Math.max(entry.size, 1))} times larger than it is packed (a zip bomb?)`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UnsafeArchive) return { kind: 'unsafe', reason: error.message };
    return { kind: 'broken', reason: brokenReason(error) };
  }
  // fflate keys its result by the raw name; entries were listed under the checked one.
  const byName = new Map(Object.entries(files).map(([raw, data]) => [safeEntryName(raw), data]));
  return {
    kind: 'ok',
    entries: listed.map((entry) => {
      const data = byName.get(entry.name);
      return data ? { ...entry, bytes: data } : entry;
    }),
  };
}

/**
 * An entry's name with `/` separators, or an error if it would land outside the folder it is
 * unpacked into. Some Windows tools write `\`; the zip format says `/`.
 */
function safeEntryName(raw: string): string {
  const name = raw.replace(/\\/g, '/');
  const escapes = name.startsWith('/') || /^[a-z]:/i.test(name) || name.includes('\0') || name.split('/').some((segment) => segment === '..');
  if (escapes) throw new UnsafeArchive(`the entry ${JSON.stringify(raw)} has a path that escapes the archive`);
  return name.replace(/^(?:\.\/)+/, '');
}

function brokenReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // fflate's messages are terse (`invalid zip data`, `unexpected EOF`): say what it means to a user.
  return `it is not a readable zip archive (${message}): it may be truncated or damaged; download it again`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

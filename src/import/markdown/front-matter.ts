import type { VFile } from 'vfile';
import type { ChapterFrontMatter } from '../../config/schema.ts';
import { dateOrderOf, dayInAddress, findAmbiguousDate, formatPartialDate, parseDate } from '../../core/dates.ts';
import { report } from '../../core/rules.ts';
import { asName, decodeEntities, inlineMarkupText, isLogin, splitNames } from '../text.ts';
import type { ChapterField, ImportOptions, LineFate } from '../types.ts';

export type FrontMatterValues = Record<string, unknown>;

export type MetaDraft = Omit<Partial<ChapterFrontMatter>, 'authors'> & { authors: string[] };

export interface FrontMatterMeta {
  meta: MetaDraft;
  /** Why no author is credited, when the front matter names one that is not a name. */
  unattributed?: string;
  /** The keys the chapter took something from (`params.author` for nested ones), and the field each fed. */
  used: Map<string, ChapterField>;
  /** Author values that are keys into the site's author data, not names (`dan-hammer`), unresolved. */
  authorKeys: string[];
}

/** The keys Jekyll, Hugo, Zola and Eleventy sites use for each field, most common first. */
const keysByField: [ChapterField, string[]][] = [
  ['title', ['title', 'headline', 'post_title', 'postTitle', 'newstitle', 'newsTitle', 'linkTitle']],
  ['authors', ['authors', 'author', 'by', 'byline', 'creator', 'creators']],
  ['editors', ['editors', 'editor']],
  ['date', ['date', 'publishDate', 'published', 'pubDate', 'pubdate', 'date_published', 'datePublished', 'created']],
  ['venue', ['venue', 'publication', 'original_venue', 'first_published_in', 'publisher', 'source']],
  ['standfirst', ['standfirst', 'dek', 'subtitle', 'description', 'excerpt', 'summary', 'lede']],
  ['headnote', ['headnote']],
  ['bio', ['bio']],
  ['source_url', ['canonical_url', 'canonical', 'canonicalURL', 'original_url', 'source_url', 'link']],
  ['tags', ['tags', 'categories', 'keywords']],
  ['rights', ['rights']],
];
/** Where themes keep the author (and a bio) below the top level: Hugo's `params`, Zola's `extra` and `taxonomies`. */
const nestedAuthorTables = ['params', 'extra', 'taxonomies'];
/** Keys of a post's address, where permalinks carry its date (`/2026/01/12/…`). */
const addressKeys = ['path', 'permalink', 'url', 'slug', 'aliases'];

const keysOf = (field: ChapterField) => keysByField.find(([name]) => name === field)?.[1] ?? [];

/** A text value in one of the tables themes nest settings in (`extra.bio`), under its dotted key. */
function nestedKey(values: FrontMatterValues, key: string): { key: string; value: string } | undefined {
  for (const table of nestedAuthorTables) {
    const nested = values[table];
    if (!nested || typeof nested !== 'object' || Array.isArray(nested)) continue;
    const value = textOf((nested as Record<string, unknown>)[key]);
    if (value !== undefined) return { key: `${table}.${key}`, value };
  }
  return undefined;
}

/** A front-matter value as text: strings trimmed, dates from YAML or TOML as written. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // smol-toml's dates keep the offset they were written with; a JS Date is UTC.
  if (value && typeof value === 'object' && 'toISOString' in value && typeof value.toISOString === 'function') return String(value.toISOString());
  return undefined;
}

function firstKey(values: FrontMatterValues, keys: readonly string[]): { key: string; value: string } | undefined {
  for (const key of keys) {
    const value = textOf(values[key]);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

/**
 * A site's author data (Jekyll's `_data/authors.yml`, Docusaurus's `authors.yml`, Hugo's
 * `data/authors.yaml`: `jsmith: {name: John Smith, …}` or `jsmith: John Smith`) as key → name;
 * undefined for anything else.
 */
export function authorDataOf(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const data: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const record = entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    // Hugo Blox writes the name in parts: `name: {display: Dr. Alex Johnson, given: Alex, family: Johnson}`.
    const parts = record?.name && typeof record.name === 'object' ? (record.name as Record<string, unknown>) : undefined;
    const name = record ? (textOf(record.name) ?? textOf(parts?.display) ?? textOf(record.display_name) ?? textOf(record.full_name)) : textOf(entry);
    if (name) data[key] = name;
  }
  return Object.keys(data).length > 0 ? data : undefined;
}

/** Text from front matter: entities decoded (`Notes&colon; A` → `Notes: A`), inline tags in titles read for their text, any other `<…>` kept as typed (`Vec<T>`). */
function plain(value: string): string {
  return decodeEntities(inlineMarkupText(value, { decode: false }));
}

/**
 * `Kensei Nakada (Tetrate)` → `Kensei Nakada`: the Kubernetes blog and many others put the
 * author's employer or pronouns in brackets after the name; they are not part of it.
 */
export function withoutAffiliation(name: string): string {
  const bracketed = /^(.*\S)\s*\([^()]+\)$/.exec(name.trim());
  return bracketed ? (bracketed[1] as string) : name;
}

/** Why a key named nobody: the site's author data was found and does not have it, or none was found. */
function unresolvedKey(authorData: Readonly<Record<string, string>> | undefined): string {
  return authorData
    ? 'a key the site’s author data does not name'
    : 'a key into the site’s author data (_data/authors.yml, Docusaurus’s authors.yml, Hugo’s data/authors/), which was not found beside the post';
}

interface NameReading {
  names: string[];
  /** Values that named nobody (`jsmith` without `_data/authors.yml`). */
  keys: string[];
}

/**
 * The people a front-matter value names: a string (`A and B`), a list, objects with a `name`, or
 * keys into the site's author data (Jekyll's `_data/authors.yml`), looked up in `authorData`.
 */
function namesOf(value: unknown, authorData: Readonly<Record<string, string>> | undefined): NameReading {
  const reading: NameReading = { names: [], keys: [] };
  const add = (entry: unknown) => {
    if (Array.isArray(entry)) {
      for (const item of entry) add(item);
      return;
    }
    if (entry && typeof entry === 'object') {
      const record = entry as Record<string, unknown>;
      // Docusaurus lists `- key: slorber` beside inline authors: a key into authors.yml, not a name.
      const name = textOf(record.name) ?? textOf(record.display_name) ?? textOf(record.full_name);
      const key = textOf(record.key) ?? textOf(record.id) ?? textOf(record.username) ?? textOf(record.slug);
      if (name ?? key) add(name ?? key);
      return;
    }
    const text = textOf(entry);
    if (!text) return;
    const known = authorData?.[text] ?? authorData?.[text.toLowerCase()];
    if (known) {
      reading.names.push(plain(known));
      return;
    }
    const names = splitNames(plain(text)).flatMap((name) => asName(withoutAffiliation(name)) ?? []);
    if (names.length > 0) reading.names.push(...names);
    else reading.keys.push(text);
  };
  add(value);
  return { names: [...new Set(reading.names)], keys: reading.keys };
}

/** The names a value of a folder's metadata gives as authors (Quarto's `_metadata.yml` `author:`), as a post's front matter would. */
export function namesIn(value: unknown, authorData: Readonly<Record<string, string>> | undefined): string[] {
  return namesOf(value, authorData).names;
}

/**
 * Maps a post's front matter to a chapter's: the common keys of Jekyll, Hugo, Zola and Eleventy,
 * entities decoded, names checked, dates read in the post's language. A date only the file name
 * gives (Jekyll's `2019-03-04-slug.md`) is the post's date; one only its address gives is reported.
 */
export function frontMatterToMeta(values: FrontMatterValues, file: VFile, options: ImportOptions, placeOfKey: (key: string) => number): FrontMatterMeta {
  const used = new Map<string, ChapterField>();
  const meta: MetaDraft = { authors: [] };
  const authorKeys: string[] = [];
  let unattributed: string | undefined;

  const title = firstKey(values, keysOf('title'));
  if (title) {
    meta.title = plain(title.value);
    used.set(title.key, 'title');
  }

  for (const key of keysOf('authors')) {
    if (values[key] === undefined) continue;
    const reading = namesOf(values[key], options.authorData);
    used.set(key, 'authors');
    meta.authors.push(...reading.names.filter((name) => !meta.authors.includes(name)));
    authorKeys.push(...reading.keys);
    if (reading.keys.length > 0 && reading.names.length > 0)
      report(
        file,
        'import-author-incomplete',
        `\`${key}\` also names ${reading.keys.map((item) => `\`${item}\``).join(', ')}, ${unresolvedKey(options.authorData)}: ${reading.keys.length === 1 ? 'that author is' : 'those authors are'} left out (add them by name)`,
        { line: placeOfKey(key), column: 1 },
      );
    if (reading.keys.length > 0 && reading.names.length === 0)
      unattributed = `\`${key}: ${reading.keys.join(', ')}\` is ${reading.keys.every(isLogin) ? unresolvedKey(options.authorData) : 'not a name'}`;
    if (meta.authors.length > 0) break;
  }
  if (meta.authors.length === 0) {
    for (const table of nestedAuthorTables) {
      const nested = values[table];
      if (!nested || typeof nested !== 'object' || Array.isArray(nested)) continue;
      for (const key of ['authors', 'author']) {
        const value = (nested as Record<string, unknown>)[key];
        if (value === undefined) continue;
        const reading = namesOf(value, options.authorData);
        used.set(`${table}.${key}`, 'authors');
        meta.authors.push(...reading.names.filter((name) => !meta.authors.includes(name)));
      }
      if (meta.authors.length > 0) break;
    }
  }
  if (meta.authors.length > 0) unattributed = undefined;

  for (const key of keysOf('editors')) {
    if (values[key] === undefined) continue;
    const names = namesOf(values[key], options.authorData).names.filter((name) => !meta.authors.includes(name));
    used.set(key, 'editors');
    if (names.length > 0) meta.editors = names;
    break;
  }

  const date = postDate(values, file, used, placeOfKey);
  if (date) meta.date = date;

  for (const field of ['venue', 'standfirst', 'headnote', 'bio', 'source_url', 'rights'] as const) {
    // A bio is a theme's setting as often as the post's: Zola's `[extra] bio`, Hugo's `[params] bio`.
    const found = firstKey(values, keysOf(field)) ?? (field === 'bio' ? nestedKey(values, 'bio') : undefined);
    if (!found) continue;
    used.set(found.key, field);
    Object.assign(meta, { [field]: field === 'source_url' ? found.value : plain(found.value) });
  }

  const tags = keysOf('tags').flatMap((key) => {
    const value = values[key];
    const list = Array.isArray(value) ? value.map((tag) => textOf(tag) ?? '') : typeof value === 'string' ? value.split(/,\s*/) : [];
    if (list.length > 0) used.set(key, 'tags');
    return list.map(plain).filter(Boolean);
  });
  if (tags.length > 0) meta.tags = [...new Set(tags)];
  return { meta, used, authorKeys, ...(unattributed ? { unattributed } : {}) };
}

/**
 * The post's date: its front matter's, read in the post's language; else Jekyll's file name
 * (`2019-03-04-slug.md`, or the folder of a Hugo page bundle); else its address
 * (`path = "2026/01/12/…"`), reported as read from there. A date that cannot be read is reported.
 */
function postDate(values: FrontMatterValues, file: VFile, used: Map<string, ChapterField>, placeOfKey: (key: string) => number): string | undefined {
  const language = textOf(values.lang) ?? textOf(values.language) ?? textOf(values.locale);
  const order = dateOrderOf(language);
  const written = firstKey(values, keysOf('date'));
  if (written) {
    used.set(written.key, 'date');
    const date = parseDate(written.value, { order });
    if (date) return formatPartialDate(date);
    const place = { line: placeOfKey(written.key), column: 1 };
    const swapped = findAmbiguousDate(written.value, { order });
    if (swapped)
      report(
        file,
        'import-date-ambiguous',
        `\`${written.key}: ${written.value}\` could be day-first or month-first${language ? ` (the post’s language, ${language}, does not say which)` : ' and the post does not say its language'}: no date was taken`,
        place,
      );
    else report(file, 'import-date-unreadable', `\`${written.key}: ${written.value}\` is not a date this importer can read: no date was taken`, place);
  }
  const named = /^(\d{4}-\d{2}-\d{2})-/.exec(file.basename ?? '')?.[1] ?? /(?:^|\/)(\d{4}-\d{2}-\d{2})-[^/]+\/index\.\w+$/.exec(file.path)?.[1];
  if (!written && named && parseDate(named)) return named;
  if (written) return undefined;
  for (const key of addressKeys) {
    const address = textOf(Array.isArray(values[key]) ? (values[key] as unknown[])[0] : values[key]);
    const date = address && dayInAddress(address);
    if (!date) continue;
    const iso = formatPartialDate(date);
    used.set(key, 'date');
    report(file, 'import-date-inferred', `the post’s front matter gives no date: ${iso} was read from its address (\`${key}: ${address}\`); check it`, {
      line: placeOfKey(key),
      column: 1,
    });
    return iso;
  }
  return undefined;
}

/**
 * The front matter's lines (delimiters included): a key's lines, nested values and all, go to the
 * field it fed (`used`); other keys are site settings a chapter has no place for.
 */
export function frontMatterLineFates(lines: readonly string[], used: ReadonlyMap<string, ChapterField>): (LineFate | undefined)[] {
  let currentKey: string | undefined;
  let table: string | undefined;
  return lines.map((line, index): LineFate | undefined => {
    const number = index + 1;
    if (line.trim() === '') return undefined;
    if (index === 0 || index === lines.length - 1) return { line: number, fate: 'dropped', piece: 1, reason: 'front-matter delimiter' };
    if (/^\s*#/.test(line)) return { line: number, fate: 'dropped', piece: 1, reason: 'front-matter comment' };
    // TOML tables (`[params]`) and YAML maps (`params:` then indented keys) hold nested keys.
    const tableName = /^\[+\s*([\w.-]+)\s*\]+\s*$/.exec(line)?.[1];
    if (tableName !== undefined) {
      table = tableName;
      currentKey = tableName;
    }
    const topKey = /^([\w-]+)\s*[:=]/.exec(line)?.[1];
    const nestedKey = /^\s+([\w-]+)\s*:/.exec(line)?.[1];
    if (tableName === undefined && topKey !== undefined) currentKey = table === undefined ? topKey : `${table}.${topKey}`;
    else if (nestedKey !== undefined && currentKey !== undefined && !currentKey.includes('.') && used.has(`${currentKey}.${nestedKey}`))
      currentKey = `${currentKey}.${nestedKey}`;
    else if (nestedKey !== undefined && currentKey?.includes('.')) currentKey = `${currentKey.split('.')[0]}.${nestedKey}`;
    const field = fieldOfKey(currentKey, used);
    return field
      ? { line: number, fate: 'metadata', piece: 1, field }
      : { line: number, fate: 'dropped', piece: 1, reason: `front-matter key \`${currentKey ?? '?'}\` has no place in a chapter (a site-only setting)` };
  });
}

/** The field a key fed, or the key it is part of (`extra.authors.name` in Zola's `[[extra.authors]]` table fed `extra.authors`). */
function fieldOfKey(key: string | undefined, used: ReadonlyMap<string, ChapterField>): ChapterField | undefined {
  for (let path = key; path !== undefined; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : undefined) {
    const field = used.get(path);
    if (field) return field;
  }
  return undefined;
}

/**
 * The name an author key stands for, when the post itself prints it: `dan-hammer` and a closing
 * bio “Dan Hammer is a Presidential Innovation Fellow…”. The key's words, in order and
 * capitalised, must be there; a key of one word (`slorber`) is never read as a name.
 */
export function nameForAuthorKey(key: string, lines: readonly string[]): { name: string; line: number; column: number } | undefined {
  const words = key.split(/[-_.]+/).filter(Boolean);
  if (words.length < 2 || words.length > 4 || !words.every((word) => /^\p{L}+$/u.test(word))) return undefined;
  const pattern = new RegExp(`(?<![\\p{L}])${words.map((word) => `${word[0]?.toUpperCase()}${word.slice(1).toLowerCase()}`).join('\\s+')}(?![\\p{L}])`, 'u');
  for (const [index, line] of lines.entries()) {
    const found = pattern.exec(line);
    const name = found ? asName(found[0]) : undefined;
    if (found && name) return { name, line: index + 1, column: found.index + 1 };
  }
  return undefined;
}

const headerLine = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$/;

/**
 * Pelican's and MultiMarkdown's metadata: `Title: …`, `Date: …`, `Authors: A, B` lines from the
 * first line to the first blank one, no delimiters. Read only when every line of that block is a
 * `Key: value` (or an indented continuation) and one key is `Title`, so a post that opens with
 * “Note: …” stays text. Keys are lower-cased; `Status: draft` is a draft.
 */
export function metadataHeader(lines: readonly string[]): { values: FrontMatterValues; endLine: number } | undefined {
  const end = lines.findIndex((line) => line.trim() === '');
  const block = lines.slice(0, end < 0 ? lines.length : end);
  if (block.length === 0 || !headerLine.test(block[0] as string)) return undefined;
  const values: FrontMatterValues = {};
  let last: string | undefined;
  for (const line of block) {
    const entry = headerLine.exec(line);
    if (entry) {
      last = (entry[1] as string).toLowerCase();
      values[last] = (entry[2] as string).trim();
    } else if (/^[ \t]+\S/.test(line) && last) values[last] = `${values[last]} ${line.trim()}`;
    else return undefined;
  }
  if (typeof values.title !== 'string' || values.title === '') return undefined;
  if (typeof values.status === 'string' && /^draft$/i.test(values.status)) values.draft = true;
  return { values, endLine: block.length };
}

/** The fate of each line of a metadata header: the chapter field its key fed, or dropped as a site setting. */
export function headerLineFates(lines: readonly string[], used: ReadonlyMap<string, ChapterField>): (LineFate | undefined)[] {
  let key: string | undefined;
  return lines.map((line, index): LineFate | undefined => {
    if (line.trim() === '') return undefined;
    key = headerLine.exec(line)?.[1]?.toLowerCase() ?? key;
    const field = key === undefined ? undefined : used.get(key);
    return field
      ? { line: index + 1, fate: 'metadata', piece: 1, field }
      : { line: index + 1, fate: 'dropped', piece: 1, reason: `metadata key \`${key ?? '?'}\` has no place in a chapter (a site-only setting)` };
  });
}

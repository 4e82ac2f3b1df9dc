import * as z from 'zod/mini';
import { chapterIdPattern } from '../core/chapter-id.ts';
import type { BookConfig, ChapterFrontMatter, TrimSize } from '../core/config.ts';
import { isIsoDate, parseFrontMatterDate } from '../core/dates.ts';
import './zod.ts';

/** The schemas here are the single source of truth for anthology.yaml and chapter front matter. */

const isoDate = z.string({ error: 'expected a date as YYYY-MM-DD' }).check(z.refine(isIsoDate, 'expected a real date as YYYY-MM-DD'));

const partialDateMessage = 'expected a real date as YYYY-MM-DD, or YYYY-MM or YYYY when the source says no more (YYYY-21 … YYYY-24 for spring … winter)';

/** A piece's date, as precise as its source: a day, a month, a season (EDTF `2019-22` is summer 2019) or a year. */
const partialDate = z.pipe(
  // YAML reads `date: 2019` as a number.
  z.transform((value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value)),
  z.string({ error: partialDateMessage }).check(z.refine((value) => parseFrontMatterDate(value) !== undefined, partialDateMessage)),
);

const nonEmpty = (what: string) => z.string({ error: `expected ${what} as text` }).check(z.trim(), z.minLength(1, `${what} must not be empty`));

/** A schema with its description (for the JSON Schema editors read). */
function described<Schema extends z.ZodMiniType>(schema: Schema, description: string): Schema {
  return schema.check(z.describe(description)) as Schema;
}

/** A path inside the project, written with forward slashes and no `..` segments. */
const projectPath = z.string({ error: 'expected a path relative to the project folder' }).check(
  z.minLength(1),
  z.refine(
    (value) => !value.startsWith('/') && !/^[a-zA-Z]:/.test(value) && !value.split(/[\\/]/).includes('..'),
    'must be a path inside the project (relative, without "..")',
  ),
);

export function isValidIsbn(raw: string): boolean {
  const digits = raw.replace(/[-\s]/g, '');
  if (/^\d{13}$/.test(digits)) {
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = [...digits].reduce((acc, d, i) => acc + (d === 'X' ? 10 : Number(d)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  return false;
}

const uuidPattern = /^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const identifier = z.string({ error: 'expected an ISBN ("isbn:978-…") or a UUID ("urn:uuid:…")' }).check(
  z.refine((value) => uuidPattern.test(value) || (value.toLowerCase().startsWith('isbn:') && isValidIsbn(value.slice(5))), {
    message: 'expected a valid ISBN ("isbn:978-…", checksum included) or a UUID ("urn:uuid:…")',
  }),
);

export const trimSizes: Record<TrimSize, { width: string; height: string }> = {
  '6x9in': { width: '6in', height: '9in' },
  a5: { width: '148mm', height: '210mm' },
  royal: { width: '156mm', height: '234mm' },
  'us-letter': { width: '8.5in', height: '11in' },
};

const part = z.strictObject({
  part: nonEmpty('the part title'),
  chapters: z.array(projectPath).check(z.minLength(1, 'a part needs at least one chapter')),
});

const languageTag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const bookConfigSchema = described(
  z.strictObject({
    title: described(nonEmpty('the book title'), 'The title of the book.'),
    subtitle: described(z.optional(z.string()), 'The subtitle, if any.'),
    editors: described(
      z.array(nonEmpty('an editor name')).check(z.minLength(1, 'list at least one editor')),
      'The editors, in the order they appear on the title page.',
    ),
    language: described(
      z.string({ error: 'expected a BCP 47 language tag such as en-GB' }).check(z.regex(languageTag, 'expected a BCP 47 language tag such as en-GB')),
      'The language of the book as a BCP 47 tag (en-GB, en-US, fr…): hyphenation, dates, CSL locale.',
    ),
    publisher: described(nonEmpty('the publisher'), 'The publisher named on the title and copyright pages.'),
    edition: described(
      z.strictObject({
        number: z.number({ error: 'expected a whole number' }).check(z.int(), z.positive()),
        date: isoDate,
        note: described(
          z.optional(z.string({ error: 'expected the note as text' })),
          'The editor’s note on this edition (paragraphs separated by a blank line): printed on the “Note on this edition” page.',
        ),
      }),
      'The edition number and its date (YYYY-MM-DD); the date also stamps the EPUB. `anthology release` records it and moves on to the next.',
    ),
    identifier: described(identifier, 'The ISBN ("isbn:978-…") or a UUID ("urn:uuid:…").'),
    licence: described(z.optional(z.string()), 'The rights or licence line for the copyright page.'),
    cover: described(
      z.optional(
        projectPath.check(
          z.refine((value) => /\.(png|jpe?g|gif|webp|avif|tiff?|svg)$/i.test(value), 'expected an image file (.png, .jpg, .gif, .webp, .avif, .tif or .svg)'),
        ),
      ),
      'The cover image (a project path) for the EPUB and the site; without it they get a typographic cover.',
    ),
    url: described(
      z.optional(z.url({ protocol: /^https?$/, error: 'expected the web address the site will be published at, such as https://example.org/book/' })),
      'Where the HTML site will be published: canonical links, Open Graph and sitemap.xml need absolute addresses.',
    ),
    style: described(
      z._default(
        projectPath.check(z.refine((value) => value.endsWith('.csl'), 'expected a .csl file in styles/')),
        'styles/csl/chicago-notes-bibliography.csl',
      ),
      'The CSL style file that renders the notes and bibliography.',
    ),
    trim: described(z._default(z.enum(Object.keys(trimSizes) as [TrimSize, ...TrimSize[]]), '6x9in'), 'The trim size of the printed book.'),
    bibliography: described(
      z._default(z.enum(['book', 'chapters', 'none']), 'book'),
      'Where the reference list goes: one for the whole book, one after each chapter, or none.',
    ),
    notes: described(z._default(z.enum(['footnotes', 'endnotes']), 'footnotes'), 'In the PDF: notes at the foot of the page, or at the end of each chapter.'),
    print_ready: described(z._default(z.boolean(), false), 'PDF for print delivery: 3 mm bleed and crop marks (also `build --print`).'),
    sources: described(
      z.optional(
        z.record(
          projectPath,
          z.strictObject({
            author: described(
              z.optional(nonEmpty('the author name')),
              'This source is the book’s own blog: its pieces without a byline are credited to this author (with a warning).',
            ),
          }),
        ),
      ),
      'Settings for sources imported from a file or folder (paths relative to the project).',
    ),
    default_author: described(
      z.optional(z.string()),
      'Deprecated and no longer applied: it credited every piece without a byline to one person. Name the sources that are your own blog under `sources` (or `import --author`).',
    ),
    contents: described(
      z.array(z.union([projectPath, part], { error: 'expected a chapter file (chapters/essay.md) or a part (part: Title, chapters: [chapters/essay.md, …])' })),
      'The chapters in reading order: chapter files, or parts ({part, chapters}). `anthology add` places new ones here.',
    ),
  }),
  'anthology.yaml: the book an anthology project builds',
);

/** The types are `core/config.ts`'s (the Book carries them); the schemas must produce exactly those. */
export type { BookConfig, ChapterFrontMatter, TrimSize };

// Checked by tsc: a schema that drifts from core's type (a key added to one only) fails the build.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
true satisfies Same<z.output<typeof bookConfigSchema>, BookConfig>;
true satisfies Same<z.output<typeof chapterFrontMatterSchema>, ChapterFrontMatter>;

/**
 * What `anthology new` writes where it cannot know the answer (who edits, who publishes): plainly
 * placeholders, which `check` and `build` report until the editor replaces them.
 */
export const configPlaceholders = { editor: '[Editor’s name]', publisher: '[Publisher]' } as const;

export const chapterFrontMatterSchema = described(
  z.strictObject({
    id: z.optional(
      z
        .string({ error: 'expected the chapter’s id as text' })
        .check(z.regex(chapterIdPattern, 'expected lower-case letters, digits and hyphens (the chapter’s address: id.html)')),
    ),
    title: nonEmpty('the chapter title'),
    provisional_title: z.optional(z.boolean()),
    authors: z._default(z.array(nonEmpty('an author name')), []),
    /** People the source credits as editors (`Edited by …`), never as authors. */
    editors: z.optional(z.array(nonEmpty('an editor name'))),
    date: z.optional(partialDate),
    venue: z.optional(z.string()),
    headnote: z.optional(z.string()),
    standfirst: z.optional(z.string()),
    bio: z.optional(z.string()),
    source: z.optional(
      z.strictObject({
        file: z.string(),
        lines: z.tuple([z.number().check(z.int(), z.positive()), z.number().check(z.int(), z.positive())]),
      }),
    ),
    source_url: z.optional(z.string()),
    tags: z.optional(z.array(z.string())),
    rights: z.optional(z.string()),
    language: z.optional(
      z
        .string({ error: 'expected a BCP 47 language tag such as fr or de-CH' })
        .check(z.regex(languageTag, 'expected a BCP 47 language tag such as fr or de-CH')),
    ),
    /** Corrections made to the chapter; those new since the last released edition are listed as errata. */
    corrections: z.optional(z.array(nonEmpty('a correction'))),
  }),
  'The YAML front matter of a chapter file',
);

/** JSON Schema for editors' autocompletion (`schema/anthology.schema.json`). */
export function bookConfigJsonSchema(): unknown {
  return z.toJSONSchema(bookConfigSchema, { io: 'input' });
}

import type { VFile } from 'vfile';
import * as z from 'zod/mini';
import '../config/zod.ts';
import { chapterIdOf } from '../core/chapter-id.ts';
import { type EditionRecord, editionRecordFormat } from '../core/editions.ts';
import { report } from '../core/rules.ts';

const counts = z.strictObject({ added: z.number().check(z.int()), removed: z.number().check(z.int()), revised: z.number().check(z.int()) });

/**
 * Ids and site addresses become file names of the next site: nothing that could leave its folder.
 * A released id is kept as recorded (its address is published); one an earlier anthology took
 * verbatim from a file name with spaces (`My Essay`) is read as the id that name gives now
 * (`my-essay`), so the record still loads and the chapter's old page redirects to its new one.
 */
const chapterId = z.pipe(
  z.string().check(
    z.minLength(1),
    z.refine((id) => !/[/\\]/.test(id) && !id.startsWith('.'), 'expected a chapter id (a file name without .md)'),
  ),
  z.transform((id) => (/\s/.test(id) ? chapterIdOf(id) : id)),
);
const siteHref = z
  .string()
  .check(z.regex(/^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.html$/, 'expected a page of the site (name.html)'));

const chapterRecordSchema = z.strictObject({
  id: chapterId,
  formerIds: z.array(chapterId),
  path: z.string(),
  part: z.nullable(z.string()),
  number: z.number().check(z.int(), z.positive()),
  title: z.string(),
  authors: z.array(z.string()),
  hash: z.string(),
  frontMatterHash: z.string(),
  words: z.number().check(z.int()),
  notes: z.array(z.strictObject({ label: z.string(), hash: z.string() })),
  keys: z.array(z.string()),
  corrections: z.array(z.string()),
  source: z.nullable(z.string()),
  body: z.string(),
});

const editionRecordSchema = z.strictObject({
  format: z.literal(editionRecordFormat),
  edition: z.number().check(z.int(), z.positive()),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  identifier: z.string(),
  note: z.array(z.string()),
  metadata: z.strictObject({
    title: z.string(),
    subtitle: z.nullable(z.string()),
    editors: z.array(z.string()),
    publisher: z.string(),
    language: z.string(),
    licence: z.nullable(z.string()),
    style: z.string(),
    url: z.nullable(z.string()),
  }),
  since: z.nullable(z.number().check(z.int(), z.positive())),
  summary: z.nullable(counts),
  chapters: z.array(chapterRecordSchema),
  bibliography: z.array(z.strictObject({ key: z.string(), hash: z.string() })),
  site: z.array(z.strictObject({ href: siteHref, chapter: z.optional(chapterId) })),
});

/**
 * Reads `editions/N.json`. A record that is not one (hand-edited into something else, or written
 * by a later anthology) is an error on its file; the number in its name must be the edition's.
 */
export function parseEditionRecord(file: VFile): EditionRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(String(file.value));
  } catch (error) {
    report(file, 'edition-record-invalid', `not JSON: ${(error as Error).message}`, { line: 1, column: 1 });
    return undefined;
  }
  const parsed = editionRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    report(
      file,
      'edition-record-invalid',
      `not an edition record as \`anthology release\` writes it (${editionRecordFormat}): \`${where}\`: ${issue?.message ?? 'invalid'}`,
      { line: 1, column: 1 },
    );
    return undefined;
  }
  const named = /(?:^|\/)(\d+)\.json$/.exec(file.path)?.[1];
  if (named !== undefined && Number(named) !== parsed.data.edition) {
    report(file, 'edition-record-invalid', `records edition ${parsed.data.edition}, but its name says ${named}`, { line: 1, column: 1 });
    return undefined;
  }
  return parsed.data;
}

import type { VFile } from 'vfile';
import { z } from 'zod';
import { type EditionRecord, editionRecordFormat } from '../core/editions.ts';
import { report } from '../core/rules.ts';

const counts = z.strictObject({ added: z.number().int(), removed: z.number().int(), revised: z.number().int() });

/** Ids and site addresses become file names of the next site: nothing that could leave its folder. */
const chapterId = z
  .string()
  .min(1)
  .refine((id) => !/[/\\\s]/.test(id) && !id.startsWith('.'), 'expected a chapter id (a file name without .md)');
const siteHref = z
  .string()
  .regex(/^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.html$/, 'expected a page of the site (name.html)');

const chapterRecordSchema = z.strictObject({
  id: chapterId,
  formerIds: z.array(chapterId),
  path: z.string(),
  part: z.string().nullable(),
  number: z.number().int().positive(),
  title: z.string(),
  authors: z.array(z.string()),
  hash: z.string(),
  frontMatterHash: z.string(),
  words: z.number().int(),
  notes: z.array(z.strictObject({ label: z.string(), hash: z.string() })),
  keys: z.array(z.string()),
  corrections: z.array(z.string()),
  source: z.string().nullable(),
  body: z.string(),
});

const editionRecordSchema = z.strictObject({
  format: z.literal(editionRecordFormat),
  edition: z.number().int().positive(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  identifier: z.string(),
  note: z.array(z.string()),
  metadata: z.strictObject({
    title: z.string(),
    subtitle: z.string().nullable(),
    editors: z.array(z.string()),
    publisher: z.string(),
    language: z.string(),
    licence: z.string().nullable(),
    style: z.string(),
    url: z.string().nullable(),
  }),
  since: z.number().int().positive().nullable(),
  summary: counts.nullable(),
  chapters: z.array(chapterRecordSchema),
  bibliography: z.array(z.strictObject({ key: z.string(), hash: z.string() })),
  site: z.array(z.strictObject({ href: siteHref, chapter: chapterId.optional() })),
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

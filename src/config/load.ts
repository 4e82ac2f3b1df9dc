import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { type BookConfig, bookConfigSchema, configPlaceholders } from './schema.ts';
import { parseYamlWithSchema } from './validate-yaml.ts';

export const configFileName = 'anthology.yaml';

/** Validates `anthology.yaml` (read by `io/book-config.ts`). Problems are messages on `file`. */
export function parseBookConfig(file: VFile): BookConfig | undefined {
  const config = parseYamlWithSchema({ text: String(file.value), firstLine: 1 }, bookConfigSchema, file, 'config-invalid');
  if (config) reportPlaceholders(config, file);
  if (config?.default_author !== undefined) reportDefaultAuthor(file, config.default_author);
  return config;
}

/** The placeholders `anthology new` wrote and nobody replaced: the book would print them. */
function reportPlaceholders(config: BookConfig, file: VFile): void {
  const lines = String(file.value).split('\n');
  const placeOf = (text: string) => {
    const index = lines.findIndex((line) => line.includes(text));
    return index < 0 ? undefined : { line: index + 1, column: (lines[index]?.indexOf(text) ?? 0) + 1 };
  };
  if (config.editors.includes(configPlaceholders.editor))
    report(
      file,
      'config-placeholder',
      `key \`editors\`: still “${configPlaceholders.editor}”: put the editors’ names (the title page prints them)`,
      placeOf(configPlaceholders.editor),
    );
  if (config.publisher === configPlaceholders.publisher)
    report(
      file,
      'config-placeholder',
      `key \`publisher\`: still “${configPlaceholders.publisher}”: name the publisher (or yourself)`,
      placeOf(configPlaceholders.publisher),
    );
}

/** `default_author` credited the book's editor with every piece that had no byline, essays by others included. */
function reportDefaultAuthor(file: VFile, name: string): void {
  const line =
    String(file.value)
      .split(/\r?\n/)
      .findIndex((text) => /^default_author\s*:/.test(text)) + 1;
  report(
    file,
    'config-deprecated',
    `\`default_author\` is no longer applied to every imported piece without a byline; say which sources are your own blog instead: \`sources: { <path>: { author: ${name} } }\` in anthology.yaml, or \`anthology import --author "${name}" …\``,
    { line: Math.max(1, line), column: 1 },
  );
}

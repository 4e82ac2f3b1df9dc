import type { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { type BookConfig, bookConfigSchema, configPlaceholders } from './schema.ts';
import { parseYamlWithSchema, yamlPlaces } from './validate-yaml.ts';

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
  const places = yamlPlaces(String(file.value));
  const editor = config.editors.indexOf(configPlaceholders.editor);
  if (editor >= 0)
    report(
      file,
      'config-placeholder',
      `key \`editors\`: still “${configPlaceholders.editor}”: put the editors’ names (the title page prints them)`,
      places.value(['editors', editor]),
    );
  if (config.publisher === configPlaceholders.publisher)
    report(
      file,
      'config-placeholder',
      `key \`publisher\`: still “${configPlaceholders.publisher}”: name the publisher (or yourself)`,
      places.value(['publisher']),
    );
}

/** `default_author` credited the book's editor with every piece that had no byline, essays by others included. */
function reportDefaultAuthor(file: VFile, name: string): void {
  report(
    file,
    'config-deprecated',
    `\`default_author\` is no longer applied to every imported piece without a byline; say which sources are your own blog instead: \`sources: { <path>: { author: ${name} } }\` in anthology.yaml, or \`anthology import --author "${name}" …\``,
    yamlPlaces(String(file.value)).key(['default_author']) ?? { line: 1, column: 1 },
  );
}

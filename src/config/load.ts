import { VFile } from 'vfile';
import { report } from '../core/rules.ts';
import { readTextFile } from '../io/read.ts';
import { type BookConfig, bookConfigSchema } from './schema.ts';
import { parseYamlWithSchema } from './validate-yaml.ts';

export const configFileName = 'anthology.yaml';

export interface LoadedConfig {
  file: VFile;
  config: BookConfig | undefined;
}

/** Reads and validates `anthology.yaml` in `projectDir`. Problems are messages on `file`. */
export async function loadBookConfig(projectDir: string): Promise<LoadedConfig> {
  const read = await readTextFile(projectDir, configFileName);
  if (read.kind !== 'ok') {
    const file = new VFile({ path: configFileName, cwd: projectDir });
    report(file, 'config-missing', `no ${configFileName} in ${projectDir}: create one (see README, “anthology.yaml reference”)`);
    return { file, config: undefined };
  }
  return { file: read.file, config: parseBookConfig(read.file) };
}

export function parseBookConfig(file: VFile): BookConfig | undefined {
  const config = parseYamlWithSchema({ text: String(file.value), firstLine: 1 }, bookConfigSchema, file, 'config-invalid');
  if (config?.default_author !== undefined) reportDefaultAuthor(file, config.default_author);
  return config;
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

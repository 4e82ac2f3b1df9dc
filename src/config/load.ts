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
  return parseYamlWithSchema({ text: String(file.value), firstLine: 1 }, bookConfigSchema, file, 'config-invalid');
}

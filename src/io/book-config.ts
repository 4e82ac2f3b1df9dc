import { VFile } from 'vfile';
import { configFileName, parseBookConfig } from '../config/load.ts';
import type { BookConfig } from '../core/config.ts';
import { report } from '../core/rules.ts';
import { readTextFile } from './read.ts';

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
  // Unreadable as text (too large, not UTF-8, control characters): the error on the file says why.
  if (read.file.messages.some((message) => message.fatal)) return { file: read.file, config: undefined };
  return { file: read.file, config: parseBookConfig(read.file) };
}

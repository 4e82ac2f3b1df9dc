import { type OutputFormat, outputFormats } from '../core/config.ts';
import { UsageError } from './errors.ts';

export { type OutputFormat, outputFormats };

/** A comma-separated option (`--format html,pdf`, `--post-types post,page`), its items trimmed, empty ones dropped. */
export function commaList(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function parseFormats(list: string): OutputFormat[] {
  const formats = commaList(list).map((format) => format.toLowerCase());
  const unknown = formats.filter((format) => !(outputFormats as readonly string[]).includes(format));
  if (unknown.length > 0 || formats.length === 0)
    throw new UsageError(`unknown format ${unknown.join(', ') || '(none)'}: choose from ${outputFormats.join(', ')}`);
  return [...new Set(formats)] as OutputFormat[];
}

import { UsageError } from './errors.ts';

export const outputFormats = ['html', 'epub', 'pdf'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export function parseFormats(list: string): OutputFormat[] {
  const formats = list
    .split(',')
    .map((format) => format.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((format) => !(outputFormats as readonly string[]).includes(format));
  if (unknown.length > 0 || formats.length === 0)
    throw new UsageError(`unknown format ${unknown.join(', ') || '(none)'}: choose from ${outputFormats.join(', ')}`);
  return [...new Set(formats)] as OutputFormat[];
}

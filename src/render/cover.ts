import type { Book } from '../core/types.ts';
import { editorsLine, escapeXml } from './common.ts';
import { titleText } from './title.ts';

/** The typographic cover's size: 2:3, as e-book stores ask (1400 × 2100). */
export const coverSize = { width: 1400, height: 2100 };

/**
 * Greedy line breaking by an average letter width (a serif's is about half its size): good enough
 * to keep a title inside the cover; the same text always breaks the same way.
 */
export function wrapWords(text: string, maxCharacters: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxCharacters) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A cover set in type when the editor gives no picture: the title, subtitle and editors on a
 * plain ground, as SVG (crisp at any size, the same bytes every time). The reader's own
 * serif sets it; the words are also the SVG's title, for screen readers.
 */
export function typographicCover(book: Book): string {
  const { config } = book;
  const { width, height } = coverSize;
  // Set in type without markup: a title's Markdown as plain words.
  const title = titleText(config.title);
  const subtitle = config.subtitle ? titleText(config.subtitle) : undefined;
  const titleSize = title.length > 40 ? 104 : 128;
  const titleLines = wrapWords(title, Math.floor((width - 240) / (titleSize * 0.52)));
  const subtitleLines = subtitle ? wrapWords(subtitle, 30) : [];
  const editors = editorsLine(book);
  const text = (content: string, y: number, size: number, extra = '') =>
    `  <text x="${width / 2}" y="${Math.round(y)}" font-size="${size}"${extra}>${escapeXml(content)}</text>`;
  const titleTop = 620;
  const lines = [
    ...titleLines.map((line, index) => text(line, titleTop + index * titleSize * 1.1, titleSize, ' font-weight="600"')),
    ...subtitleLines.map((line, index) => text(line, titleTop + titleLines.length * titleSize * 1.1 + 80 + index * 72, 56, ' font-style="italic"')),
    ...wrapWords(editors, 40).map((line, index, all) => text(line, height - 420 - (all.length - 1 - index) * 64, 52)),
    text(config.publisher, height - 200, 40, ' letter-spacing="6"'),
  ];
  const label = [title, subtitle, editors].filter(Boolean).join('. ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}">
  <title>${escapeXml(label)}</title>
  <rect width="${width}" height="${height}" fill="#f4efe4"/>
  <rect x="70" y="70" width="${width - 140}" height="${height - 140}" fill="none" stroke="#7a2e1f" stroke-width="6"/>
  <rect x="96" y="96" width="${width - 192}" height="${height - 192}" fill="none" stroke="#7a2e1f" stroke-width="2"/>
  <g font-family="'Source Serif 4', 'Noto Serif', Georgia, serif" text-anchor="middle" fill="#1d1d1b">
${lines.join('\n')}
  </g>
</svg>
`;
}

// Import throughput: MB/s and posts/s on the seed archive and on a generated 1,000-post archive,
// against a baseline measured in the same run (remark parsing the same bytes as Markdown).
import { readFileSync } from 'node:fs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { pieceToMarkdown } from '../src/import/chapter-markdown.ts';
import { importSource } from '../src/import/import.ts';
import { measure, printTable } from './table.ts';

const seed = readFileSync(new URL('../sources/shanghai-cooperation-organization.txt', import.meta.url), 'utf8');

/** A large archive in the seed's own shape: its nine pieces repeated with new titles and dates. */
export function generateArchive(posts: number): string {
  const pieces = seed.split(/\n\n(?=(?:As usual|Its been|And another|A new|A short|An op-ed))/);
  const out: string[] = ['Posts Tagged ‘generated’'];
  for (let index = 0; index < posts; index++) {
    const piece = pieces[1 + (index % (pieces.length - 1))] ?? '';
    out.push(piece.replace(/^(.*\n\n)(.+)$/m, `$1$2 (${index + 1})`));
  }
  return out.join('\n\n');
}

/** Import as the CLI does it, up to the Markdown of every chapter (without notes → citations). */
function importText(text: string, name: string): number {
  const file = new VFile({ path: name, value: text });
  const chapters = importSource(file, { defaultAuthor: 'Raffaello Pantucci' }).chapters;
  for (const chapter of chapters) pieceToMarkdown(chapter.piece);
  return chapters.length;
}

const markdownParser = unified().use(remarkParse);
const rows: string[][] = [];
for (const [label, text] of [
  ['seed (9 posts)', seed],
  ['generated (1,000 posts)', generateArchive(1000)],
] as const) {
  const megabytes = Buffer.byteLength(text) / 1024 / 1024;
  let posts = 0;
  const importMs = measure(() => {
    posts = importText(text, 'archive.txt');
  });
  const baselineMs = measure(() => {
    markdownParser.parse(text);
  });
  rows.push([
    label,
    megabytes.toFixed(2),
    String(posts),
    importMs.toFixed(1),
    (megabytes / (importMs / 1000)).toFixed(2),
    (posts / (importMs / 1000)).toFixed(0),
    baselineMs.toFixed(1),
    (importMs / baselineMs).toFixed(2),
  ]);
}
printTable('Import throughput (plain-text archive scrape)', ['input', 'MB', 'posts', 'ms', 'MB/s', 'posts/s', 'baseline ms', '× baseline'], rows);
console.log('baseline: remark-parse of the same bytes as Markdown (parse only, no output)');

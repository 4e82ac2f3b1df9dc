// A generated book project for the PDF benchmark: plain justified prose with section headings and
// footnotes, in parts, sized by chapter count and words per chapter (~330 words fill a 6 × 9 in page).
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface GeneratedBookOptions {
  parts: number;
  chaptersPerPart: number;
  wordsPerChapter: number;
  /** One footnote every this many paragraphs. */
  paragraphsPerNote: number;
}

/** ~900 pages of 6 × 9 in: 4 parts of 8 chapters of ~6,200 words, a note every second paragraph. */
export const nineHundredPages: GeneratedBookOptions = { parts: 4, chaptersPerPart: 8, wordsPerChapter: 6200, paragraphsPerNote: 2 };

const vocabulary = `the of and to in a is that for on with as by at from regional cooperation organisation security economic
policy government infrastructure development investment interests neighbours relations border agreement summit members
strategic influence energy pipeline railway corridor region central asian chinese russian ministers declaration
institutional framework multilateral bilateral dialogue counterterrorism initiative financing commercial partnership
sovereignty territorial stability connectivity digital technology telecommunications surveillance networks platform
cooperation historically increasingly nevertheless consequently particularly substantially understanding considerable
negotiations implementation responsibilities administration transportation international perspective characteristics
while however although because which whose where when also only still already rather often never always perhaps`.split(/\s+/);

/** A deterministic pseudo-random sequence (mulberry32), so every run paginates the same text. */
function randomSequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number, words: number): string {
  const chosen = Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'the');
  const text = chosen.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number): string {
  const sentences = 3 + Math.floor(random() * 5);
  return Array.from({ length: sentences }, () => sentence(random, 8 + Math.floor(random() * 22))).join(' ');
}

/** The Markdown of one generated chapter: front matter, sections, footnotes. */
export function chapterMarkdown(index: number, options: GeneratedBookOptions): string {
  const random = randomSequence(index + 1);
  const body: string[] = [];
  const notes: string[] = [];
  let words = 0;
  let paragraphs = 0;
  while (words < options.wordsPerChapter) {
    if (paragraphs > 0 && paragraphs % 9 === 0) body.push(`## ${sentence(random, 3 + Math.floor(random() * 5)).slice(0, -1)}`);
    let text = paragraph(random);
    paragraphs += 1;
    if (paragraphs % options.paragraphsPerNote === 0) {
      const label = notes.length + 1;
      text = text.replace(/\.$/, `.[^${label}]`);
      const note = sentence(random, 12 + Math.floor(random() * 40));
      notes.push(`[^${label}]: ${note}`);
      words += note.split(' ').length;
    }
    words += text.split(' ').length;
    body.push(text);
  }
  const frontMatter = [
    '---',
    `title: Generated Chapter ${index + 1} on ${sentence(random, 4).slice(0, -1)}`,
    'authors:',
    `  - Author ${String.fromCharCode(65 + (index % 26))}. Writer`,
    `date: 20${String(10 + (index % 12)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`,
    'venue: The Benchmark Review',
    `headnote: ${sentence(random, 30)}`,
    `bio: Author ${String.fromCharCode(65 + (index % 26))}. Writer is a generated contributor.`,
    '---',
  ];
  return `${[...frontMatter, '', ...body.flatMap((block) => [block, '']), ...notes.flatMap((note) => [note, ''])].join('\n')}`;
}

/** Writes a complete anthology project (config, chapters, styles) into `dir`. */
export async function writeGeneratedBook(dir: string, repoRoot: string, options: GeneratedBookOptions): Promise<void> {
  await mkdir(path.join(dir, 'chapters'), { recursive: true });
  await cp(path.join(repoRoot, 'styles'), path.join(dir, 'styles'), { recursive: true });
  const contents: string[] = [];
  for (let part = 0; part < options.parts; part++) {
    contents.push(`  - part: Generated Part ${part + 1}`, '    chapters:');
    for (let chapter = 0; chapter < options.chaptersPerPart; chapter++) {
      const index = part * options.chaptersPerPart + chapter;
      const file = `chapters/generated-${String(index + 1).padStart(3, '0')}.md`;
      await writeFile(path.join(dir, file), chapterMarkdown(index, options));
      contents.push(`      - ${file}`);
    }
  }
  const config = [
    'title: A Generated Anthology for Benchmarks',
    'subtitle: Plain Justified Prose with Notes',
    'editors: [Bench Mark]',
    'language: en-GB',
    'publisher: Anthology Editions',
    'edition: { number: 1, date: 2026-01-01 }',
    'identifier: urn:uuid:00000000-0000-4000-8000-000000000900',
    'trim: 6x9in',
    'contents:',
    ...contents,
  ];
  await writeFile(path.join(dir, 'anthology.yaml'), `${config.join('\n')}\n`);
}

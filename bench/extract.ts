// Article extraction measured on scrapinghub/article-extraction-benchmark (MIT: 181 saved pages,
// the true article text of each): our import of each page against bare Readability.js in the same
// run, scored as the benchmark's evaluate.py scores (see extraction-metric.ts).
//
// The data is not in this repository. Put a clone in bench/data/article-extraction-benchmark/ or
// name its folder in ANTHOLOGY_EXTRACTION_BENCHMARK. `--worst N` lists our N lowest pages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { VFile } from 'vfile';
import { importSource } from '../src/import/import.ts';
import { chapterText } from './chapter-text.ts';
import { isExact, type Metrics, metricsOf, type PageCounts, pageCounts, pageF1 } from './extraction-metric.ts';
import { printTable } from './table.ts';

const defaultFolder = new URL('data/article-extraction-benchmark/', import.meta.url).pathname;
const folder = process.env.ANTHOLOGY_EXTRACTION_BENCHMARK ?? defaultFolder;

interface Page {
  id: string;
  url: string | undefined;
  truth: string;
  html: string;
}

function loadPages(): Page[] | undefined {
  const truthFile = path.join(folder, 'ground-truth.json');
  const htmlFolder = path.join(folder, 'html');
  if (!existsSync(truthFile) || !existsSync(htmlFolder)) return undefined;
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  const files = new Set(readdirSync(htmlFolder));
  return Object.entries(truth).flatMap(([id, item]) => {
    const name = `${id}.html.gz`;
    if (!files.has(name)) return [];
    const html = gunzipSync(readFileSync(path.join(htmlFolder, name))).toString('utf8');
    return [{ id, url: item.url, truth: item.articleBody ?? '', html }];
  });
}

/** Our chapter text for each page, without and with figure captions, from one import. */
function ourTexts(page: Page): { body: string; withCaptions: string } {
  const file = new VFile({ path: `${page.id}.html`, value: page.html });
  const bodies = importSource(file, { defaultAuthor: undefined }).chapters.map((chapter) => chapter.piece.body);
  const join = (captions: boolean) => bodies.map((body) => chapterText(body, { captions })).join('\n\n');
  return { body: join(false), withCaptions: join(true) };
}

/** As the benchmark's extractors/readability_js does it, on linkedom instead of jsdom. */
function readabilityText(page: Page): string {
  try {
    const { document } = parseHTML(page.html);
    return new Readability(document).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}

interface Run {
  name: string;
  metrics: Metrics;
  pages: { id: string; url: string | undefined; f1: number; counts: PageCounts; text: string; exact: boolean }[];
  ms: number;
}

/** Extracts every page, timing the extraction only. */
function extractAll<T>(pages: readonly Page[], extract: (page: Page) => T): { results: T[]; ms: number } {
  const results: T[] = [];
  let ms = 0;
  for (const page of pages) {
    const start = performance.now();
    results.push(extract(page));
    ms += performance.now() - start;
  }
  return { results, ms };
}

function scored(name: string, pages: readonly Page[], texts: readonly string[], ms: number): Run {
  const results = pages.map((page, index) => {
    const text = texts[index] ?? '';
    const counts = pageCounts(page.truth, text);
    return { id: page.id, url: page.url, f1: pageF1(counts), counts, text, exact: isExact(page.truth, text) };
  });
  return { name, metrics: metricsOf(results), pages: results, ms };
}

function main(): void {
  const pages = loadPages();
  if (!pages) {
    console.log(`\nArticle extraction: benchmark data not found in ${folder}: table skipped.`);
    console.log('Get it with: git clone https://github.com/scrapinghub/article-extraction-benchmark bench/data/article-extraction-benchmark');
    console.log('(or set ANTHOLOGY_EXTRACTION_BENCHMARK=<folder of a clone>)');
    return;
  }
  const ours = extractAll(pages, ourTexts);
  const bare = extractAll(pages, readabilityText);
  const runs = [
    scored(
      'anthology import',
      pages,
      ours.results.map((texts) => texts.body),
      ours.ms,
    ),
    scored('Readability.js (linkedom)', pages, bare.results, bare.ms),
    scored(
      'anthology import, captions counted',
      pages,
      ours.results.map((texts) => texts.withCaptions),
      ours.ms,
    ),
  ];
  printTable(
    `Article extraction (scrapinghub/article-extraction-benchmark, ${pages.length} pages, scored as its evaluate.py)`,
    ['extractor', 'F1', 'precision', 'recall', 'accuracy', 'pages < 0.5', 'pages at 0', 'ms/page'],
    runs.map(({ name, metrics, pages: scored, ms }) => [
      name,
      metrics.f1.toFixed(3),
      metrics.precision.toFixed(3),
      metrics.recall.toFixed(3),
      metrics.accuracy.toFixed(3),
      String(scored.filter((page) => page.f1 < 0.5).length),
      String(scored.filter((page) => page.f1 === 0).length),
      (ms / pages.length).toFixed(1),
    ]),
  );
  const [anthology, readability] = runs as [Run, Run];
  console.log(
    `anthology / Readability.js: F1 × ${(anthology.metrics.f1 / readability.metrics.f1).toFixed(3)}, time × ${(anthology.ms / readability.ms).toFixed(2)}`,
  );
  console.log('(figure captions are the figure’s, not the body’s: the benchmark’s article bodies leave them out; the last row counts them)');
  const worstIndex = process.argv.indexOf('--worst');
  if (worstIndex >= 0) {
    const count = Number(process.argv[worstIndex + 1] ?? 20);
    const byId = new Map(readability.pages.map((page) => [page.id, page]));
    const worst = [...anthology.pages].sort((a, b) => a.f1 - b.f1).slice(0, count);
    printTable(
      `Our ${count} lowest pages`,
      ['page', 'F1', 'precision', 'recall', 'Readability F1', 'url'],
      worst.map((page) => {
        const counts = page.counts;
        return [
          page.id.slice(0, 10),
          page.f1.toFixed(2),
          (counts.tp + counts.fp > 0 ? counts.tp / (counts.tp + counts.fp) : 0).toFixed(2),
          (counts.tp + counts.fn > 0 ? counts.tp / (counts.tp + counts.fn) : 0).toFixed(2),
          (byId.get(page.id)?.f1 ?? 0).toFixed(2),
          page.url ?? '',
        ];
      }),
    );
  }
}

main();

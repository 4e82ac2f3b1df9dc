/**
 * `npm run corpus`: imports every source (file, folder or zip) of the real-world corpus (`tests/corpus/`) and compares
 * each piece with its hand-checked `expected.json`. Prints a table per source and per format and
 * ends with `corpus: N/M sources faithful`; exits 1 when any source is not faithful or SOURCES.md
 * is out of date.
 *
 *   --sources      rewrite tests/corpus/SOURCES.md from the entries' provenance
 *   --only TEXT    only entries whose id contains TEXT
 *   --verbose      every failed check of every source
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printTable } from '../bench/table.ts';
import { checkEntry, corpusRoot, type EntryCheck, labelledNotes, loadCorpus, pieceFaithful, sourcesMarkdown } from '../tests/helpers/corpus.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const { entries: all, problems } = loadCorpus();
for (const problem of problems) console.log(`unreadable entry: ${problem}`);
const sourcesPath = path.join(corpusRoot, 'SOURCES.md');
if (args.includes('--sources')) {
  writeFileSync(sourcesPath, sourcesMarkdown(all));
  console.log(`wrote ${path.relative(process.cwd(), sourcesPath)} (${all.length} entries)`);
}
const entries = only ? all.filter((entry) => entry.id.includes(only)) : all;
// One after another: the report is the same in every run.
const checks: EntryCheck[] = [];
for (const entry of entries) checks.push(await checkEntry(entry));

const ratio = (a: number, b: number) => `${a}/${b}`;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function totals(check: EntryCheck) {
  const pieces = check.pieces;
  const metadata = pieces.flatMap((piece) => piece.metadata);
  const body = pieces.flatMap((piece) => piece.body);
  return {
    pieces: pieces.filter((piece) => piece.actual).length,
    expectedPieces: pieces.length,
    extra: check.extra.length,
    metadataRight: metadata.filter((item) => item.ok).length,
    metadata: metadata.length,
    markersLinked: sum(pieces.map((piece) => Math.min(piece.markers.linked, piece.markers.expected))),
    markers: sum(pieces.map((piece) => piece.markers.expected)),
    markersFound: sum(pieces.map((piece) => piece.markers.found)),
    notesKept: sum(pieces.map((piece) => Math.min(piece.notes.kept, piece.notes.expected))),
    notes: sum(pieces.map((piece) => piece.notes.expected)),
    notesFound: sum(pieces.map((piece) => piece.notes.kept)),
    bodyFound: body.filter((sentence) => sentence.found).length,
    body: body.length,
    leaked: sum(pieces.map((piece) => piece.leaked.length)),
  };
}

const rows = checks.map((check) => {
  const t = totals(check);
  return [
    check.entry.id,
    check.entry.noteMarkup ?? '',
    `${ratio(t.pieces, t.expectedPieces)}${t.extra ? ` +${t.extra}` : ''}`,
    ratio(t.metadataRight, t.metadata),
    `${ratio(t.markersLinked, t.markers)}${t.markersFound > t.markers ? ` (+${t.markersFound - t.markers})` : ''}`,
    `${ratio(t.notesKept, t.notes)}${t.notesFound > t.notes ? ` (+${t.notesFound - t.notes})` : ''}`,
    t.body === 0 ? '–' : `${Math.round((100 * t.bodyFound) / t.body)}%`,
    String(t.leaked),
    check.faithful ? 'faithful' : check.errors.length > 0 ? 'REFUSED' : 'FAILS',
  ];
});
printTable('Sources', ['source', 'notes markup', 'pieces', 'metadata', 'markers linked', 'notes kept', 'body', 'leaked', 'verdict'], rows);

const formats = [...new Set(checks.map((check) => check.entry.format))];
printTable(
  'Formats',
  ['format', 'sources', 'faithful', 'pieces', 'metadata', 'markers linked', 'notes kept', 'body', 'leaked'],
  formats.map((format) => {
    const ofFormat = checks.filter((check) => check.entry.format === format);
    const t = ofFormat.map(totals);
    const total = (key: keyof ReturnType<typeof totals>) => sum(t.map((entry) => entry[key]));
    return [
      format,
      String(ofFormat.length),
      String(ofFormat.filter((check) => check.faithful).length),
      ratio(total('pieces'), total('expectedPieces')),
      ratio(total('metadataRight'), total('metadata')),
      ratio(total('markersLinked'), total('markers')),
      ratio(total('notesKept'), total('notes')),
      `${Math.round((100 * total('bodyFound')) / Math.max(1, total('body')))}%`,
      String(total('leaked')),
    ];
  }),
);

for (const check of checks) {
  if (check.faithful || !(verbose || only)) continue;
  console.log(`\n${check.entry.id}:`);
  for (const error of check.errors) console.log(`  refused: ${error}`);
  for (const title of check.extra) console.log(`  extra piece: ${title}`);
  for (const piece of check.pieces) {
    if (pieceFaithful(piece)) continue;
    console.log(`  “${piece.expected.title}”${piece.actual ? ` → ${piece.actual.slug}` : ': not imported'}`);
    for (const item of piece.metadata.filter((field) => !field.ok))
      console.log(`    ${item.field}: expected ${JSON.stringify(item.expected)}, got ${JSON.stringify(item.actual)}`);
    const { markers, notes } = piece;
    if (markers.found !== markers.expected || markers.linked !== markers.found)
      console.log(`    markers: expected ${markers.expected}, found ${markers.found}, ${markers.linked} tied to a note`);
    if (notes.kept !== notes.expected || notes.unreferenced !== notes.expectedUnreferenced)
      console.log(
        `    notes: expected ${notes.expected} (${notes.expectedUnreferenced} unreferenced), kept ${notes.kept} (${notes.unreferenced} unreferenced)`,
      );
    for (const note of piece.noteTexts.filter((item) => !item.ok))
      console.log(`    note ${note.note}: expected “${note.expected}”, got “${(note.actual ?? '(none)').slice(0, 80)}”`);
    for (const sentence of piece.body.filter((item) => !item.found)) console.log(`    body lacks: “${sentence.sentence.slice(0, 100)}”`);
    for (const text of piece.leaked) console.log(`    leaked: “${text}”`);
  }
}

const labelled = labelledNotes(all);
const faithful = checks.filter((check) => check.faithful).length;
console.log(
  `\n${labelled.length} notes with hand-checked citation fields in ${new Set(labelled.map((note) => note.entry)).size} sources; ${formats.length} formats`,
);
let sourcesStale = false;
if (!only) {
  let current = '';
  try {
    current = readFileSync(sourcesPath, 'utf8');
  } catch {}
  sourcesStale = current !== sourcesMarkdown(all);
  if (sourcesStale) console.log('tests/corpus/SOURCES.md is out of date: run `npm run corpus -- --sources`');
}
console.log(`corpus: ${faithful}/${checks.length} sources faithful`);
process.exitCode = faithful === checks.length && !sourcesStale && problems.length === 0 ? 0 : 1;

// Notes → citations, measured: the trained labeller beside the rule parser it replaced (taken from
// git at commit RULE_PARSER_COMMIT), in the same run, on
//   1. AnyStyle's gold.xml (data/notes/anystyle-gold.tagged: 320 references, never trained on);
//   2. the real-world corpus notes (tests/corpus/*/*/expected.json, hand-checked CSL), held out by
//      k-fold: each fold's notes are read by a model trained without them (folds by corpus entry);
//   3. unseen notes (data/notes/unseen/notes.json: real notes collected after the labeller and its
//      rules were written, never trained on and never read to tune a rule), read by the committed
//      model as it ships: the figure the held-out one can no longer be, since rules were written
//      after reading its errors. Same definitions as 2.
// Per field: correct / (items where the expected or the produced item has the field), over the
// items produced (not refused). Refusal: a reference left as typed (nothing cited, or the
// labeller's confidence under its threshold). Garbage: a produced item with a wrong or invented field.
//
//   npm run bench (all benches), or node --import tsx bench/notes.ts [--folds 5] [--sweep] [--errors]
//   [--no-rule] [--seed N] [--cache] [--unseen-errors] (--folds 0 skips the fold models: gold.xml and the
//   unseen notes only, in seconds) (--seed trains every model, the full one for gold.xml too, with
//   SGD's shuffles from seed N instead of the committed settings': the spread across seeds is the
//   training's own noise; --cache keeps each fold's model in the temp directory, keyed by a hash of
//   its training data and the model code, so changing only the step from labels to items reruns fast)
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { CrfModel } from '../src/cite/label/crf.ts';
import { committedModel } from '../src/cite/label/label-note.ts';
import { fromModelFile, type ModelFile } from '../src/cite/label/model-file.ts';
import { type LabelledNote, labelledTokens, parseTaggedFile } from '../src/cite/label/tagged.ts';
import { MODEL_CODE, TRAINING_FILES, trainingHash, trainLabeller } from '../src/cite/label/train.ts';
import { CONFIDENCE_THRESHOLD, parseNote } from '../src/cite/parse-note.ts';
import {
  corpusComparisons,
  digits,
  type Item,
  matchItems,
  namesText,
  nameWords,
  oracleItems,
  sameAsDoi,
  text,
  url,
  withoutUrl,
  year,
} from './compare-items.ts';
import { printTable } from './table.ts';

const RULE_PARSER_COMMIT = '1b51133';
const UNSEEN_FILE = 'data/notes/unseen/notes.json';
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const folds = args.includes('--folds') ? Number(args[args.indexOf('--folds') + 1]) : 5;
const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : undefined;
const trainOptions = seed === undefined ? {} : { seed };

interface Parse {
  items: Item[];
  confidence: number;
}
type Parser = (text: string) => Parse;

// The rule parser as it was, from git (it no longer exists in the tree).
async function ruleParser(): Promise<Parser | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'anthology-rule-parser-'));
  const archive = spawnSync('git', ['archive', RULE_PARSER_COMMIT, 'src/cite/parse-note.ts', 'src/cite/parse-note', 'src/cite/csl.ts'], { cwd: root });
  if (archive.status !== 0) {
    console.error(`the rule parser (commit ${RULE_PARSER_COMMIT}) is not in this clone's history: its columns are left out`);
    return undefined;
  }
  spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  const module = (await import(path.join(dir, 'src/cite/parse-note.ts'))) as {
    parseNote: (text: string) => { citations: { item: Item; confidence: number }[] };
  };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (text) => {
    const parsed = module.parseNote(text);
    return { items: parsed.citations.map((citation) => citation.item), confidence: Math.min(1, ...parsed.citations.map((citation) => citation.confidence)) };
  };
}

function labeller(model?: CrfModel, threshold = CONFIDENCE_THRESHOLD): Parser {
  return (text) => {
    const parsed = parseNote(text, model ? { model } : {});
    const citations = parsed.citations.filter((citation) => citation.confidence >= threshold);
    return { items: citations.map((citation) => citation.item as Item), confidence: parsed.confidence };
  };
}

// --- comparing fields ---------------------------------------------------------------------------

interface Tally {
  right: number;
  total: number;
}

class Score {
  produced = 0;
  refused = 0;
  garbage = 0;
  fields = new Map<string, Tally>();
  record(field: string, right: boolean): void {
    const tally = this.fields.get(field) ?? { right: 0, total: 0 };
    tally.total += 1;
    if (right) tally.right += 1;
    this.fields.set(field, tally);
  }
  accuracy(field: string): string {
    const tally = this.fields.get(field);
    return tally && tally.total > 0 ? `${((100 * tally.right) / tally.total).toFixed(1)}% (${tally.right}/${tally.total})` : '–';
  }
}

/** Compares one produced item with what was expected; true when it has no wrong or invented field. */
function compare(score: Score, comparisons: [string, string | undefined, string | undefined][]): void {
  let clean = true;
  for (const [field, expected, produced] of comparisons) {
    if (expected === undefined && produced === undefined) continue;
    const right = expected === produced;
    score.record(field, right);
    if (!right && produced !== undefined) clean = false;
  }
  if (!clean) score.garbage += 1;
}

// --- 1. gold.xml --------------------------------------------------------------------------------

function goldComparisons(note: LabelledNote, parsed: Item): [string, string | undefined, string | undefined][] {
  // A doi.org address is the DOI written as a URL (gold.xml labels it DOI): the same fact.
  const item = sameAsDoi(parsed) && !note.spans.some((span) => span.label === 'URL') ? withoutUrl(parsed) : parsed;
  const span = (label: string) => {
    const found = note.spans.find((candidate) => candidate.label === label);
    return found ? note.text.slice(found.start, found.end) : undefined;
  };
  const trim = (value: string | undefined) => (value === undefined ? undefined : text(value.replace(/^[\s("“‘«'[]+|[\s)"”’»'\].,;:]+$/g, '')));
  const spanYear = (label: string) => {
    const value = span(label);
    return value ? /(?:1[5-9]|20)\d\d/.exec(value)?.[0] : undefined;
  };
  const names = (label: string) => {
    const value = span(label);
    return value ? nameWords(value) || undefined : undefined;
  };
  const orNothing = (value: string) => value || undefined;
  return [
    ['author', names('author'), orNothing(nameWords(namesText(item.author)))],
    ['editor', names('editor'), orNothing(nameWords(namesText(item.editor)))],
    ['title', trim(span('title')), text(item.title)],
    ['container-title', trim(span('container-title')), text(item['container-title'])],
    ['date', spanYear('date'), year(item.issued)],
    ['publisher', trim(span('publisher')), text(item.publisher)],
    ['location', trim(span('location')), text(item['publisher-place'])],
    ['volume', digits(span('volume')?.replace(/^\D*/, '')), digits(item.volume)],
    ['pages', digits(span('pages')), digits(item.page)],
    ['URL', url(span('URL')?.replace(/^.*?(?=https?:|www\.)/, '')), url(item.URL)],
    ['DOI', span('DOI') ? /10\.\d{4,}\/[^\s]+?(?=[.,;)\]]*$)/.exec(span('DOI')!)?.[0]?.toLowerCase() : undefined, url(item.DOI)],
  ];
}

function scoreGold(parser: Parser, notes: readonly LabelledNote[]): Score {
  const score = new Score();
  for (const note of notes) {
    const parsed = parser(note.text);
    const item = parsed.items[0];
    if (!item) {
      score.refused += 1;
      continue;
    }
    score.produced += 1;
    compare(score, goldComparisons(note, item));
  }
  return score;
}

// --- 2. the corpus, k-fold ---------------------------------------------------------------------

interface CorpusNote {
  id: string;
  entry: string;
  text: string;
  items: Item[];
}

/**
 * The corpus notes as the labeller reads them: the text of each line of data/notes/corpus.tagged
 * (the note's Markdown in the imported chapter: links, emphasis, quotes), with the items its
 * entry's expected.json lists for it.
 */
function corpusNotes(): CorpusNote[] {
  const tagged = parseTaggedFile(readFileSync(path.join(root, 'data/notes/corpus.tagged'), 'utf8'), 'corpus.tagged');
  const notes: CorpusNote[] = [];
  for (const note of tagged) {
    const [entryPath, where] = note.id.split('#') as [string, string];
    const [piece, number] = where.split('.') as [string, string];
    const expected = JSON.parse(readFileSync(path.join(root, 'tests/corpus', entryPath, 'expected.json'), 'utf8')) as {
      pieces: { citations?: { note: number | string; text: string; items: Item[] }[] }[];
    };
    const citation = expected.pieces[Number(piece)]?.citations?.find((candidate) => String(candidate.note) === number);
    if (citation) notes.push({ id: note.id, entry: entryPath, text: note.text, items: citation.items });
  }
  return notes;
}

/**
 * The unseen notes (data/notes/unseen/notes.json): each note's Markdown with the items written by
 * hand for it, read like the corpus notes (a note that cites nothing has no item and is not scored).
 */
function unseenNotes(): CorpusNote[] {
  const file = JSON.parse(readFileSync(path.join(root, UNSEEN_FILE), 'utf8')) as { notes: { id: string; text: string; items: Item[] }[] };
  return file.notes.map((note) => ({ id: note.id, entry: note.id.split('#')[0] ?? note.id, text: note.text, items: note.items }));
}

/**
 * `parse`, counting a note it throws on as refused (nothing produced) and naming it in `crashes`:
 * a labeller that throws on a real note is a bug to fix, not a reason to lose the measurement.
 */
function guarded(parse: Parser, crashes: string[]): Parser {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      crashes.push(`${text.slice(0, 60).replace(/\s+/g, ' ')}… (${String(error).slice(0, 80)})`);
      return { items: [], confidence: 0 };
    }
  };
}

/** Each field a produced item gets wrong (expected ≠ produced), and the notes refused, for reading the errors. */
function wrongFields(notes: readonly CorpusNote[], parse: Parser): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    const expected = note.items.filter((item) => Object.keys(item).some((key) => key !== 'type'));
    if (expected.length === 0) continue;
    const parsed = parse(note.text);
    if (parsed.items.length === 0) {
      lines.push(`${note.id} REFUSED (confidence ${parsed.confidence.toFixed(2)})`);
      continue;
    }
    for (const [match, item] of matchItems(expected, parsed.items))
      for (const [field, want, got] of corpusComparisons(match ?? { type: 'document' }, item))
        if (want !== got) lines.push(`${note.id} ${field}: ${want ?? '∅'} ≠ ${got ?? '∅'}`);
  }
  return lines;
}

function scoreCorpus(parserFor: (note: CorpusNote) => Parser, notes: readonly CorpusNote[]): Score {
  const score = new Score();
  for (const note of notes) {
    const expected = note.items.filter((item) => Object.keys(item).some((key) => key !== 'type'));
    if (expected.length === 0) continue;
    const parsed = parserFor(note)(note.text);
    if (parsed.items.length === 0) {
      score.refused += 1;
      continue;
    }
    for (const [match, item] of matchItems(expected, parsed.items)) {
      score.produced += 1;
      compare(score, corpusComparisons(match ?? { type: 'document' }, item));
    }
  }
  return score;
}

// --- run ----------------------------------------------------------------------------------------

const rule = args.includes('--no-rule') ? undefined : await ruleParser();
const gold = parseTaggedFile(readFileSync(path.join(root, 'data/notes/anystyle-gold.tagged'), 'utf8'), 'anystyle-gold.tagged');
const trainingFiles = TRAINING_FILES.map((file) => ({ file, notes: parseTaggedFile(readFileSync(path.join(root, file), 'utf8'), file) }));
const corpus = corpusNotes();
const entries = [...new Set(corpus.map((note) => note.entry))].sort();
const foldOf = (entry: string) => entries.indexOf(entry) % Math.max(1, folds);

// The notes of the training files that are real notes from documents (not AnyStyle's references,
// not the corpus notes, which are the held-out table's), each document on one side of a 2-fold
// split by a hash of its name: every note of a document is read by a model that never saw the
// document, as a new book's notes are. Expected items: each note's hand labels through the same
// step from labels to items (bench/compare-items.ts `oracleItems`), so only the model's mistakes count.
const documentNotes: CorpusNote[] = trainingFiles
  .filter(({ file }) => !/\/(?:anystyle-[^/]*|corpus)\.tagged$/.test(file))
  .flatMap(({ notes }) => notes.map((note) => ({ id: note.id, entry: note.id.split('#')[0] ?? note.id, text: note.text, items: oracleItems(note) })));
const sideOf = (document: string) => createHash('sha256').update(document).digest()[0]! % 2;
const documents = [...new Set(documentNotes.map((note) => note.entry))].sort();

console.error(`notes: training ${folds} fold models (corpus entries held out in turn) and 2 by document…`);
const started = performance.now();
const [foldModels = [], documentModels = []] = await trainHeldOut([
  Array.from({ length: folds }, (_, fold) => entries.filter((entry) => foldOf(entry) === fold)),
  folds > 0 ? [0, 1].map((side) => documents.filter((document) => sideOf(document) === side)) : [],
]);
const trainMs = performance.now() - started;

/**
 * Models each trained without the notes of some documents (corpus entries, or the documents of one
 * side), in a child process each (bench/train-fold.ts), as many at a time as there are cores:
 * training is single-threaded and takes minutes. Each is written as the committed model is
 * (`toModelFile`, weights quantised) and read back. With `--cache`, a model whose training data,
 * model code and held-out documents are unchanged is read from the temp directory instead.
 */
async function trainHeldOut(groups: readonly (readonly string[][])[]): Promise<CrfModel[][]> {
  const read = (name: string) => ({ name, text: readFileSync(path.join(root, name), 'utf8') });
  const dir = args.includes('--cache') ? path.join(tmpdir(), 'anthology-note-folds') : mkdtempSync(path.join(tmpdir(), 'anthology-note-folds-'));
  mkdirSync(dir, { recursive: true });
  if (!args.includes('--cache')) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const jobs = groups.flat().map((held, fold) => {
    const hash = trainingHash([
      ...TRAINING_FILES.map(read),
      ...MODEL_CODE.map(read),
      { name: 'held', text: held.join('\n') },
      { name: 'options', text: JSON.stringify(trainOptions) },
    ]);
    return { fold, held, file: path.join(dir, `${hash.slice(0, 16)}-${fold}.json`) };
  });
  const missing = jobs.filter((job) => !existsSync(job.file));
  const train = (job: (typeof jobs)[number]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'bench/train-fold.ts'), job.file, JSON.stringify(job.held), JSON.stringify(trainOptions)],
        {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fold ${job.fold}: training exited with ${code}`))));
    });
  const queue = [...missing];
  await Promise.all(
    Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await train(job);
    }),
  );
  const models = jobs.map((job) => fromModelFile(JSON.parse(readFileSync(job.file, 'utf8')) as ModelFile));
  let next = 0;
  return groups.map((group) => group.map(() => models[next++]!));
}
const heldOut = (threshold?: number) => (note: CorpusNote) => labeller(foldModels[foldOf(note.entry)] ?? committedModel(), threshold);

// gold.xml is read by the committed model, or with --seed by a model trained on all the data with that seed.
const goldModel =
  seed === undefined
    ? undefined
    : trainLabeller(
        trainingFiles.flatMap(({ notes }) => notes),
        undefined,
        trainOptions,
      );
const goldLabeller = scoreGold(labeller(goldModel), gold);
const goldRule = rule ? scoreGold(rule, gold) : undefined;
const corpusLabeller = folds > 0 ? scoreCorpus(heldOut(), corpus) : undefined;
const corpusRule = rule ? scoreCorpus(() => rule, corpus) : undefined;
const documentLabeller = documentModels.length === 2 ? scoreCorpus((note) => labeller(documentModels[sideOf(note.entry)]), documentNotes) : undefined;
const unseen = unseenNotes();
const unseenCrashes: string[] = [];
const unseenParse = guarded(labeller(), unseenCrashes);
const unseenLabeller = scoreCorpus(() => unseenParse, unseen);
const unseenRule = rule ? scoreCorpus(() => guarded(rule, []), unseen) : undefined;

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`);
function table(title: string, fields: string[], scores: [string, Score | undefined][]): void {
  const present = scores.filter((entry): entry is [string, Score] => entry[1] !== undefined);
  const rows = [
    ...fields.map((field) => [field, ...present.map(([, score]) => score.accuracy(field))]),
    ['refusal (left as typed)', ...present.map(([, score]) => percent(score.refused, score.refused + score.produced))],
    ['garbage (items with a wrong or invented field)', ...present.map(([, score]) => percent(score.garbage, score.produced))],
  ];
  printTable(title, ['', ...present.map(([name]) => name)], rows);
}
table(
  `Notes → citations on AnyStyle gold.xml (${gold.length} references, never trained on)`,
  ['author', 'title', 'date', 'container-title', 'publisher', 'location', 'editor', 'volume', 'pages', 'URL', 'DOI'],
  [
    ['labeller', goldLabeller],
    ['rule parser', goldRule],
  ],
);
table(
  `Notes → citations on the corpus notes (${corpus.length} notes from ${entries.length} entries; labeller: ${folds}-fold, each fold held out)`,
  ['author', 'title', 'container-title', 'year', 'publisher', 'location', 'volume', 'pages', 'URL', 'DOI'],
  [
    ['labeller (held out)', corpusLabeller],
    ['rule parser', corpusRule],
  ],
);
if (documentLabeller)
  table(
    `Notes → citations on the training files' notes from documents (${documentNotes.length} notes from ${documents.length} documents; 2-fold by document: each read by a model trained without its document; expected: its hand labels through the same step to items)`,
    ['author', 'title', 'container-title', 'year', 'publisher', 'location', 'volume', 'pages', 'URL', 'DOI'],
    [['labeller (document held out)', documentLabeller]],
  );
table(
  `Notes → citations on unseen notes (${unseen.length} notes, ${unseen.filter((note) => note.items.length > 0).length} citing, from ${new Set(unseen.map((note) => note.entry)).size} documents; ${UNSEEN_FILE}, never trained on; no rule written for them, two bugs fixed after they showed here (see its README); labeller: the committed model)`,
  ['author', 'title', 'container-title', 'year', 'publisher', 'location', 'volume', 'pages', 'URL', 'DOI'],
  [
    ['labeller (committed model)', unseenLabeller],
    ['rule parser', unseenRule],
  ],
);
{
  // Not in the table's definitions (a note citing nothing is not scored): items made up for such notes.
  const invented = (parse: Parser) => unseen.filter((note) => note.items.length === 0).reduce((sum, note) => sum + parse(note.text).items.length, 0);
  const quiet = unseen.filter((note) => note.items.length === 0).length;
  console.log(
    `unseen notes citing nothing: ${quiet}; items the labeller made of them: ${invented(unseenParse)}${rule ? `, the rule parser: ${invented(guarded(rule, []))}` : ''}`,
  );
  const crashed = new Set(unseenCrashes);
  if (crashed.size > 0) console.log(`the labeller threw on ${crashed.size} unseen notes (counted as refused):\n  ${[...crashed].join('\n  ')}`);
}
console.log(
  `\nfold models ready in ${(trainMs / 1000).toFixed(1)} s (trained side by side, or read from --cache); confidence threshold ${CONFIDENCE_THRESHOLD}`,
);

if (args.includes('--sweep')) {
  const rows = [0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9].map((threshold) => {
    const goldScore = scoreGold(labeller(undefined, threshold), gold);
    const corpusScore = folds > 0 ? scoreCorpus(heldOut(threshold), corpus) : new Score();
    return [
      String(threshold),
      percent(goldScore.refused, gold.length),
      percent(goldScore.garbage, goldScore.produced),
      percent(corpusScore.refused, corpusScore.refused + corpusScore.produced),
      percent(corpusScore.garbage, corpusScore.produced),
    ];
  });
  printTable('Confidence threshold: refusal against garbage', ['threshold', 'gold refused', 'gold garbage', 'corpus refused', 'corpus garbage'], rows);
}

if (args.includes('--errors')) {
  // Every held-out corpus note with a wrong, invented or missing field, or refused: the note, the
  // labels the fold's model gave it, and each field that differs (expected ≠ produced).
  for (const note of corpus) {
    const expected = note.items.filter((item) => Object.keys(item).some((key) => key !== 'type'));
    if (expected.length === 0) continue;
    const model = foldModels[foldOf(note.entry)] ?? committedModel();
    const parsed = heldOut()(note)(note.text);
    const wrong = parsed.items.flatMap((item, index) => {
      const match = matchItems(expected, parsed.items)[index]?.[0];
      return corpusComparisons(match ?? { type: 'document' }, item)
        .filter(([, e, p]) => e !== p)
        .map(([f, e, p]) => `${f}: ${e ?? '∅'} ≠ ${p ?? '∅'}`);
    });
    if (wrong.length === 0 && parsed.items.length > 0) continue;
    const labels = parseNote(note.text, { model }).labels.map(
      (token) => `${token.text}/${token.label}${token.confidence < 0.65 ? `(${token.confidence.toFixed(2)})` : ''}`,
    );
    console.log(`${note.id}${parsed.items.length === 0 ? ' REFUSED' : ''}: ${note.text}\n  ${labels.join(' ')}\n  ${wrong.join('\n  ')}`);
  }
}

if (args.includes('--oracle')) {
  // The step from labels to items alone: each corpus note's labels as tagged by hand (certain),
  // through the same rules and item building. What differs here is a rule's or a label's fault.
  const tagged = new Map(
    parseTaggedFile(readFileSync(path.join(root, 'data/notes/corpus.tagged'), 'utf8'), 'corpus.tagged').map((note) => [note.id, note] as const),
  );
  const oracle = (note: CorpusNote): Parser => {
    const labelled = labelledTokens(tagged.get(note.id)!);
    const given = labelled.tokens.map((token, index) => ({ ...token, label: labelled.labels[index]!, confidence: 1 }));
    return (text) => {
      const parsed = parseNote(text, { labeller: () => given });
      return { items: parsed.citations.map((citation) => citation.item as Item), confidence: parsed.confidence };
    };
  };
  const score = scoreCorpus(oracle, corpus);
  table(
    'The corpus notes with their labels as tagged (the step from labels to items alone)',
    ['author', 'title', 'container-title', 'year', 'publisher', 'location', 'volume', 'pages', 'URL', 'DOI'],
    [['labels as tagged', score]],
  );
  for (const note of corpus) {
    const expected = note.items.filter((item) => Object.keys(item).some((key) => key !== 'type'));
    if (expected.length === 0) continue;
    const parsed = oracle(note)(note.text);
    const wrong = parsed.items.flatMap((item, index) => {
      const match = matchItems(expected, parsed.items)[index]?.[0];
      return corpusComparisons(match ?? { type: 'document' }, item)
        .filter(([, e, p]) => e !== p)
        .map(([f, e, p]) => `${f}: ${e ?? '∅'} ≠ ${p ?? '∅'}`);
    });
    if (wrong.length > 0 || parsed.items.length === 0)
      console.log(`${note.id}${parsed.items.length === 0 ? ' NOTHING' : ''}: ${note.text}\n  ${wrong.join('\n  ')}`);
  }
}

if (args.includes('--unseen-errors')) {
  console.log('\nUnseen notes: each field the committed model gets wrong (expected ≠ produced), and each note refused');
  for (const line of wrongFields(unseen, guarded(labeller(), []))) console.log(line);
}

if (args.includes('--gold-errors')) {
  const parse = labeller();
  for (const note of gold) {
    const item = parse(note.text).items[0];
    if (!item) continue;
    const wrong = goldComparisons(note, item).filter(([, expected, produced]) => produced !== undefined && expected !== produced);
    if (wrong.length > 0)
      console.log(`${note.text.slice(0, 150)}\n  ${wrong.map(([field, expected, produced]) => `${field}: ${expected} ≠ ${produced}`).join('\n  ')}`);
  }
}

// `npm run train:notes`: trains the note labeller on data/notes/*.tagged and writes
// data/notes/model.json (deterministic: the same data and code give the same bytes). With
// `-- --threshold`, also the confidence threshold's cross-validation (scripts/threshold-cv.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toModelFile } from '../src/cite/label/model-file.ts';
import { parseTaggedFile } from '../src/cite/label/tagged.ts';
import { MODEL_CODE, TRAINING_FILES, trainingHash, trainLabeller } from '../src/cite/label/train.ts';
import { CONFIDENCE_THRESHOLD } from '../src/cite/parse-note.ts';
import { chosenThreshold, GARBAGE_COST, THRESHOLD_FILES, thresholdReadings, thresholdSweep } from './threshold-cv.ts';

const root = path.resolve(import.meta.dirname, '..');
const read = (name: string) => ({ name, text: readFileSync(path.join(root, name), 'utf8') });
const files = TRAINING_FILES.map(read);
const notes = files.flatMap(({ name, text }) => parseTaggedFile(text, name));
const started = performance.now();
const model = trainLabeller(notes, (message) => console.error(message));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const file = toModelFile(model, trainingHash([...files, ...MODEL_CODE.map(read)]));
const out = path.join(root, 'data/notes/model.json');
writeFileSync(out, `${JSON.stringify(file)}\n`);
console.error(`${notes.length} notes, ${model.features.size} features, trained in ${seconds} s → ${path.relative(root, out)}`);

// The confidence threshold chosen by cross-validation (scripts/threshold-cv.ts).
if (process.argv.includes('--threshold')) {
  const cvFiles = THRESHOLD_FILES(TRAINING_FILES);
  const readings = thresholdReadings(
    files.filter(({ name }) => cvFiles.includes(name)).map(({ name, text }) => ({ name, notes: parseTaggedFile(text, name) })),
    (message) => console.error(message),
  );
  const rows = thresholdSweep(readings);
  const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;
  console.log(`threshold cross-validation on ${cvFiles.join(', ')} (cost = ${GARBAGE_COST} × items with a wrong field + notes refused):`);
  for (const row of rows) {
    const line = `refused ${percent(row.refused, row.notes)}  garbage ${percent(row.garbage, row.produced)}  cost ${row.cost} ± ${row.se.toFixed(0)}`;
    console.log(`  ${row.threshold.toFixed(2)}  ${line}`);
  }
  console.log(`chosen: ${chosenThreshold(rows)} (parse-note's CONFIDENCE_THRESHOLD is ${CONFIDENCE_THRESHOLD})`);
}

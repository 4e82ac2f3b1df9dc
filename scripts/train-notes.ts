// `npm run train:notes`: trains the note labeller on data/notes/*.tagged and writes
// data/notes/model.json (deterministic: the same data and code give the same bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toModelFile } from '../src/cite/label/model-file.ts';
import { parseTaggedFile } from '../src/cite/label/tagged.ts';
import { MODEL_CODE, TRAINING_FILES, trainingHash, trainLabeller } from '../src/cite/label/train.ts';

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

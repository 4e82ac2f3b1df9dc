// One fold model for bench/notes.ts, in a process of its own so that folds train side by side:
//   node --import tsx bench/train-fold.ts OUT.json '["entry", …]' '{"seed": …}'
// trains on every note of TRAINING_FILES except those of the held-out documents (corpus entries,
// or any note's document: its id before `#`), and writes the model as the committed one is
// written (toModelFile), to a temp name renamed into place.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toModelFile } from '../src/cite/label/model-file.ts';
import { parseTaggedFile } from '../src/cite/label/tagged.ts';
import { TRAINING_FILES, trainLabeller } from '../src/cite/label/train.ts';

const [out, heldJson, optionsJson] = process.argv.slice(2) as [string, string, string];
const root = path.resolve(import.meta.dirname, '..');
const held = new Set(JSON.parse(heldJson) as string[]);
const notes = TRAINING_FILES.flatMap((file) =>
  parseTaggedFile(readFileSync(path.join(root, file), 'utf8'), file).filter((note) => !held.has(note.id.split('#')[0] ?? '')),
);
const model = trainLabeller(notes, undefined, JSON.parse(optionsJson) as object);
writeFileSync(`${out}.partial`, JSON.stringify(toModelFile(model, path.basename(out))));
renameSync(`${out}.partial`, out);

// Writes schema/anthology.schema.json from the zod schema, for editors' YAML autocompletion.
import { writeFileSync } from 'node:fs';
import { bookConfigJsonSchema } from '../src/config/schema.ts';

writeFileSync(new URL('../schema/anthology.schema.json', import.meta.url), `${JSON.stringify(bookConfigJsonSchema(), null, 2)}\n`);

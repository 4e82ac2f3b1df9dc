/**
 * `npm run check:layers`: checks src/ against the layering in `.dependency-cruiser.cjs` (see
 * ARCHITECTURE.md, "Layers") and exits 1 on any upward import, import between sibling stages,
 * cycle, or engine (citation-js, Chromium…) used outside src/adapters/.
 *
 * Through dependency-cruiser's API: its command line refuses Node 20, which this project supports.
 */
import { createRequire } from 'node:module';
import { cruise, type IConfiguration } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as IConfiguration;

const result = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden ?? [] }, outputType: 'err-long' });
process.stdout.write(typeof result.output === 'string' ? result.output : '');
process.exitCode = result.exitCode === 0 ? 0 : 1;

import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * The schemas use zod's tree-shakeable "mini" build: only what they use is bundled (~35 kB instead
 * of classic zod's ~750 kB, which every command spent ~30 ms loading). Imported for this effect:
 * the English messages classic zod sets up for itself. (The schemas import `zod/mini` as a
 * namespace and only read its members, which keeps it tree-shakeable: re-exporting it would not.)
 */
config(en());

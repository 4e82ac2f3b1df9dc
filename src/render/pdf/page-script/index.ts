/**
 * The page script: bundled by esbuild (`adapters/page-script.ts`) and installed, before Paged.js,
 * in every document of a tab that paginates a chunk. It sets Paged.js up not to start by itself
 * and gives the adapter `window.anthology`.
 */
import { tickWithoutFrames } from './frame-tick.ts';
import { fillPageRefs, startPageNumbersAt } from './page-numbers.ts';
import { paginate } from './paginate.ts';
import { prepareChunk } from './prepare-chunk.ts';
import type { HyphenationData, PrepareChunkOptions } from './types.ts';

/** What the adapter calls in the tab. */
export interface PageScript {
  prepareChunk(options: PrepareChunkOptions): ReturnType<typeof prepareChunk>;
  paginate: typeof paginate;
  fillPageRefs: typeof fillPageRefs;
  startPageNumbersAt: typeof startPageNumbersAt;
}

const page = window as unknown as { PagedConfig: unknown; anthology: PageScript; anthologyHyphenation?: HyphenationData };
tickWithoutFrames();
// A word broken across two pages gets a plain hyphen, a glyph the text face has.
page.PagedConfig = { auto: false, settings: { hyphenGlyph: '-' } };
page.anthology = {
  prepareChunk: (options) => prepareChunk(options, page.anthologyHyphenation ?? { languages: {}, patterns: {} }),
  paginate,
  fillPageRefs,
  startPageNumbersAt,
};

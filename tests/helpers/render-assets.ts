import type { RenderAssets } from '../../src/render/assets.ts';

/** Render assets with no styles, fonts or scripts: for tests that look at the pages' markup only. */
export const emptyRenderAssets: RenderAssets = {
  siteCss: '',
  printCss: '',
  epubCss: '',
  fontFaceCss: '',
  fonts: [],
  notesScript: '',
  searchScript: '',
};

/** The static files every renderer is given (`io/assets.ts` reads them). */

export interface FontFile {
  fileName: string;
  bytes: Uint8Array;
}

/** The static files every renderer needs: the book's stylesheets and its text face. */
export interface RenderAssets {
  siteCss: string;
  printCss: string;
  epubCss: string;
  /** `@font-face` rules whose URLs are `fonts/<fileName>`. */
  fontFaceCss: string;
  fonts: FontFile[];
  /** The site's scripts: note previews and search (`src/render/html/client/`). */
  notesScript: string;
  searchScript: string;
}

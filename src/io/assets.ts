import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

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
}

const require = createRequire(import.meta.url);
const fontPackage = '@fontsource/source-serif-4';
const fontStyles = ['400', '400-italic', '600', '600-italic', '700', '700-italic'];
// Cyrillic too: transliterated notes still carry № and the odd Cyrillic letter.
const fontSubsets = new Set(['latin', 'latin-ext', 'cyrillic']);

export async function loadRenderAssets(projectDir: string): Promise<RenderAssets> {
  const styles = path.join(projectDir, 'styles');
  const [siteCss, printCss, epubCss, fontFaces] = await Promise.all([
    readFile(path.join(styles, 'site.css'), 'utf8'),
    readFile(path.join(styles, 'print.css'), 'utf8'),
    readFile(path.join(styles, 'epub.css'), 'utf8'),
    loadFontFaces(),
  ]);
  return { siteCss, printCss, epubCss, ...fontFaces };
}

/** Reads fontsource's CSS, keeps the Latin subsets and rewrites their sources to local woff2 files. */
async function loadFontFaces(): Promise<{ fontFaceCss: string; fonts: FontFile[] }> {
  const packageDir = path.dirname(require.resolve(`${fontPackage}/package.json`));
  const rules: string[] = [];
  const fonts: FontFile[] = [];
  for (const style of fontStyles) {
    const css = await readFile(path.join(packageDir, `${style}.css`), 'utf8');
    for (const block of css.matchAll(/\/\* source-serif-4-([a-z-]+)-\d{3}(?:-italic|-normal)? \*\/\s*@font-face\s*\{([^}]*)\}/g)) {
      const [, subset, body] = block;
      if (!subset || !body || !fontSubsets.has(subset)) continue;
      const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
      if (!woff2) continue;
      fonts.push({ fileName: woff2, bytes: await readFile(path.join(packageDir, 'files', woff2)) });
      rules.push(`@font-face {${body.replace(/src:[^;]+;/, `src: url(fonts/${woff2}) format('woff2');`).replace(/\s*font-display:[^;]+;/, '')}}`);
    }
  }
  return { fontFaceCss: `${rules.join('\n')}\n`, fonts };
}

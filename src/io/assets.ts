import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FontFile, RenderAssets } from '../render/assets.ts';

const require = createRequire(import.meta.url);

/** A face from a fontsource package: which styles and subsets of it the book carries. */
interface FontFace {
  packageName: string;
  /** The face's name in fontsource's file and comment names: `source-serif-4`. */
  slug: string;
  styles: readonly string[];
  subsets: ReadonlySet<string>;
}

const fontFaces: readonly FontFace[] = [
  {
    packageName: '@fontsource/source-serif-4',
    slug: 'source-serif-4',
    styles: ['400', '400-italic', '600', '600-italic', '700', '700-italic'],
    // Cyrillic too: transliterated notes still carry № and the odd Cyrillic letter.
    subsets: new Set(['latin', 'latin-ext', 'cyrillic']),
  },
  {
    // For the letters Source Serif 4 lacks (IPA letters such as the Tajik ʙ): a serif from npm
    // rather than whatever the machine has, so the PDF is the same everywhere.
    packageName: '@fontsource/noto-serif',
    slug: 'noto-serif',
    styles: ['400', '400-italic', '700', '700-italic'],
    subsets: new Set(['latin-ext']),
  },
];

export async function loadRenderAssets(projectDir: string): Promise<RenderAssets> {
  const styles = path.join(projectDir, 'styles');
  const client = fileURLToPath(new URL('../render/html/client/', import.meta.url));
  const [siteCss, printCss, epubCss, notesScript, searchScript, faces] = await Promise.all([
    readFile(path.join(styles, 'site.css'), 'utf8'),
    readFile(path.join(styles, 'print.css'), 'utf8'),
    readFile(path.join(styles, 'epub.css'), 'utf8'),
    readFile(path.join(client, 'notes.js'), 'utf8'),
    readFile(path.join(client, 'search.js'), 'utf8'),
    toolFonts(),
  ]);
  return {
    siteCss,
    printCss,
    epubCss,
    notesScript,
    searchScript,
    fontFaceCss: faces.map((face) => face.fontFaceCss).join(''),
    fonts: faces.flatMap((face) => face.fonts),
  };
}

let toolFontFaces: Promise<{ fontFaceCss: string; fonts: FontFile[] }[]> | undefined;

/**
 * The tool's faces, read once per process: they come with anthology, not the book, so the preview
 * need not read 0.6 MB of fonts again on every save. A failed read is tried again next time.
 */
function toolFonts(): Promise<{ fontFaceCss: string; fonts: FontFile[] }[]> {
  toolFontFaces ??= Promise.all(fontFaces.map(loadFontFace)).catch((error: unknown) => {
    toolFontFaces = undefined;
    throw error;
  });
  return toolFontFaces;
}

/** Reads fontsource's CSS, keeps the subsets the book uses and rewrites their sources to local woff2 files. */
async function loadFontFace(face: FontFace): Promise<{ fontFaceCss: string; fonts: FontFile[] }> {
  const packageDir = path.dirname(require.resolve(`${face.packageName}/package.json`));
  const rules: string[] = [];
  const fonts: FontFile[] = [];
  const comment = new RegExp(`/\\* ${face.slug}-([a-z-]+)-\\d{3}(?:-italic|-normal)? \\*/\\s*@font-face\\s*\\{([^}]*)\\}`, 'g');
  for (const style of face.styles) {
    const css = await readFile(path.join(packageDir, `${style}.css`), 'utf8');
    for (const block of css.matchAll(comment)) {
      const [, subset, body] = block;
      if (!subset || !body || !face.subsets.has(subset)) continue;
      const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(body)?.[1];
      if (!woff2) continue;
      fonts.push({ fileName: woff2, bytes: await readFile(path.join(packageDir, 'files', woff2)) });
      rules.push(`@font-face {${body.replace(/src:[^;]+;/, `src: url(fonts/${woff2}) format('woff2');`).replace(/\s*font-display:[^;]+;/, '')}}`);
    }
  }
  return { fontFaceCss: `${rules.join('\n')}\n`, fonts };
}

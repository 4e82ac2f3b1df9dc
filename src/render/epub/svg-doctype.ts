import type { ImageFile } from '../../core/types.ts';

/**
 * An SVG picture as the EPUB holds it: without the external DTD its DOCTYPE names
 * (`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">`,
 * which matplotlib, Inkscape and Illustrator write). EPUB 3 allows no external identifiers or
 * entities (epubcheck OPF-073, and HTM-003 for each module of the DTD it then reads); reading
 * systems never load them, and SVG 2 has no DTD. An internal subset (Illustrator declares its
 * namespaces as entities there) is kept, as `<!DOCTYPE svg [ … ]>`. Other files are as they are.
 */
export function withoutExternalDtd(image: ImageFile): ImageFile {
  if (image.mediaType !== 'image/svg+xml') return image;
  const text = new TextDecoder().decode(image.bytes);
  const doctype = /<!DOCTYPE\s+([\w:.-]+)\s+(?:PUBLIC\s+(?:"[^"]*"|'[^']*')\s*(?:"[^"]*"|'[^']*')?|SYSTEM\s+(?:"[^"]*"|'[^']*'))\s*(\[[\s\S]*?\]\s*)?>/i.exec(
    text,
  );
  if (!doctype) return image;
  const kept = doctype[2] ? `<!DOCTYPE ${doctype[1]} ${doctype[2].trimEnd()}>` : '';
  const rest = text.slice(doctype.index + doctype[0].length);
  const after = kept ? rest : rest.replace(/^\r?\n/, '');
  return { ...image, bytes: new TextEncoder().encode(text.slice(0, doctype.index) + kept + after) };
}

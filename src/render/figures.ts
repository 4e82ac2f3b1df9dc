import path from 'node:path';
import type { Root } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { Place } from '../core/rules.ts';
import type { Book, BookImage } from '../core/types.ts';
import { lengthInInches, textBlockInches } from './pdf/trim.ts';
import { plainText } from './title.ts';

/** A picture as one format shows it. */
export interface FigureImage {
  src: string;
  width: number;
  height: number;
  /** Inline CSS: the print width (`width: 3.2in`), or the web's share of the column (`width: 50%`). */
  style?: string;
}

/** Where a figure's picture is: a file of the project, a web address, outside the project, or none given. */
export type ImageLocation = { kind: 'none' } | { kind: 'file'; path: string } | { kind: 'remote'; url: string } | { kind: 'outside'; path: string };

export interface FigureReference {
  node: LeafDirective;
  location: ImageLocation;
  /** The `width` attribute as written. */
  width: string | undefined;
  /** Alt text: the `alt` attribute, else the caption's text. */
  alt: string;
  place: Place;
}

const remotePattern = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * A figure's `src` resolved against the folder of its chapter file (`chapters/x.md` +
 * `images/x/a.png` → `chapters/images/x/a.png`), as a project path. Percent-escapes are decoded,
 * as a browser would.
 */
export function imageLocation(chapterPath: string, src: string | undefined): ImageLocation {
  const raw = src?.trim();
  if (!raw) return { kind: 'none' };
  if (remotePattern.test(raw)) return { kind: 'remote', url: raw };
  let decoded = raw.split(/[?#]/)[0] ?? raw;
  try {
    decoded = decodeURI(decoded);
  } catch {
    // A stray % stays as written: the file may really be named so.
  }
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(chapterPath.replace(/\\/g, '/')), decoded.replace(/\\/g, '/')));
  if (decoded.startsWith('/') || resolved === '..' || resolved.startsWith('../')) return { kind: 'outside', path: decoded };
  return { kind: 'file', path: resolved };
}

/** The `::figure` directives of a chapter body, in reading order. */
export function figuresOf(tree: Root, chapterPath: string): FigureReference[] {
  const figures: FigureReference[] = [];
  visit(tree, 'leafDirective', (node) => {
    if (node.name !== 'figure') return;
    const attributes = node.attributes ?? {};
    figures.push({
      node,
      location: imageLocation(chapterPath, attributes.src ?? undefined),
      width: attributes.width?.trim() || undefined,
      alt: figureAlt(node),
      place: { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 },
    });
  });
  return figures;
}

/** What a reader who cannot see the picture is told: `alt`, else the caption. */
export function figureAlt(node: LeafDirective): string {
  const alt = node.attributes?.alt?.trim();
  return alt || plainText(node.children).replace(/\s+/g, ' ').trim();
}

export type FigureWidth = { kind: 'fraction'; value: number } | { kind: 'inches'; value: number };

/** `50%` of the text width, or a length (`3in`, `8cm`, `60mm`, `400px`, a bare `400` in pixels). */
export function parseFigureWidth(raw: string): FigureWidth | undefined {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
  if (percent) {
    const value = Number(percent[1]) / 100;
    return value > 0 && value <= 1 ? { kind: 'fraction', value } : undefined;
  }
  const inches = lengthInInches(/^\s*\d+(?:\.\d+)?\s*$/.test(raw) ? `${raw.trim()}px` : raw);
  return inches !== undefined && inches > 0 ? { kind: 'inches', value: inches } : undefined;
}

/** The CSS pixels per inch, and the size of an image whose file declares no density. */
const cssPixelsPerInch = 96;
/** A tall picture takes at most this share of the text block's height, leaving room for its caption. */
const maxHeightShare = 0.7;

export interface PrintedSize {
  widthInches: number;
  /** Pixels per inch at that width (Infinity for a vector image). */
  ppi: number;
}

/**
 * The size a figure prints at: its own size (pixels over the density it declares, else CSS's 96
 * per inch) or the width its `width` attribute asks for, never wider than the text block nor
 * taller than most of it.
 */
export function printedSize(
  image: Pick<BookImage, 'width' | 'height' | 'density' | 'vector'>,
  width: FigureWidth | undefined,
  block: { width: number; height: number },
): PrintedSize {
  const natural = image.width / (image.density && image.density > 0 ? image.density : cssPixelsPerInch);
  const requested = width ? (width.kind === 'fraction' ? width.value * block.width : width.value) : natural;
  let widthInches = Math.min(requested, block.width);
  const maxHeight = block.height * maxHeightShare;
  if (image.width > 0 && widthInches * (image.height / image.width) > maxHeight) widthInches = (maxHeight * image.width) / image.height;
  return { widthInches, ppi: image.vector ? Number.POSITIVE_INFINITY : image.width / widthInches };
}

/** The figure's image, if the book has it. */
export function imageOf(images: ReadonlyMap<string, BookImage> | undefined, location: ImageLocation): BookImage | undefined {
  return location.kind === 'file' ? images?.get(location.path) : undefined;
}

/** The inline width a figure's `width` attribute asks for on a screen or an e-reader. */
function screenStyle(width: string | undefined): string | undefined {
  const parsed = width === undefined ? undefined : parseFigureWidth(width);
  if (!parsed) return undefined;
  return parsed.kind === 'fraction' ? `width: ${Math.round(parsed.value * 1000) / 10}%` : `width: ${Math.round(parsed.value * 1000) / 1000}in`;
}

/** Figures on the site (`base` ''), or in the EPUB (`base` '../' from `text/`, its EPUB copies). */
export function screenFigureImage(book: Pick<Book, 'images'>, format: 'web' | 'epub', base: string): (figure: FigureReference) => FigureImage | undefined {
  return (figure) => {
    const image = imageOf(book.images, figure.location);
    if (!image) return undefined;
    const style = screenStyle(figure.width);
    return { src: `${base}${image[format].path}`, width: image.width, height: image.height, ...(style ? { style } : {}) };
  };
}

/** Figures in the PDF: at the size they print (`printedSize`), the file beside the print HTML. */
export function printFigureImage(book: Book): (figure: FigureReference) => FigureImage | undefined {
  const block = textBlockInches(book.config.trim);
  return (figure) => {
    const image = imageOf(book.images, figure.location);
    if (!image) return undefined;
    const width = figure.width === undefined ? undefined : parseFigureWidth(figure.width);
    const size = printedSize(image, width, block);
    return { src: image.web.path, width: image.width, height: image.height, style: `width: ${size.widthInches.toFixed(3)}in` };
  };
}

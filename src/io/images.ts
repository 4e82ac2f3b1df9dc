import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import { type Place, report } from '../core/rules.ts';
import type { Book, BookImage, ImageFile } from '../core/types.ts';
import { svgActiveContent } from '../load/svg.ts';
import { figuresOf, type ImageLocation, parseFigureWidth, printedSize } from '../render/figures.ts';
import { textBlockInches } from '../render/pdf/trim.ts';
import { resolveInside } from './read.ts';

/** Print needs this many pixels per inch at the printed size. */
export const printPpi = 300;

type ReadImage =
  | { kind: 'ok'; image: BookImage; converted: string | undefined }
  | { kind: 'missing' }
  | { kind: 'outside' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'active'; reason: string };

/**
 * Reads every figure's image (resolved against its chapter file) and the cover, checks them and
 * prepares each output's copy: a missing file, a path that leaves the project, or a file that is
 * not a picture we can read is an error on the chapter at the figure; a picture too small for
 * print a warning naming the chapter. Returns the book with `images` and `cover`.
 */
export async function loadBookImages(projectDir: string, book: Book, files: readonly VFile[]): Promise<Book> {
  const reader = imageReader(projectDir);
  const images = new Map<string, BookImage>();
  const block = textBlockInches(book.config.trim);
  for (const chapter of book.chapters) {
    const file = files.find((candidate) => candidate.path === chapter.path);
    if (!file) continue;
    for (const figure of figuresOf(chapter.tree, chapter.path)) {
      const width = figure.width === undefined ? undefined : parseFigureWidth(figure.width);
      if (figure.width !== undefined && !width) {
        report(file, 'image-width-invalid', `width="${figure.width}" is not a share of the text width (50%) or a length (3in, 8cm, 60mm, 400px)`, figure.place);
      }
      const { location } = figure;
      const remote = figure.node.attributes?.remote;
      if (location.kind === 'none' && remote) {
        report(
          file,
          'image-remote',
          `the picture at ${remote} is not in the book (the build never fetches): save it in the project and name it with src="…", or import the post again with --fetch-images`,
          figure.place,
        );
      }
      if (location.kind === 'none') continue;
      if (location.kind === 'remote') {
        report(
          file,
          'image-remote',
          `${location.url} is a web address: the build never fetches it and prints a placeholder; save the picture in the project and name its file`,
          figure.place,
        );
        continue;
      }
      const read = await reader(location);
      if (!checkRead(file, read, location, figure.place)) continue;
      const { image } = read;
      if (location.kind === 'file') images.set(location.path, image);
      if (read.converted) report(file, 'image-converted', read.converted, figure.place);
      if (!figure.alt) {
        report(
          file,
          'image-alt-missing',
          `the figure showing ${image.source} has neither a caption nor alt text: add ::figure[caption] or alt="…" for readers who cannot see it`,
          figure.place,
        );
      }
      const size = printedSize(image, width, block);
      if (size.ppi < printPpi) {
        const needed = Math.ceil(size.widthInches * printPpi);
        report(
          file,
          'image-low-resolution',
          `chapter ${chapter.number}, “${chapter.meta.title}”: ${image.source} (${image.width} × ${image.height} px) prints ${size.widthInches.toFixed(2)} in wide at ${Math.round(size.ppi)} ppi; print needs ${printPpi}: supply a file at least ${needed} px wide, or a smaller width="…"`,
          figure.place,
        );
      }
    }
  }
  const cover = await loadCover(book, files, reader);
  return { ...book, images, ...(cover ? { cover } : {}) };
}

async function loadCover(book: Book, files: readonly VFile[], reader: (location: ImageLocation) => Promise<ReadImage>): Promise<BookImage | undefined> {
  const coverPath = book.config.cover;
  const configFile = files[0];
  if (!coverPath || !configFile) return undefined;
  const location = { kind: 'file', path: path.posix.normalize(coverPath) } as const;
  const read = await reader(location);
  const place = placeOfKey(configFile, 'cover');
  if (!checkRead(configFile, read, location, place, 'the project folder')) return undefined;
  return read.image;
}

/** Reports why an image cannot be used; true when it can. */
function checkRead(
  file: VFile,
  read: ReadImage,
  location: ImageLocation,
  place: Place,
  relativeTo = 'the chapter file',
): read is Extract<ReadImage, { kind: 'ok' }> {
  const named = location.kind === 'file' || location.kind === 'outside' ? location.path : '';
  if (location.kind === 'outside' || read.kind === 'outside') {
    report(
      file,
      'image-outside-project',
      `image ${named} is outside the project folder: copy it into the project (chapters/images/…) and name it from there`,
      place,
    );
    return false;
  }
  if (read.kind === 'missing') {
    report(file, 'image-missing', `image ${named} does not exist (paths are relative to ${relativeTo})`, place);
    return false;
  }
  if (read.kind === 'unreadable') {
    report(file, 'image-unreadable', `image ${named} cannot be used: ${read.reason}`, place);
    return false;
  }
  if (read.kind === 'active') {
    report(
      file,
      'image-svg-active',
      `image ${named} cannot be used: this SVG ${read.reason}; save it again without it (the book carries no script and nothing from outside)`,
      place,
    );
    return false;
  }
  return true;
}

/** The line and column of `key:` in anthology.yaml. */
function placeOfKey(file: VFile, key: string): Place {
  const lines = String(file.value).split('\n');
  const index = lines.findIndex((line) => new RegExp(`^\\s*${key}\\s*:`).test(line));
  return index < 0 ? { line: 1, column: 1 } : { line: index + 1, column: (lines[index]?.indexOf(key) ?? 0) + 1 };
}

/** Reads each file once, however many figures show it. */
function imageReader(projectDir: string): (location: ImageLocation) => Promise<ReadImage> {
  const cache = new Map<string, Promise<ReadImage>>();
  return (location) => {
    if (location.kind !== 'file') return Promise.resolve({ kind: 'outside' });
    let read = cache.get(location.path);
    if (!read) {
      read = readImage(projectDir, location.path);
      cache.set(location.path, read);
    }
    return read;
  };
}

const webFormats = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' } as const;
const epubFormats = new Set(['png', 'jpeg', 'gif', 'svg']);

async function readImage(projectDir: string, projectPath: string): Promise<ReadImage> {
  const absolute = resolveInside(projectDir, projectPath);
  if (!absolute) return { kind: 'outside' };
  let bytes: Buffer;
  try {
    // resolveInside followed any symbolic link: `absolute` is inside the project.
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code === 'EISDIR' ? 'it is a folder' : (error as Error).message };
  }
  let format: string;
  let width: number;
  let height: number;
  let density: number | undefined;
  let animated = false;
  try {
    const sharp = await loadSharp();
    const metadata = await sharp(bytes).metadata();
    format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format;
    // EXIF orientations 5–8 turn the picture a quarter: readers and browsers show it turned.
    const turned = (metadata.orientation ?? 1) >= 5;
    width = (turned ? metadata.height : metadata.width) ?? 0;
    height = (turned ? metadata.width : metadata.height) ?? 0;
    density = format === 'svg' ? undefined : metadata.density;
    animated = (metadata.pages ?? 1) > 1;
    // Decode it all: a truncated or damaged file fails here, not in a reader's hands.
    if (format !== 'svg') await sharp(bytes, { failOn: 'error' }).raw().toBuffer();
  } catch (error) {
    return { kind: 'unreadable', reason: `not a picture that can be read (${(error as Error).message.replace(/\s+/g, ' ').trim()})` };
  }
  if (!width || !height) return { kind: 'unreadable', reason: 'it has no size (an SVG needs width and height, or a viewBox)' };
  const active = format === 'svg' ? svgActiveContent(bytes.toString('utf8')) : undefined;
  if (active) return { kind: 'active', reason: active };
  const stem = new GithubSlugger().slug(path.posix.basename(projectPath).replace(/\.[^.]+$/, '')) || 'image';
  const original = webFormats[format as keyof typeof webFormats];
  let web: ImageFile;
  let epub: ImageFile;
  let converted: string | undefined;
  if (original) {
    web = imageFile(stem, format, original, bytes);
    epub = epubFormats.has(format) ? web : imageFile(stem, 'png', 'image/png', await toPng(bytes));
    if (epub !== web) converted = `${projectPath} is ${format.toUpperCase()}, which EPUB 3 readers need not show: the EPUB carries it as PNG`;
  } else if (format === 'avif' || format === 'tiff' || format === 'heif') {
    web = imageFile(stem, 'png', 'image/png', await toPng(bytes));
    epub = web;
    converted = `${projectPath} is ${format.toUpperCase()}, which not every browser or EPUB reader shows: the book carries it as PNG`;
  } else {
    return { kind: 'unreadable', reason: `${format.toUpperCase()} is not a format the book can carry: save it as PNG, JPEG or SVG` };
  }
  return { kind: 'ok', image: { source: projectPath, width, height, density, vector: format === 'svg', animated, web, epub }, converted };
}

/** sharp (native, slow to load) is loaded by the first picture, not by every book. */
let sharpModule: typeof import('sharp') | undefined;
async function loadSharp(): Promise<typeof import('sharp')> {
  sharpModule ??= (await import('sharp')).default;
  return sharpModule;
}

/** Lossless, without metadata, the same bytes every time for the same input. */
async function toPng(bytes: Buffer): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(bytes, { failOn: 'error' }).rotate().png({ compressionLevel: 9, adaptiveFiltering: false }).toBuffer();
}

/** A stable name from the file's own name and its bytes: `images/summit-1a2b3c4d.jpg`. */
function imageFile(stem: string, format: string, mediaType: ImageFile['mediaType'], bytes: Uint8Array): ImageFile {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const extension = format === 'jpeg' ? 'jpg' : format;
  return { path: `images/${stem}-${hash}.${extension}`, mediaType, bytes };
}

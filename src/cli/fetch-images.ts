import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type Place, report } from '../core/rules.ts';
import { chapterImagePath, fullSizeAddress, isOnTheWeb, remoteFigures, unusedImageName, webAddress } from '../import/images.ts';
import { type FetchedImage, fetchImage, type ImageFormat } from '../io/fetch-image.ts';

/** `import --fetch-images`: the pictures imported posts show from the web, downloaded into the book. */

export interface FetchImagesOptions {
  /** `--fetch-local`: also from this machine and private networks. */
  allowLocal: boolean;
}

const parallel = 4;
const userAgent = 'Mozilla/5.0 (compatible; anthology book importer)';

/**
 * Downloads the web addresses among the bodies' figures, four at a time, into `fetched`, which
 * holds what earlier sources of the same import fetched: each address is asked for once.
 */
export async function fetchRemoteFigures(bodies: readonly Root[], options: FetchImagesOptions, fetched: Map<string, FetchedImage>): Promise<void> {
  // Each address once, with the first larger copy a post linked it to.
  const wanted = new Map<string, string | undefined>();
  for (const { url, larger } of bodies.flatMap(remoteFigures)) if (isOnTheWeb(url) && !fetched.has(url) && !wanted.get(url)) wanted.set(url, larger);
  const urls = [...wanted];
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const [url, larger] = urls[next++] as [string, string | undefined];
      fetched.set(url, await fetchFullSize(url, larger, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, urls.length) }, worker));
}

/**
 * The larger copy the post linked the picture to, else the platform's full-size original where
 * its address names one (`fullSizeAddress`: a book prints at 300 pixels an inch what a post shows
 * 300 pixels wide), else, or when those fail (or are no picture), the picture the post shows. One
 * picture failing in a way no check foresaw is that picture's problem, not the import's.
 */
async function fetchFullSize(url: string, larger: string | undefined, options: FetchImagesOptions): Promise<FetchedImage> {
  const fetch = (address: string) =>
    fetchImage(address, { allowLocal: options.allowLocal, userAgent }).catch((error: unknown) => ({
      problem: error instanceof Error ? error.message : String(error),
    }));
  const original = fullSizeAddress(url);
  for (const address of new Set([larger, original].filter((candidate): candidate is string => candidate !== undefined && candidate !== url))) {
    const full = await fetch(address);
    if (!('problem' in full)) return full;
  }
  return fetch(url);
}

/**
 * Points each fetched figure of a piece at its picture, saved beside the chapter as
 * `images/<slug>/<name>` (the figure keeps the address it came from as `remote`), and returns the
 * pictures to write. The importer's "not fetched" warning for the address becomes a note of where
 * the picture came from, or, when the download failed, a warning saying why.
 */
export function placeFetchedImages(
  body: Root,
  slug: string,
  fetched: ReadonlyMap<string, FetchedImage>,
  file: VFile,
  used: Set<string>,
): { bytes: Uint8Array; relative: string }[] {
  const pictures: { bytes: Uint8Array; relative: string }[] = [];
  for (const { figure, url } of remoteFigures(body)) {
    const result = fetched.get(url);
    if (!result) continue;
    const start = figure.position?.start;
    const place = takeNotFetchedWarning(file, url) ?? (start ? { line: start.line, column: start.column } : { line: 1, column: 1 });
    if ('problem' in result) {
      report(
        file,
        'import-image-fetch-failed',
        `the image ${url} could not be fetched (${result.problem}): put the file in the project and give the figure a src`,
        place,
      );
      continue;
    }
    const relative = chapterImagePath(slug, unusedImageName(fetchedName(result.url, result.format), used));
    pictures.push({ bytes: result.bytes, relative });
    const { src: _remote, remote: _address, ...attributes } = figure.attributes ?? {};
    figure.attributes = { src: relative, remote: url, ...attributes };
    report(
      file,
      'import-image-fetched',
      `the image ${url} was fetched${result.url === url ? '' : ` (from ${result.url}: the larger copy the post linked it to, its full-size original, or where it led)`} into ${relative}`,
      place,
    );
  }
  return pictures;
}

/** Takes out the importer's `import-remote-image` warning naming `url`, and gives its place. */
function takeNotFetchedWarning(file: VFile, url: string): Place | undefined {
  const index = file.messages.findIndex((message) => message.ruleId === 'import-remote-image' && message.reason.includes(`${url} `));
  if (index < 0) return undefined;
  const [message] = file.messages.splice(index, 1);
  return message?.line ? { line: message.line, column: message.column ?? 1 } : undefined;
}

const extensions: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', webp: 'webp', svg: 'svg', avif: 'avif', tiff: 'tif', heif: 'heic' };

/** A file name from the address's last part, with the extension of what was received: `Sylvester2020-696x365.jpg`. */
export function fetchedName(url: string, format: ImageFormat): string {
  let last = webAddress(url)?.pathname.split('/').pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // `%` not followed by two hex digits: the name as written.
  }
  const stem = last
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem || 'image'}.${extensions[format]}`;
}

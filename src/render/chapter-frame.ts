import { createHash } from 'node:crypto';
import { contentKey } from '../core/memo.ts';
import type { Book, BookImage, Chapter, ImageFile } from '../core/types.ts';

/**
 * What a chapter's own page (the site's, the EPUB's) may read of the book besides the chapter: the
 * config, the pictures and cover, and which works the book's reference list holds (citations link
 * there). Nothing else: not the other chapters, contents, contributors or editions, which change
 * whenever any chapter does. The renderers give a chapter's page this and not the `Book`, so the
 * type checker keeps the page to what its cache key (`frameKey`) covers.
 */
export interface ChapterFrame {
  config: Book['config'];
  images?: NonNullable<Book['images']>;
  cover?: NonNullable<Book['cover']>;
  bibliography?: { keys: readonly string[] };
}

const frames = new WeakMap<Book, ChapterFrame>();

/** The book's frame, one per book (the site and the EPUB share it, and with it `frameKey`'s work). */
export function chapterFrame(book: Book): ChapterFrame {
  let frame = frames.get(book);
  if (frame === undefined) {
    frame = {
      config: book.config,
      ...(book.images ? { images: book.images } : {}),
      ...(book.cover ? { cover: book.cover } : {}),
      ...(book.bibliography ? { bibliography: { keys: book.bibliography.keys } } : {}),
    };
    frames.set(book, frame);
  }
  return frame;
}

const frameKeys = new WeakMap<ChapterFrame, string>();

/**
 * A key for everything in the frame (pictures by their bytes' hash, not their bytes), worked out
 * once per frame: a frame is made for one rendering and not changed.
 */
export function frameKey(frame: ChapterFrame): string {
  let key = frameKeys.get(frame);
  if (key === undefined) {
    key = frameKeyOf(frame);
    frameKeys.set(frame, key);
  }
  return key;
}

function frameKeyOf(frame: ChapterFrame): string {
  return contentKey(
    frame.config,
    frame.bibliography?.keys ?? null,
    [...(frame.images ?? new Map<string, BookImage>())].map(([location, image]) => [location, imageDigest(image)]),
    frame.cover ? imageDigest(frame.cover) : null,
  );
}

const chapterKeys = new WeakMap<Chapter, string>();

/**
 * A key for the chapter as the renderers receive it: its text as parsed, citations rendered,
 * number, id, front matter. Worked out once per chapter object (the site and the EPUB both ask):
 * a chapter is not changed once cited.
 */
export function chapterKey(chapter: Chapter): string {
  let key = chapterKeys.get(chapter);
  if (key === undefined) {
    key = contentKey(chapter);
    chapterKeys.set(chapter, key);
  }
  return key;
}

function imageDigest(image: BookImage): unknown {
  const { web, epub, ...rest } = image;
  return { ...rest, web: fileDigest(web), epub: fileDigest(epub) };
}

const fileDigests = new WeakMap<ImageFile, unknown>();

/** Once per file: a picture's EPUB file is often its web file, and the site and the EPUB both ask. */
function fileDigest(file: ImageFile): unknown {
  let digest = fileDigests.get(file);
  if (digest === undefined) {
    digest = { path: file.path, mediaType: file.mediaType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
    fileDigests.set(file, digest);
  }
  return digest;
}

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

export function chapterFrame(book: Book): ChapterFrame {
  return {
    config: book.config,
    ...(book.images ? { images: book.images } : {}),
    ...(book.cover ? { cover: book.cover } : {}),
    ...(book.bibliography ? { bibliography: { keys: book.bibliography.keys } } : {}),
  };
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

/** A key for the chapter as the renderers receive it: its text as parsed, citations rendered, number, id, front matter. */
export function chapterKey(chapter: Chapter): string {
  return contentKey(chapter);
}

function imageDigest(image: BookImage): unknown {
  const { web, epub, ...rest } = image;
  return { ...rest, web: fileDigest(web), epub: fileDigest(epub) };
}

function fileDigest(file: ImageFile): unknown {
  return { path: file.path, mediaType: file.mediaType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}

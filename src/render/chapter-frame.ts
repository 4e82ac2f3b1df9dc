import { createHash } from 'node:crypto';
import { contentKey, oncePerObject } from '../core/memo.ts';
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

/** The book's frame, one per book (the site and the EPUB share it, and with it `frameKey`'s work). */
export const chapterFrame = oncePerObject(
  (book: Book): ChapterFrame => ({
    config: book.config,
    ...(book.images ? { images: book.images } : {}),
    ...(book.cover ? { cover: book.cover } : {}),
    ...(book.bibliography ? { bibliography: { keys: book.bibliography.keys } } : {}),
  }),
);

/** A key for everything in the frame (pictures by their bytes' hash, not their bytes). */
export const frameKey = oncePerObject((frame: ChapterFrame): string =>
  contentKey(
    frame.config,
    frame.bibliography?.keys ?? null,
    [...(frame.images ?? new Map<string, BookImage>())].map(([location, image]) => [location, imageDigest(image)]),
    frame.cover ? imageDigest(frame.cover) : null,
  ),
);

/** A key for the chapter as the renderers receive it: its text as parsed, citations rendered, number, id, front matter. */
export const chapterKey = oncePerObject((chapter: Chapter): string => contentKey(chapter));

function imageDigest(image: BookImage): unknown {
  const { web, epub, ...rest } = image;
  return { ...rest, web: fileDigest(web), epub: fileDigest(epub) };
}

/**
 * A picture file by path, type and content. Its EPUB file is often its web file, and the PDF's
 * cache key uses the web file too: each hashed once.
 */
export const fileDigest = oncePerObject((file: ImageFile): unknown => ({
  path: file.path,
  mediaType: file.mediaType,
  sha256: createHash('sha256').update(file.bytes).digest('hex'),
}));

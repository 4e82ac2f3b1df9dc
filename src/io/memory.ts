import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A heap this large is a big book's (1,000 chapters: ~230 MB in use after citing); the default book's is ~65 MB. */
const collectAbove = 128 * 1024 * 1024;

/**
 * One full garbage collection, only when the heap in use is a big book's: what a stage let go of
 * (the citeproc engines, the chapter files and their texts) is freed before the next stage
 * allocates on top of it, and V8 sizes the heap's next limit from what is still live. A small
 * book's build would wait on a full collection for nothing.
 */
export function collectBigGarbage(): void {
  if (getHeapStatistics().used_heap_size < collectAbove) return;
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

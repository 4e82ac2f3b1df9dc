import { parentPort, workerData } from 'node:worker_threads';
import { type CitationJob, type CiteprocEngine, type CslJsonItem, type JobHtml, renderCitationJob } from '../core/citations.ts';
import { registerStyle } from './citation-js.ts';

/** What the worker is sent: every job, the order to take them in, and the counter it shares with the other threads. */
export interface WorkerRequest {
  jobs: (CitationJob | undefined)[];
  order: number[];
  /** An Int32Array on a SharedArrayBuffer: the place in `order` of the next job no thread has taken. */
  next: Int32Array;
}

/** What the worker says: one job's citations, by its index in the jobs sent; that no job is left; or why it stopped. */
export type WorkerReply = { index: number; result: JobHtml } | { done: true } | { error: string };

/** A worker started for a reference list (`mode: 'bibliography'`) is sent the works; it answers with the list. */
export interface BibliographyRequest {
  items: CslJsonItem[];
}
export type BibliographyReply = { bibliography: ReturnType<CiteprocEngine['makeBibliography']> } | { error: string };

/**
 * A worker thread of `citeproc-workers.ts`: registers the style it is given, takes jobs from the
 * shared counter until none is left, renders each with one engine (reset to each job's works, as
 * on the main thread) and answers each as it is done, letting go of it: neither the jobs nor their
 * results pile up in this thread (at 1,000 chapters its heap had grown to ~800 MB holding both).
 */
const { name, styleXml, locale, mode } = workerData as {
  name: string;
  styleXml: string;
  locale: { name: string; xml: string } | undefined;
  mode?: 'bibliography';
};
const style = registerStyle(name, styleXml, locale);
if (mode === 'bibliography') makeList();
else renderJobs();

/**
 * A reference list (`citeproc-workers.ts` `bibliographyInWorker`): the whole engine is built at
 * once, while the works are still being gathered; they come in one message, the list goes back.
 */
function makeList(): void {
  const reply = (answer: BibliographyReply) => parentPort?.postMessage(answer);
  const failed = (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  try {
    // A list of nothing: the engine is built and held for the list asked for next.
    style.bibliography([]);
  } catch (error) {
    failed(error);
    return;
  }
  parentPort?.once('message', ({ items }: BibliographyRequest) => {
    try {
      reply({ bibliography: style.bibliography(items) });
    } catch (error) {
      failed(error);
    }
  });
}

function renderJobs(): void {
  parentPort?.once('message', ({ jobs, order, next }: WorkerRequest) => {
    for (let at = Atomics.add(next, 0, 1); at < order.length; at = Atomics.add(next, 0, 1)) {
      const index = order[at] as number;
      const job = jobs[index];
      jobs[index] = undefined;
      if (!job) continue;
      let reply: WorkerReply;
      try {
        reply = { index, result: renderCitationJob(style.citationEngine(job.works), job.clusters) };
      } catch (error) {
        parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
        return;
      }
      parentPort?.postMessage(reply);
    }
    parentPort?.postMessage({ done: true } satisfies WorkerReply);
  });
}

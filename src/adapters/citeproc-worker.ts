import { parentPort, workerData } from 'node:worker_threads';
import { type CitationJob, type JobHtml, renderCitationJob } from '../core/citations.ts';
import { registerStyle } from './citation-js.ts';

/** What the worker says: one job's citations, by its place in the share it was sent, or why it stopped. */
export type WorkerReply = { index: number; result: JobHtml } | { error: string };

/**
 * A worker thread of `citeproc-workers.ts`: registers the style it is given, renders the jobs it
 * is sent with one engine (reset to each job's works, as on the main thread) and answers each as
 * it is done, letting go of the job: neither the jobs nor their results pile up in this thread
 * (at 1,000 chapters its heap had grown to ~800 MB holding both).
 */
const { name, styleXml, locale } = workerData as { name: string; styleXml: string; locale: { name: string; xml: string } | undefined };
const style = registerStyle(name, styleXml, locale);
parentPort?.once('message', (jobs: (CitationJob | undefined)[]) => {
  for (const [index, job] of jobs.entries()) {
    if (!job) continue;
    jobs[index] = undefined;
    let reply: WorkerReply;
    try {
      reply = { index, result: renderCitationJob(style.citationEngine(job.works), job.clusters) };
    } catch (error) {
      parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
      return;
    }
    parentPort?.postMessage(reply);
  }
});

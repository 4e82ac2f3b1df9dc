import { parentPort, workerData } from 'node:worker_threads';
import { type CitationJob, type JobHtml, renderCitationJob } from '../core/citations.ts';
import { registerStyle } from './citation-js.ts';

/**
 * A worker thread of `citeproc-workers.ts`: registers the style it is given, renders the jobs it
 * is sent with one engine (reset to each job's works, as on the main thread) and answers once.
 */
const { name, styleXml, locale } = workerData as { name: string; styleXml: string; locale: { name: string; xml: string } | undefined };
const style = registerStyle(name, styleXml, locale);
parentPort?.once('message', (jobs: CitationJob[]) => {
  let reply: { results: JobHtml[] } | { error: string };
  try {
    reply = { results: jobs.map((job) => renderCitationJob(style.engine(job.works), job.clusters)) };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});

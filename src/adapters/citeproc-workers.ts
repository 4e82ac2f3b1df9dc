import { Worker } from 'node:worker_threads';
import type { BibliographyAhead, CitationJob, JobHtml, SharedJobs } from '../core/citations.ts';
import type { BibliographyReply, BibliographyRequest, WorkerReply, WorkerRequest } from './citeproc-worker.ts';

/** Set by scripts/build-cli.mjs in the compiled CLI, whose worker is dist/citeproc-worker.js. */
declare const __ANTHOLOGY_COMPILED__: boolean | undefined;

/** A registered style as a worker thread registers it again. */
export interface StyleSource {
  name: string;
  styleXml: string;
  locale: { name: string; xml: string } | undefined;
}

/**
 * `jobs` rendered in `threads` worker threads (`citeproc-worker.ts`), each with its own engine.
 * The threads take the jobs one at a time from one counter shared with the caller (`claim`), the
 * heaviest (clusters and works) first, so that no thread is left with a long job while the others
 * wait at the end: the calling thread, once done with its own work (the reference list), takes
 * the jobs not yet started instead of waiting. Each job's output depends on the job alone, so
 * which thread renders it changes nothing. Every worker is sent all the jobs (it drops each as it
 * passes it): the calling thread is busy and cannot hand them out one by one.
 */
export function renderJobsInWorkers(source: StyleSource, jobs: readonly CitationJob[], threads: number): SharedJobs {
  const weight = (job: CitationJob) => job.clusters.length + job.works.length;
  const order = jobs.map((_, index) => index).sort((a, b) => weight(jobs[b]!) - weight(jobs[a]!) || a - b);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = Math.max(1, Math.min(threads, jobs.length));
  const done = Promise.all(Array.from({ length: workers }, () => renderTaken(source, { jobs: [...jobs], order, next }))).then(
    (answers) => new Map(answers.flatMap((answer) => [...answer])),
  );
  return {
    claim() {
      const at = Atomics.add(next, 0, 1);
      return at < order.length ? order[at] : undefined;
    },
    done,
  };
}

/** What one worker made of the jobs it took, by index: it answers job by job, then says it found none left. */
function renderTaken(source: StyleSource, request: WorkerRequest): Promise<Map<number, JobHtml>> {
  const worker = startWorker(source);
  const results = new Map<number, JobHtml>();
  return new Promise<Map<number, JobHtml>>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if ('error' in reply) return reject(new Error(`citeproc failed in a worker thread: ${reply.error}`));
      if ('done' in reply) return resolve(results);
      results.set(reply.index, reply.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`citeproc's worker thread stopped (exit code ${code}) before it answered`)));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * A worker thread (`citeproc-worker.ts`, mode `bibliography`) that builds the style's whole engine
 * as soon as it starts, then makes the one reference list it is asked for and ends.
 */
export function bibliographyInWorker(source: StyleSource): BibliographyAhead {
  const worker = startWorker(source, 'bibliography');
  const answer = new Promise<BibliographyReply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`citeproc's worker thread stopped (exit code ${code}) before it answered`)));
  });
  // Heard by `list`, which is asked for at once (`cite/render.ts`).
  answer.catch(() => undefined);
  return {
    async list(items) {
      worker.postMessage({ items } satisfies BibliographyRequest);
      try {
        const reply = await answer;
        if ('error' in reply) throw new Error(`citeproc failed in a worker thread: ${reply.error}`);
        return reply.bibliography;
      } finally {
        await worker.terminate();
      }
    },
  };
}

function startWorker(source: StyleSource, mode?: 'bibliography'): Worker {
  const workerData = { name: source.name, styleXml: source.styleXml, locale: source.locale, ...(mode ? { mode } : {}) };
  if (typeof __ANTHOLOGY_COMPILED__ !== 'undefined' && __ANTHOLOGY_COMPILED__) {
    return new Worker(new URL('../../dist/citeproc-worker.js', import.meta.url), { workerData });
  }
  // From the TypeScript sources (tsx): the worker registers tsx's loader before it loads its module.
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./citeproc-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

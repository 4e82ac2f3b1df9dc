import { Worker } from 'node:worker_threads';
import type { CitationJob, JobHtml } from '../core/citations.ts';
import type { WorkerReply } from './citeproc-worker.ts';

/** Set by scripts/build-cli.mjs in the compiled CLI, whose worker is dist/citeproc-worker.js. */
declare const __ANTHOLOGY_COMPILED__: boolean | undefined;

/** A registered style as a worker thread registers it again. */
export interface StyleSource {
  name: string;
  styleXml: string;
  locale: { name: string; xml: string } | undefined;
}

/**
 * `jobs` rendered in `threads` worker threads (`citeproc-worker.ts`), each given a share of about
 * equal weight (clusters and works) and its own engine: the results, in the order of `jobs`. Each
 * job's output depends on the job alone, so how they are shared out changes nothing.
 */
export async function renderJobsInWorkers(source: StyleSource, jobs: readonly CitationJob[], threads: number): Promise<JobHtml[]> {
  const shares = shareOut(jobs, Math.max(1, Math.min(threads, jobs.length)));
  const answers = await Promise.all(
    shares.map((share) =>
      renderShare(
        source,
        share.map((index) => jobs[index]!),
      ),
    ),
  );
  const results: JobHtml[] = new Array(jobs.length);
  shares.forEach((share, which) => {
    share.forEach((index, at) => {
      results[index] = answers[which]![at]!;
    });
  });
  return results;
}

/** Job indexes per thread: heaviest first, each to the lightest share so far (ties to the first). */
function shareOut(jobs: readonly CitationJob[], threads: number): number[][] {
  const weight = (job: CitationJob) => job.clusters.length + job.works.length;
  const order = jobs.map((_, index) => index).sort((a, b) => weight(jobs[b]!) - weight(jobs[a]!) || a - b);
  const shares = Array.from({ length: threads }, () => ({ indexes: [] as number[], weight: 0 }));
  for (const index of order) {
    const lightest = shares.reduce((least, share) => (share.weight < least.weight ? share : least));
    lightest.indexes.push(index);
    lightest.weight += weight(jobs[index]!);
  }
  return shares.map((share) => share.indexes.sort((a, b) => a - b)).filter((share) => share.length > 0);
}

/** A share's results, in its order: the worker answers job by job. */
function renderShare(source: StyleSource, jobs: CitationJob[]): Promise<JobHtml[]> {
  const worker = startWorker(source);
  const results: JobHtml[] = new Array(jobs.length);
  let answered = 0;
  return new Promise<JobHtml[]>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if ('error' in reply) return reject(new Error(`citeproc failed in a worker thread: ${reply.error}`));
      results[reply.index] = reply.result;
      answered += 1;
      if (answered === jobs.length) resolve(results);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`citeproc's worker thread stopped (exit code ${code}) before it answered`)));
    worker.postMessage(jobs);
  }).finally(() => worker.terminate());
}

function startWorker(source: StyleSource): Worker {
  const workerData = { name: source.name, styleXml: source.styleXml, locale: source.locale };
  if (typeof __ANTHOLOGY_COMPILED__ !== 'undefined' && __ANTHOLOGY_COMPILED__) {
    return new Worker(new URL('../../dist/citeproc-worker.js', import.meta.url), { workerData });
  }
  // From the TypeScript sources (tsx): the worker registers tsx's loader before it loads its module.
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./citeproc-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

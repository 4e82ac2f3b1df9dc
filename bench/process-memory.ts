// Memory of a process tree (node and the Chromium it started), sampled from /proc while it runs.
import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySample {
  /** Sum of the resident sets (counts memory shared between Chromium's processes once per process). */
  rssBytes: number;
  /** Sum of the proportional set sizes: shared pages split between the processes that share them. */
  pssBytes: number;
}

/** The process and all its descendants, from the parent ids in /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index] ?? -1) ?? []));
  return tree;
}

export function memoryOf(pids: readonly number[]): MemorySample {
  let rssBytes = 0;
  let pssBytes = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rssBytes += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      pssBytes += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return { rssBytes, pssBytes };
}

/** Samples the tree under `root` every `intervalMs` until stopped; returns the peaks. */
export function samplePeakMemory(root: number, intervalMs = 200): { stop(): MemorySample } {
  const peak: MemorySample = { rssBytes: 0, pssBytes: 0 };
  const sample = () => {
    const now = memoryOf(processTree(root));
    peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
    peak.pssBytes = Math.max(peak.pssBytes, now.pssBytes);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

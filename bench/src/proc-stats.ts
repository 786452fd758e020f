import { readdirSync, readFileSync } from 'node:fs';

/*
 * Linux /proc readings: CPU time and resident memory of a process and its children (a cluster
 * primary and its workers), and the CPU time of all PostgreSQL processes of the machine.
 */

const CLOCK_TICKS_PER_SECOND = 100;

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of one process (undefined once it is gone). */
export function cpuSeconds(pid: number): number | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size of one process in bytes. */
export function rssBytes(pid: number): number | undefined {
  const status = readOrUndefined(`/proc/${pid}/status`);
  const kb = status === undefined ? undefined : /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

/** The process and its descendants. */
export function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`, { withFileTypes: true }).flatMap((task) =>
    (readOrUndefined(`/proc/${pid}/task/${task.name}/children`) ?? '')
      .split(' ')
      .filter((entry) => entry !== '')
      .map(Number),
  );
  return [pid, ...children.flatMap((child) => (rssBytes(child) === undefined ? [] : processTree(child)))];
}

/** CPU seconds of each of the given processes that still runs. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds !== undefined) out.set(pid, seconds);
  }
  return out;
}

/** CPU spent between two readings by the processes of the second (new ones count from zero). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

export interface TreeSample {
  cpuSeconds: number;
  /** RSS of each process of the tree that serves (the workers when there are any, else the process). */
  workerRssBytes: number[];
}

export function sampleTree(pid: number): TreeSample {
  const tree = processTree(pid);
  // Node processes below the root are cluster workers; other children (a compiler service) are not.
  const workers = tree.slice(1).filter((p) => readOrUndefined(`/proc/${p}/comm`)?.trim() === 'node');
  const serving = workers.length > 0 ? workers : [pid];
  return {
    cpuSeconds: tree.reduce((sum, p) => sum + (cpuSeconds(p) ?? 0), 0),
    workerRssBytes: serving.map((p) => rssBytes(p) ?? 0),
  };
}

/** A sampler of peak per-worker RSS while a measurement runs. */
export function startRssSampler(pid: number, intervalMs = 250) {
  let peak = 0;
  const sample = () => {
    for (const rss of sampleTree(pid).workerRssBytes) peak = Math.max(peak, rss);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

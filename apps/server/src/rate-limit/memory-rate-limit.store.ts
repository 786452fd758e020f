import type { RateLimitStore, WindowCount } from './rate-limiter';

interface Window {
  count: number;
  endsAt: number;
}

/**
 * Counts in this process's memory: right for one process, and for the cluster primary that keeps
 * the counts of all its workers. Windows that ended are swept at most once per window length.
 */
export function createMemoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<string, Window>();
  let nextSweepAt = 0;

  const sweep = (at: number, windowMs: number) => {
    if (at < nextSweepAt) return;
    for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
    nextSweepAt = at + windowMs;
  };

  return {
    async hit(key, windowMs): Promise<WindowCount> {
      const at = now();
      sweep(at, windowMs);
      let window = windows.get(key);
      if (window === undefined || window.endsAt <= at) {
        window = { count: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetMs: window.endsAt - at };
    },
    async close() {
      windows.clear();
    },
  };
}

import cluster, { type Worker } from 'node:cluster';
import type { RateLimitStore, WindowCount } from './rate-limiter';

/** A worker's request must not wait longer than this for the primary's count. */
const REPLY_TIMEOUT_MS = 1_000;

interface HitMessage {
  type: 'finx:rate-limit:hit';
  id: number;
  key: string;
  windowMs: number;
}

interface CountMessage extends WindowCount {
  type: 'finx:rate-limit:count';
  id: number;
}

function isHitMessage(message: unknown): message is HitMessage {
  const candidate = message as Partial<HitMessage> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === 'finx:rate-limit:hit' &&
    typeof candidate.id === 'number' &&
    typeof candidate.key === 'string' &&
    typeof candidate.windowMs === 'number'
  );
}

function isCountMessage(message: unknown): message is CountMessage {
  const candidate = message as Partial<CountMessage> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === 'finx:rate-limit:count' &&
    typeof candidate.id === 'number' &&
    typeof candidate.count === 'number' &&
    typeof candidate.resetMs === 'number'
  );
}

/**
 * In the cluster primary: answers the workers' hits from one store, so that without Redis the
 * limit still holds across all the workers of this machine. Returns a function that stops serving.
 */
export function serveRateLimitsToWorkers(store: RateLimitStore): () => void {
  const onMessage = (worker: Worker, message: unknown) => {
    if (!isHitMessage(message)) return;
    void store.hit(message.key, message.windowMs).then((count) => {
      const reply: CountMessage = { type: 'finx:rate-limit:count', id: message.id, ...count };
      if (worker.isConnected()) worker.send(reply);
    });
  };
  cluster.on('message', onMessage);
  return () => {
    cluster.off('message', onMessage);
  };
}

interface Pending {
  resolve(count: WindowCount): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** In a cluster worker: asks the primary (serveRateLimitsToWorkers) to count over IPC. */
export function createClusterWorkerRateLimitStore(): RateLimitStore {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const settle = (id: number) => {
    const waiting = pending.get(id);
    if (waiting !== undefined) {
      clearTimeout(waiting.timer);
      pending.delete(id);
    }
    return waiting;
  };
  const onMessage = (message: unknown) => {
    if (isCountMessage(message)) settle(message.id)?.resolve(message);
  };
  process.on('message', onMessage);

  return {
    hit(key, windowMs) {
      return new Promise<WindowCount>((resolve, reject) => {
        const send = process.send?.bind(process);
        if (send === undefined || !process.connected) {
          reject(new Error('No IPC channel to the cluster primary'));
          return;
        }
        nextId += 1;
        const id = nextId;
        const timer = setTimeout(
          () => settle(id)?.reject(new Error('The cluster primary did not answer in time')),
          REPLY_TIMEOUT_MS,
        );
        pending.set(id, { resolve, reject, timer });
        const message: HitMessage = { type: 'finx:rate-limit:hit', id, key, windowMs };
        send(message, undefined, undefined, (error: Error | null) => {
          if (error !== null) settle(id)?.reject(error);
        });
      });
    },
    async close() {
      process.off('message', onMessage);
      for (const id of [...pending.keys()]) settle(id)?.reject(new Error('Rate-limit store closed'));
    },
  };
}

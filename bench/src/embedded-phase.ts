import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedResults } from './bench-results';
import { fire, measure } from './load-run';
import { rssBytes } from './proc-stats';
import type { Scenario } from './scenarios';
import { createSegmentGenerator } from './segment-generator';
import { startOurs } from './servers';

const SEGMENTS = 1000;
const TOKEN_LINE = /^\s*(fx_[0-9A-Za-z]+)\s*$/m;

/** The server on its embedded database: first and second start, idle RSS, retrieve and list req/s. */
export async function runEmbeddedPhase(options: {
  port: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}): Promise<EmbeddedResults> {
  const dataDir = await mkdtemp(join(tmpdir(), 'finx-bench-pglite-'));
  const env = { FINX_DATA_DIR: dataDir };
  try {
    const first = await startOurs(undefined, options.port, env);
    const token = TOKEN_LINE.exec(first.output())?.[1];
    await first.stop();
    if (token === undefined) throw new Error('the first start printed no token');
    const server = await startOurs(undefined, options.port, env);
    try {
      const idleRssBytes = rssBytes(server.pid) ?? 0;
      const generate = createSegmentGenerator();
      const ids: string[] = [];
      for (let i = 0; i < SEGMENTS; i++) {
        const { name, criteria, description } = generate();
        const response = await fetch(`${server.url}/v1/market-segments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, criteria, description }),
        });
        const body = (await response.json()) as { id?: string };
        if (body.id !== undefined) ids.push(body.id);
      }
      const pools = { random: ids, deep: ids.slice(0, 20), deletable: [] };
      const load = {
        url: server.url,
        token,
        connections: options.connections,
        duration: options.durationSeconds,
      };
      const runs: EmbeddedResults['runs'] = [];
      for (const scenario of ['retrieve', 'list first page'] as const satisfies readonly Scenario[]) {
        await fire(scenario, pools, { ...load, duration: options.warmupSeconds });
        runs.push({ scenario, result: await measure(server.pid, async () => [], scenario, pools, load) });
      }
      return { firstStartMs: first.startMs, secondStartMs: server.startMs, idleRssBytes, runs };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

import type { MarketSegment } from '@finx/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSegmentInput, createProcessStorage, startServerProcess, type ProcessStorage } from '../support';

/**
 * A server process killed with SIGKILL in the middle of a stream of concurrent creates: no chance
 * to finish anything. On PostgreSQL when TEST_DATABASE_URL is set, else on the embedded database
 * in a data folder (CI runs the suite both ways).
 */
const CONCURRENCY = 8;
/** The kill comes once this many 201s have reached the client. */
const ACKNOWLEDGED_BEFORE_KILL = 40;
/** Each lane stops after this many requests in any case, so the stream is bounded. */
const MAX_REQUESTS_PER_LANE = 100;

let storage: ProcessStorage;
let env: Record<string, string>;

beforeAll(async () => {
  storage = await createProcessStorage('crash');
  env = storage.env;
});
afterAll(() => storage.dispose());

type Input = ReturnType<typeof buildSegmentInput>;

async function listAll(url: string, token: string): Promise<MarketSegment[]> {
  const all: MarketSegment[] = [];
  let cursor = '';
  for (;;) {
    const response = await fetch(`${url}/v1/market-segments?limit=100${cursor}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { has_more: boolean; data: MarketSegment[] };
    all.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return all;
    cursor = `&starting_after=${last.id}`;
  }
}

describe(`a server killed with SIGKILL during concurrent creates (${process.env['TEST_DATABASE_URL'] ? 'PostgreSQL' : 'embedded database'})`, () => {
  // Two starts of the embedded database (a fresh one, then crash recovery) take most of the time.
  it('keeps every acknowledged segment and no half-written one', { timeout: 120_000 }, async () => {
    const server = await startServerProcess(env);
    const token = /\n\s+(fx_[0-9A-Za-z]{40})\n/.exec(server.output())?.[1] ?? '';
    const attempted = new Map<string, Input>();
    const acknowledged = new Map<string, MarketSegment>();
    const unexpected: number[] = [];
    let inFlight = 0;
    let inFlightAtKill = 0;
    let killed: Promise<number | null> | undefined;

    const lane = async (laneIndex: number) => {
      for (let i = 0; i < MAX_REQUESTS_PER_LANE && killed === undefined; i++) {
        const input = buildSegmentInput({ name: `crash ${laneIndex}-${i}` });
        attempted.set(input.name, input);
        inFlight += 1;
        try {
          const response = await fetch(`${server.url}/v1/market-segments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
          const body = (await response.json()) as MarketSegment;
          if (response.status === 201) acknowledged.set(input.name, body);
          else unexpected.push(response.status);
        } catch {
          return; // the connection broke: the server is gone
        } finally {
          inFlight -= 1;
        }
        if (acknowledged.size >= ACKNOWLEDGED_BEFORE_KILL && killed === undefined) {
          inFlightAtKill = inFlight;
          killed = server.stop('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => lane(index)));
    expect(killed).toBeDefined();
    await killed;
    expect(unexpected).toEqual([]);
    expect(inFlightAtKill).toBeGreaterThan(0);

    const restarted = await startServerProcess(env);
    try {
      const stored = await listAll(restarted.url, token);
      const storedByName = new Map(stored.map((segment) => [segment.name, segment]));
      expect(storedByName.size).toBe(stored.length); // nothing stored twice

      for (const [name, segment] of acknowledged) expect(storedByName.get(name)).toEqual(segment);
      for (const segment of stored) {
        const sent = attempted.get(segment.name);
        expect(sent, `stored segment ${segment.name} was never sent`).toBeDefined();
        expect({ name: segment.name, criteria: segment.criteria, description: segment.description }).toEqual(
          sent,
        );
        expect(segment.id).toMatch(/^[0-9A-Za-z]{16}$/);
        expect(segment.updated_at).toBe(segment.created_at);
      }
      expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);
      expect(stored.length).toBeLessThanOrEqual(attempted.size);
      console.info(
        `crash safety: ${attempted.size} creates sent by ${CONCURRENCY} concurrent clients, ${acknowledged.size} ` +
          `acknowledged (201) before SIGKILL with ${inFlightAtKill} in flight; after restart ${stored.length} stored, ` +
          `every acknowledged one intact, none half-written`,
      );
    } finally {
      await restarted.stop('SIGTERM');
    }
  });
});

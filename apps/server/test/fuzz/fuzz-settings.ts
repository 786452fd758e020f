import fc from 'fast-check';

const DEFAULT_SEED = 7_000_007;

function readInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** The seed of every property: fixed so CI is reproducible, `FUZZ_SEED=<n>` to explore or replay. */
export const FUZZ_SEED = readInteger('FUZZ_SEED') ?? DEFAULT_SEED;

/** Cases per property: the file's default, or `FUZZ_RUNS=<n>` for every property. */
export function fuzzRuns(defaultRuns: number): number {
  const runs = readInteger('FUZZ_RUNS') ?? defaultRuns;
  if (runs < 1) throw new Error('FUZZ_RUNS must be at least 1');
  return runs;
}

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;

/** Counts the response statuses a property saw, to show what the cases exercised. */
export class StatusTally {
  private readonly counts = new Map<number, number>();

  add(status: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
  }
}

/**
 * Runs a property with the shared seed and prints how many cases ran, the seed and the time, so a
 * failure (its seed, path and counterexample are in the thrown message) can be replayed exactly.
 */
export async function checkProperty<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T>,
  numRuns: number,
  tally?: StatusTally,
): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property, { seed: FUZZ_SEED, numRuns });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[fuzz] ${name}: ${details.numRuns} cases, seed ${FUZZ_SEED}, ${seconds} s` +
      (tally === undefined ? '' : ` (statuses ${tally.toString()})`) +
      (details.failed ? ` — FAILED (replay with FUZZ_SEED=${FUZZ_SEED})` : ''),
  );
  if (details.failed) {
    const report = fc.defaultReportMessage(details) ?? `${name} failed`;
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    // Counterexamples can hold 64 KiB bodies: keep the message readable.
    throw new Error(`${truncate(report, 6000)}\nFirst failure: ${truncate(cause, 3000)}`, {
      cause: details.errorInstance,
    });
  }
}

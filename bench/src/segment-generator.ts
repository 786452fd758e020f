import { randomBytes } from 'node:crypto';

/** One generated market segment, ready to be written to the market_segments table. */
export interface GeneratedSegment {
  id: string;
  name: string;
  criteria: string;
  description: string;
  /** Microseconds since the Unix epoch (PostgreSQL keeps timestamps to the microsecond). */
  createdAtMicros: bigint;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const AUDIENCES = [
  'Tech Enthusiasts',
  'Frequent Travelers',
  'Budget Shoppers',
  'Luxury Buyers',
  'New Parents',
  'Fitness Fans',
  'Home Gardeners',
  'Gamers',
  'Pet Owners',
  'Students',
  'Retirees',
  'Remote Workers',
  'Foodies',
  'Outdoor Adventurers',
  'Bargain Hunters',
  'Early Adopters',
  'Book Lovers',
  'Commuters',
] as const;
const QUALIFIERS = [
  'Urban',
  'Rural',
  'Weekend',
  'High-Value',
  'Lapsed',
  'Loyal',
  'First-Time',
  'Seasonal',
  'Mobile-First',
  'Premium',
  'Occasional',
  'Returning',
] as const;
const REGIONS = ['Berlin', 'Lisbon', 'Austin', 'Osaka', 'Lagos', 'São Paulo', 'Toronto', 'Mumbai', 'Zürich'];
const CATEGORIES = ['electronics', 'travel', 'groceries', 'fashion', 'toys', 'books', 'sport', 'garden'];
const CHANNELS = ['email', 'the mobile app', 'the web shop', 'stores', 'partner sites'];

/** A few criteria thousands of characters long, shared by some segments: the long-criteria filter finds them. */
export const LONG_CRITERIA: readonly string[] = [0, 1, 2].map((variant) =>
  Array.from(
    { length: 40 + variant * 20 },
    (_, i) =>
      `Rule ${i + 1}: customers with at least ${i + 2} orders in ${CATEGORIES[(i + variant) % CATEGORIES.length]} ` +
      `through ${CHANNELS[i % CHANNELS.length]} during the last ${30 + i} days.`,
  ).join(' '),
);

/** Names that many segments share, so the name filter has real work to do. */
export const COMMON_NAMES: readonly string[] = AUDIENCES.flatMap((audience) =>
  QUALIFIERS.slice(0, 3).map((qualifier) => `${qualifier} ${audience}`),
);

export interface GeneratorOptions {
  /** Uniform numbers in [0, 1): Math.random by default, a seeded one in tests. */
  random?: () => number;
  /** Creation times spread over this many days before `now`. */
  spreadDays?: number;
  now?: Date;
}

/** One in this many segments takes a long criteria; one in COMMON_NAME_EVERY a common name. */
export const LONG_CRITERIA_EVERY = 500;
const COMMON_NAME_EVERY = 3;

/** Realistic, varied segments: repeated names and long criteria for the filters, unique ids. */
export function createSegmentGenerator({
  random = Math.random,
  spreadDays = 3 * 365,
  now = new Date(),
}: GeneratorOptions = {}) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nowMicros = BigInt(now.getTime()) * 1000n;
  const spreadMicros = spreadDays * 86_400 * 1_000_000;

  return (): GeneratedSegment => {
    const audience = pick(AUDIENCES);
    const region = pick(REGIONS);
    const category = pick(CATEGORIES);
    const name =
      random() * COMMON_NAME_EVERY < 1
        ? pick(COMMON_NAMES)
        : `${pick(QUALIFIERS)} ${audience} in ${region} #${Math.floor(random() * 100_000)}`;
    const criteria =
      random() * LONG_CRITERIA_EVERY < 1
        ? pick(LONG_CRITERIA)
        : `Customers in ${region} who bought ${category} through ${pick(CHANNELS)} ` +
          `at least ${1 + Math.floor(random() * 9)} times in the last ${30 * (1 + Math.floor(random() * 12))} days`;
    const description = `Segment of ${audience.toLowerCase()} in ${region} interested in ${category}, for ${pick(
      CHANNELS,
    )} campaigns.`;
    return {
      id: randomId(),
      name,
      criteria,
      description,
      createdAtMicros: nowMicros - BigInt(Math.floor(random() * spreadMicros)),
    };
  };
}

/** 16 characters of [0-9A-Za-z] from the cryptographic generator, as the server makes them. */
export function randomId(): string {
  let id = '';
  while (id.length < 16) {
    for (const byte of randomBytes(24)) {
      if (byte < 248 && id.length < 16) id += BASE62.charAt(byte % 62);
    }
  }
  return id;
}

/** Microseconds since the epoch as a PostgreSQL timestamptz literal in UTC. */
export function toTimestampLiteral(micros: bigint): string {
  const millis = micros / 1000n;
  const iso = new Date(Number(millis)).toISOString(); // 2024-01-02T03:04:05.678Z
  const micro = String(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n).padStart(6, '0');
  return `${iso.slice(0, 19)}.${micro}Z`;
}

/** Escapes a value for COPY's text format (backslash, tab, newline, carriage return). */
export function escapeCopyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
  );
}

/** One COPY text-format line: account_id, id, name, criteria, description, created_at, updated_at. */
export function toCopyLine(accountId: string, segment: GeneratedSegment): string {
  const createdAt = toTimestampLiteral(segment.createdAtMicros);
  return `${[accountId, segment.id, segment.name, segment.criteria, segment.description]
    .map(escapeCopyText)
    .join('\t')}\t${createdAt}\t${createdAt}\n`;
}

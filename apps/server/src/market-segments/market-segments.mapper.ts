import type { MarketSegment } from '@finx/contract';
import type { MarketSegmentRow } from '../db/schema';

const toUnixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The only place a row becomes an API object: exactly six keys, in the contract's order. */
export function toMarketSegment(row: MarketSegmentRow): MarketSegment {
  return {
    id: row.id,
    name: row.name,
    criteria: row.criteria,
    description: row.description,
    created_at: toUnixSeconds(row.createdAt),
    updated_at: toUnixSeconds(row.updatedAt),
  };
}

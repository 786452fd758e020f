export { marketSegmentsContract, type MarketSegmentsContract } from './market-segments.contract';
export * from './market-segments.schemas';
export * from './errors.schemas';
export { countCharacters, isWellFormedUnicode } from './text-fields';

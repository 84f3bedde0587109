// Deprecated: the market types before src/market/status.ts. Kept for old imports until they are gone.
export { isMarketOpen, type MarketStatus } from '../market/status';

export type LegacyMarketState = 0 | 1;

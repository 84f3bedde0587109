import { isMarketOpen, type MarketStatus } from '@/market';

// Re-exported "for convenience": a second place to import the type from.
export type { MarketStatus };

export function nextStatus(status: MarketStatus): MarketStatus {
  return isMarketOpen(status) ? 'closed' : 'open';
}

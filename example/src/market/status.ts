/**
 * Market status — the single source of truth for whether a market trades. Everything else imports
 * these from here (or from the `@/market` barrel).
 */
export type MarketStatus = 'pre-open' | 'open' | 'halted' | 'closed';

export function isMarketOpen(status: MarketStatus): boolean {
  return status === 'open';
}

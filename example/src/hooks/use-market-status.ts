import { useState } from 'react';
import { nextStatus, type MarketStatus } from '@/services/market-clock'; // expect: ssot/canonical-import
import type { LegacyMarketState } from '@/legacy/market-types'; // expect: ssot/canonical-import

// A copy of the market module's guard, which drifted: 'pre-open' counts as open here.
function isMarketOpen(status: MarketStatus): boolean { // expect: ssot/no-duplicate-definition
  return status === 'open' || status === 'pre-open';
}

export function useMarketStatus(initial: MarketStatus): [MarketStatus, LegacyMarketState, () => void] {
  const [status, setStatus] = useState(initial);
  return [status, isMarketOpen(status) ? 1 : 0, () => setStatus(nextStatus(status))];
}

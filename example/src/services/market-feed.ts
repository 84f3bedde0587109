/**
 * Uses the factory — but at module scope, so its result is one manager shared by every importer,
 * alive for the life of the process, never released.
 */
import { ANONYMOUS_USER } from '@/config';
import type { Trade } from '@/types';
import { getWebSocketManager } from '@/websocket';

export const publicFeed = getWebSocketManager(ANONYMOUS_USER); // expect: ssot/no-module-singleton

export function onTrade(symbol: string, handler: (trade: Trade) => void): () => void {
  return publicFeed.subscribe(`trades.${symbol}`, (payload) => handler(payload as Trade));
}

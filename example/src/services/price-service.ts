/**
 * The bug that started it all: one manager for the whole process. It was created with whoever's token
 * the first request carried, and every user's price subscriptions went through it.
 */
import { REALTIME_URL, ANONYMOUS_USER } from '../config';
import type { PriceTick } from '../types';
import { WebSocketManager } from '../websocket/manager'; // expect: ssot/no-factory-bypass

export const priceSocket = new WebSocketManager({ url: REALTIME_URL, user: ANONYMOUS_USER }); // expect: ssot/no-direct-instantiation, ssot/no-module-singleton

export function watchPrice(symbol: string, onTick: (tick: PriceTick) => void): () => void {
  return priceSocket.subscribe(`prices.${symbol}`, (payload) => onTick(payload as PriceTick));
}

/**
 * A process-wide service (one instance, exported below) that keeps the first caller's manager in a
 * field: after the first `start(user)`, every user's ticks go out over that user's socket.
 */
import type { PriceTick, UserContext } from '@/types';
import { getWebSocketManager } from '@/websocket';
import type { WebSocketManager } from '@/websocket/manager';

class TickerService {
  private socket: WebSocketManager | undefined;

  start(user: UserContext): void {
    this.socket ??= getWebSocketManager(user); // expect: ssot/no-scoped-in-singleton
  }

  onTick(symbol: string, handler: (tick: PriceTick) => void): () => void {
    return this.socket?.subscribe(`ticks.${symbol}`, (payload) => handler(payload as PriceTick)) ?? (() => undefined);
  }
}

export const tickerService = new TickerService();

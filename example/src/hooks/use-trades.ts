import { useEffect, useState } from 'react';
import { REALTIME_URL } from '@/config';
import type { Trade, UserContext } from '@/types';
import * as ws from '@/websocket/manager'; // expect: ssot/no-factory-bypass

export function useTrades(user: UserContext, symbol: string, limit = 50): readonly Trade[] {
  const [trades, setTrades] = useState<readonly Trade[]>([]);

  useEffect(() => {
    // A namespace import is the same class under another spelling.
    const manager = new ws.WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation
    manager.connect();
    const unsubscribe = manager.subscribe(`trades.${symbol}`, (payload) =>
      setTrades((previous) => [payload as Trade, ...previous].slice(0, limit)),
    );
    return () => {
      unsubscribe();
      manager.close();
    };
  }, [user, symbol, limit]);

  return trades;
}

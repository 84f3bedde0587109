import { useEffect, useState } from 'react';
import { REALTIME_URL } from '@/config';
import type { PriceTick, UserContext } from '@/types';
import { WebSocketManager } from '@/websocket/manager'; // expect: ssot/no-factory-bypass

/** Every mounted price widget opened its own connection: five widgets, five sockets for one user. */
export function useLivePrices(user: UserContext, symbols: readonly string[]): Readonly<Record<string, PriceTick>> {
  const [ticks, setTicks] = useState<Readonly<Record<string, PriceTick>>>({});

  useEffect(() => {
    const manager = new WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation
    manager.connect();
    const unsubscribes = symbols.map((symbol) =>
      manager.subscribe(`prices.${symbol}`, (payload) => {
        const tick = payload as PriceTick;
        setTicks((previous) => ({ ...previous, [tick.symbol]: tick }));
      }),
    );
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      manager.close();
    };
  }, [user, symbols]);

  return ticks;
}

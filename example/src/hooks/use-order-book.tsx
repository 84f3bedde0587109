import { useEffect, useMemo, useState } from 'react';
import { REALTIME_URL } from '@/config';
import { formatPrice } from '@/lib';
import type { UserContext } from '@/types';
import { WebSocketManager as RealtimeClient } from '../websocket/manager'; // expect: ssot/no-factory-bypass

interface Level {
  readonly price: number;
  readonly size: number;
}

interface Book {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

export function useOrderBook(user: UserContext, symbol: string): Book {
  // Renamed on import, still a second manager for the same user.
  const client = useMemo(() => new RealtimeClient({ url: REALTIME_URL, user }), [user]); // expect: ssot/no-direct-instantiation
  const [book, setBook] = useState<Book>({ bids: [], asks: [] });

  useEffect(() => {
    client.connect();
    const unsubscribe = client.subscribe(`book.${symbol}`, (payload) => setBook(payload as Book));
    return () => {
      unsubscribe();
      client.close();
    };
  }, [client, symbol]);

  return book;
}

export function OrderBook({ user, symbol }: { user: UserContext; symbol: string }) {
  const { bids, asks } = useOrderBook(user, symbol);
  return (
    <table className="order-book">
      <tbody>
        {asks.map((level) => (
          <tr key={`ask-${level.price}`} className="ask">
            <td>{formatPrice(level.price)}</td>
            <td>{level.size}</td>
          </tr>
        ))}
        {bids.map((level) => (
          <tr key={`bid-${level.price}`} className="bid">
            <td>{formatPrice(level.price)}</td>
            <td>{level.size}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

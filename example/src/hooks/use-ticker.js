// Legacy JavaScript hook, older than the TypeScript migration (webpack still accepts `require` here).
import { useEffect, useState } from 'react';
import { REALTIME_URL } from '../config';

const { WebSocketManager } = require('../websocket/manager'); // expect: ssot/no-factory-bypass

export function useTicker(user, symbol) {
  const [last, setLast] = useState(null);

  useEffect(() => {
    const manager = new WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation
    manager.connect();
    const unsubscribe = manager.subscribe(`ticker.${symbol}`, setLast);
    return () => {
      unsubscribe();
      manager.close();
    };
  }, [user, symbol]);

  return last;
}

// Legacy status badge, loaded lazily by the old dashboard.
import { ANONYMOUS_USER, REALTIME_URL } from '../config';

export async function loadMarketStatus(onStatus) {
  const { WebSocketManager } = await import('../websocket/manager.js'); // expect: ssot/no-factory-bypass
  const manager = new WebSocketManager({ url: REALTIME_URL, user: ANONYMOUS_USER }); // expect: ssot/no-direct-instantiation
  manager.connect();
  return manager.subscribe('market.status', onStatus);
}

/** Readiness probe: opens a raw socket of its own instead of going through the transport. */
export function probeGateway(url = REALTIME_URL, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url); // expect: ssot/no-direct-instantiation
    const timer = setTimeout(() => {
      socket.close();
      resolve(false);
    }, timeoutMs);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      socket.close(1000, 'probe');
      resolve(true);
    });
  });
}

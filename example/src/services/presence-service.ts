/** Lazy module state: `let` + getter. Same bug as a static instance, different spelling. */
import { REALTIME_URL } from '@/config';
import type { UserContext } from '@/types';
import { WebSocketManager } from '@/websocket/manager.js'; // expect: ssot/no-factory-bypass

let presenceSocket: WebSocketManager | null = null;

function getPresenceSocket(user: UserContext): WebSocketManager {
  if (presenceSocket === null) {
    presenceSocket = new WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation, ssot/no-module-singleton
    presenceSocket.connect();
  }
  return presenceSocket;
}

export function announceOnline(user: UserContext): void {
  getPresenceSocket(user).publish('presence', { userId: user.userId, status: 'online' });
}

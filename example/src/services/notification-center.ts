/**
 * The classic lazy singleton: the first caller's user is baked into the shared manager, so every later
 * user receives the first user's order fills and margin calls.
 */
import { REALTIME_URL } from '@/config';
import type { Notification, UserContext } from '@/types';
import { WebSocketManager } from '@/websocket/manager'; // expect: ssot/no-factory-bypass

export class NotificationCenter {
  private static socket: WebSocketManager | undefined;

  static getInstance(user: UserContext): WebSocketManager {
    if (NotificationCenter.socket === undefined) {
      NotificationCenter.socket = new WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation, ssot/no-module-singleton
      NotificationCenter.socket.connect();
    }
    return NotificationCenter.socket;
  }

  static onNotification(user: UserContext, handler: (notification: Notification) => void): () => void {
    return NotificationCenter.getInstance(user).subscribe(`notifications.${user.userId}`, (payload) => handler(payload as Notification));
  }
}

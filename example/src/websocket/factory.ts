/**
 * The single source of truth for WebSocketManager instances: one per user, created on first use and
 * kept in a per-user registry until released. The registry is module state on purpose — it is keyed
 * by user, so users never share a connection.
 */
import { REALTIME_URL } from '../config';
import type { UserContext } from '../types';
import { WebSocketManager } from './manager';

const managers = new Map<string, WebSocketManager>();

export function getWebSocketManager(user: UserContext): WebSocketManager {
  let manager = managers.get(user.userId);
  if (manager === undefined) {
    manager = new WebSocketManager({ url: REALTIME_URL, user });
    managers.set(user.userId, manager);
    manager.connect();
  }
  return manager;
}

/** Logout or session expiry: close the user's connection and forget it. */
export function releaseWebSocketManager(userId: string): void {
  managers.get(userId)?.close();
  managers.delete(userId);
}

export function activeConnections(): number {
  return managers.size;
}

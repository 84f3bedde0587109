/**
 * Wrong, through a barrel: `@/lib` re-exports the class, and importing it from there goes around the
 * factory just the same. The module graph follows the re-export to src/websocket/manager.ts.
 */
import { REALTIME_URL } from '@/config';
import { WebSocketManager } from '@/lib'; // expect: ssot/no-factory-bypass
import type { UserContext } from '@/types';

export function openStatusFeed(user: UserContext) {
  return new WebSocketManager({ url: REALTIME_URL, user }); // expect: ssot/no-direct-instantiation
}

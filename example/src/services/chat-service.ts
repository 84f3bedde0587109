/** The reference for how services should do it: ask the factory for the user's manager, every time. */
import { getMetrics } from '@/telemetry';
import type { ChatMessage, UserContext } from '@/types';
import { getWebSocketManager } from '@/websocket';
import type { WebSocketManager } from '@/websocket/manager';

// Fine: Metrics is registered with `lifetime: 'singleton'`, so keeping its factory's result is intended.
const metrics = getMetrics();

export class ChatService {
  constructor(private readonly user: UserContext) {}

  private get socket(): WebSocketManager {
    return getWebSocketManager(this.user);
  }

  join(roomId: string, onMessage: (message: ChatMessage) => void): () => void {
    metrics.increment('chat.join');
    return this.socket.subscribe(`chat.${roomId}`, (payload) => onMessage(payload as ChatMessage));
  }

  send(roomId: string, text: string): void {
    metrics.increment('chat.send');
    this.socket.publish(`chat.${roomId}`, { text, authorId: this.user.userId });
  }
}

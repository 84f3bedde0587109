/** One user's conversations: unread counts and drafts, synced over that user's realtime connection. */
import type { UserContext } from '@/types';
import type { WebSocketManager } from '@/websocket/manager';

export class ConversationManager {
  readonly #drafts = new Map<string, string>();

  constructor(
    readonly user: UserContext,
    private readonly socket: WebSocketManager,
  ) {}

  saveDraft(conversationId: string, text: string): void {
    this.#drafts.set(conversationId, text);
    this.socket.publish(`drafts.${this.user.userId}`, { conversationId, text });
  }

  draft(conversationId: string): string {
    return this.#drafts.get(conversationId) ?? '';
  }
}

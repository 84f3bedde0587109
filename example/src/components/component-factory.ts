/**
 * The frontend's per-user factory, written as a class of static methods (the Next.js app calls
 * `FrontendComponentFactory.getConversationManager(user)`): one ConversationManager per user.
 */
import { ConversationManager } from '@/conversations/manager';
import type { UserContext } from '@/types';
import { getWebSocketManager } from '@/websocket';

const conversations = new Map<string, ConversationManager>();

export class FrontendComponentFactory {
  static getConversationManager(user: UserContext): ConversationManager {
    let manager = conversations.get(user.userId);
    if (manager === undefined) {
      manager = new ConversationManager(user, getWebSocketManager(user));
      conversations.set(user.userId, manager);
    }
    return manager;
  }
}

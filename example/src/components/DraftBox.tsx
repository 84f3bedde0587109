/**
 * A draft box that "just needed the manager" and did not thread the user through: without a user the
 * factory has nothing to key by, so every visitor would share one ConversationManager — and read each
 * other's drafts.
 */
import { FrontendComponentFactory } from '@/components/component-factory';

export function DraftBox({ conversationId }: { conversationId: string }) {
  const conversations = FrontendComponentFactory.getConversationManager(); // expect: ssot/require-scope-argument
  return <textarea defaultValue={conversations.draft(conversationId)} />;
}

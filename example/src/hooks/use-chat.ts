/** The right way: the hook asks the factory, so every component of a user shares that user's manager. */
import { useEffect, useMemo, useState } from 'react';
import { ChatService } from '@/services/chat-service';
import type { ChatMessage, UserContext } from '@/types';
import { getWebSocketManager, type ConnectionState } from '@/websocket';

export function useChat(user: UserContext, roomId: string) {
  const chat = useMemo(() => new ChatService(user), [user]);
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [state, setState] = useState<ConnectionState>(() => getWebSocketManager(user).state);

  useEffect(() => {
    setState(getWebSocketManager(user).state);
    return chat.join(roomId, (message) => setMessages((previous) => [...previous, message]));
  }, [chat, roomId, user]);

  return { messages, state, send: (text: string) => chat.send(roomId, text) };
}

import { useState } from 'react';
import { useChat } from '@/hooks/use-chat';
import { formatTime } from '@/lib';
import type { UserContext } from '@/types';

export function ChatPanel({ user, roomId }: { user: UserContext; roomId: string }) {
  const { messages, state, send } = useChat(user, roomId);
  const [draft, setDraft] = useState('');

  return (
    <section className="chat" data-state={state}>
      <ul>
        {messages.map((message) => (
          <li key={message.id}>
            <time>{formatTime(message.sentAt)}</time> {message.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send(draft);
          setDraft('');
        }}
      >
        <input value={draft} onChange={(event) => setDraft(event.target.value)} disabled={state !== 'open'} />
      </form>
    </section>
  );
}

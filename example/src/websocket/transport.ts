/**
 * The only place that opens a raw browser WebSocket (see `eslint.config.js`: the `WebSocket` global is a
 * registered service allowed here). Everything else talks to a WebSocketManager.
 */
export interface Transport {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface TransportHandlers {
  onOpen(): void;
  onMessage(data: string): void;
  onClose(code: number): void;
}

export function openTransport(url: string, token: string, handlers: TransportHandlers): Transport {
  const socket = new WebSocket(url, ['v2.realtime', `bearer.${token}`]);
  socket.addEventListener('open', () => handlers.onOpen());
  socket.addEventListener('message', (event: MessageEvent<string>) => handlers.onMessage(event.data));
  socket.addEventListener('close', (event) => handlers.onClose(event.code));
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
  };
}

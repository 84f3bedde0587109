/**
 * One user's realtime connection: the socket, the channels that user subscribed to, messages queued
 * while reconnecting. It holds per-user state, so there must be exactly one per user — obtain it
 * from `getWebSocketManager(user)` (./factory.ts), never with `new`.
 */
import { RECONNECT_DELAYS_MS } from '../config';
import type { UserContext } from '../types';
import { openTransport, type Transport } from './transport';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export type Listener = (payload: unknown) => void;

export interface ManagerOptions {
  readonly url: string;
  readonly user: UserContext;
}

interface Envelope {
  readonly channel: string;
  readonly payload: unknown;
}

export class WebSocketManager {
  static readonly PROTOCOL_VERSION = 2;

  readonly user: UserContext;
  #state: ConnectionState = 'idle';
  #transport: Transport | undefined;
  #attempt = 0;
  readonly #url: string;
  readonly #channels = new Map<string, Set<Listener>>();
  readonly #outbox: string[] = [];

  constructor(options: ManagerOptions) {
    this.#url = options.url;
    this.user = options.user;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  connect(): void {
    if (this.#state === 'open' || this.#state === 'connecting') return;
    this.#state = this.#attempt === 0 ? 'connecting' : 'reconnecting';
    this.#transport = openTransport(this.#url, this.user.token, {
      onOpen: () => {
        this.#state = 'open';
        this.#attempt = 0;
        for (const channel of this.#channels.keys()) this.#write({ type: 'subscribe', channel });
        for (const frame of this.#outbox.splice(0)) this.#transport?.send(frame);
      },
      onMessage: (data) => this.#dispatch(JSON.parse(data) as Envelope),
      onClose: (code) => this.#onClose(code),
    });
  }

  /** Listens to a channel; returns the unsubscribe function. */
  subscribe(channel: string, listener: Listener): () => void {
    let listeners = this.#channels.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.#channels.set(channel, listeners);
      this.#write({ type: 'subscribe', channel });
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        this.#channels.delete(channel);
        this.#write({ type: 'unsubscribe', channel });
      }
    };
  }

  publish(channel: string, payload: unknown): void {
    this.#write({ type: 'publish', channel, payload });
  }

  close(): void {
    this.#state = 'closed';
    this.#channels.clear();
    this.#transport?.close(1000, 'client closed');
    this.#transport = undefined;
  }

  #write(frame: Record<string, unknown>): void {
    const text = JSON.stringify({ ...frame, user: this.user.userId });
    if (this.#state === 'open') this.#transport?.send(text);
    else this.#outbox.push(text);
  }

  #dispatch(envelope: Envelope): void {
    for (const listener of this.#channels.get(envelope.channel) ?? []) listener(envelope.payload);
  }

  #onClose(code: number): void {
    if (this.#state === 'closed' || code === 1008 /* policy violation: token rejected */) {
      this.#state = 'closed';
      return;
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(this.#attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.#attempt += 1;
    this.#state = 'reconnecting';
    setTimeout(() => this.connect(), delay);
  }
}

/** Who a connection belongs to. Every WebSocketManager serves exactly one user. */
export interface UserContext {
  readonly userId: string;
  readonly tenantId: string;
  /** Short-lived access token; the realtime gateway authorises subscriptions with it. */
  readonly token: string;
}

export interface PriceTick {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly at: number;
}

export interface ChatMessage {
  readonly id: string;
  readonly roomId: string;
  readonly authorId: string;
  readonly text: string;
  readonly sentAt: number;
}

export interface Notification {
  readonly id: string;
  readonly kind: 'order-filled' | 'margin-call' | 'mention';
  readonly body: string;
}

export interface Trade {
  readonly symbol: string;
  readonly price: number;
  readonly quantity: number;
  readonly side: 'buy' | 'sell';
}

// Shared helpers for the UI layer.
export { once } from './once';
// "Handy" for components that want their own connection — and a way around getWebSocketManager().
export { WebSocketManager } from '../websocket/manager'; // expect: ssot/no-factory-bypass
export type { ConnectionState } from '../websocket/manager';

export function formatPrice(value: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 4 }).format(value);
}

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString('en-US', { hour12: false });
}

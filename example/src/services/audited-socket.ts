/** Subclassing: every `new AuditedWebSocketManager()` constructs a WebSocketManager around the factory. */
import { getMetrics } from '@/telemetry';
import { WebSocketManager } from '../websocket/manager'; // expect: ssot/no-factory-bypass

export class AuditedWebSocketManager extends WebSocketManager { // expect: ssot/no-direct-instantiation
  override publish(channel: string, payload: unknown): void {
    getMetrics().increment(`publish.${channel}`);
    super.publish(channel, payload);
  }
}

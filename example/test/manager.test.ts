// Tests may construct the class directly: `**/*.test.ts` is in the service's `allow` list.
import { describe, expect, it } from 'vitest';
import { WebSocketManager } from '../src/websocket/manager';

const user = { userId: 'u1', tenantId: 't1', token: 'token' };

describe('WebSocketManager', () => {
  it('starts idle', () => {
    const manager = new WebSocketManager({ url: 'ws://localhost:0', user });
    expect(manager.state).toBe('idle');
  });

  it('forgets channels when closed', () => {
    const manager = new WebSocketManager({ url: 'ws://localhost:0', user });
    manager.subscribe('prices.BTC', () => undefined);
    manager.close();
    expect(manager.state).toBe('closed');
  });
});

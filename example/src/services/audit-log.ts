/** Memoized construction: `once(() => new …)` at module scope is a singleton with extra steps. */
import { AUDIT_URL } from '@/config';
import { once } from '@/lib/once';
import type { UserContext } from '@/types';
import * as realtime from '../websocket/manager.js'; // expect: ssot/no-factory-bypass

const auditUser: UserContext = { userId: 'audit', tenantId: 'internal', token: process.env.AUDIT_TOKEN ?? '' };

const getAuditSocket = once(() => new realtime.WebSocketManager({ url: AUDIT_URL, user: auditUser })); // expect: ssot/no-direct-instantiation, ssot/no-module-singleton

export function recordAction(user: UserContext, action: string): void {
  getAuditSocket().publish('audit', { userId: user.userId, tenantId: user.tenantId, action, at: Date.now() });
}

import type { UserContext } from './types';

export const REALTIME_URL = process.env.REALTIME_URL ?? 'wss://realtime.example.com/v2';
export const AUDIT_URL = process.env.AUDIT_URL ?? 'wss://audit.example.com/v1';

/** Public market data needs no login; this identity has no private channels. */
export const ANONYMOUS_USER: UserContext = { userId: 'anonymous', tenantId: 'public', token: '' };

export const RECONNECT_DELAYS_MS = [250, 1_000, 5_000, 15_000] as const;

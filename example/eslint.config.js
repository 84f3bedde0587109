// The example's ESLint config: describe the services once, get the recommended rules.
// `eslint-plugin-ssot` resolves to this repository's own build (dist/) through the package's self-reference.
import tsParser from '@typescript-eslint/parser';
import ssot from 'eslint-plugin-ssot';

export default [
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tsParser },
  },
  ssot.configure({
    services: [
      {
        name: 'WebSocketManager',
        class: 'WebSocketManager',
        module: 'src/websocket/manager.ts',
        factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
        allow: ['src/websocket/**', '**/*.test.ts'],
      },
      {
        // The browser's WebSocket: only the transport may open a raw socket.
        name: 'browser WebSocket',
        class: 'WebSocket',
        global: true,
        allow: ['src/websocket/transport.ts'],
      },
      {
        // One process-wide registry is intended: exactly one module-level instance, in its factory module.
        name: 'Metrics',
        class: 'Metrics',
        module: '@/telemetry/metrics',
        factory: { name: 'getMetrics', module: '@/telemetry' },
        lifetime: 'singleton',
      },
    ],
    // Sources of truth: the market status types are defined once, in src/market/status.ts, and
    // imported from there or from its barrel; src/legacy/market-types.ts is on its way out.
    sources: [{ module: 'src/market/status.ts', entries: ['src/market/index.ts'], replaces: ['src/legacy/market-types.ts'] }],
  }),
];

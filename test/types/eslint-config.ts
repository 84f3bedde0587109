/**
 * Type test (checked by `npm run typecheck`): `eslint.config.ts` users get completion and errors from
 * `ssot.configure(...)`, and the plugin's configs fit ESLint's own `defineConfig`.
 */
import { defineConfig } from 'eslint/config';
import ssot from '../../src/index.js';

export default defineConfig([
  ssot.configure({
    services: [
      {
        name: 'WebSocketManager',
        class: 'WebSocketManager',
        module: 'src/websocket/manager.ts',
        factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
        allow: ['src/websocket/**'],
        lifetime: 'scoped',
      },
      { name: 'browser WebSocket', class: 'WebSocket', global: true },
      { name: 'socket.io', class: 'io', module: 'socket.io-client', construct: 'call' },
    ],
  }),
  ssot.configs.recommended,
  ssot.configs.strict,
  { plugins: { ssot }, rules: { 'ssot/no-direct-instantiation': 'error' } },
]);

// @ts-expect-error -- `class` is required.
ssot.configure({ services: [{ name: 'B' }] });
// @ts-expect-error -- unknown keys are errors.
ssot.configure({ services: [{ name: 'C', class: 'C', lifetme: 'scoped' }] });
// @ts-expect-error -- construct is 'new' | 'call'.
ssot.configure({ services: [{ name: 'D', class: 'D', construct: 'make' }] });
// @ts-expect-error -- a factory needs its module.
ssot.configure({ services: [{ name: 'E', class: 'E', factory: { name: 'getE' } }] });

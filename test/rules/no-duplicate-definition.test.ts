import rule, { type MessageIds, type Options } from '../../rules/no-duplicate-definition.js';
import type { SourceSettings, SsotSettings } from '../../src/settings.js';
import { appDir, appFile, cases, error, jsRuleTester, ruleTester } from '../rule-tester.js';

const consumer = appFile('src/hooks/use-auth.ts');
const component = appFile('src/hooks/auth-panel.tsx');
const script = appFile('src/hooks/auth.js');
const commonJs = appFile('src/hooks/auth.cjs');

const domainTypes: SourceSettings = {
  module: 'src/types/websocket.ts',
  entries: ['src/types/index.ts'],
  allow: ['**/*.test.ts', 'src/mocks/**'],
};
/** `names` omitted: the module's own declared exports (UnifiedAuthService, authService — not the re-exported WS_EVENTS). */
const auth: SourceSettings = { module: '@/auth/unified-auth-service.js' };
const factory: SourceSettings = { module: 'src/websocket/factory.ts', names: ['getWebSocketManager'] };

function settings(...sources: SourceSettings[]): { ssot: SsotSettings } {
  return {
    ssot: { rootDir: appDir, services: [], sources: sources.length === 0 ? [domainTypes, auth, factory] : sources },
  };
}

const { valid, invalid } = cases<MessageIds, Options>({ filename: consumer, settings: settings() });

const exportedOnly: Options = [{ exportedOnly: true }];

ruleTester.run('no-duplicate-definition', rule, {
  valid: valid([
    // Imports and re-exports from the source or an entry.
    "import { UnifiedAuthService, authService } from '../auth/unified-auth-service.js';\nexport { authService };",
    "export { WebSocketStatus, isWebSocketEvent } from '@/types/index.js';",
    "import { getWebSocketManager as get } from '../websocket/factory.js';\nexport { get as getWebSocketManager };",
    "export { getWebSocketManager as getWebSocketManager } from '@/websocket/index.js';",
    // Nested declarations, other names, ambient module blocks.
    'function f() { class UnifiedAuthService {} return new UnifiedAuthService(); }',
    "declare module 'x' { export class UnifiedAuthService {} }\ndeclare global { interface WebSocketEvent { x: 1 } }",
    'const service = 1; class Other {}',
    // The re-exported WS_EVENTS is not one of the auth module's own names (it belongs to the types module only).
    {
      code: "export { WS_EVENTS } from '../auth/unified-auth-service.js';",
      filename: consumer,
      settings: settings(auth),
    },
    // The source itself (declaration merging included) and `allow`ed files.
    {
      code: 'export class UnifiedAuthService {}\nexport interface UnifiedAuthService { x: 1 }\nexport const authService = 1;',
      filename: appFile('src/auth/unified-auth-service.ts'),
    },
    { code: "export type WebSocketStatus = 'x';", filename: appFile('src/hooks/status.test.ts') },
    { code: "export type WebSocketStatus = 'x';", filename: appFile('src/mocks/types.ts') },
    // exportedOnly: a private helper is fine.
    {
      code: 'function isWebSocketEvent() { return true; }\nexport const x = isWebSocketEvent();',
      filename: consumer,
      settings: settings(),
      options: exportedOnly,
    },
    // No sources: nothing to check.
    { code: 'class UnifiedAuthService {}', filename: consumer, settings: { ssot: { rootDir: appDir, services: [] } } },
  ]),
  invalid: [
    // The real bug: a non-exported class whose instance is exported.
    invalid('class UnifiedAuthService {}\nexport const authService = new UnifiedAuthService();', [
      error('duplicate', [1, 7, 1, 25]),
      error('duplicate', [2, 14, 2, 25]),
    ]),
    invalid('export default class UnifiedAuthService {}', [error('duplicate', [1, 22, 1, 40])]),
    invalid('export function getWebSocketManager(): void;\nexport function getWebSocketManager(x?: number): void {}', [
      error('duplicate', [1, 17, 1, 36]),
    ]),
    invalid('declare function isWebSocketEvent(value: unknown): boolean;', [error('duplicate', [1, 18, 1, 34])]),
    invalid('const { a: WebSocketStatus, b: [WS_EVENTS] } = obj;', [
      error('duplicate', [1, 12, 1, 27]),
      error('duplicate', [1, 33, 1, 42]),
    ]),
    invalid("interface WebSocketEvent { type: string }\ntype WebSocketStatus = 'a';", [
      error('duplicate', [1, 11, 1, 25]),
      error('duplicate', [2, 6, 2, 21]),
    ]),
    invalid('enum WebSocketStatus { Open }\nnamespace WS_EVENTS {}', [
      error('duplicate', [1, 6, 1, 21]),
      error('duplicate', [2, 11, 2, 20]),
    ]),
    invalid('export let authService, other;\nvar UnifiedAuthService = 1;', [
      error('duplicate', [1, 12, 1, 23]),
      error('duplicate', [2, 5, 2, 23]),
    ]),
    // Declaration merging outside the source: one report per name.
    invalid('class UnifiedAuthService {}\ninterface UnifiedAuthService { x: 1 }', [error('duplicate', [1, 7, 1, 25])]),
    // Another binding exported under an owned name.
    invalid('const makeManager = () => 1;\nexport { makeManager as getWebSocketManager };', [
      error('exportedAs', [2, 25, 2, 44]),
    ]),
    invalid("export { connectService as isWebSocketEvent } from '../services/ws-service.js';", [
      error('exportedAs', [1, 28, 1, 44]),
    ]),
    invalid(
      "import { UnifiedAuthService } from '../auth/unified-auth-service.js';\nexport { UnifiedAuthService as authService };",
      [error('exportedAs', [2, 32, 2, 43])],
    ),
    // exportedOnly keeps exported declarations, direct or by list.
    invalid(
      'class UnifiedAuthService {}\nexport { UnifiedAuthService };\nfunction isWebSocketEvent() {}',
      [error('duplicate', [1, 7, 1, 25])],
      { options: exportedOnly },
    ),
    // A source's module may declare another source's name: still a duplicate.
    invalid('export type WebSocketStatus = 1;', [error('duplicate', [1, 13, 1, 28])], {
      filename: appFile('src/auth/unified-auth-service.ts'),
    }),
    // An entry may re-export but not redefine.
    invalid('export const WS_EVENTS = [];', [error('duplicate', [1, 14, 1, 23])], {
      filename: appFile('src/types/index.ts'),
    }),
    // TSX
    invalid('export function isWebSocketEvent() { return <div />; }', [error('duplicate', [1, 17, 1, 33])], {
      filename: component,
    }),
  ],
});

jsRuleTester.run('no-duplicate-definition (JavaScript, CommonJS)', rule, {
  valid: valid([
    {
      code: "import { authService } from '../auth/unified-auth-service.js';\nexport { authService };",
      filename: script,
    },
  ]),
  invalid: [
    invalid('export class UnifiedAuthService {}', [error('duplicate', [1, 14, 1, 32])], { filename: script }),
    invalid('const authService = {};\nmodule.exports = { authService };', [error('duplicate', [1, 7, 1, 18])], {
      filename: commonJs,
    }),
  ],
});

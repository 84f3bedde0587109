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
    // TypeScript's CommonJS `export = { … }`.
    invalid('export = { authService: {} };', [error('duplicate', [1, 12, 1, 23])]),
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

// RuleTester forces `parserOptions.sourceType: 'module'`; CommonJS sets it too.
const cjsOptions = { sourceType: 'commonjs', parserOptions: { sourceType: 'commonjs' } } as const;
const cjsCases = cases<MessageIds, Options>({ filename: commonJs, settings: settings() });
/** CommonJS cases: the `.cjs` file parsed as a CommonJS script. */
const cjs = {
  valid: (tests: readonly (string | { code: string; filename?: string; options?: Options })[]) =>
    cjsCases.valid(
      tests.map((test) => ({ ...(typeof test === 'string' ? { code: test } : test), languageOptions: cjsOptions })),
    ),
  invalid: (code: string, errors: Parameters<typeof cjsCases.invalid>[1], more: { options?: Options } = {}) =>
    cjsCases.invalid(code, errors, { ...more, languageOptions: cjsOptions }),
};

jsRuleTester.run('no-duplicate-definition (JavaScript, CommonJS)', rule, {
  valid: [
    ...valid([
      {
        code: "import { authService } from '../auth/unified-auth-service.js';\nexport { authService };",
        filename: script,
      },
      // A local binding named `exports` is not CommonJS's.
      { code: 'const exports = {};\nexports.authService = 1;', filename: script },
    ]),
    ...cjs.valid([
      // CommonJS imports and re-exports of the owned binding from its source.
      "const { authService } = require('../auth/unified-auth-service.js');\nmodule.exports = { authService };",
      "const { authService: service } = require('../auth/unified-auth-service.js');\nexports.authService = service;",
      "exports.authService = require('../auth/unified-auth-service.js').authService;",
      "const auth = require('../auth/unified-auth-service.js').authService;\nmodule.exports.authService = auth;",
      // Other names; not at top level; `module`/`exports` declared in the file.
      'exports.other = 1;\nmodule.exports.helper = 2;\nmodule.exports = { another: 3 };',
      'function init() { exports.authService = {}; }\nif (process.env.X) module.exports.authService = {};',
      'const module = { exports: {} };\nmodule.exports.authService = 1;',
      // exportedOnly: a private helper CommonJS does not export.
      {
        code: 'function isWebSocketEvent() { return true; }\nmodule.exports = { check: () => isWebSocketEvent() };',
        options: exportedOnly,
      },
      // The source itself.
      { code: 'exports.getWebSocketManager = () => ({});', filename: appFile('src/websocket/factory.ts') },
    ]),
  ],
  invalid: [
    // CommonJS definitions: `exports.X =`, `module.exports.X =`, `exports['X'] =`, `module.exports = { X: … }`.
    cjs.invalid('exports.authService = {};', [error('duplicate', [1, 9, 1, 20])]),
    cjs.invalid('module.exports.UnifiedAuthService = class {};', [error('duplicate', [1, 16, 1, 34])]),
    cjs.invalid("exports['isWebSocketEvent'] = () => true;", [error('duplicate', [1, 9, 1, 27])]),
    cjs.invalid("module.exports = { authService: {}, helper: 1, 'WS_EVENTS': [] };", [
      error('duplicate', [1, 20, 1, 31]),
      error('duplicate', [1, 48, 1, 59]),
    ]),
    // Another binding exported under an owned name.
    cjs.invalid('const make = () => ({});\nmodule.exports = { getWebSocketManager: make };', [
      error('exportedAs', [2, 20, 2, 39], {
        data: { name: 'getWebSocketManager', local: 'make', source: 'src/websocket/factory.ts' },
      }),
    ]),
    cjs.invalid('const make = () => ({});\nexports.getWebSocketManager = make;', [error('exportedAs', [2, 9, 2, 28])]),
    // Taken from a module that is not the source: still a second definition.
    cjs.invalid("exports.authService = require('../services/ws-service.js').connectService;", [
      error('duplicate', [1, 9, 1, 20]),
    ]),
    // The declaration is reported once, not again where CommonJS exports it; exportedOnly counts CommonJS exports.
    cjs.invalid('function isWebSocketEvent() { return true; }\nexports.isWebSocketEvent = isWebSocketEvent;', [
      error('duplicate', [1, 10, 1, 26]),
    ]),
    cjs.invalid(
      'function isWebSocketEvent() { return true; }\nmodule.exports = { isWebSocketEvent };',
      [error('duplicate', [1, 10, 1, 26])],
      { options: exportedOnly },
    ),

    invalid('export class UnifiedAuthService {}', [error('duplicate', [1, 14, 1, 32])], { filename: script }),
    invalid('const authService = {};\nmodule.exports = { authService };', [error('duplicate', [1, 7, 1, 18])], {
      filename: commonJs,
    }),
  ],
});

import { rmSync } from 'node:fs';
import path from 'node:path';
import rule, { type MessageIds, type Options } from '../../rules/no-factory-bypass.js';
import type { ServiceSettings } from '../../src/settings.js';
import { afterAll } from 'vitest';
import { ioService, packagesProject, realtimeService, settingsFor, workspaceProject } from '../graph-projects.js';
import {
  appFile,
  cases,
  error,
  fixturesDir,
  jsRuleTester,
  ruleTester,
  ssotSettings,
  suggestion,
  webSocketManager,
  type Position,
} from '../rule-tester.js';

const hook = appFile('src/hooks/use-socket.ts');
const component = appFile('src/hooks/socket-status.tsx');
const script = appFile('src/hooks/use-socket.js');

const useFactory = (output: string) => suggestion<MessageIds>('useFactory', output);
const reexportFactory = (output: string) => suggestion<MessageIds>('reexportFactory', output);
const reexportType = (output: string) => suggestion<MessageIds>('reexportType', output);

/** Where `WebSocketManager` sits in `import { WebSocketManager } from …` on line 1. */
const NAMED: Position = [1, 10, 1, 26];
const FACTORY_IMPORT = "import { getWebSocketManager } from '../websocket/factory.js';";
const ALIAS_FACTORY_IMPORT = "import { getWebSocketManager } from '@/websocket/factory.js';";

const sessionStore: ServiceSettings = {
  name: 'SessionStore',
  class: 'SessionStore',
  module: 'src/store/index.ts',
  factory: { name: 'getSessionStore', module: 'src/store/factory.ts' },
};
const legacySocket: ServiceSettings = { name: 'legacy socket', class: 'default', module: 'src/services/socket.ts' };
const socketIoManager: ServiceSettings = {
  name: 'socket.io Manager',
  class: 'Manager',
  module: 'socket.io-client',
  allow: ['src/services/**'],
};

const noTypeImports: Options = [{ allowTypeImports: false, checkAllValueUses: false }];
const allValueUses: Options = [{ allowTypeImports: true, checkAllValueUses: true }];

const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings() });
const tsx = cases<MessageIds, Options>({ filename: component, settings: ssotSettings() });
const js = cases<MessageIds, Options>({ filename: script, settings: ssotSettings() });

ruleTester.run('no-factory-bypass', rule, {
  valid: valid([
    // Other names from the module are fine: the class is what is protected.
    "import { RECONNECT_DELAY_MS } from '../websocket/manager';",
    "import { RECONNECT_DELAY_MS, type UserContext } from '@/websocket/manager.js';",
    "import '../websocket/manager';",
    "import {} from '../websocket/manager';",
    // Type-only references (allowTypeImports: true by default).
    "import type { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager;",
    "import { type WebSocketManager, RECONNECT_DELAY_MS } from '../websocket/manager';",
    "import type * as ws from '@ws';\nlet m: ws.WebSocketManager;",
    "import type Manager = require('../websocket/manager');",
    "export type { WebSocketManager } from '../websocket/manager';",
    "export { type WebSocketManager, RECONNECT_DELAY_MS } from '../websocket/manager';",
    "export type * from '../websocket/manager';",
    "export type * as ws from '../websocket/manager';",
    "type Module = typeof import('../websocket/manager');",
    "type Manager = import('../websocket/manager').WebSocketManager;",
    // require() / import() that take only other names, or nothing.
    "const { RECONNECT_DELAY_MS } = await import('../websocket/manager');",
    "const delay = (await import('../websocket/manager.js')).RECONNECT_DELAY_MS;",
    "await import('../websocket/manager');",
    "void import('../websocket/manager');",
    "import('../websocket/manager').then(({ RECONNECT_DELAY_MS }) => RECONNECT_DELAY_MS);",
    "import('../websocket/manager').then(() => undefined);",
    "const { RECONNECT_DELAY_MS } = require('../websocket/manager');",
    "const delay = require('#manager').RECONNECT_DELAY_MS;",
    "require('../websocket/manager');",
    "const source = '../websocket/manager';\nconst m = await import(source);",
    // A local function called `require` is not the module loader.
    "function require(name: string) { return { name }; }\nconst { WebSocketManager } = require('../websocket/manager');",
    // Other modules: the factory, the barrel (it exports only the factory), lookalikes, packages.
    "import { getWebSocketManager } from '../websocket/factory';",
    "import { getWebSocketManager } from '@/websocket';",
    "import { WebSocketManager } from '../websocket/manager-mock';",
    "import { WebSocketManager } from '../other/manager';",
    "import { WebSocketManager } from 'some-websocket-package';",
    "export * from '../websocket/factory.js';",
    // Exempt files: the service module, the factory module, `allow` globs.
    { code: "import { WebSocketManager } from './manager.js';", filename: appFile('src/websocket/factory.ts') },
    { code: "export { WebSocketManager } from './manager.js';", filename: appFile('src/websocket/index.ts') },
    {
      code: "import { WebSocketManager } from '../websocket/manager';",
      filename: appFile('src/hooks/use-socket.test.ts'),
    },
    // Services without a module (matched by name elsewhere) or global ones are not about imports.
    {
      code: "import { WebSocketManager } from '../websocket/manager';",
      settings: ssotSettings({ name: 'WebSocketManager', class: 'WebSocketManager' }),
    },
    {
      code: "import { WebSocket } from '../websocket/manager';",
      settings: ssotSettings({ name: 'browser WebSocket', class: 'WebSocket', global: true }),
    },
    // `export * from` leaves the default export out.
    { code: "export * from '../services/socket';", settings: ssotSettings(legacySocket) },
    { code: "import { other } from '../services/socket';", settings: ssotSettings(legacySocket) },
    {
      code: "import { Manager } from 'socket.io-client';",
      filename: appFile('src/services/socket.ts'),
      settings: ssotSettings(socketIoManager),
    },
    { code: "import { io } from 'socket.io-client';", settings: ssotSettings(socketIoManager) },
    { code: "import { Manager } from 'socket.io-client-extra';", settings: ssotSettings(socketIoManager) },
    // With allowTypeImports: false, type references to other names are still fine.
    { code: "type Context = import('../websocket/manager').UserContext;", options: noTypeImports },
    { code: "import type { UserContext } from '../websocket/manager';", options: noTypeImports },
    // A value import used only for `instanceof` and static member reads cannot construct anything (checkAllValueUses: false).
    "import { WebSocketManager } from '../websocket/manager';\nexport const isManager = (x: unknown) => x instanceof WebSocketManager;\nexport const v = WebSocketManager.VERSION;",
    "import { WebSocketManager as M } from '@ws';\nexport const name = M.name;\nconsole.log(M.VERSION.toFixed(1), typeof M.VERSION);\nfunction f(m: M) { return m instanceof M; }",
    {
      code: "import Socket from '../services/socket';\nexport const ok = (x: unknown) => x instanceof Socket;",
      settings: ssotSettings(legacySocket),
    },
  ]),
  invalid: [
    // ── Import declarations × spellings ────────────────────────────────────────────────────────
    // The class is still constructed: replacing its import would leave `new WebSocketManager()` without
    // a declaration (and hide it from no-direct-instantiation), so no suggestion until it is gone.
    invalid("import { WebSocketManager } from '../websocket/manager';\nconst m = new WebSocketManager();", [
      error('bypass', NAMED),
    ]),
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nexport const delay = WebSocketManager.name;",
      [error('bypass', NAMED)],
      { options: allValueUses },
    ),
    // What can construct is reported even beside inert uses: a static method call, `prototype`, a write, handing it on.
    ...[
      'WebSocketManager.create()',
      'new WebSocketManager.prototype.constructor()',
      'WebSocketManager.VERSION = 2',
      'delete WebSocketManager.VERSION',
      'use(WebSocketManager)',
      'x instanceof Object && WebSocketManager',
    ].map((use) =>
      invalid(`import { WebSocketManager } from '../websocket/manager';\nx instanceof WebSocketManager;\n${use};`, [
        error('bypass', NAMED),
      ]),
    ),
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nexport const isManager = (x: unknown) => x instanceof WebSocketManager;\nexport const v = WebSocketManager.VERSION;",
      [error('bypass', NAMED)],
      {
        options: allValueUses,
      },
    ),
    invalid("import { WebSocketManager } from '../websocket/manager.js';", [
      error('bypass', NAMED, [useFactory("import { getWebSocketManager } from '../websocket/factory.js';")]),
    ]),
    invalid("import { WebSocketManager } from '../websocket/manager.ts';", [
      error('bypass', NAMED, [useFactory("import { getWebSocketManager } from '../websocket/factory.js';")]),
    ]),
    // An alias stays an alias (the fixture's `@/*`), with the extension NodeNext needs.
    invalid("import { WebSocketManager } from '@/websocket/manager';", [
      error('bypass', NAMED, [useFactory(ALIAS_FACTORY_IMPORT)]),
    ]),
    invalid("import { WebSocketManager } from '@/websocket/manager.js';", [
      error('bypass', NAMED, [useFactory(ALIAS_FACTORY_IMPORT)]),
    ]),
    invalid("import { WebSocketManager } from '@ws';", [error('bypass', NAMED, [useFactory(ALIAS_FACTORY_IMPORT)])]),
    invalid("import { WebSocketManager } from '#manager';", [error('bypass', NAMED, [useFactory(FACTORY_IMPORT)])]),
    invalid("import { WebSocketManager } from '#ws/manager';", [error('bypass', NAMED, [useFactory(FACTORY_IMPORT)])]),
    // `./` from a file next to the module's folder, and `../../` from a (virtual) nested folder.
    invalid(
      "import { WebSocketManager } from './websocket/manager';",
      [error('bypass', NAMED, [useFactory("import { getWebSocketManager } from './websocket/factory.js';")])],
      { filename: appFile('src/main.ts') },
    ),
    invalid(
      "import { WebSocketManager } from '../../websocket/manager';",
      [error('bypass', NAMED, [useFactory("import { getWebSocketManager } from '../../websocket/factory.js';")])],
      { filename: appFile('src/features/chat/room.ts') },
    ),
    // Renamed, string-named, default (for class 'default') and namespace imports.
    invalid("import { WebSocketManager as Manager } from '../websocket/manager';", [
      error('bypass', [1, 10, 1, 37], [useFactory(FACTORY_IMPORT)]),
    ]),
    invalid("import { 'WebSocketManager' as Manager } from '../websocket/manager';", [
      error('bypass', [1, 10, 1, 39], [useFactory(FACTORY_IMPORT)]),
    ]),
    invalid("import * as ws from '../websocket/manager';\nws.RECONNECT_DELAY_MS;", [error('bypass', [1, 8, 1, 15])]),
    // The text pre-filter sees through comments between the keywords.
    invalid("import /* every export */ * as ws from '../websocket/manager';", [error('bypass', [1, 27, 1, 34])]),
    invalid("export type // all types\n* as types from '../websocket/manager';", [error('reexport', [1, 1, 2, 40])], {
      options: noTypeImports,
    }),
    invalid("import Socket from '../services/socket';\nnew Socket();", [error('bypassNoFactory', [1, 8, 1, 14])], {
      settings: ssotSettings(legacySocket),
    }),
    invalid(
      "import { default as Socket } from '../services/socket';\nnew Socket();",
      [error('bypassNoFactory', [1, 10, 1, 27])],
      {
        settings: ssotSettings(legacySocket),
      },
    ),
    // `import X = require()` and its exported form (a leak).
    invalid("import ws = require('../websocket/manager');\nnew ws.WebSocketManager();", [
      error('bypass', [1, 1, 1, 45]),
    ]),
    invalid("export import ws = require('../websocket/manager');", [error('reexport', [1, 1, 1, 52])]),
    // Several services: each is reported where its class is taken.
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nimport { SessionStore } from '../store'; new SessionStore();",
      [
        error('bypass', NAMED, [
          useFactory(`${FACTORY_IMPORT}\nimport { SessionStore } from '../store'; new SessionStore();`),
        ]),
        error('bypass', [2, 10, 2, 22]),
      ],
      { settings: ssotSettings(webSocketManager, sessionStore) },
    ),

    // ── `index` modules ─────────────────────────────────────────────────────────────────────────
    ...["'../store'", "'../store/'", "'../store/index'", "'@/store'", "'@/store/index.ts'"].map((source) =>
      invalid(
        `import { SessionStore } from ${source};`,
        [
          error(
            'bypass',
            [1, 10, 1, 22],
            [
              useFactory(
                `import { getSessionStore } from '${source.startsWith("'@") ? '@/store/factory.js' : '../store/factory.js'}';`,
              ),
            ],
          ),
        ],
        { settings: ssotSettings(sessionStore) },
      ),
    ),
    invalid(
      "import { SessionStore } from '../store/index.js';\nnew SessionStore();",
      [error('bypass', [1, 10, 1, 22])],
      { settings: ssotSettings(sessionStore) },
    ),

    // ── Package modules: the package and its subpaths ───────────────────────────────────────────
    invalid("import { Manager } from 'socket.io-client';", [error('bypassNoFactory', [1, 10, 1, 17])], {
      settings: ssotSettings(socketIoManager),
    }),
    invalid(
      "import { Manager } from 'socket.io-client/build/esm/manager.js';",
      [error('bypassNoFactory', [1, 10, 1, 17])],
      {
        settings: ssotSettings(socketIoManager),
      },
    ),

    // ── Autofix: a value import used only as a type becomes type-only ──────────────────────────
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager;",
      [error('typeOnly', NAMED)],
      { output: "import type { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager;" },
    ),
    invalid(
      "import { WebSocketManager, RECONNECT_DELAY_MS } from '@/websocket/manager.js';\nlet m: WebSocketManager = undefined!;\nRECONNECT_DELAY_MS;",
      [error('typeOnly', NAMED)],
      {
        output:
          "import { type WebSocketManager, RECONNECT_DELAY_MS } from '@/websocket/manager.js';\nlet m: WebSocketManager = undefined!;\nRECONNECT_DELAY_MS;",
      },
    ),
    invalid(
      "import { WebSocketManager as Manager } from '@ws';\ntype Version = typeof Manager.VERSION;\nfunction use(m: Manager): void {}",
      [error('typeOnly', [1, 10, 1, 37])],
      {
        output:
          "import type { WebSocketManager as Manager } from '@ws';\ntype Version = typeof Manager.VERSION;\nfunction use(m: Manager): void {}",
      },
    ),
    invalid(
      "import * as ws from '../websocket/manager';\nlet m: ws.WebSocketManager;",
      [error('typeOnly', [1, 8, 1, 15])],
      { output: "import type * as ws from '../websocket/manager';\nlet m: ws.WebSocketManager;" },
    ),
    invalid(
      "import ws = require('../websocket/manager');\nlet m: ws.WebSocketManager;",
      [error('typeOnly', [1, 1, 1, 45])],
      { output: "import type ws = require('../websocket/manager');\nlet m: ws.WebSocketManager;" },
    ),
    invalid(
      "import Socket, { other } from '../services/socket';\nlet s: Socket = other;",
      [error('typeOnlyNoFactory', [1, 8, 1, 14])],
      {
        output:
          "import type Socket from '../services/socket';\nimport { other } from '../services/socket';\nlet s: Socket = other;",
        settings: ssotSettings(legacySocket),
      },
    ),
    // Re-exported or used as a value somewhere: no autofix.
    invalid("import { WebSocketManager } from '../websocket/manager';\nexport { WebSocketManager };", [
      error('bypass', NAMED),
    ]),
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager = new WebSocketManager();",
      [error('bypass', NAMED)],
    ),
    // Unused: left for no-unused-vars, but the suggestion still applies.
    invalid("import { WebSocketManager } from '../websocket/manager';", [
      error('bypass', NAMED, [useFactory(FACTORY_IMPORT)]),
    ]),

    // ── Suggestion: import the factory instead ──────────────────────────────────────────────────
    invalid(
      "import { WebSocketManager, RECONNECT_DELAY_MS } from '../websocket/manager.js';\nnew WebSocketManager(RECONNECT_DELAY_MS);",
      [error('bypass', NAMED)],
    ),
    invalid(
      "import { RECONNECT_DELAY_MS, WebSocketManager } from '../websocket/manager.js';\nnew WebSocketManager(RECONNECT_DELAY_MS);",
      [error('bypass', [1, 30, 1, 46])],
    ),
    // One name per line: the class's line goes.
    invalid(
      "import {\n  RECONNECT_DELAY_MS,\n  WebSocketManager,\n} from '../websocket/manager';\nnew WebSocketManager(RECONNECT_DELAY_MS);",
      [error('bypass', [3, 3, 3, 19])],
    ),
    invalid("import Socket, { WebSocketManager } from '../websocket/manager';\nnew WebSocketManager(Socket);", [
      error('bypass', [1, 18, 1, 34]),
    ]),
    // The factory is imported already: the class import just goes.
    invalid(
      "import { getWebSocketManager } from '@/websocket/factory';\nimport { WebSocketManager } from '../websocket/manager';",
      [error('bypass', [2, 10, 2, 26], [useFactory("import { getWebSocketManager } from '@/websocket/factory';")])],
    ),
    // Semicolon-free style is kept.
    invalid("import { WebSocketManager } from '../websocket/manager'\nnew WebSocketManager()", [
      error('bypass', NAMED),
    ]),
    // The factory's name is taken by something else: no suggestion.
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nconst getWebSocketManager = () => new WebSocketManager();",
      [error('bypass', NAMED)],
    ),

    // ── Re-exports: a barrel leaking the class ─────────────────────────────────────────────────
    invalid("export { WebSocketManager } from '../websocket/manager';", [
      error('reexport', NAMED, [
        reexportFactory("export { getWebSocketManager } from '../websocket/factory.js';"),
        reexportType("export type { WebSocketManager } from '../websocket/manager';"),
      ]),
    ]),
    invalid("export { WebSocketManager as Manager, RECONNECT_DELAY_MS } from '@/websocket/manager';", [
      error(
        'reexport',
        [1, 10, 1, 37],
        [
          reexportFactory(
            `export { RECONNECT_DELAY_MS } from '@/websocket/manager';\nexport { getWebSocketManager } from '@/websocket/factory.js';`,
          ),
          reexportType("export { type WebSocketManager as Manager, RECONNECT_DELAY_MS } from '@/websocket/manager';"),
        ],
      ),
    ]),
    invalid(
      "export { getWebSocketManager } from '../websocket/factory.js';\nexport { WebSocketManager } from '../websocket/manager.js';",
      [
        error(
          'reexport',
          [2, 10, 2, 26],
          [
            reexportFactory("export { getWebSocketManager } from '../websocket/factory.js';"),
            reexportType(
              "export { getWebSocketManager } from '../websocket/factory.js';\nexport type { WebSocketManager } from '../websocket/manager.js';",
            ),
          ],
        ),
      ],
    ),
    invalid("export * from '../websocket/manager';", [error('reexport', [1, 1, 1, 38])]),
    invalid("export * as ws from '#ws/manager';", [error('reexport', [1, 1, 1, 35])]),
    invalid(
      "export { default } from '../services/socket';",
      [
        error(
          'reexportNoFactory',
          [1, 10, 1, 17],
          [reexportType("export type { default } from '../services/socket';")],
        ),
      ],
      {
        settings: ssotSettings(legacySocket),
      },
    ),
    invalid("export * as socket from '../services/socket';", [error('reexportNoFactory', [1, 1, 1, 46])], {
      settings: ssotSettings(legacySocket),
    }),

    // ── import() and require(): when the class is taken from the module object ─────────────────
    invalid("const { WebSocketManager } = await import('../websocket/manager');", [error('bypass', [1, 9, 1, 25])]),
    invalid("const { WebSocketManager: Manager = null } = await import('@/websocket/manager');", [
      error('bypass', [1, 9, 1, 41]),
    ]),
    invalid("const ws = await import('../websocket/manager');", [error('bypass', [1, 18, 1, 48])]),
    invalid("const Manager = (await import('#manager')).WebSocketManager;", [error('bypass', [1, 17, 1, 60])]),
    invalid("import('../websocket/manager').then(({ WebSocketManager }) => new WebSocketManager());", [
      error('bypass', [1, 40, 1, 56]),
    ]),
    invalid("import('../websocket/manager').then((ws) => ws.RECONNECT_DELAY_MS);", [error('bypass', [1, 1, 1, 31])]),
    invalid("export const load = () => import('../websocket/manager');", [error('bypass', [1, 27, 1, 57])]),
    invalid("const { WebSocketManager } = require('../websocket/manager');", [error('bypass', [1, 9, 1, 25])]),
    invalid("const { RECONNECT_DELAY_MS, ...rest } = require('../websocket/manager');", [
      error('bypass', [1, 29, 1, 36]),
    ]),
    invalid("const ws = require('@ws');", [error('bypass', [1, 12, 1, 26])]),
    invalid("const Manager = require('../websocket/manager').WebSocketManager;", [error('bypass', [1, 17, 1, 65])]),
    invalid("const { WebSocketManager } = require('../websocket/manager') as typeof import('../websocket/manager');", [
      error('bypass', [1, 9, 1, 25]),
    ]),
    invalid("const key = 'WebSocketManager';\nconst { [key]: Manager } = require('../websocket/manager');", [
      error('bypass', [2, 9, 2, 23]),
    ]),

    // ── allowTypeImports: false ─────────────────────────────────────────────────────────────────
    invalid("import type { WebSocketManager } from '../websocket/manager';", [error('bypass', [1, 15, 1, 31])], {
      options: noTypeImports,
    }),
    invalid(
      "import { type WebSocketManager, RECONNECT_DELAY_MS } from '../websocket/manager';",
      [error('bypass', [1, 10, 1, 31])],
      {
        options: noTypeImports,
      },
    ),
    invalid("import type * as ws from '../websocket/manager';", [error('bypass', [1, 13, 1, 20])], {
      options: noTypeImports,
    }),
    invalid("import type ws = require('../websocket/manager');", [error('bypass', [1, 1, 1, 50])], {
      options: noTypeImports,
    }),
    invalid("export type { WebSocketManager } from '../websocket/manager';", [error('reexport', [1, 15, 1, 31])], {
      options: noTypeImports,
    }),
    invalid("export type * from '../websocket/manager';", [error('reexport', [1, 1, 1, 43])], {
      options: noTypeImports,
    }),
    invalid("type Module = typeof import('../websocket/manager');", [error('bypass', [1, 22, 1, 52])], {
      options: noTypeImports,
    }),
    invalid("type Manager = import('@ws').WebSocketManager;", [error('bypass', [1, 16, 1, 46])], {
      options: noTypeImports,
    }),
    // No type-only autofix when type imports are reported too, and no suggestion: replacing the import
    // would leave `let m: WebSocketManager` naming nothing.
    invalid(
      "import { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager;",
      [error('bypass', NAMED)],
      { options: noTypeImports },
    ),
  ],
});

// ── .tsx ────────────────────────────────────────────────────────────────────────────────────────
ruleTester.run('no-factory-bypass (tsx)', rule, {
  valid: tsx.valid([
    "import type { WebSocketManager } from '@/websocket/manager';\nexport const Status = (props: { manager: WebSocketManager }) => <span>{props.manager.user?.userId}</span>;",
  ]),
  invalid: [
    tsx.invalid(
      "import { WebSocketManager } from '@/websocket/manager';\nexport const Status = (props: { manager: WebSocketManager }) => <span>{props.manager.user?.userId}</span>;",
      [error('typeOnly', NAMED)],
      {
        output:
          "import type { WebSocketManager } from '@/websocket/manager';\nexport const Status = (props: { manager: WebSocketManager }) => <span>{props.manager.user?.userId}</span>;",
      },
    ),
    tsx.invalid(
      "import { WebSocketManager } from '../websocket/manager.js';\nexport const Status = () => <span>{new WebSocketManager().user?.userId}</span>;",
      [error('bypass', NAMED)],
    ),
  ],
});

// ── .js (espree): no type-only forms, the same references ───────────────────────────────────────
jsRuleTester.run('no-factory-bypass (js)', rule, {
  valid: js.valid([
    "import { RECONNECT_DELAY_MS } from '../websocket/manager.js';",
    "const { RECONNECT_DELAY_MS } = await import('../websocket/manager.js');",
  ]),
  invalid: [
    js.invalid(
      "import { WebSocketManager } from '../websocket/manager.js';\nexport const manager = new WebSocketManager();",
      [error('bypass', NAMED)],
    ),
    // No type positions in JavaScript: the suggestion drops the class entirely.
    js.invalid(
      "import { WebSocketManager, RECONNECT_DELAY_MS } from '#manager';\nexport const delay = RECONNECT_DELAY_MS;",
      [
        error('bypass', NAMED, [
          useFactory(
            `import { RECONNECT_DELAY_MS } from '#manager';\n${FACTORY_IMPORT}\nexport const delay = RECONNECT_DELAY_MS;`,
          ),
        ]),
      ],
    ),
    js.invalid("export { WebSocketManager } from '../websocket/manager.js';", [
      error('reexport', NAMED, [reexportFactory("export { getWebSocketManager } from '../websocket/factory.js';")]),
    ]),
    js.invalid("const { WebSocketManager } = await import('@/websocket/manager');", [error('bypass', [1, 9, 1, 25])]),
    js.invalid("const { WebSocketManager } = require('../websocket/manager.js');", [error('bypass', [1, 9, 1, 25])], {
      filename: appFile('src/hooks/use-socket.cjs'),
    }),
  ],
});

// ── A workspace: tsconfig `extends`, project references, package `exports` and `imports` ─────────
const workspaceDir = path.join(fixturesDir, 'workspace');
const sessionManager: ServiceSettings = {
  name: 'SessionManager',
  class: 'SessionManager',
  // An alias from the base tsconfig, resolved through the root's project references.
  module: '@core/session/manager',
  factory: { name: 'getSessionManager', module: 'packages/core/src/session/factory.ts' },
};
const workspaceSettings = { ssot: { rootDir: workspaceDir, services: [sessionManager] } };
const webPage = path.join(workspaceDir, 'packages/web/src/pages/home.ts');
const coreFile = path.join(workspaceDir, 'packages/core/src/audit.ts');
const SESSION: Position = [1, 10, 1, 24];
const workspace = cases<MessageIds, Options>({ filename: coreFile, settings: workspaceSettings });

ruleTester.run('no-factory-bypass (workspace)', rule, {
  valid: workspace.valid([
    // The package entry re-exports only the factory (and the type).
    { code: "import { getSessionManager } from '@acme/core';", filename: webPage },
    { code: "import { SESSION_TTL_MS } from '@acme/core/session/manager.js';", filename: webPage },
    {
      code: "export type { SessionManager, SessionUser } from './session/manager.js';",
      filename: path.join(workspaceDir, 'packages/core/src/index.ts'),
    },
    {
      code: "import { SessionManager } from './manager.js';",
      filename: path.join(workspaceDir, 'packages/core/src/session/factory.ts'),
    },
  ]),
  invalid: [
    // web: its own `paths` (from packages/web/tsconfig.json, a referenced project).
    workspace.invalid(
      "import { SessionManager } from '@acme/core/session/manager.js';\nnew SessionManager({ userId: 'u' });",
      [error('bypass', SESSION)],
      { filename: webPage },
    ),
    workspace.invalid(
      "import { SessionManager } from '../../../core/src/session/manager.js';\nnew SessionManager({ userId: 'u' });",
      [error('bypass', SESSION)],
      { filename: webPage },
    ),
    // core: `paths` inherited through `extends`, the package's self-reference (`exports`) and `imports`.
    ...["'@core/session/manager'", "'@acme/core/session'", "'#session'", "'./session/manager.js'"].map((source) =>
      workspace.invalid(
        `import { SessionManager } from ${source};\nlet s: SessionManager;`,
        [error('typeOnly', SESSION)],
        {
          output: `import type { SessionManager } from ${source};\nlet s: SessionManager;`,
        },
      ),
    ),
    // The package's own tsconfig (module: NodeNext through `extends`) applies, not the solution root's: './….js'.
    workspace.invalid("export { SessionManager } from '@acme/core/session';", [
      error('reexport', SESSION, [
        reexportFactory("export { getSessionManager } from './session/factory.js';"),
        reexportType("export type { SessionManager } from '@acme/core/session';"),
      ]),
    ]),
  ],
});

// ---------------------------------------------------------------------------------------------
// Through the module graph: the class imported from a barrel, the factory module, a package entry
// or a built workspace package is the class, whichever path it takes.

const chatRoom: ServiceSettings = {
  name: 'ChatRoom',
  class: 'ChatRoom',
  module: 'src/chat/room.ts',
  factory: { name: 'getChatRoom', module: 'src/chat/factory.ts' },
};
const graphPackages = packagesProject();
const graphWorkspaces = { built: workspaceProject(true), unbuilt: workspaceProject(false) };
afterAll(() => {
  for (const root of [graphPackages, graphWorkspaces.built, graphWorkspaces.unbuilt])
    rmSync(root, { recursive: true, force: true });
});

ruleTester.run('no-factory-bypass (module graph)', rule, {
  valid: [
    // The factory through a barrel; other names; a name two `export *` make ambiguous; type-only re-exports.
    "import { getWebSocketManager } from '../barrels';\ngetWebSocketManager({ userId: 'u' });",
    "import { WebSocketManager } from '../barrels/ambiguous';",
    "import { WebSocketManager } from '../barrels/type-only';",
    "import { WebSocketManager } from '../barrels/other';",
    // A namespace import of a barrel takes the class only where it is used (no-direct-instantiation reports `new ns.C()`).
    "import * as realtime from '../barrels';\nrealtime.getWebSocketManager({ userId: 'u' });",
    // A barrel that is `allow`ed may re-export the class.
    {
      code: "export { WebSocketManager } from '../websocket/manager.js';",
      filename: appFile('src/barrels/index.ts'),
      settings: ssotSettings({ ...webSocketManager, allow: ['src/barrels/**'] }),
    },
    { code: "import { getChatRoom } from '../chat';\ngetChatRoom('a');", settings: ssotSettings(chatRoom) },
  ].map((test) =>
    typeof test === 'string' ? { code: test, filename: hook, settings: ssotSettings() } : { filename: hook, ...test },
  ),
  invalid: [
    // The trial: the factory already imported from the barrel, the class used only as a type. The message
    // says what the autofix does (a type-only import from the barrel), not "import the factory instead".
    invalid(
      "import { getWebSocketManager, WebSocketManager } from '../barrels';\nexport const m: WebSocketManager = getWebSocketManager();",
      [
        error('typeOnly', [1, 31, 1, 47], {
          data: { service: 'WebSocketManager', factory: 'getWebSocketManager', source: '../barrels' },
        }),
      ],
      {
        output:
          "import { getWebSocketManager, type WebSocketManager } from '../barrels';\nexport const m: WebSocketManager = getWebSocketManager();",
      },
    ),
    invalid("import { WebSocketManager } from '../barrels';\nnew WebSocketManager();", [error('bypass', NAMED)]),
    // Unused as a value: the suggestion imports the factory instead, from the factory's own module.
    invalid("import { WebSocketManager } from '../barrels';", [error('bypass', NAMED, [useFactory(FACTORY_IMPORT)])]),
    invalid("import { WebSocketManager } from '@/barrels/deep';\nnew WebSocketManager();", [error('bypass', NAMED)]),
    // An `allow`ed barrel does not launder the class for its importers.
    invalid("import { WebSocketManager } from '../barrels/star';\nnew WebSocketManager();", [error('bypass', NAMED)], {
      settings: ssotSettings({ ...webSocketManager, allow: [...(webSocketManager.allow ?? []), 'src/barrels/**'] }),
    }),
    invalid("import WebSocketManager from '../barrels/as-default';\nnew WebSocketManager();", [
      error('bypass', [1, 8, 1, 24]),
    ]),
    invalid("import WebSocketManager = require('../barrels/equals');\nnew WebSocketManager();", [
      error('bypass', [1, 1, 1, 56]),
    ]),
    // The factory module re-exports the class it creates: importing the class from there still goes around the factory.
    invalid("import { ChatRoom } from '../chat/factory';\nnew ChatRoom('a');", [error('bypass', [1, 10, 1, 18])], {
      settings: ssotSettings(chatRoom),
    }),
    invalid("export { WebSocketManager } from '../barrels';", [
      error('reexport', NAMED, [
        reexportFactory(FACTORY_IMPORT.replace('import', 'export')),
        reexportType("export type { WebSocketManager } from '../barrels';"),
      ]),
    ]),
    invalid("export * from '../barrels/star';", [error('reexport', [1, 1, 1, 33])]),
    invalid("const { WebSocketManager } = await import('../barrels');", [error('bypass', [1, 9, 1, 25])]),
    // Packages: one function exported as `io`, `connect` and `default`; a workspace package, built or not.
    invalid("import { connect } from 'socket.io-client';\nconnect('https://x');", [error('bypass', [1, 10, 1, 17])], {
      filename: path.join(graphPackages, 'src/app.ts'),
      settings: settingsFor(graphPackages, ioService),
    }),
    ...(['built', 'unbuilt'] as const).flatMap((state) =>
      ['@acme/realtime', '@acme/realtime/manager'].flatMap((specifier) => [
        invalid(
          `import { RealtimeManager } from '${specifier}';`,
          [
            error(
              'bypass',
              [1, 10, 1, 25],
              [useFactory("import { getRealtime } from '../../realtime/src/factory.js';")],
            ),
          ],
          {
            filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
            settings: settingsFor(graphWorkspaces[state], realtimeService),
          },
        ),
        invalid(
          `import { RealtimeManager } from '${specifier}';\nnew RealtimeManager('u');`,
          [error('bypass', [1, 10, 1, 25])],
          {
            filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
            settings: settingsFor(graphWorkspaces[state], realtimeService),
          },
        ),
      ]),
    ),
  ],
});

ruleTester.run('no-factory-bypass (module graph, tsx)', rule, {
  valid: [],
  invalid: [
    invalid(
      "import { WebSocketManager } from '@/barrels';\nexport const Status = () => <p>{String(new WebSocketManager())}</p>;",
      [error('bypass', NAMED)],
      { filename: component },
    ),
  ],
});

jsRuleTester.run('no-factory-bypass (module graph, js)', rule, {
  valid: [],
  invalid: [
    invalid(
      "import { WebSocketManager } from '../barrels/index.js';\nnew WebSocketManager();",
      [error('bypass', NAMED)],
      { filename: script },
    ),
    invalid(
      "const { WebSocketManager } = require('../barrels/legacy.cjs');\nnew WebSocketManager();",
      [error('bypass', [1, 9, 1, 25])],
      {
        filename: script,
      },
    ),
  ],
});

// A member-path factory: the suggestion imports its first segment, reusing it under any spelling.
const conversationService: ServiceSettings = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: { name: 'FrontendComponentFactory.getConversationManager', module: 'src/frontend/component-factory.ts' },
};
const member = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings(conversationService) });
const MEMBER_IMPORT = "import { FrontendComponentFactory } from '../frontend/component-factory';";
/** What the suggestion writes: NodeNext needs the extension. */
const MEMBER_IMPORT_JS = MEMBER_IMPORT.replace("factory'", "factory.js'");

ruleTester.run('no-factory-bypass (member-path factory)', rule, {
  valid: member.valid([
    `${MEMBER_IMPORT}\nexport const open = (user: { userId: string }) => FrontendComponentFactory.getConversationManager(user);`,
    "import { FrontendComponentFactory as Components } from '../frontend';\nComponents.getConversationManager({ userId: 'u' });",
  ]),
  invalid: [
    member.invalid("import { ConversationManager } from '../frontend/component-factory';", [
      error('bypass', [1, 10, 1, 29], {
        data: {
          factory: 'FrontendComponentFactory.getConversationManager',
          factoryModule: 'src/frontend/component-factory.ts',
          module: 'src/frontend/component-factory.ts',
          service: 'ConversationManager',
        },
        suggestions: [suggestion('useFactory', MEMBER_IMPORT_JS)],
      }),
    ]),
    // The class imported renamed: the first segment, not the class, not the member path.
    member.invalid("import { ConversationManager as Conversation } from '../frontend/component-factory.js';", [
      error('bypass', [1, 10, 1, 45], [suggestion('useFactory', MEMBER_IMPORT_JS)]),
    ]),
    // The first segment already imported renamed: the class import goes, the renamed one stays.
    member.invalid(
      "import { ConversationManager, FrontendComponentFactory as Components } from '../frontend/component-factory';\nComponents.getConversationManager({ userId: 'u' });",
      [
        error(
          'bypass',
          [1, 10, 1, 29],
          [
            suggestion(
              'useFactory',
              "import { FrontendComponentFactory as Components } from '../frontend/component-factory';\nComponents.getConversationManager({ userId: 'u' });",
            ),
          ],
        ),
      ],
    ),
    // The first segment already imported through the barrel (renamed): the class import is removed, no second import.
    member.invalid(
      "import { ConversationManager } from '../frontend/component-factory';\nimport { FrontendComponentFactory as Components } from '../frontend';\nComponents.getConversationManager({ userId: 'u' });",
      [
        error(
          'bypass',
          [1, 10, 1, 29],
          [
            suggestion(
              'useFactory',
              "import { FrontendComponentFactory as Components } from '../frontend';\nComponents.getConversationManager({ userId: 'u' });",
            ),
          ],
        ),
      ],
    ),
    // A namespace import of the barrel binds no `FrontendComponentFactory`: the suggestion imports it.
    member.invalid(
      "import { ConversationManager } from '../frontend/component-factory';\nimport * as frontend from '../frontend';\nfrontend.FrontendComponentFactory.getConversationManager({ userId: 'u' });",
      [
        error(
          'bypass',
          [1, 10, 1, 29],
          [
            suggestion(
              'useFactory',
              `${MEMBER_IMPORT_JS}\nimport * as frontend from '../frontend';\nfrontend.FrontendComponentFactory.getConversationManager({ userId: 'u' });`,
            ),
          ],
        ),
      ],
    ),
    // Re-exported: the suggestion re-exports the first segment.
    member.invalid("export { ConversationManager } from '../frontend/component-factory';", [
      error(
        'reexport',
        [1, 10, 1, 29],
        [
          suggestion('reexportFactory', MEMBER_IMPORT_JS.replace('import', 'export')),
          suggestion('reexportType', "export type { ConversationManager } from '../frontend/component-factory';"),
        ],
      ),
    ]),
  ],
});

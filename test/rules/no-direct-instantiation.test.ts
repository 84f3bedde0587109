import { rmSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/no-direct-instantiation.js';
import plugin from '../../src/index.js';
import {
  ioService,
  legacyService,
  packagesProject,
  realtimeService,
  settingsFor,
  workspaceProject,
  wsService,
} from '../graph-projects.js';
import {
  appFile,
  cases,
  error,
  jsRuleTester,
  ruleTester,
  ssotSettings,
  suggestion,
  webSocketManager,
} from '../rule-tester.js';

const hook = appFile('src/hooks/use-socket.ts');
const component = appFile('src/hooks/socket-status.tsx');
const script = appFile('src/hooks/legacy.js');

const importManager = "import { WebSocketManager } from '../websocket/manager';";
const addFactoryImport = "import { getWebSocketManager } from '../websocket/factory.js';";
const useFactory = (output: string) => suggestion<MessageIds>('useFactory', output);
/** One construction per line, each spelled differently; every line after the imports is reported. */
const wrappers = [
  "import { getWebSocketManager as getWs } from '../websocket/factory';",
  "import { WebSocketManager } from '#manager';",
  'const K = WebSocketManager;',
  'new K();',
  'new (WebSocketManager)();',
  'new (WebSocketManager as any)();',
  'new WebSocketManager!();',
  'new (WebSocketManager satisfies unknown)();',
  'new WebSocketManager<string>();',
];

const browserWebSocket = {
  name: 'browser WebSocket',
  class: 'WebSocket',
  global: true,
  allow: ['src/services/socket.ts'],
};
const socketIo = {
  name: 'socket.io client',
  class: 'io',
  module: 'socket.io-client',
  construct: 'call' as const,
  factory: { name: 'getSocket', module: '@/services/socket' },
};
const looseManager = { name: 'WebSocketManager', class: 'WebSocketManager', factory: webSocketManager.factory };
const defaultExport = {
  name: 'Telemetry',
  class: 'default',
  module: 'src/services/telemetry.ts',
  allow: ['src/services/**'],
};

const conversationService = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: { name: 'FrontendComponentFactory.getConversationManager', module: 'src/frontend/component-factory.ts' },
};

const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings() });
const js = cases<MessageIds, Options>({ filename: script, settings: ssotSettings() });

ruleTester.run('no-direct-instantiation', rule, {
  valid: valid([
    // Neither branch is the service; other names of a module loaded with `.then`; a reassigned parameter.
    'class A {}\nclass B {}\ndeclare const cond: boolean;\nconst K = cond ? A : B;\nnew K();\nnew (cond ? A : B)();',
    "import('../websocket/manager').then(({ RECONNECT_DELAY_MS }) => new RECONNECT_DELAY_MS());",
    "import('../websocket/manager').then((m) => { m = { WebSocketManager: class {} }; return new m.WebSocketManager(); });",
    "import('../websocket/manager').then(() => undefined, (m) => new m.WebSocketManager());",
    // Type positions, instanceof, typeof, static members.
    `${importManager}\nlet m: WebSocketManager;`,
    `${importManager}\nclass Fake implements WebSocketManager { user = undefined }`,
    `${importManager}\ndeclare const x: unknown;\nexport const ok = x instanceof WebSocketManager;`,
    `${importManager}\ntype Ctor = typeof WebSocketManager;\nexport const v = WebSocketManager.VERSION;`,
    "import type { WebSocketManager } from '../websocket/manager';\nexport type M = WebSocketManager;",
    // The factory is the sanctioned way.
    "import { getWebSocketManager } from '../websocket/factory';\ngetWebSocketManager({ userId: 'u' });",
    // Same name, different binding.
    'class WebSocketManager {}\nnew WebSocketManager();',
    "import { WebSocketManager } from 'some-other-lib';\nnew WebSocketManager();",
    "import { RECONNECT_DELAY_MS } from '../websocket/manager';\nclass RECONNECT {}\nnew RECONNECT();",
    // Other exports of the module.
    "import * as ws from '../websocket/manager';\nnew ws.Other();",
    "const { RECONNECT_DELAY_MS } = require('../websocket/manager');\nnew RECONNECT_DELAY_MS();",
    // Allowed files: own module, factory module, allow globs.
    {
      code: 'export class WebSocketManager {}\nexport const m = new WebSocketManager();',
      filename: appFile('src/websocket/manager.ts'),
    },
    {
      code: `${importManager.replace('../websocket/manager', './manager')}\nnew WebSocketManager();`,
      filename: appFile('src/websocket/factory.ts'),
    },
    { code: `${importManager}\nnew WebSocketManager();`, filename: appFile('src/websocket/testing/mock.ts') },
    { code: `${importManager}\nnew WebSocketManager();`, filename: appFile('src/hooks/use-socket.test.ts') },
    // Globals: shadowed by a local binding or an import.
    { code: 'function connect(WebSocket: any) { return new WebSocket(); }', settings: ssotSettings(browserWebSocket) },
    { code: "import { WebSocket } from 'ws';\nnew WebSocket('wss://x');", settings: ssotSettings(browserWebSocket) },
    {
      code: 'const window = { WebSocket: class {} };\nnew window.WebSocket();',
      settings: ssotSettings(browserWebSocket),
    },
    {
      code: "new WebSocket('wss://x');",
      filename: appFile('src/services/socket.ts'),
      settings: ssotSettings(browserWebSocket),
    },
    // construct: 'call' services: other members are fine.
    {
      code: "import { io, Manager } from 'socket.io-client';\nexport const m = Manager;\nexport type T = typeof io;",
      settings: ssotSettings(socketIo),
    },
    // Loose mode only matches the class name.
    { code: 'class WebSocketClient {}\nnew WebSocketClient();', settings: ssotSettings(looseManager) },
    // Unknown callees are not guessed at.
    'declare function make(): any;\nnew (make())();\nnew (class {})();',
  ]),
  invalid: [
    // A member-path factory: the suggestion writes the real call and imports the first segment.
    invalid(
      "import { ConversationManager } from '../frontend/component-factory';\nexport const open = (user: { userId: string }) => new ConversationManager(user);",
      [
        error(
          'direct',
          [2, 51, 2, 80],
          [
            suggestion(
              'useFactory',
              "import { ConversationManager, FrontendComponentFactory } from '../frontend/component-factory';\nexport const open = (user: { userId: string }) => FrontendComponentFactory.getConversationManager(user);",
            ),
          ],
        ),
      ],
      { settings: ssotSettings(conversationService) },
    ),
    // The first segment already imported renamed through the barrel: the call is written with that name.
    invalid(
      "import { ConversationManager } from '../frontend/component-factory';\nimport { FrontendComponentFactory as Components } from '../frontend';\nexport const open = (user: { userId: string }) => new ConversationManager(user);",
      [
        error(
          'direct',
          [3, 51, 3, 80],
          [
            suggestion(
              'useFactory',
              "import { ConversationManager } from '../frontend/component-factory';\nimport { FrontendComponentFactory as Components } from '../frontend';\nexport const open = (user: { userId: string }) => Components.getConversationManager(user);",
            ),
          ],
        ),
      ],
      { settings: ssotSettings(conversationService) },
    ),
    invalid(`${importManager}\nconst m = new WebSocketManager();`, [
      error('direct', [2, 11, 2, 33], {
        data: {
          service: 'WebSocketManager',
          factory: 'getWebSocketManager',
          factoryModule: 'src/websocket/factory.ts',
        },
        suggestions: [useFactory(`${importManager}\n${addFactoryImport}\nconst m = getWebSocketManager();`)],
      }),
    ]),
    // Renamed import; arguments carried over.
    invalid(
      "import { WebSocketManager as WSM } from '../websocket/manager';\nexport function useSocket(user: { userId: string }) {\n  return new WSM(user);\n}",
      [
        error(
          'direct',
          [3, 10, 3, 23],
          [
            useFactory(
              `import { WebSocketManager as WSM } from '../websocket/manager';\n${addFactoryImport}\nexport function useSocket(user: { userId: string }) {\n  return getWebSocketManager(user);\n}`,
            ),
          ],
        ),
      ],
    ),
    // Namespace member, dotted and computed; `.js` spelling of a `.ts` file.
    invalid(
      "import * as ws from '../websocket/manager.js';\nnew ws.WebSocketManager();\nnew ws['WebSocketManager']();",
      [
        error(
          'direct',
          [2, 1, 2, 26],
          [
            useFactory(
              "import * as ws from '../websocket/manager.js';\nimport { getWebSocketManager } from '../websocket/factory.js';\ngetWebSocketManager();\nnew ws['WebSocketManager']();",
            ),
          ],
        ),
        error(
          'direct',
          [3, 1, 3, 29],
          [
            useFactory(
              "import * as ws from '../websocket/manager.js';\nimport { getWebSocketManager } from '../websocket/factory.js';\nnew ws.WebSocketManager();\ngetWebSocketManager();",
            ),
          ],
        ),
      ],
    ),
    // tsconfig path alias and `import X = require()`.
    invalid("import ws = require('@/websocket/manager');\nexport const m = new ws.WebSocketManager();", [
      error(
        'direct',
        [2, 18, 2, 43],
        [
          useFactory(
            "import { getWebSocketManager } from '@/websocket/factory.js';\nimport ws = require('@/websocket/manager');\nexport const m = getWebSocketManager();",
          ),
        ],
      ),
    ]),
    // Local alias, wrappers, type arguments; an existing factory import is reused.
    invalid(
      wrappers.join('\n'),
      (
        [
          [4, 1, 8],
          [5, 1, 25],
          [6, 1, 32],
          [7, 1, 24],
          [8, 1, 43],
          [9, 1, 31],
        ] as const
      ).map(([line, column, endColumn]) =>
        error(
          'direct',
          [line, column, line, endColumn],
          [useFactory(wrappers.map((text, index) => (index + 1 === line ? 'getWs();' : text)).join('\n'))],
        ),
      ),
    ),
    // Reflect.construct; the factory module already imported for another name.
    invalid(
      "import { RECONNECT_DELAY_MS } from '../websocket/factory';\nimport { WebSocketManager } from '@ws';\nconst user = { userId: 'u' };\nReflect.construct(WebSocketManager, [user]);\nReflect.construct(WebSocketManager, args);",
      [
        error(
          'direct',
          [4, 1, 4, 44],
          [
            useFactory(
              "import { RECONNECT_DELAY_MS, getWebSocketManager } from '../websocket/factory';\nimport { WebSocketManager } from '@ws';\nconst user = { userId: 'u' };\ngetWebSocketManager(user);\nReflect.construct(WebSocketManager, args);",
            ),
          ],
        ),
        // `args` may hold anything: no factory call is known to take it.
        error('direct', [5, 1, 5, 42]),
      ],
    ),
    // Destructuring `await import()`, renamed.
    invalid(
      "export async function connect() {\n  const { WebSocketManager: K } = await import('../websocket/manager');\n  return new K();\n}",
      [
        error(
          'direct',
          [3, 10, 3, 17],
          [
            useFactory(
              `${addFactoryImport}\nexport async function connect() {\n  const { WebSocketManager: K } = await import('../websocket/manager');\n  return getWebSocketManager();\n}`,
            ),
          ],
        ),
      ],
    ),
    // The module object of `import(M).then(…)`: a parameter, or the class destructured from it.
    invalid("import('../websocket/manager').then((m) => new m.WebSocketManager());", [
      error(
        'direct',
        [1, 44, 1, 68],
        [useFactory(`${addFactoryImport}\nimport('../websocket/manager').then((m) => getWebSocketManager());`)],
      ),
    ]),
    invalid("import('@ws').then(({ WebSocketManager: K }) => new K(1));", [
      error(
        'direct',
        [1, 49, 1, 57],
        [useFactory(`${addFactoryImport}\nimport('@ws').then(({ WebSocketManager: K }) => getWebSocketManager(1));`)],
      ),
    ]),
    // `C.prototype.constructor` is the class.
    invalid(`${importManager}\nnew WebSocketManager.prototype.constructor();`, [
      error('direct', [2, 1, 2, 45], [useFactory(`${importManager}\n${addFactoryImport}\ngetWebSocketManager();`)]),
    ]),
    // Either branch may be the service: reported, and no suggestion (it would drop the other branch).
    invalid(
      `${importManager}\nclass Fake {}\ndeclare const cond: boolean;\nconst K = cond ? Fake : WebSocketManager;\nnew K();\nnew (cond ? WebSocketManager : Fake)();\nconst L = Fake ?? WebSocketManager;\nnew L();`,
      [error('direct', [5, 1, 5, 8]), error('direct', [6, 1, 6, 39]), error('direct', [8, 1, 8, 8])],
    ),
    // The factory name is taken by another binding: no suggestion that would change meaning.
    invalid(`${importManager}\nconst getWebSocketManager = 1;\nnew WebSocketManager();`, [
      error('direct', [3, 1, 3, 23]),
    ]),
    // Subclassing bypasses the factory.
    invalid(
      `${importManager}\nexport class Mine extends WebSocketManager {}\nexport const Anon = class extends WebSocketManager {};`,
      [error('subclass', [2, 27, 2, 43]), error('subclass', [3, 35, 3, 51])],
    ),
    // Global services: by name and through window/globalThis/self; no factory configured.
    invalid(
      "new WebSocket('wss://a');\nnew window.WebSocket('wss://b');\nnew globalThis.WebSocket('wss://c');\nnew self['WebSocket']('wss://d');",
      (
        [
          [1, 25],
          [2, 32],
          [3, 36],
          [4, 33],
        ] as const
      ).map(([line, endColumn]) =>
        error('directNoFactory', [line, 1, line, endColumn], {
          data: { service: 'browser WebSocket', allowed: "'src/services/socket.ts'" },
        }),
      ),
      { settings: ssotSettings(browserWebSocket) },
    ),
    // construct: 'call' services; the factory module is a tsconfig alias, kept as configured.
    invalid(
      "import { io } from 'socket.io-client';\nexport const socket = io('https://example.test');",
      [
        error('direct', [2, 23, 2, 49], {
          data: { service: 'socket.io client', factory: 'getSocket', factoryModule: '@/services/socket' },
          suggestions: [
            useFactory(
              "import { io } from 'socket.io-client';\nimport { getSocket } from '../services/socket.js';\nexport const socket = getSocket('https://example.test');",
            ),
          ],
        }),
      ],
      { settings: ssotSettings(socketIo) },
    ),
    // Default-export services; subpath of a package-name module does not matter here.
    invalid(
      "import Telemetry from '../services/telemetry';\nnew Telemetry();",
      [
        error('directNoFactory', [2, 1, 2, 16], {
          data: { service: 'Telemetry', allowed: "its own module 'src/services/telemetry.ts' or 'src/services/**'" },
        }),
      ],
      { settings: ssotSettings(defaultExport) },
    ),
    // Loose mode: any binding with the class's name, local or imported; directives stay first.
    invalid(
      "'use client';\nclass WebSocketManager {}\nnew WebSocketManager();",
      [
        error(
          'direct',
          [3, 1, 3, 23],
          [useFactory(`'use client';\n${addFactoryImport}\nclass WebSocketManager {}\ngetWebSocketManager();`)],
        ),
      ],
      { settings: ssotSettings(looseManager) },
    ),
    // TSX.
    invalid(
      `${importManager}\nexport const Status = () => <span>{String(new WebSocketManager())}</span>;`,
      [
        error(
          'direct',
          [2, 43, 2, 65],
          [
            useFactory(
              `${importManager}\n${addFactoryImport}\nexport const Status = () => <span>{String(getWebSocketManager())}</span>;`,
            ),
          ],
        ),
      ],
      { filename: component },
    ),
  ],
});

jsRuleTester.run('no-direct-instantiation (JavaScript)', rule, {
  valid: js.valid([
    "import { WebSocketManager } from '../websocket/manager';\nexport const isManager = (x) => x instanceof WebSocketManager;",
    "const require = () => ({});\nconst { WebSocketManager } = require('../websocket/manager');\nnew WebSocketManager();",
  ]),
  invalid: [
    js.invalid(
      "import { WebSocketManager } from '../websocket/manager.js';\nexport const m = new WebSocketManager();",
      [
        error(
          'direct',
          [2, 18, 2, 40],
          [
            useFactory(
              "import { WebSocketManager } from '../websocket/manager.js';\nimport { getWebSocketManager } from '../websocket/factory.js';\nexport const m = getWebSocketManager();",
            ),
          ],
        ),
      ],
    ),
    js.invalid("new globalThis.WebSocket('wss://x');", [error('directNoFactory', [1, 1, 1, 36])], {
      settings: ssotSettings(browserWebSocket),
    }),
  ],
});

describe('no-direct-instantiation in CommonJS scripts', () => {
  // RuleTester re-parses suggestion output as a module, so CommonJS goes through Linter directly.
  it('suggests a `require` of the factory, after the directive', () => {
    const linter = new Linter({ cwd: appFile('.') });
    const code =
      "'use strict';\nconst { WebSocketManager } = require('../websocket/manager');\nmodule.exports = () => new WebSocketManager();";
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.cjs'],
          languageOptions: { sourceType: 'commonjs' },
          settings: ssotSettings(),
          plugins: { ssot: plugin },
          rules: { 'ssot/no-direct-instantiation': 'error' },
        },
      ],
      appFile('src/hooks/legacy.cjs'),
    );
    expect(messages.map(({ ruleId, line, column, endColumn }) => ({ ruleId, line, column, endColumn }))).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', line: 3, column: 24, endColumn: 46 },
    ]);
    const fix = messages[0]?.suggestions?.[0]?.fix;
    if (fix === undefined) throw new Error('expected a suggestion');
    expect(code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1])).toBe(
      "'use strict';\nconst { getWebSocketManager } = require('../websocket/factory');\nconst { WebSocketManager } = require('../websocket/manager');\nmodule.exports = () => getWebSocketManager();",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Through the module graph: the class reached through barrels, package entries, built workspace
// packages, default, `export =` and CommonJS exports is reported as for a direct import.

const graphData = {
  service: 'WebSocketManager',
  factory: 'getWebSocketManager',
  factoryModule: 'src/websocket/factory.ts',
};
const chatRoom = {
  name: 'ChatRoom',
  class: 'ChatRoom',
  module: 'src/chat/room.ts',
  factory: { name: 'getChatRoom', module: 'src/chat/factory.ts' },
};
const packages = packagesProject();
const workspaces = { built: workspaceProject(true), unbuilt: workspaceProject(false) };
afterAll(() => {
  for (const root of [packages, workspaces.built, workspaces.unbuilt]) rmSync(root, { recursive: true, force: true });
});

/** One `direct` report of `new …` spanning line `line`, columns `column`–`endColumn`, with the factory suggestion's output. */
function directAt(
  line: number,
  column: number,
  endColumn: number,
  output: string,
  data: Record<string, string> = graphData,
) {
  return {
    messageId: 'direct' as const,
    data,
    line,
    column,
    endLine: line,
    endColumn,
    suggestions: [{ messageId: 'useFactory' as const, output }],
  };
}

ruleTester.run('no-direct-instantiation (module graph)', rule, {
  valid: [
    // Two `export *` with different bindings: the name is not exported at all.
    {
      code: "import { WebSocketManager } from '../barrels/ambiguous';\nnew WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
    },
    // A type-only re-export is no class; another class of the same name is another class.
    {
      code: "import { WebSocketManager } from '../barrels/type-only';\nnew WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
    },
    {
      code: "import { WebSocketManager } from '../barrels/other';\nnew WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
    },
    // Only a name the class goes by (its own, or one its module exports it as) or a default import is
    // followed through the graph, whether or not the file spells the class's name elsewhere: a
    // barrel's renaming is a documented limit (docs/module-graph.md), and the verdict does not
    // depend on an unrelated mention.
    {
      code: "import { Socket } from '../barrels/renamed';\n// WebSocketManager\nconst WebSocketManager = 1;\nnew Socket();",
      filename: hook,
      settings: ssotSettings(),
    },
    // The factory module may construct what it re-exports.
    {
      code: "import { ChatRoom } from './room.js';\nnew ChatRoom('a');",
      filename: appFile('src/chat/factory.ts'),
      settings: ssotSettings(chatRoom),
    },
  ],
  invalid: [
    {
      code: "import { WebSocketManager } from '../barrels';\nconst m = new WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          11,
          33,
          `import { WebSocketManager } from '../barrels';\n${addFactoryImport}\nconst m = getWebSocketManager();`,
        ),
      ],
    },
    {
      code: "import { WebSocketManager as WSM } from '@/barrels/deep';\nnew WSM();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          1,
          10,
          "import { WebSocketManager as WSM } from '@/barrels/deep';\nimport { getWebSocketManager } from '@/websocket/factory.js';\ngetWebSocketManager();",
        ),
      ],
    },
    {
      code: "import * as realtime from '../barrels/star';\nnew realtime.WebSocketManager(user);",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          1,
          36,
          `import * as realtime from '../barrels/star';\n${addFactoryImport}\ngetWebSocketManager(user);`,
        ),
      ],
    },
    {
      code: "import WebSocketManager from '../barrels/as-default';\nnew WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          1,
          23,
          `import WebSocketManager from '../barrels/as-default';\n${addFactoryImport}\ngetWebSocketManager();`,
        ),
      ],
    },
    {
      code: "import WebSocketManager = require('../barrels/equals');\nnew WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          1,
          23,
          `${addFactoryImport}\nimport WebSocketManager = require('../barrels/equals');\ngetWebSocketManager();`,
        ),
      ],
    },
    {
      code: "import { WebSocketManager } from '@/barrels/cycle-b';\nexport const Status = () => <p>{String(new WebSocketManager())}</p>;",
      filename: component,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          40,
          62,
          "import { WebSocketManager } from '@/barrels/cycle-b';\nimport { getWebSocketManager } from '@/websocket/factory.js';\nexport const Status = () => <p>{String(getWebSocketManager())}</p>;",
        ),
      ],
    },
    {
      // The factory module re-exports the class: importing it from there is still around the factory.
      code: "import { ChatRoom } from '../chat';\nnew ChatRoom('a');",
      filename: hook,
      settings: ssotSettings(chatRoom),
      errors: [
        directAt(
          2,
          1,
          18,
          "import { ChatRoom } from '../chat';\nimport { getChatRoom } from '../chat/factory.js';\ngetChatRoom('a');",
          {
            service: 'ChatRoom',
            factory: 'getChatRoom',
            factoryModule: 'src/chat/factory.ts',
          },
        ),
      ],
    },
    // Packages: `export =` typings, and one function exported under three names.
    ...[
      [
        "import WebSocket from 'ws';",
        "import WebSocket from 'ws';\nimport { getSocket } from './socket.js';\ngetSocket('wss://x');",
      ],
      [
        "import WebSocket = require('ws');",
        "import { getSocket } from './socket.js';\nimport WebSocket = require('ws');\ngetSocket('wss://x');",
      ],
    ].map(([head, output]) => ({
      code: `${head ?? ''}\nnew WebSocket('wss://x');`,
      filename: path.join(packages, 'src/app.ts'),
      settings: settingsFor(packages, wsService),
      errors: [
        directAt(2, 1, 25, output ?? '', {
          service: 'ws WebSocket',
          factory: 'getSocket',
          factoryModule: 'src/socket.ts',
        }),
      ],
    })),
    ...['connect', 'io'].map((name) => ({
      code: `import { ${name} } from 'socket.io-client';\n${name}('https://x');`,
      filename: path.join(packages, 'src/app.ts'),
      settings: settingsFor(packages, ioService),
      errors: [
        directAt(
          2,
          1,
          name.length + 14,
          `import { ${name} } from 'socket.io-client';\nimport { getSocket } from './socket.js';\ngetSocket('https://x');`,
          {
            service: 'socket.io client',
            factory: 'getSocket',
            factoryModule: 'src/socket.ts',
          },
        ),
      ],
    })),
    {
      code: "import io from 'socket.io-client';\nio('https://x');",
      filename: path.join(packages, 'src/app.ts'),
      settings: settingsFor(packages, ioService),
      errors: [
        directAt(
          2,
          1,
          16,
          "import io from 'socket.io-client';\nimport { getSocket } from './socket.js';\ngetSocket('https://x');",
          {
            service: 'socket.io client',
            factory: 'getSocket',
            factoryModule: 'src/socket.ts',
          },
        ),
      ],
    },
    // A workspace package built to dist/ or not built yet; the service named by source path, package or subpath.
    // The suggestion passes 'u' on only where the constructor's declaration is read (a file, not the
    // package entry that re-exports it): getRealtime(userId: string) takes what RealtimeManager(userId?: string) is given.
    ...(['built', 'unbuilt'] as const).flatMap((state) =>
      ['packages/realtime/src/manager.ts', '@acme/realtime', '@acme/realtime/manager'].flatMap((module) =>
        ['@acme/realtime', '@acme/realtime/manager'].map((specifier) => ({
          code: `import { RealtimeManager } from '${specifier}';\nnew RealtimeManager('u');`,
          filename: path.join(workspaces[state], 'packages/web/src/app.ts'),
          settings: settingsFor(workspaces[state], { ...realtimeService, module }),
          errors: [
            module === '@acme/realtime'
              ? error<MessageIds>('direct', [2, 1, 2, 25], {
                  data: {
                    service: 'RealtimeManager',
                    factory: 'getRealtime',
                    factoryModule: 'packages/realtime/src/factory.ts',
                  },
                })
              : directAt(
                  2,
                  1,
                  25,
                  `import { RealtimeManager } from '${specifier}';\nimport { getRealtime } from '../../realtime/src/factory.js';\ngetRealtime('u');`,
                  {
                    service: 'RealtimeManager',
                    factory: 'getRealtime',
                    factoryModule: 'packages/realtime/src/factory.ts',
                  },
                ),
          ],
        })),
      ),
    ),
  ],
});

jsRuleTester.run('no-direct-instantiation (module graph, JavaScript)', rule, {
  valid: [],
  invalid: [
    {
      code: "import { WebSocketManager } from '../barrels/index.js';\nexport const m = new WebSocketManager();",
      filename: script,
      settings: ssotSettings(),
      errors: [
        directAt(
          2,
          18,
          40,
          "import { WebSocketManager } from '../barrels/index.js';\nimport { getWebSocketManager } from '../websocket/factory.js';\nexport const m = getWebSocketManager();",
        ),
      ],
    },
  ],
});

describe('no-direct-instantiation through CommonJS exports', () => {
  function lintCommonJs(
    code: string,
    filename: string,
    settings: Record<string, unknown>,
    cwd = appFile('.'),
  ): Linter.LintMessage[] {
    return new Linter({ cwd }).verify(
      code,
      [
        {
          files: ['**/*.{js,cjs}'],
          languageOptions: { sourceType: 'commonjs' },
          settings,
          plugins: { ssot: plugin },
          rules: { 'ssot/no-direct-instantiation': 'error' },
        },
      ],
      filename,
    );
  }
  const positions = (messages: Linter.LintMessage[]) =>
    messages.map(({ ruleId, messageId, line, column, endColumn }) => ({ ruleId, messageId, line, column, endColumn }));

  it.each([
    ["const { WebSocketManager } = require('../barrels/legacy.cjs');", 'WebSocketManager'],
    ["const WebSocketManager = require('../barrels/legacy-default.cjs');", 'WebSocketManager'],
    ["const WebSocketManager = require('../barrels/index.js').WebSocketManager;", 'WebSocketManager'],
  ])('%s', (head, name) => {
    const code = `${head}\nmodule.exports = () => new ${name}();`;
    expect(positions(lintCommonJs(code, appFile('src/hooks/legacy.cjs'), ssotSettings()))).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', messageId: 'direct', line: 2, column: 24, endColumn: 46 },
    ]);
  });

  it('`const WebSocket = require("ws")` of a package whose typings `export =` the class', () => {
    const code = "const WebSocket = require('ws');\nmodule.exports = (url) => new WebSocket(url);";
    expect(
      positions(lintCommonJs(code, path.join(packages, 'src/app.cjs'), settingsFor(packages, wsService), packages)),
    ).toEqual([{ ruleId: 'ssot/no-direct-instantiation', messageId: 'direct', line: 2, column: 27, endColumn: 45 }]);
  });

  it('a CommonJS package without typings (`exports.LegacyClient =`)', () => {
    const code = "const { LegacyClient } = require('legacy-client');\nmodule.exports = () => new LegacyClient();";
    expect(
      positions(lintCommonJs(code, path.join(packages, 'src/app.cjs'), settingsFor(packages, legacyService), packages)),
    ).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', messageId: 'directNoFactory', line: 2, column: 24, endColumn: 42 },
    ]);
  });
});

// ── The factory is not the constructor: a suggestion passes on only what the factory is known to take ──
const liveSocket = {
  name: 'LiveSocket',
  class: 'LiveSocket',
  module: 'src/live/socket.ts',
  factory: { name: 'getLiveSocket', module: 'src/live/factory.ts', scope: { argument: 0, name: 'user' } },
};
const liveSocketWithoutScope = { ...liveSocket, factory: { name: 'getLiveSocket', module: 'src/live/factory.ts' } };
const importLive = "import { LiveSocket } from '../live/socket.js';";
const addLiveFactory = "import { getLiveSocket } from '../live/factory.js';";
const live = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings(liveSocket) });
const liveData = { service: 'LiveSocket', factory: 'getLiveSocket', factoryModule: 'src/live/factory.ts' };

ruleTester.run('no-direct-instantiation (factory arguments)', rule, {
  valid: live.valid([]),
  invalid: [
    // getLiveSocket(user) takes the scope: the `user` property is passed, not the options object (TS2353).
    live.invalid(
      `${importLive}\nexport const open = (url: string, user: UserContext) => new LiveSocket({ url, user });`,
      [
        error('direct', [2, 57, 2, 86], {
          data: liveData,
          suggestions: [
            useFactory(
              `${importLive}\n${addLiveFactory}\nexport const open = (url: string, user: UserContext) => getLiveSocket(user);`,
            ),
          ],
        }),
      ],
    ),
    // Renamed: the property named like the scope carries any expression; an identifier named like it too.
    live.invalid(
      `${importLive}\nnew LiveSocket({ url: URL, user: session.currentUser });\nnew LiveSocket(currentUser);`,
      [
        error('direct', [2, 1, 2, 56], {
          data: liveData,
          suggestions: [
            useFactory(
              `${importLive}\n${addLiveFactory}\ngetLiveSocket(session.currentUser);\nnew LiveSocket(currentUser);`,
            ),
          ],
        }),
        error('direct', [3, 1, 3, 28], {
          data: liveData,
          suggestions: [
            useFactory(
              `${importLive}\n${addLiveFactory}\nnew LiveSocket({ url: URL, user: session.currentUser });\ngetLiveSocket(currentUser);`,
            ),
          ],
        }),
      ],
    ),
    // No argument named like the scope, or two of them, or none at all: no suggestion.
    live.invalid(
      `${importLive}\nnew LiveSocket(options);\nnew LiveSocket({ user, otherUser });\nnew (LiveSocket as any)();`,
      [
        error('direct', [2, 1, 2, 24], { data: liveData }),
        error('direct', [3, 1, 3, 36], { data: liveData }),
        error('direct', [4, 1, 4, 26], { data: liveData }),
      ],
    ),
    // Without scope settings the factory's declared parameters (user: UserContext) must take the
    // constructor's arguments (options: LiveOptions): they do not, so no suggestion.
    live.invalid(
      `${importLive}\nnew LiveSocket({ url, user });`,
      [error('direct', [2, 1, 2, 30], { data: liveData })],
      {
        settings: ssotSettings(liveSocketWithoutScope),
      },
    ),
    // A factory that needs an argument the construction does not give: no argument-free call.
    invalid(
      "import { ConversationManager } from '../frontend/component-factory.js';\nnew (ConversationManager as any)();",
      [
        error('direct', [2, 1, 2, 35], {
          data: {
            service: 'ConversationManager',
            factory: 'FrontendComponentFactory.getConversationManager',
            factoryModule: 'src/frontend/component-factory.ts',
          },
        }),
      ],
      { settings: ssotSettings(conversationService) },
    ),
  ],
});

import rule, { type MessageIds, type Options } from '../../rules/require-scope-argument.js';
import type { ServiceSettings } from '../../src/settings.js';
import {
  appFile,
  cases,
  error,
  jsRuleTester,
  ruleTester,
  ssotSettings,
  webSocketManager,
  type Position,
} from '../rule-tester.js';

const hook = appFile('src/hooks/use-socket.ts');
const component = appFile('src/hooks/socket-status.tsx');
const script = appFile('src/hooks/legacy.js');
const fixture = appFile('src/websocket/manager.test.ts');

/** The README's WebSocketManager, its factory per user (argument 0). */
const perUser: ServiceSettings = {
  ...webSocketManager,
  factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts', scope: { name: 'user context' } },
};
/** A factory whose scope is its second argument, without a name for it. */
const secondArgument: ServiceSettings = {
  ...webSocketManager,
  factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts', scope: { argument: 1 } },
};
/** Member-path factories: a static method of an exported class, a method of an exported object. */
const conversations: ServiceSettings = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: {
    name: 'FrontendComponentFactory.getConversationManager',
    module: 'src/frontend/component-factory.ts',
    scope: { name: 'user context' },
  },
};
const registryObject: ServiceSettings = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: { name: 'managers.get', module: 'src/frontend/component-factory.ts', scope: {} },
};

const importFactory = "import { getWebSocketManager } from '../websocket/factory';";
const importMember = "import { FrontendComponentFactory } from '../frontend/component-factory';";

// RuleTester forces `parserOptions.sourceType: 'module'`; CommonJS sets it too.
const commonJs = { sourceType: 'commonjs', parserOptions: { sourceType: 'commonjs' } } as const;

const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings(perUser) });

type Data = Record<string, string>;
const perUserData: Data = {
  factory: 'getWebSocketManager',
  scope: 'user context',
  position: '1',
  service: 'WebSocketManager',
};
const secondData: Data = { ...perUserData, scope: 'user or request context', position: '2' };
const conversationData: Data = {
  factory: 'FrontendComponentFactory.getConversationManager',
  scope: 'user context',
  position: '1',
  service: 'ConversationManager',
};
const registryData: Data = {
  factory: 'managers.get',
  scope: 'user or request context',
  position: '1',
  service: 'ConversationManager',
};

const missing = (position: Position, data: Data = perUserData) => error<MessageIds>('missing', position, { data });
/** A constant scope argument, with the argument as the message spells it. */
const constant = (position: Position, argument: string, data: Data = perUserData) =>
  error<MessageIds>('constant', position, { data: { ...data, argument } });

ruleTester.run('require-scope-argument', rule, {
  valid: valid([
    // Real users: parameters, properties, calls, spreads, template literals with expressions.
    `${importFactory}
export function connect(user: { userId: string }, args: [{ userId: string }], session: { user: { userId: string } }, id: string) {
  getWebSocketManager(user);
  getWebSocketManager(session.user);
  getWebSocketManager(currentUser());
  getWebSocketManager(...args);
  getWebSocketManager({ ...user });
  getWebSocketManager({ userId: id });
  getWebSocketManager(\`\${id}\`);
  getWebSocketManager({ userId: \`user-\${id}\` });
}
declare function currentUser(): { userId: string };`,
    // Not provably constant: a `let`, a local const of a function, an import, a method in the literal,
    // a call other than Object.freeze/seal/preventExtensions, a freeze of something else.
    `${importFactory}
import { GUEST } from '../config';
let fallback = { userId: 'guest' };
export function connect() {
  const local = { userId: 'x' };
  getWebSocketManager(fallback);
  getWebSocketManager(GUEST);
  getWebSocketManager(local);
  getWebSocketManager({ get userId() { return 'x'; } });
  getWebSocketManager(structuredClone({ userId: 'x' }));
  getWebSocketManager(Object.freeze(fallback));
  fallback = { userId: 'other' };
}`,
    // Renaming keys and loaded modules that are not the factory's.
    `export async function f(config: { getWebSocketManager: () => void }) {
  const { getWebSocketManager: fromConfig } = config;
  const { getWebSocketManager: other } = await import('some-other-lib');
  const local = { getWebSocketManager: () => undefined };
  fromConfig();
  other();
  local.getWebSocketManager();
}`,
    // Local aliases that are not the factory: another member, a reassigned alias, a shadowing parameter.
    {
      code: `${importMember}
export function f(user: unknown, getConversationManager: (u?: unknown) => void) {
  const { toString: other } = FrontendComponentFactory;
  let get = FrontendComponentFactory.getConversationManager;
  get = () => undefined;
  get();
  other();
  getConversationManager();
  return user;
}`,
      settings: ssotSettings(conversations),
    },
    `import { getWebSocketManager } from '../websocket/factory';
export function f(getWebSocketManager: () => void) {
  const get = getWebSocketManager;
  get();
}`,
    // Not the factory: another function of the same name, a service without `scope`, the factory passed, not called.
    `function getWebSocketManager(_user?: unknown) {}
getWebSocketManager();`,
    { code: `${importFactory}\ngetWebSocketManager();`, settings: ssotSettings(webSocketManager) },
    `${importFactory}\nexport const factories = [getWebSocketManager];`,
    // `allow` globs of the service: tests may pass fixtures.
    {
      code: `${importFactory}\ngetWebSocketManager({ userId: 'fixture' });\ngetWebSocketManager();`,
      filename: fixture,
    },
    // The scope argument is the second one.
    {
      code: `${importFactory}\ngetWebSocketManager('chat', user);\ndeclare const user: unknown;`,
      settings: ssotSettings(secondArgument),
    },
    // A member path: only the member is the factory.
    {
      code: `${importMember}\nFrontendComponentFactory.toString();\nnew FrontendComponentFactory();`,
      settings: ssotSettings(conversations),
    },
    {
      code: `${importMember}\nexport function f(userId: string) { return FrontendComponentFactory.getConversationManager({ userId }); }`,
      settings: ssotSettings(conversations),
    },
  ]),
  invalid: [
    // The trial's shape: module-level consts initialised with constants — also a template of constants
    // and a frozen object — passed in an object literal at module level.
    invalid(
      `${importFactory}
const HOST = 'realtime.example.test';
const REALTIME_URL = \`wss://\${HOST}/socket\`;
const ANONYMOUS_USER = Object.freeze({ userId: 'anonymous' });
export const manager = getWebSocketManager({ url: REALTIME_URL, user: ANONYMOUS_USER });
export const frozen = getWebSocketManager(ANONYMOUS_USER);`,
      [constant([5, 44, 5, 87], 'value'), constant([6, 43, 6, 57], 'ANONYMOUS_USER')],
    ),
    // Missing.
    invalid(`${importFactory}\ngetWebSocketManager();`, [missing([2, 1, 2, 22])]),
    // undefined, null, void 0, literals, a template literal without expressions.
    invalid(
      `${importFactory}
getWebSocketManager(undefined);
getWebSocketManager(null);
getWebSocketManager(void 0);
getWebSocketManager('guest');
getWebSocketManager(42);
getWebSocketManager(-1);
getWebSocketManager(true);
getWebSocketManager(\`anonymous\`);`,
      [
        constant([2, 21, 2, 30], 'undefined'),
        constant([3, 21, 3, 25], 'null'),
        constant([4, 21, 4, 27], 'void 0'),
        constant([5, 21, 5, 28], "'guest'"),
        constant([6, 21, 6, 23], '42'),
        constant([7, 21, 7, 23], '-1'),
        constant([8, 21, 8, 25], 'true'),
        constant([9, 21, 9, 32], '`anonymous`'),
      ],
    ),
    // Object and array literals of constants, `{}` and `[]`, module-level constants, through TS wrappers.
    invalid(
      `${importFactory}
const SYSTEM_ID = 'system';
const ANONYMOUS = { userId: 'anonymous' };
const NESTED = { user: { id: SYSTEM_ID }, roles: ['guest'] } as const;
getWebSocketManager({ userId: 'guest' });
getWebSocketManager({ userId: SYSTEM_ID });
getWebSocketManager({});
getWebSocketManager([]);
getWebSocketManager(ANONYMOUS);
getWebSocketManager(NESTED);
getWebSocketManager(ANONYMOUS as never);
getWebSocketManager(ANONYMOUS!);
getWebSocketManager((ANONYMOUS satisfies object));
getWebSocketManager(<never>ANONYMOUS);`,
      [
        constant([5, 21, 5, 40], "{ userId: 'guest' }"),
        constant([6, 21, 6, 42], '{ userId: SYSTEM_ID }'),
        constant([7, 21, 7, 23], '{}'),
        constant([8, 21, 8, 23], '[]'),
        constant([9, 21, 9, 30], 'ANONYMOUS'),
        constant([10, 21, 10, 27], 'NESTED'),
        constant([11, 21, 11, 39], 'ANONYMOUS as never'),
        constant([12, 21, 12, 31], 'ANONYMOUS!'),
        constant([13, 22, 13, 48], 'ANONYMOUS satisfies object'),
        constant([14, 21, 14, 37], '<never>ANONYMOUS'),
      ],
    ),
    // Every spelling of the factory: renamed, namespace, barrel, alias, require-free dynamic import, optional call.
    invalid(
      `import { getWebSocketManager as connect } from '../websocket/factory';
import * as sockets from '@/websocket/factory';
import { getWebSocketManager } from '../websocket';
export async function f() {
  const lazy = await import('../websocket/factory.js');
  connect();
  sockets.getWebSocketManager();
  getWebSocketManager?.();
  lazy.getWebSocketManager();
  (sockets.getWebSocketManager as typeof connect)();
}`,
      [
        missing([6, 3, 6, 12]),
        missing([7, 3, 7, 32]),
        missing([8, 3, 8, 26]),
        missing([9, 3, 9, 29]),
        missing([10, 3, 10, 52]),
      ],
    ),
    // Aliases declared inside functions: of the import, of a namespace member, destructured from a
    // namespace or a dynamic import, and aliases of those.
    invalid(
      `import { getWebSocketManager } from '../websocket/factory';
import * as sockets from '@/websocket/factory';
export async function f(user: { userId: string }) {
  const get = getWebSocketManager;
  const again = get;
  const viaMember = sockets.getWebSocketManager;
  const { getWebSocketManager: destructured } = sockets;
  get(user);
  get();
  again(null);
  viaMember();
  destructured({ userId: 'guest' });
}`,
      [
        missing([9, 3, 9, 8]),
        constant([10, 9, 10, 13], 'null'),
        missing([11, 3, 11, 14]),
        constant([12, 16, 12, 35], "{ userId: 'guest' }"),
      ],
    ),
    // Taken inside a function straight from a module object loaded there: renamed destructuring of
    // `await import()` and `require()`, a member of either.
    invalid(
      `export async function f() {
  const { getWebSocketManager: connect } = await import('../websocket/factory.js');
  const open = (await import('@/websocket/factory')).getWebSocketManager;
  const { getWebSocketManager: viaRequire } = require('../websocket/factory');
  const required = require('../websocket/factory').getWebSocketManager;
  connect();
  open(null);
  viaRequire();
  required({});
}`,
      [missing([6, 3, 6, 12]), constant([7, 8, 7, 12], 'null'), missing([8, 3, 8, 15]), constant([9, 12, 9, 14], '{}')],
    ),
    // The same with one way of loading alone (the text test asks for `import(` or `require`).
    invalid(
      `export async function f() {
  const { getWebSocketManager: connect } = await import('../websocket/factory.js');
  connect();
}`,
      [missing([3, 3, 3, 12])],
    ),
    invalid(
      `export function f() {
  const required = require('../websocket/factory').getWebSocketManager;
  required({});
}`,
      [constant([3, 12, 3, 14], '{}')],
    ),
    // The renaming key spelled with an escape (the text test reads the decoded text).
    invalid(
      String.raw`export function f() {
  const { get\u0057ebSocketManager: connect } = require('../websocket/factory');
  connect();
}`,
      [missing([3, 3, 3, 12])],
    ),
    // Member paths through local aliases: destructured from the class (inside a function and at
    // module level) and a local alias of the member.
    invalid(
      `${importMember}
import * as frontend from '../frontend';
const { getConversationManager: atTop } = FrontendComponentFactory;
export function f() {
  const { getConversationManager } = FrontendComponentFactory;
  const member = FrontendComponentFactory.getConversationManager;
  const { FrontendComponentFactory: Components } = frontend;
  const { getConversationManager: viaNamespace } = Components;
  getConversationManager();
  member(null);
  atTop();
  viaNamespace({ userId: 'guest' });
}`,
      [
        missing([9, 3, 9, 27], conversationData),
        constant([10, 10, 10, 14], 'null', conversationData),
        missing([11, 3, 11, 10], conversationData),
        constant([12, 16, 12, 35], "{ userId: 'guest' }", conversationData),
      ],
      { settings: ssotSettings(conversations) },
    ),
    // The scope is the second argument: a first argument alone is not enough.
    invalid(
      `${importFactory}\ngetWebSocketManager('chat');\ngetWebSocketManager('chat', null);`,
      [missing([2, 1, 2, 28], secondData), constant([3, 29, 3, 33], 'null', secondData)],
      {
        settings: ssotSettings(secondArgument),
      },
    ),
    // The default name of the scope, and a long argument.
    invalid(
      `${importFactory}\ngetWebSocketManager(user, { userId: 'a-rather-long-guest-identifier-for-everyone' });\ndeclare const user: unknown;`,
      [constant([2, 27, 2, 84], 'value', secondData)],
      { settings: ssotSettings(secondArgument) },
    ),
    // Member paths: a static method through every spelling of its class, and a method of an exported object.
    invalid(
      `${importMember}
import { FrontendComponentFactory as Components } from '@/frontend';
import * as frontend from '../frontend/component-factory';
FrontendComponentFactory.getConversationManager();
Components.getConversationManager({ userId: 'guest' });
frontend.FrontendComponentFactory['getConversationManager'](null);`,
      [
        missing([4, 1, 4, 50], conversationData),
        constant([5, 35, 5, 54], "{ userId: 'guest' }", conversationData),
        constant([6, 61, 6, 65], 'null', conversationData),
      ],
      { settings: ssotSettings(conversations) },
    ),
    invalid(
      `import { managers } from '../frontend';\nmanagers.get();\nmanagers.get(undefined);`,
      [missing([2, 1, 2, 15], registryData), constant([3, 14, 3, 23], 'undefined', registryData)],
      { settings: ssotSettings(registryObject) },
    ),
    // In the factory's own module, its local binding.
    invalid(
      `export class FrontendComponentFactory {
  static getConversationManager(user?: unknown) { return user; }
}
export const shared = FrontendComponentFactory.getConversationManager();`,
      [missing([4, 23, 4, 72], conversationData)],
      { filename: appFile('src/frontend/component-factory.ts'), settings: ssotSettings(conversations) },
    ),
    // TSX.
    invalid(
      `${importFactory}
export function Status() {
  const manager = getWebSocketManager({ userId: 'guest' });
  return <span>{String(manager)}</span>;
}`,
      [constant([3, 39, 3, 58], "{ userId: 'guest' }")],
      { filename: component },
    ),
  ],
});

jsRuleTester.run('require-scope-argument (JavaScript)', rule, {
  valid: valid([{ code: `${importFactory}\nexport const f = (user) => getWebSocketManager(user);`, filename: script }]),
  invalid: [
    invalid(
      `${importFactory}\nconst GUEST = { userId: 'guest' };\ngetWebSocketManager(GUEST);\ngetWebSocketManager();`,
      [constant([3, 21, 3, 26], 'GUEST'), missing([4, 1, 4, 22])],
      {
        filename: script,
      },
    ),
    invalid(
      `const { getWebSocketManager } = require('../websocket/factory');\nconst factory = require('../websocket/factory');\ngetWebSocketManager(null);\nfactory.getWebSocketManager();`,
      [constant([3, 21, 3, 25], 'null'), missing([4, 1, 4, 30])],
      { filename: script, languageOptions: commonJs },
    ),
  ],
});

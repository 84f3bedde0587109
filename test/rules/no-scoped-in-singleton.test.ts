import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/no-scoped-in-singleton.js';
import plugin from '../../src/index.js';
import type { ServiceSettings } from '../../src/settings.js';
import {
  appDir,
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
const allowedFile = appFile('src/websocket/feed.ts');
const telemetryFile = appFile('src/services/telemetry.ts');

const conversations: ServiceSettings = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: { name: 'FrontendComponentFactory.getConversationManager', module: 'src/frontend/component-factory.ts' },
};
const telemetry: ServiceSettings = {
  name: 'Telemetry',
  class: 'default',
  module: 'src/services/telemetry.ts',
  lifetime: 'singleton',
};
const loosePriceFeed: ServiceSettings = { name: 'PriceFeed', class: 'PriceFeed', lifetime: 'singleton' };
const withoutFactory: ServiceSettings = {
  name: 'WebSocketManager',
  class: 'WebSocketManager',
  module: 'src/websocket/manager.ts',
  allow: ['src/websocket/**'],
};

const importFactory = "import { getWebSocketManager } from '../websocket/factory';";
const importType = "import type { WebSocketManager } from '../websocket/manager';";
const user = 'declare const user: { userId: string };';

// RuleTester forces `parserOptions.sourceType: 'module'`; CommonJS sets it too.
const commonJs = { sourceType: 'commonjs', parserOptions: { sourceType: 'commonjs' } } as const;

const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings() });

type Data = Record<string, string>;
/** A captive WebSocketManager: the class, why it lives for the process, where it is kept, and the call to use. */
function captive(
  position: Position,
  className: string,
  reason: string,
  target: string,
  call = 'getWebSocketManager(…)',
  service = 'WebSocketManager',
) {
  const data: Data = { className, reason, target, call, service };
  return error<MessageIds>('captive', position, { data });
}

ruleTester.run('no-scoped-in-singleton', rule, {
  valid: valid([
    // Memoized, but not for the whole process: not a configured memoizer, keyed by a parameter, or
    // memoized per call (inside a function).
    {
      code: `${importFactory}
${user}
declare function once<T>(fn: () => T): () => T;
class PriceFeed {
  socket = getWebSocketManager(user);
}
export const feed = once(() => new PriceFeed());`,
      options: [{ memoizers: ['memoize'] }],
    },
    `${importFactory}
${user}
declare function memoize<T>(fn: (key: string) => T): (key: string) => T;
declare function once<T>(fn: () => T): () => T;
class PriceFeed {
  socket = getWebSocketManager(user);
}
export const byKey = memoize((key: string) => new PriceFeed());
export function perCall() {
  return once(() => new PriceFeed());
}`,
    // The legitimate patterns: the factory itself, an accessor, a per-user map, locals, a fresh call per use.
    `${importFactory}
${user}
class PriceFeed {
  private get = getWebSocketManager;
  private socketFor = (u: { userId: string }) => getWebSocketManager(u);
  private byUser = new Map<string, unknown>();
  private byId: Record<string, unknown> = {};
  track(u: { userId: string }) {
    this.byUser.set(u.userId, getWebSocketManager(u));
    this.byId[u.userId] = getWebSocketManager(u);
    const socket = getWebSocketManager(u);
    return socket;
  }
  send() {
    getWebSocketManager(user).toString();
  }
}
export const feed = new PriceFeed();`,
    // A scoped class (made per call) may hold a scoped service.
    `${importFactory}
${user}
class Session {
  socket = getWebSocketManager(user);
  constructor(private readonly other: WebSocketManager) {
    this.socket = getWebSocketManager(user);
  }
}
export function open(ws: WebSocketManager) {
  return new Session(ws);
}
import type { WebSocketManager } from '../websocket/manager';`,
    // Module-lifetime storage is no-module-singleton's: static fields, static code.
    `${importFactory}
${user}
export class Holder {
  static instance = new Holder();
  static socket = getWebSocketManager(user);
  static connect() {
    this.socket = getWebSocketManager(user);
  }
}`,
    // A construction where it is not allowed is no-direct-instantiation's.
    `import { WebSocketManager } from '../websocket/manager';
class PriceFeed {
  socket = new WebSocketManager();
}
export const feed = new PriceFeed();`,
    // Instantiated only inside a function, or kept only while the module loads in a block.
    `${importFactory}
${user}
class PriceFeed {
  socket = getWebSocketManager(user);
}
export function make() {
  const feed = new PriceFeed();
  return feed;
}`,
    // Not a scoped service: another parameter type, an unknown type, a singleton service's factory.
    {
      code: `${importFactory}
import { Telemetry } from '../services/telemetry';
${user}
class PriceFeed {
  constructor(private readonly name: string, private readonly t: Telemetry, private readonly other: Unknown) {}
}
export const feed = new PriceFeed('x', null!, null!);`,
      settings: ssotSettings({ ...webSocketManager, lifetime: 'singleton' }),
    },
    // Another binding named like the factory.
    `${user}
function getWebSocketManager(_u: unknown) { return 1; }
class PriceFeed {
  socket = getWebSocketManager(user);
}
export const feed = new PriceFeed();`,
  ]),
  invalid: [
    // Instantiated at module scope: a field initialiser.
    invalid(
      `${importFactory}
${user}
class PriceFeed {
  socket = getWebSocketManager(user);
}
export const feed = new PriceFeed();`,
      [
        captive(
          [4, 3, 4, 38],
          'PriceFeed',
          'instantiated at module scope, line 6',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
    ),
    // `this.x = …` in the constructor and in methods, `??=`, private fields, arrow functions inside methods, a local const.
    invalid(
      `${importFactory}
${user}
export class PriceFeed {
  #socket: unknown;
  other: unknown;
  constructor() {
    this.other = getWebSocketManager(user);
  }
  connect() {
    this.#socket ??= getWebSocketManager(user);
    [1].forEach(() => {
      this['other'] = getWebSocketManager(user);
    });
    const local = getWebSocketManager(user);
    this.other = local;
  }
}
export default new PriceFeed();`,
      [
        captive(
          [7, 5, 7, 43],
          'PriceFeed',
          'instantiated at module scope, line 18',
          'this.other',
          'getWebSocketManager(user)',
        ),
        captive(
          [10, 5, 10, 47],
          'PriceFeed',
          'instantiated at module scope, line 18',
          'this.#socket',
          'getWebSocketManager(user)',
        ),
        captive(
          [12, 7, 12, 48],
          'PriceFeed',
          'instantiated at module scope, line 18',
          "this['other']",
          'getWebSocketManager(user)',
        ),
        captive(
          [15, 5, 15, 23],
          'PriceFeed',
          'instantiated at module scope, line 18',
          'this.other',
          'getWebSocketManager(user)',
        ),
      ],
    ),
    // Injection: a parameter property, and a parameter assigned to a field; type-only, namespace and renamed imports.
    invalid(
      `${importType}
import type * as realtime from '../websocket/manager';
import { WebSocketManager as Manager } from '@/websocket/manager';
class PriceFeed {
  private socket: unknown;
  private other: unknown;
  constructor(
    private readonly ws: WebSocketManager,
    second: realtime.WebSocketManager,
    third: Manager = null!,
  ) {
    this.socket = second;
    this.other = third;
  }
}
export const feed = new PriceFeed(null!, null!);`,
      [
        captive([8, 5, 8, 42], 'PriceFeed', 'instantiated at module scope, line 16', 'this.ws'),
        captive([12, 5, 12, 25], 'PriceFeed', 'instantiated at module scope, line 16', 'this.socket'),
        captive([13, 5, 13, 23], 'PriceFeed', 'instantiated at module scope, line 16', 'this.other'),
      ],
    ),
    // The static-instance pattern: static instance, static #instance, getInstance().
    invalid(
      `${importFactory}
${user}
export class A {
  static instance = new A();
  socket = getWebSocketManager(user);
}
export class B {
  static #instance: B | undefined;
  socket = getWebSocketManager(user);
}
export class C {
  static getInstance() { return new C(); }
  socket = getWebSocketManager(user);
}`,
      [
        captive(
          [5, 3, 5, 38],
          'A',
          'it keeps its own static instance, line 4',
          'this.socket',
          'getWebSocketManager(user)',
        ),
        captive(
          [9, 3, 9, 38],
          'B',
          'it keeps its own static instance, line 8',
          'this.socket',
          'getWebSocketManager(user)',
        ),
        captive(
          [13, 3, 13, 38],
          'C',
          'it keeps its own static instance, line 12',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
    ),
    // Lazy module-level instances (the getInstance() pattern with a module binding), `const X = class`.
    invalid(
      `${importFactory}
${user}
const PriceFeed = class {
  socket = getWebSocketManager(user);
};
let feed: InstanceType<typeof PriceFeed> | undefined;
export function getFeed() {
  return (feed ??= new PriceFeed());
}`,
      [
        captive(
          [4, 3, 4, 38],
          'PriceFeed',
          'instantiated at module scope, line 8',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
    ),
    // A `lifetime: 'singleton'` service, in its own module (a default export) and by name (loose mode).
    invalid(
      `${importFactory}
${user}
export default class Telemetry {
  socket = getWebSocketManager(user);
}`,
      [
        captive(
          [4, 3, 4, 38],
          'Telemetry',
          "registered with lifetime 'singleton'",
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
      { filename: telemetryFile, settings: ssotSettings(webSocketManager, telemetry) },
    ),
    invalid(
      `${importFactory}
${user}
export class PriceFeed {
  socket = getWebSocketManager(user);
}`,
      [
        captive(
          [4, 3, 4, 38],
          'PriceFeed',
          "registered with lifetime 'singleton'",
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
      { settings: ssotSettings(webSocketManager, loosePriceFeed) },
    ),
    // A construction where it is allowed; every spelling of the class.
    invalid(
      `import { WebSocketManager } from './manager';
import * as realtime from './manager.js';
class PriceFeed {
  socket = new WebSocketManager();
  other = new realtime.WebSocketManager();
}
export const feed = new PriceFeed();`,
      [
        error('captive', [4, 3, 4, 35]),
        error('captive', [5, 3, 5, 43], {
          data: {
            className: 'PriceFeed',
            reason: 'instantiated at module scope, line 7',
            target: 'this.other',
            call: 'getWebSocketManager(…)',
            service: 'WebSocketManager',
          },
        }),
      ],
      { filename: allowedFile },
    ),
    // Without a factory.
    invalid(
      `import { WebSocketManager } from './manager';
class PriceFeed {
  socket = new WebSocketManager();
}
export const feed = new PriceFeed();`,
      [
        error('captiveNoFactory', [3, 3, 3, 35], {
          data: {
            className: 'PriceFeed',
            reason: 'instantiated at module scope, line 5',
            target: 'this.socket',
            service: 'WebSocketManager',
            call: '',
          },
        }),
      ],
      { filename: allowedFile, settings: ssotSettings(withoutFactory) },
    ),
    // Member-path factories, through a barrel and renamed; every spelling of the factory.
    invalid(
      `import { FrontendComponentFactory as Components } from '@/frontend';
import * as sockets from '@/websocket/factory';
${user}
class ChatPanel {
  conversation = Components.getConversationManager(user);
  socket = sockets.getWebSocketManager(user);
}
export const panel = new ChatPanel();`,
      [
        captive(
          [5, 3, 5, 58],
          'ChatPanel',
          'instantiated at module scope, line 8',
          'this.conversation',
          'Components.getConversationManager(user)',
          'ConversationManager',
        ),
        captive(
          [6, 3, 6, 46],
          'ChatPanel',
          'instantiated at module scope, line 8',
          'this.socket',
          'sockets.getWebSocketManager(user)',
        ),
      ],
      { settings: ssotSettings(webSocketManager, conversations) },
    ),
    // Instantiated through a memoizer called at module load: `once`, and `memoize` without parameters.
    invalid(
      `${importFactory}
${user}
declare function once<T>(fn: () => T): () => T;
declare function memoize<T>(fn: () => T): () => T;
class PriceFeed {
  socket = getWebSocketManager(user);
}
class Quotes {
  socket = getWebSocketManager(user);
}
export const feed = once(() => new PriceFeed());
export const quotes = memoize(function () {
  return new Quotes();
});`,
      [
        captive(
          [6, 3, 6, 38],
          'PriceFeed',
          'instantiated once by the memoized once() at module scope, line 11',
          'this.socket',
          'getWebSocketManager(user)',
        ),
        captive(
          [9, 3, 9, 38],
          'Quotes',
          'instantiated once by the memoized memoize() at module scope, line 13',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
    ),
    // A configured memoizer (`memoizers` option), imported.
    invalid(
      `${importFactory}
import { lazy } from 'memo-kit';
${user}
class PriceFeed {
  socket = getWebSocketManager(user);
}
export const feed = lazy(() => new PriceFeed());`,
      [
        captive(
          [5, 3, 5, 38],
          'PriceFeed',
          'instantiated once by the memoized lazy() at module scope, line 7',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
      { options: [{ memoizers: ['lazy'] }] },
    ),
    // The factory through aliases declared inside the method: of the function, and destructured from the class.
    invalid(
      `${importFactory}
import { FrontendComponentFactory } from '../frontend/component-factory';
class Feed {
  socket: unknown;
  conversation: unknown;
  connect(u: { userId: string }) {
    const get = getWebSocketManager;
    const { getConversationManager } = FrontendComponentFactory;
    this.socket = get(u);
    this.conversation = getConversationManager(u);
  }
}
export const feed = new Feed();`,
      [
        captive([9, 5, 9, 25], 'Feed', 'instantiated at module scope, line 13', 'this.socket', 'get(u)'),
        captive(
          [10, 5, 10, 50],
          'Feed',
          'instantiated at module scope, line 13',
          'this.conversation',
          'getConversationManager(u)',
          'ConversationManager',
        ),
      ],
      { settings: ssotSettings(webSocketManager, conversations) },
    ),
    // TSX.
    invalid(
      `${importFactory}
${user}
class Store {
  socket = getWebSocketManager(user);
  render() {
    return <span>{String(this.socket)}</span>;
  }
}
export const store = new Store();`,
      [
        captive(
          [4, 3, 4, 38],
          'Store',
          'instantiated at module scope, line 9',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
      { filename: component },
    ),
  ],
});

jsRuleTester.run('no-scoped-in-singleton (JavaScript)', rule, {
  valid: valid([
    {
      code: `${importFactory}
export class Session {
  constructor(user) {
    this.socket = getWebSocketManager(user);
  }
}`,
      filename: script,
    },
  ]),
  invalid: [
    invalid(
      `${importFactory}
class PriceFeed {
  connect(user) {
    this.socket = getWebSocketManager(user);
  }
}
export const feed = new PriceFeed();`,
      [
        captive(
          [4, 5, 4, 44],
          'PriceFeed',
          'instantiated at module scope, line 7',
          'this.socket',
          'getWebSocketManager(user)',
        ),
      ],
      { filename: script },
    ),
    invalid(
      `const { getWebSocketManager } = require('../websocket/factory');
class PriceFeed {
  socket = getWebSocketManager(globalThis.user);
}
module.exports = new PriceFeed();`,
      [
        captive(
          [3, 3, 3, 49],
          'PriceFeed',
          'instantiated at module scope, line 5',
          'this.socket',
          'getWebSocketManager(globalThis.user)',
        ),
      ],
      { filename: script, languageOptions: commonJs },
    ),
  ],
});

describe('no-scoped-in-singleton and no-module-singleton', () => {
  it('never report the same node', () => {
    const code = `${importFactory}
${user}
export class PriceFeed {
  static instance = new PriceFeed();
  static shared = getWebSocketManager(user);
  socket = getWebSocketManager(user);
  static connect() {
    this.shared = getWebSocketManager(user);
  }
  connect() {
    this.socket = getWebSocketManager(user);
  }
}
export const socket = getWebSocketManager(user);`;
    const messages = new Linter({ cwd: appDir }).verify(
      code,
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        plugins: { ssot: plugin },
        settings: ssotSettings(),
        rules: { 'ssot/no-module-singleton': 'error', 'ssot/no-scoped-in-singleton': 'error' },
      },
      hook,
    );
    const at = (ruleId: string) =>
      messages
        .filter((message) => message.ruleId === ruleId)
        .map((message) => `${String(message.line)}:${String(message.column)}`);
    expect(at('ssot/no-module-singleton')).toEqual(['5:19', '8:5', '14:23']);
    expect(at('ssot/no-scoped-in-singleton')).toEqual(['6:3', '11:5']);
  });
});

import { rmSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/no-module-singleton.js';
import { moduleScopeCounters } from '../../src/module-scope.js';
import plugin from '../../src/index.js';
import { packagesProject, realtimeService, settingsFor, workspaceProject, wsService } from '../graph-projects.js';
import { appFile, cases, error, jsRuleTester, ruleTester, ssotSettings, webSocketManager } from '../rule-tester.js';

const hook = appFile('src/hooks/use-socket.ts');
const component = appFile('src/hooks/socket-status.tsx');
const script = appFile('src/hooks/legacy.js');
const factoryFile = appFile('src/websocket/factory.ts');
const managerFile = appFile('src/websocket/manager.ts');
const socketFile = appFile('src/services/socket.ts');
const telemetryFile = appFile('src/services/telemetry.ts');

// RuleTester forces `parserOptions.sourceType: 'module'`; CommonJS and classic scripts set it too.
const commonJs = { sourceType: 'commonjs', parserOptions: { sourceType: 'commonjs' } } as const;
const classicScript = { sourceType: 'script', parserOptions: { sourceType: 'script' } } as const;

const importManager = "import { WebSocketManager } from '../websocket/manager';";
const importFactory = "import { getWebSocketManager } from '../websocket/factory';";

const singletonManager = { ...webSocketManager, lifetime: 'singleton' as const };
const managerWithoutFactory = {
  name: 'WebSocketManager',
  class: 'WebSocketManager',
  module: 'src/websocket/manager.ts',
};
const singletonWithoutFactory = { ...managerWithoutFactory, lifetime: 'singleton' as const };
const browserWebSocket = {
  name: 'browser WebSocket',
  class: 'WebSocket',
  global: true,
  allow: ['src/services/socket.ts'],
};
const singletonBrowserWebSocket = { ...browserWebSocket, lifetime: 'singleton' as const };
const socketIo = { name: 'socket.io client', class: 'io', module: 'socket.io-client', construct: 'call' as const };
const looseStore = { name: 'Store', class: 'Store' };
const telemetry = { name: 'Telemetry', class: 'default', module: 'src/services/telemetry.ts' };

const conversationService = {
  name: 'ConversationManager',
  class: 'ConversationManager',
  module: 'src/frontend/component-factory.ts',
  factory: { name: 'FrontendComponentFactory.getConversationManager', module: 'src/frontend/component-factory.ts' },
};

const [defaultOptions] = rule.meta.defaultOptions ?? [];
if (defaultOptions === undefined) throw new Error('no-module-singleton declares no meta.defaultOptions');
/** The rule's options: its defaults with `changes`, as ESLint merges them. */
const optionsWith = (changes: Partial<Options[0]>): Options => [{ ...defaultOptions, ...changes }];
const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings() });
const js = cases<MessageIds, Options>({ filename: script, settings: ssotSettings() });

ruleTester.run('no-module-singleton', rule, {
  valid: valid([
    // Callbacks that do not run while the module loads, or whose results are not kept.
    `${importManager}
export const later = (ids: string[]) => ids.map(() => new WebSocketManager());
declare const updates: { forEach(fn: () => void): Promise<void>; map(fn: () => unknown): unknown };
export const mapped = updates.map(() => new WebSocketManager());
export const pending = [1, 2].map(async () => new WebSocketManager());
export const kept = [1, 2].filter(() => Boolean(new WebSocketManager()));
[1, 2].forEach(() => new WebSocketManager().toString());`,
    // A call that does not return its argument, and a local `Object`.
    `${importManager}
export const described = String(new WebSocketManager());
const Object = { freeze: (value: unknown) => String(value) };
export const text = Object.freeze(new WebSocketManager());`,
    // Created inside a function and not kept at module scope.
    `${importManager}
export function connect(user: { userId: string }) {
  const manager = new WebSocketManager(user);
  manager.toString();
  return manager;
}`,
    // Instance fields, constructors and instance methods: one per instance.
    `${importManager}
export class Session {
  manager = new WebSocketManager();
  other: WebSocketManager;
  constructor() {
    this.other = new WebSocketManager();
  }
  reconnect() {
    this.other = new WebSocketManager();
  }
}`,
    // Per-key registries: one instance per user.
    `${importManager}
const managers = new Map<string, WebSocketManager>();
const byId: Record<string, WebSocketManager> = {};
export function forUser(userId: string) {
  managers.set(userId, new WebSocketManager());
  byId[userId] = new WebSocketManager();
  return managers.get(userId);
}`,
    `${importManager}
const byId: Record<string, WebSocketManager> = {};
for (const userId of ['a', 'b']) byId[userId] = new WebSocketManager();`,
    // Type positions.
    `${importManager}
let m: WebSocketManager;
type Ctor = typeof WebSocketManager;
export const isManager = (x: unknown): x is WebSocketManager => x instanceof WebSocketManager;
export declare const declared: WebSocketManager;`,
    // Created while the module loads but kept only in a block.
    `${importManager}
if (Math.random() > 1) {
  const probe = new WebSocketManager();
  probe.toString();
}`,
    // Closures and classes made per call.
    `${importManager}
export function makeStore() {
  let instance: WebSocketManager | undefined;
  return () => (instance ??= new WebSocketManager());
}
export function makeClass() {
  return class Holder {
    static instance = new WebSocketManager();
  };
}`,
    // A local of a static block; `this` of a plain function.
    `${importManager}
export class Holder {
  static {
    const probe = new WebSocketManager();
    probe.toString();
  }
}
export function plain(this: { x?: WebSocketManager }) {
  this.x = new WebSocketManager();
}`,
    // A scratch slot cleared again by the same function is not a cache.
    `${importManager}
const descriptor: { value?: WebSocketManager } = {};
let current: WebSocketManager | null = null;
export function withManager(run: (manager: WebSocketManager) => void) {
  descriptor.value = new WebSocketManager();
  current = new WebSocketManager();
  try {
    run(current);
  } finally {
    descriptor.value = undefined;
    current = null;
  }
}`,
    // Memoized per argument, or memoized per call.
    `${importManager}
import { memoize, once } from 'lodash-es';
export const forUser = memoize((userId: string) => new WebSocketManager({ userId }));
export function perRequest() {
  return once(() => new WebSocketManager());
}
export const later = () => once(() => new WebSocketManager());`,
    // Only the configured memoizers.
    {
      code: `${importManager}
import { once } from 'lodash-es';
export const getManager = once(() => new WebSocketManager());`,
      options: optionsWith({ memoizers: ['memoizeOne'] }),
    },
    // The factory called per user.
    `${importFactory}
export function useSocket(user: { userId: string }) {
  const manager = getWebSocketManager(user);
  return manager;
}`,
    // Other classes, without checkAllClasses; a same-named class from elsewhere.
    `import { getWebSocketManager } from 'some-other-lib';
export const manager = getWebSocketManager();`,
    `import { WebSocketManager } from 'some-other-lib';
export const m = new WebSocketManager();
class Local {}
export const local = new Local();`,
    `export class Store {}
export const store = new Store();
export const cache = new Map<string, number>();`,
    // checkAllClasses: built-in value-like globals
    {
      code: `export const cache = new Map<string, number>();
export const seen = new WeakSet<object>();
export const refs = new WeakRef({});
export const registry = new FinalizationRegistry(() => {});
export const base = new URL('https://example.com');
export const query = new URLSearchParams();
export const epoch = new Date(0);
export const pattern = new RegExp('x');
export const ready = new Promise<void>((resolve) => resolve());
export const bytes = new Uint8Array(4);
export const view = new DataView(new ArrayBuffer(4));
export const encoder = new TextEncoder();
export const decoder = new TextDecoder();
export const controller = new AbortController();
export const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
export const headers = new Headers();
export const failure = new TypeError('x');
export const list = new Array<number>(3);
export const boxed = new Object();
export const viaWindow = new window.Map();
export const viaGlobal = new globalThis.Set();`,
      options: optionsWith({ checkAllClasses: true }),
    },
    // checkAllClasses: subclasses and aliases of value-like globals.
    {
      code: `class HttpError extends Error {}
class NotFound extends HttpError {}
export const notFound = new NotFound('missing');
const Dictionary = Map;
export const dictionary = new Dictionary();
const LruMap = class extends Map {};
export const lru = new LruMap();`,
      options: optionsWith({ checkAllClasses: true }),
    },
    // checkAllClasses: ignoreClasses by name (as imported or written) and /regex/.
    {
      code: `import { Observable as Obs } from 'rxjs';
import * as ns from './store';
export const EMPTY = new Obs();
class AsyncScheduler {}
export const asyncScheduler = new AsyncScheduler();
export const store = new ns.Store();`,
      options: optionsWith({ checkAllClasses: true, ignoreClasses: ['Observable', '/scheduler$/i', 'ns.Store'] }),
    },
    // lifetime: 'singleton': the one instance in the factory module (re-created in the same slot).
    {
      code: `import { WebSocketManager } from './manager';
let instance: WebSocketManager | undefined;
export function getWebSocketManager() {
  return (instance ??= new WebSocketManager());
}
export function resetWebSocketManager() {
  instance = new WebSocketManager();
}`,
      filename: factoryFile,
      settings: ssotSettings(singletonManager),
    },
    // lifetime: 'singleton' without a factory: the one instance in its own module.
    {
      code: `export class WebSocketManager {
  static #instance: WebSocketManager | undefined;
  static get instance() {
    return (this.#instance ??= new WebSocketManager());
  }
}`,
      filename: managerFile,
      settings: ssotSettings(singletonWithoutFactory),
    },
    // lifetime: 'singleton': calling its factory at module scope is fine.
    {
      code: `${importFactory}
export const manager = getWebSocketManager();`,
      settings: ssotSettings(singletonManager),
    },
    // lifetime: 'singleton' global service: the one instance in its allowed file.
    {
      code: `export const socket = new WebSocket('wss://example.com');`,
      filename: socketFile,
      settings: ssotSettings(singletonBrowserWebSocket),
    },
    // settings absent: checkAllClasses still works
    {
      code: `export function make() {
  return new Date();
}`,
      options: optionsWith({ checkAllClasses: true }),
      settings: undefined,
    },
    // shadowed global
    {
      code: `import { WebSocket } from 'ws';
export const socket = new WebSocket('wss://example.com');`,
      settings: ssotSettings(browserWebSocket),
    },
    {
      code: `${importFactory}
export function SocketStatus({ user }: { user: { userId: string } }) {
  const manager = getWebSocketManager(user);
  return <span>{String(manager)}</span>;
}`,
      filename: component,
    },
  ]),
  invalid: [
    // A member-path factory called at module scope, and cached in a module binding.
    invalid(
      "import { FrontendComponentFactory as F } from '@/frontend';\nexport const shared = F.getConversationManager({ userId: 'x' });\nlet cached: unknown;\nexport const get = (user: { userId: string }) => (cached ??= F.getConversationManager(user));",
      [error('factoryAtModuleScope', [2, 23, 2, 64]), error('factoryLazy', [4, 51, 4, 92])],
      { settings: ssotSettings(conversationService) },
    ),
    // The factory cached in a module binding through aliases declared inside functions.
    invalid(
      `import { getWebSocketManager } from '../websocket/factory';
import { FrontendComponentFactory } from '@/frontend';
let socket: unknown;
let conversation: unknown;
export function connect(user: { userId: string }) {
  const make = getWebSocketManager;
  const { getConversationManager } = FrontendComponentFactory;
  socket ??= make(user);
  conversation ??= getConversationManager(user);
}`,
      [error('factoryLazy', [8, 3, 8, 24]), error('factoryLazy', [9, 3, 9, 48])],
      { settings: ssotSettings(webSocketManager, conversationService) },
    ),
    // 1. Eager
    invalid(
      `${importManager}
export const manager = new WebSocketManager();`,
      [error('eager', [2, 24, 2, 46], { data: { service: 'WebSocketManager', factory: 'getWebSocketManager' } })],
    ),
    invalid(
      `${importManager}
const manager = new WebSocketManager();
let other = new WebSocketManager();
var third = new WebSocketManager();
export { manager, other, third };`,
      [error('eager', [2, 17, 2, 39]), error('eager', [3, 13, 3, 35]), error('eager', [4, 13, 4, 35])],
    ),
    invalid(
      `${importManager}
export default new WebSocketManager();`,
      [error('eager', [2, 16, 2, 38])],
    ),
    invalid(
      `${importManager}
export = new WebSocketManager();`,
      [error('eager', [2, 10, 2, 32])],
    ),
    invalid(
      `${importManager}
export const services = {
  manager: new WebSocketManager(),
  all: [new WebSocketManager()],
};`,
      [error('eager', [3, 12, 3, 34]), error('eager', [4, 9, 4, 31])],
    ),
    invalid(
      `${importManager}
export const [first] = [new WebSocketManager()];
export const { manager } = { manager: new WebSocketManager() };`,
      [error('eager', [2, 25, 2, 47]), error('eager', [3, 39, 3, 61])],
    ),
    invalid(
      `${importManager}
declare const isServer: boolean;
export const manager = isServer ? new WebSocketManager() : undefined;
export const fallback = (globalThis as { ws?: WebSocketManager }).ws ?? new WebSocketManager();`,
      [error('eager', [3, 35, 3, 57]), error('eager', [4, 73, 4, 95])],
    ),
    invalid(
      `${importManager}
export const viaArrow = (() => new WebSocketManager())();
export const viaFunction = (function () {
  const manager = new WebSocketManager();
  manager.toString();
  return manager;
})();
void (async () => {
  (globalThis as { ws?: WebSocketManager }).ws = new WebSocketManager();
})();`,
      [error('eager', [2, 32, 2, 54]), error('eager', [4, 19, 4, 41]), error('eager', [9, 50, 9, 72])],
    ),
    invalid(
      `${importManager}
export class Holder {
  static manager = new WebSocketManager();
  static #hidden = new WebSocketManager();
  static accessor wrapped = new WebSocketManager();
  static other: WebSocketManager;
  static {
    this.other = new WebSocketManager();
    Holder.other = new WebSocketManager();
  }
}`,
      [
        error('eager', [3, 20, 3, 42]),
        error('eager', [4, 20, 4, 42]),
        error('eager', [5, 29, 5, 51]),
        error('eager', [8, 18, 8, 40]),
        error('eager', [9, 20, 9, 42]),
      ],
    ),
    invalid(
      `${importManager}
let manager: WebSocketManager;
manager = new WebSocketManager();
(globalThis as { ws?: WebSocketManager }).ws ??= new WebSocketManager();
window.manager = new WebSocketManager();
export { manager };`,
      [error('eager', [3, 11, 3, 33]), error('eager', [4, 50, 4, 72]), error('eager', [5, 18, 5, 40])],
    ),
    invalid(
      `${importManager}
export namespace Sockets {
  export const manager = new WebSocketManager();
}`,
      [error('eager', [3, 26, 3, 48])],
    ),
    invalid(
      `import * as ws from '../websocket/manager';
import { WebSocketManager as Aliased } from '@ws';
import { WebSocketManager as Imported } from '#manager';
export const a = new ws.WebSocketManager() as unknown as object;
export const b = new Aliased() satisfies object;
export const c = new Imported()!;`,
      [error('eager', [4, 18, 4, 43]), error('eager', [5, 18, 5, 31]), error('eager', [6, 18, 6, 32])],
    ),
    invalid(
      `${importManager}
export const store = {
  manager: undefined as WebSocketManager | undefined,
  get() {
    return (this.manager ??= new WebSocketManager());
  },
};`,
      [error('lazy', [5, 13, 5, 52])],
    ),
    // 2. Lazy
    invalid(
      `${importManager}
let instance: WebSocketManager | undefined;
export function getInstance() {
  if (!instance) instance = new WebSocketManager();
  return instance;
}`,
      [
        error('lazy', [4, 18, 4, 51], {
          data: { service: 'WebSocketManager', target: 'instance', factory: 'getWebSocketManager' },
        }),
      ],
    ),
    invalid(
      `${importManager}
let instance: WebSocketManager | undefined;
export const viaNullish = () => (instance ??= new WebSocketManager());
export const viaOr = () => (instance ||= new WebSocketManager());
export function viaReturn() {
  return instance ?? (instance = new WebSocketManager());
}`,
      [error('lazy', [3, 34, 3, 69]), error('lazy', [4, 29, 4, 64]), error('lazy', [6, 23, 6, 56])],
    ),
    invalid(
      `${importManager}
export class Registry {
  private static instance: WebSocketManager | undefined;
  static #hidden: WebSocketManager | undefined;
  static getInstance() {
    if (!this.instance) this.instance = new WebSocketManager();
    return this.instance;
  }
  static get hidden() {
    return (this.#hidden ??= new WebSocketManager());
  }
  reset() {
    Registry.instance = new WebSocketManager();
  }
}`,
      [error('lazy', [6, 25, 6, 63]), error('lazy', [10, 13, 10, 52]), error('lazy', [13, 5, 13, 47])],
    ),
    invalid(
      `${importManager}
let instance: WebSocketManager | undefined;
export function connect() {
  const manager = new WebSocketManager();
  manager.toString();
  instance = manager;
}
export const getManager = (() => {
  let cached: WebSocketManager | undefined;
  return () => (cached ??= new WebSocketManager());
})();`,
      [error('lazy', [6, 3, 6, 21]), error('lazy', [10, 17, 10, 50])],
    ),
    invalid(
      `${importManager}
const KEY = Symbol.for('app.ws');
const state: { manager?: WebSocketManager } = {};
export function connect() {
  (globalThis as Record<symbol, unknown>)[KEY] ??= new WebSocketManager();
  state.manager = new WebSocketManager();
  (globalThis as Record<string, unknown>)['manager'] = new WebSocketManager();
}`,
      [error('lazy', [5, 3, 5, 74]), error('lazy', [6, 3, 6, 41]), error('lazy', [7, 3, 7, 78])],
    ),
    invalid(
      `${importManager}
let current: WebSocketManager | undefined;
export class Session {
  constructor() {
    current = new WebSocketManager();
  }
}`,
      [error('lazy', [5, 5, 5, 37])],
    ),
    // 3. Memoized
    invalid(
      `${importManager}
import { once } from 'lodash-es';
export const getManager = once(() => new WebSocketManager());`,
      [
        error('memoized', [3, 38, 3, 60], {
          data: { service: 'WebSocketManager', memoizer: 'once', factory: 'getWebSocketManager' },
        }),
      ],
    ),
    invalid(
      `${importManager}
import memoizeOne from 'memoize-one';
import _ from 'lodash';
import { cache } from 'react';
import { memoize as remember } from 'lodash-es';
export const a = memoizeOne(() => new WebSocketManager());
export const b = _.memoize(function () {
  return new WebSocketManager();
});
export const c = cache(async () => {
  const manager = new WebSocketManager();
  await Promise.resolve();
  return manager;
});
export const d = remember(() => new WebSocketManager());`,
      [
        error('memoized', [6, 35, 6, 57]),
        error('memoized', [8, 10, 8, 32]),
        error('memoized', [11, 19, 11, 41]),
        error('memoized', [15, 33, 15, 55]),
      ],
    ),
    invalid(
      `${importManager}
import { once } from 'lodash-es';
export const forFirstUser = once((user: { userId: string }) => new WebSocketManager(user));`,
      [error('memoized', [3, 64, 3, 90])],
    ),
    invalid(
      `${importManager}
import { lazy } from './lazy';
export const getManager = lazy(() => new WebSocketManager());`,
      [error('memoized', [3, 38, 3, 60])],
      { options: optionsWith({ memoizers: ['lazy'] }) },
    ),
    // 4. Factory at module scope
    // A subclass of a service at module scope, also in a folder `allow` lets construct it.
    invalid(
      `${importManager}
class Sub extends WebSocketManager {}
export const sub = new Sub();
export function make() { return new Sub(); }`,
      [
        error('eager', [3, 20, 3, 29], {
          data: {
            service: 'Sub (a subclass of WebSocketManager)',
            factory: 'getWebSocketManager',
            target: 'sub',
            memoizer: '',
          },
        }),
      ],
    ),
    invalid(
      `import { WebSocketManager } from './manager';
const Pooled = class extends WebSocketManager {};
export const pooled = new Pooled();`,
      [error('eager', [3, 23, 3, 35])],
      { filename: appFile('src/websocket/pool.ts') },
    ),
    // Through calls and spreads that keep the instance: `Object.freeze`, array and object spreads of literals.
    invalid(
      `${importManager}
export const frozen = Object.freeze(new WebSocketManager());
export const spread = [...[new WebSocketManager()]];
export const merged = { ...{ manager: Object.seal(new WebSocketManager()) } };`,
      [error('eager', [2, 37, 2, 59]), error('eager', [3, 28, 3, 50]), error('eager', [4, 51, 4, 73])],
    ),
    // Callbacks an array method runs while the module loads: what `map`/`flatMap`/`reduce`/`Array.from`
    // collect is kept; `forEach` stores it itself; the factory called from one runs at load time too.
    // (Methods of what may not be an array — an Observable's `forEach` runs later — and async callbacks are not.)
    invalid(
      `${importManager}
${importFactory}
export const pool = [1, 2].map(() => new WebSocketManager());
const ids = ['a', 'b'];
export const flat = ids.filter(Boolean).flatMap(function () { return [new WebSocketManager()]; });
export const made = Array.from({ length: 2 }, () => new WebSocketManager());
let last: unknown;
Object.keys({ a: 1 }).forEach(() => { last = new WebSocketManager(); });
[user].forEach((u) => getWebSocketManager(u));`,
      [
        error('eager', [3, 38, 3, 60]),
        error('eager', [5, 71, 5, 93]),
        error('eager', [6, 53, 6, 75]),
        error('eager', [8, 46, 8, 68]),
        error('factoryAtModuleScope', [9, 23, 9, 45]),
      ],
    ),
    // Indirect calls of the factory: `(0, f)(u)`, `f.call(null, u)`, `f.apply(null, [u])`.
    invalid(
      `${importFactory}
export const viaComma = (0, getWebSocketManager)(user);
export const viaCall = getWebSocketManager.call(null, user);
export const viaApply = getWebSocketManager.apply(null, [user]);
let cached: unknown;
export function get(user: unknown) { cached = (0, getWebSocketManager)(user); return cached; }`,
      [
        error('factoryAtModuleScope', [2, 25, 2, 55]),
        error('factoryAtModuleScope', [3, 24, 3, 60]),
        error('factoryAtModuleScope', [4, 25, 4, 64]),
        error('factoryLazy', [6, 38, 6, 77]),
      ],
    ),
    invalid(
      `${importFactory}
export const manager = getWebSocketManager();`,
      [
        error('factoryAtModuleScope', [2, 24, 2, 45], {
          data: { factory: 'getWebSocketManager', service: 'WebSocketManager' },
        }),
      ],
    ),
    invalid(
      `import * as factory from '../websocket/factory';
import { getWebSocketManager as get } from '#ws/factory';
factory.getWebSocketManager().toString();
export const viaIife = (() => get())();
export class Holder {
  static manager = get();
}`,
      [
        error('factoryAtModuleScope', [3, 1, 3, 30]),
        error('factoryAtModuleScope', [4, 31, 4, 36]),
        error('factoryAtModuleScope', [6, 20, 6, 25]),
      ],
    ),
    // The factory through a barrel (an index file in its folder or above it).
    invalid(
      `import { getWebSocketManager } from '../websocket';
import { getWebSocketManager as viaAlias } from '@/websocket';
export const manager = getWebSocketManager();
export const aliased = viaAlias();`,
      [error('factoryAtModuleScope', [3, 24, 3, 45]), error('factoryAtModuleScope', [4, 24, 4, 34])],
    ),
    invalid(
      `${importFactory}
let manager: ReturnType<typeof getWebSocketManager> | undefined;
export function useSocket(user: { userId: string }) {
  return (manager ??= getWebSocketManager(user));
}`,
      [
        error('factoryLazy', [4, 11, 4, 48], {
          data: { service: 'WebSocketManager', factory: 'getWebSocketManager', target: 'manager' },
        }),
      ],
    ),
    invalid(
      `${importFactory}
import { once } from 'lodash-es';
export const getManager = once(() => getWebSocketManager({ userId: 'system' }));`,
      [
        error('factoryMemoized', [3, 38, 3, 79], {
          data: { service: 'WebSocketManager', factory: 'getWebSocketManager', memoizer: 'once' },
        }),
      ],
    ),
    invalid(
      `import { WebSocketManager } from './manager';
export function getWebSocketManager() {
  return new WebSocketManager();
}
export const defaultManager = getWebSocketManager();
export const fallback = new WebSocketManager();`,
      [error('factoryAtModuleScope', [5, 31, 5, 52]), error('eager', [6, 25, 6, 47])],
      { filename: factoryFile },
    ),
    // Own module, other identities
    invalid(
      `export class WebSocketManager {
  static instance = new this();
}
export const defaultManager = new WebSocketManager();`,
      [error('eager', [2, 21, 2, 31]), error('eager', [4, 31, 4, 53])],
      { filename: managerFile },
    ),
    invalid(
      `class Manager {}
export { Manager as WebSocketManager };
export const shared = new Manager();`,
      [error('eager', [3, 23, 3, 36])],
      { filename: managerFile },
    ),
    invalid(
      `export default class Telemetry {}
export const telemetry = new Telemetry();`,
      [error('eagerNoFactory', [2, 26, 2, 41])],
      { filename: telemetryFile, settings: ssotSettings(telemetry) },
    ),
    invalid(
      `import Telemetry from '../services/telemetry';
export const telemetry = new Telemetry();`,
      [error('eagerNoFactory', [2, 26, 2, 41])],
      { settings: ssotSettings(telemetry) },
    ),
    // No factory, globals, construct: 'call', loose mode
    invalid(
      `${importManager}
export const manager = new WebSocketManager();
let instance: WebSocketManager | undefined;
export const get = () => (instance ??= new WebSocketManager());
export const memo = once(() => new WebSocketManager());
declare function once<T>(fn: () => T): () => T;`,
      [
        error('eagerNoFactory', [2, 24, 2, 46], { data: { service: 'WebSocketManager' } }),
        error('lazyNoFactory', [4, 27, 4, 62], { data: { service: 'WebSocketManager', target: 'instance' } }),
        error('memoizedNoFactory', [5, 32, 5, 54], { data: { service: 'WebSocketManager', memoizer: 'once' } }),
      ],
      { settings: ssotSettings(managerWithoutFactory) },
    ),
    invalid(
      `export const socket = new WebSocket('wss://example.com');
export const viaWindow = new window.WebSocket('wss://example.com');`,
      [error('eagerNoFactory', [1, 23, 1, 57]), error('eagerNoFactory', [2, 26, 2, 67])],
      { settings: ssotSettings(browserWebSocket) },
    ),
    invalid(
      `import { io } from 'socket.io-client';
export const socket = io('https://example.com');
export function connect() {
  return io('https://example.com');
}`,
      [error('eagerNoFactory', [2, 23, 2, 48])],
      { settings: ssotSettings(socketIo) },
    ),
    invalid(
      `class Store {}
export const store = new Store();`,
      [error('eagerNoFactory', [2, 22, 2, 33])],
      { settings: ssotSettings(looseStore) },
    ),
    // checkAllClasses
    invalid(
      `import { Observable } from 'rxjs';
class AsyncScheduler {}
export const asyncScheduler = new AsyncScheduler();
export const EMPTY = new Observable<never>();
export const anonymous = new (class {})();
let cache: AsyncScheduler | undefined;
export const get = () => (cache ??= new AsyncScheduler());
export const socket = new WebSocket("wss://example.com");`,
      [
        error('eagerNoFactory', [3, 31, 3, 51], { data: { service: 'AsyncScheduler' } }),
        error('eagerNoFactory', [4, 22, 4, 45], { data: { service: 'Observable' } }),
        error('eagerNoFactory', [5, 26, 5, 42], { data: { service: 'An anonymous class' } }),
        error('lazyNoFactory', [7, 27, 7, 57], { data: { service: 'AsyncScheduler', target: 'cache' } }),
        error('eagerNoFactory', [8, 23, 8, 57], { data: { service: 'WebSocket' } }),
      ],
      { options: optionsWith({ checkAllClasses: true }) },
    ),
    invalid(
      `import { Observable } from 'rxjs';
import * as ns from './store';
export const EMPTY = new Observable();
export const store = new ns.Store();`,
      [error('eagerNoFactory', [4, 22, 4, 36])],
      { options: optionsWith({ checkAllClasses: true, ignoreClasses: ['Observable'] }) },
    ),
    invalid(
      `class Cache {}
export const cache = new Cache();`,
      [error('eagerNoFactory', [2, 22, 2, 33])],
      { options: optionsWith({ checkAllClasses: true }), settings: undefined },
    ),
    // lifetime: 'singleton'
    invalid(
      `${importManager}
export const manager = new WebSocketManager();`,
      [
        error('singletonElsewhere', [2, 24, 2, 46], {
          data: {
            service: 'WebSocketManager',
            home: "its factory module 'src/websocket/factory.ts'",
            factory: 'getWebSocketManager',
          },
        }),
      ],
      { settings: ssotSettings(singletonManager) },
    ),
    invalid(
      `import { WebSocketManager } from './manager';
import { once } from 'lodash-es';
let instance: WebSocketManager | undefined;
export function getWebSocketManager() {
  return (instance ??= new WebSocketManager());
}
export const spare = new WebSocketManager();
export const memo = once(() => new WebSocketManager());`,
      [
        error('singletonSecond', [7, 22, 7, 44], { data: { service: 'WebSocketManager', line: '5' } }),
        error('singletonSecond', [8, 32, 8, 54], { data: { service: 'WebSocketManager', line: '5' } }),
      ],
      { filename: factoryFile, settings: ssotSettings(singletonManager) },
    ),
    invalid(
      `export class WebSocketManager {
  static instance = new WebSocketManager();
}`,
      [
        error('singletonElsewhere', [2, 21, 2, 43], {
          data: {
            service: 'WebSocketManager',
            home: "its factory module 'src/websocket/factory.ts'",
            factory: 'getWebSocketManager',
          },
        }),
      ],
      { filename: managerFile, settings: ssotSettings(singletonManager) },
    ),
    invalid(
      `${importManager}
export const manager = new WebSocketManager();`,
      [
        error('singletonElsewhereNoFactory', [2, 24, 2, 46], {
          data: { service: 'WebSocketManager', home: "its own module 'src/websocket/manager.ts'" },
        }),
      ],
      { settings: ssotSettings(singletonWithoutFactory) },
    ),
    invalid(
      `export const socket = new WebSocket('wss://example.com');`,
      [error('singletonElsewhereNoFactory', [1, 23, 1, 57])],
      { settings: ssotSettings(singletonBrowserWebSocket) },
    ),
    // .tsx
    invalid(
      `${importManager}
const shared = new WebSocketManager();
export function SocketStatus() {
  const [manager] = [new WebSocketManager()];
  return <span>{String(shared === manager)}</span>;
}`,
      [error('eager', [2, 16, 2, 38])],
      { filename: component },
    ),
  ],
});

jsRuleTester.run('no-module-singleton (JavaScript)', rule, {
  valid: js.valid([
    // Created per call.
    `import { WebSocketManager } from '../websocket/manager.js';
export function connect(user) {
  return new WebSocketManager(user);
}`,
    // CommonJS: exported function, per-key registry on exports.
    {
      code: `const { WebSocketManager } = require('../websocket/manager');
module.exports = function connect(user) {
  return new WebSocketManager(user);
};
exports.registry = {};
exports.forUser = (id) => (exports.registry[id] = new WebSocketManager());`,
      languageOptions: commonJs,
    },
  ]),
  invalid: [
    // Eager and lazy in an ES module.
    js.invalid(
      `import { WebSocketManager } from '../websocket/manager.js';
export const manager = new WebSocketManager();
let instance;
export function get() {
  return instance || (instance = new WebSocketManager());
}`,
      [error('eager', [2, 24, 2, 46]), error('lazy', [5, 23, 5, 56])],
    ),
    // Static getInstance() in JavaScript.
    js.invalid(
      `import { WebSocketManager } from '../websocket/manager.js';
export class Registry {
  static #instance;
  static getInstance() {
    return (Registry.#instance ??= new WebSocketManager());
  }
  static {
    this.fallback = new WebSocketManager();
  }
}`,
      [error('lazy', [5, 13, 5, 58]), error('eager', [8, 21, 8, 43])],
    ),
    // CommonJS: module.exports = new C().
    js.invalid(
      `const { WebSocketManager } = require('../websocket/manager');
module.exports = new WebSocketManager();`,
      [error('eager', [2, 18, 2, 40])],
      { languageOptions: commonJs },
    ),
    // CommonJS: exports.x, module.exports.x, top-level this.x.
    js.invalid(
      `const { WebSocketManager } = require('../websocket/manager');
exports.manager = new WebSocketManager();
module.exports.other = { manager: new WebSocketManager() };
this.third = new WebSocketManager();`,
      [error('eager', [2, 19, 2, 41]), error('eager', [3, 35, 3, 57]), error('eager', [4, 14, 4, 36])],
      { languageOptions: commonJs },
    ),
    // Classic script: top-level var, global object.
    js.invalid(
      `const { WebSocketManager } = require('../websocket/manager');
var manager = new WebSocketManager();
function getManager() {
  return (self.manager ??= new WebSocketManager());
}`,
      [error('eager', [2, 15, 2, 37]), error('lazy', [4, 11, 4, 50])],
      { languageOptions: classicScript },
    ),
    // CommonJS: the factory at module load.
    js.invalid(
      `const { getWebSocketManager } = require('../websocket/factory');
module.exports = getWebSocketManager();`,
      [error('factoryAtModuleScope', [2, 18, 2, 39])],
      { languageOptions: commonJs },
    ),
  ],
});

describe('no-module-singleton configuration', () => {
  function lint(code: string, options: unknown[], settings?: unknown) {
    const linter = new Linter({ cwd: appFile('.') });
    return linter.verify(
      code,
      {
        plugins: { ssot: plugin },
        ...(settings === undefined ? {} : { settings: { ssot: settings } }),
        rules: { 'ssot/no-module-singleton': ['error', ...options] },
      },
      appFile('src/hooks/example.js'),
    );
  }

  it('stops when settings.ssot is missing and there is nothing else to check', () => {
    expect(() => lint('export const value = 1;', [])).toThrow('settings.ssot is missing');
  });

  it('runs without settings when checkAllClasses is on', () => {
    expect(
      lint('class Cache {}\nexport const cache = new Cache();', [{ checkAllClasses: true }]).map(
        (message) => message.messageId,
      ),
    ).toEqual(['eagerNoFactory']);
  });

  it('names a bad ignoreClasses regular expression', () => {
    expect(() => lint('export const value = 1;', [{ checkAllClasses: true, ignoreClasses: ['/(/'] }])).toThrow(
      'ssot/no-module-singleton: ignoreClasses[0]: invalid regular expression /(/',
    );
  });

  it('checks every class in ssot/strict', () => {
    expect(plugin.configs.strict.rules['ssot/no-module-singleton']).toEqual(['error', { checkAllClasses: true }]);
    expect(plugin.configs.recommended.rules['ssot/no-module-singleton']).toBe('error');
  });
});

// ---------------------------------------------------------------------------------------------
// Through the module graph: the class and the factory reached through barrels, package entries,
// built workspace packages, default and CommonJS exports.

const graphChatRoom = {
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
const managerData = { service: 'WebSocketManager', factory: 'getWebSocketManager', memoizer: '' };

ruleTester.run('no-module-singleton (module graph)', rule, {
  valid: [
    {
      code: "import { WebSocketManager } from '../barrels/ambiguous';\nexport const m = new WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
    },
    {
      code: "import { getWebSocketManager } from '../barrels';\nexport const connect = () => getWebSocketManager({ userId: 'u' });",
      filename: hook,
      settings: ssotSettings(),
    },
  ],
  invalid: [
    {
      code: "import { WebSocketManager } from '../barrels';\nexport const m = new WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        { messageId: 'eager', data: { ...managerData, target: 'm' }, line: 2, column: 18, endLine: 2, endColumn: 40 },
      ],
    },
    {
      code: "import * as realtime from '@/barrels/deep';\nexport const m = new realtime.WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        { messageId: 'eager', data: { ...managerData, target: 'm' }, line: 2, column: 18, endLine: 2, endColumn: 49 },
      ],
    },
    {
      // The factory through a barrel, called at module load.
      code: "import { getWebSocketManager } from '../barrels';\nexport const m = getWebSocketManager(user);",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        {
          messageId: 'factoryAtModuleScope',
          data: { ...managerData, target: '' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 43,
        },
      ],
    },
    {
      code: "import { getChatRoom } from '../chat';\nconst lobby = getChatRoom('lobby');\nexport default lobby;",
      filename: hook,
      settings: ssotSettings(graphChatRoom),
      errors: [
        {
          messageId: 'factoryAtModuleScope',
          data: { service: 'ChatRoom', factory: 'getChatRoom', target: '', memoizer: '' },
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 35,
        },
      ],
    },
    {
      code: "import { WebSocketManager } from '@/barrels';\nlet m: WebSocketManager | undefined;\nexport const Status = () => <p>{String((m ??= new WebSocketManager()))}</p>;",
      filename: component,
      settings: ssotSettings(),
      errors: [
        { messageId: 'lazy', data: { ...managerData, target: 'm' }, line: 3, column: 41, endLine: 3, endColumn: 69 },
      ],
    },
    {
      code: "import WebSocket from 'ws';\nexport const socket = new WebSocket('wss://x');",
      filename: path.join(graphPackages, 'src/app.ts'),
      settings: settingsFor(graphPackages, wsService),
      errors: [
        {
          messageId: 'eager',
          data: { service: 'ws WebSocket', factory: 'getSocket', target: 'socket', memoizer: '' },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 47,
        },
      ],
    },
    ...(['built', 'unbuilt'] as const).flatMap((state) => [
      {
        code: "import { RealtimeManager } from '@acme/realtime';\nexport const m = new RealtimeManager('u');",
        filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
        settings: settingsFor(graphWorkspaces[state], realtimeService),
        errors: [
          {
            messageId: 'eager' as const,
            data: { service: 'RealtimeManager', factory: 'getRealtime', target: 'm', memoizer: '' },
            line: 2,
            column: 18,
            endLine: 2,
            endColumn: 42,
          },
        ],
      },
      {
        code: "import { getRealtime } from '@acme/realtime';\nexport const m = getRealtime('u');",
        filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
        settings: settingsFor(graphWorkspaces[state], realtimeService),
        errors: [
          {
            messageId: 'factoryAtModuleScope' as const,
            data: { service: 'RealtimeManager', factory: 'getRealtime', target: '', memoizer: '' },
            line: 2,
            column: 18,
            endLine: 2,
            endColumn: 34,
          },
        ],
      },
    ]),
  ],
});

jsRuleTester.run('no-module-singleton (module graph, CommonJS)', rule, {
  valid: [],
  invalid: [
    {
      code: "const { WebSocketManager } = require('../barrels/legacy.cjs');\nmodule.exports = new WebSocketManager();",
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      errors: [
        {
          messageId: 'eager',
          data: { ...managerData, target: 'module.exports' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 40,
        },
      ],
    },
    {
      code: "const WebSocketManager = require('../barrels/legacy-default.cjs');\nexports.shared = new WebSocketManager();",
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      errors: [
        {
          messageId: 'eager',
          data: { ...managerData, target: 'exports.shared' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 40,
        },
      ],
    },
  ],
});

describe('no-module-singleton work per file', () => {
  // n functions each caching an instance in the same module binding.
  function lazyCaches(count: number): string {
    const functions = Array.from(
      { length: count },
      (_, index) => `export function get${String(index)}() { cache = new WebSocketManager(); return cache; }`,
    );
    return [importManager, 'let cache: WebSocketManager | undefined;', ...functions].join('\n');
  }

  function clearingScans(count: number): { readonly scans: number; readonly reports: number } {
    const linter = new Linter({ cwd: appFile('.') });
    const before = moduleScopeCounters.clearingReferences;
    const messages = linter.verify(
      lazyCaches(count),
      {
        files: ['**/*.ts'],
        plugins: { ssot: plugin },
        languageOptions: { parser: tsParser },
        settings: ssotSettings(),
        rules: { 'ssot/no-module-singleton': 'error' },
      },
      hook,
    );
    return {
      scans: moduleScopeCounters.clearingReferences - before,
      reports: messages.filter((message) => message.messageId === 'lazy').length,
    };
  }

  it('looks at each reference of a shared binding a bounded number of times (linear, not quadratic)', () => {
    const small = clearingScans(100);
    const large = clearingScans(400);
    expect(small.reports).toBe(100);
    expect(large.reports).toBe(400);
    expect(small.scans).toBeGreaterThan(0);
    // Quadratic work would grow 16-fold from n to 4n; linear work grows about 4-fold.
    expect(large.scans).toBeLessThanOrEqual(small.scans * 5);
  });
});

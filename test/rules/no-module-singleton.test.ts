import { rmSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../rules/no-module-singleton.js';
import plugin from '../../src/index.js';
import { packagesProject, realtimeService, settingsFor, workspaceProject, wsService } from '../graph-projects.js';
import { appFile, jsRuleTester, ruleTester, ssotSettings, webSocketManager } from '../rule-tester.js';

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
const managerWithoutFactory = { name: 'WebSocketManager', class: 'WebSocketManager', module: 'src/websocket/manager.ts' };
const singletonWithoutFactory = { ...managerWithoutFactory, lifetime: 'singleton' as const };
const browserWebSocket = { name: 'browser WebSocket', class: 'WebSocket', global: true, allow: ['src/services/socket.ts'] };
const singletonBrowserWebSocket = { ...browserWebSocket, lifetime: 'singleton' as const };
const socketIo = { name: 'socket.io client', class: 'io', module: 'socket.io-client', construct: 'call' as const };
const looseStore = { name: 'Store', class: 'Store' };
const telemetry = { name: 'Telemetry', class: 'default', module: 'src/services/telemetry.ts' };

ruleTester.run('no-module-singleton', rule, {
  valid: [
    // Created inside a function and not kept at module scope.
    {
      code: `${importManager}
export function connect(user: { userId: string }) {
  const manager = new WebSocketManager(user);
  manager.toString();
  return manager;
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Instance fields, constructors and instance methods: one per instance.
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
    },
    // Per-key registries: one instance per user.
    {
      code: `${importManager}
const managers = new Map<string, WebSocketManager>();
const byId: Record<string, WebSocketManager> = {};
export function forUser(userId: string) {
  managers.set(userId, new WebSocketManager());
  byId[userId] = new WebSocketManager();
  return managers.get(userId);
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    {
      code: `${importManager}
const byId: Record<string, WebSocketManager> = {};
for (const userId of ['a', 'b']) byId[userId] = new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Type positions.
    {
      code: `${importManager}
let m: WebSocketManager;
type Ctor = typeof WebSocketManager;
export const isManager = (x: unknown): x is WebSocketManager => x instanceof WebSocketManager;
export declare const declared: WebSocketManager;`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Created while the module loads but kept only in a block.
    {
      code: `${importManager}
if (Math.random() > 1) {
  const probe = new WebSocketManager();
  probe.toString();
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Closures and classes made per call.
    {
      code: `${importManager}
export function makeStore() {
  let instance: WebSocketManager | undefined;
  return () => (instance ??= new WebSocketManager());
}
export function makeClass() {
  return class Holder {
    static instance = new WebSocketManager();
  };
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    // A local of a static block; `this` of a plain function.
    {
      code: `${importManager}
export class Holder {
  static {
    const probe = new WebSocketManager();
    probe.toString();
  }
}
export function plain(this: { x?: WebSocketManager }) {
  this.x = new WebSocketManager();
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    // A scratch slot cleared again by the same function is not a cache.
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
    },
    // Memoised per argument, or memoised per call.
    {
      code: `${importManager}
import { memoize, once } from 'lodash-es';
export const forUser = memoize((userId: string) => new WebSocketManager({ userId }));
export function perRequest() {
  return once(() => new WebSocketManager());
}
export const later = () => once(() => new WebSocketManager());`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Only the configured memoizers.
    {
      code: `${importManager}
import { once } from 'lodash-es';
export const getManager = once(() => new WebSocketManager());`,
      filename: hook,
      settings: ssotSettings(),
      options: [{ memoizers: ['memoizeOne'] }],
    },
    // The factory called per user.
    {
      code: `${importFactory}
export function useSocket(user: { userId: string }) {
  const manager = getWebSocketManager(user);
  return manager;
}`,
      filename: hook,
      settings: ssotSettings(),
    },
    // Other classes, without checkAllClasses; a same-named class from elsewhere.
    {
      code: `import { getWebSocketManager } from 'some-other-lib';
export const manager = getWebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
    },
    {
      code: `import { WebSocketManager } from 'some-other-lib';
export const m = new WebSocketManager();
class Local {}
export const local = new Local();`,
      filename: hook,
      settings: ssotSettings(),
    },
    {
      code: `export class Store {}
export const store = new Store();
export const cache = new Map<string, number>();`,
      filename: hook,
      settings: ssotSettings(),
    },
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
      filename: hook,
      settings: ssotSettings(),
      options: [{ checkAllClasses: true }],
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
      filename: hook,
      settings: ssotSettings(),
      options: [{ checkAllClasses: true }],
    },
    // checkAllClasses: ignoreClasses by name (as imported or written) and /regex/.
    {
      code: `import { Observable as Obs } from 'rxjs';
import * as ns from './store';
export const EMPTY = new Obs();
class AsyncScheduler {}
export const asyncScheduler = new AsyncScheduler();
export const store = new ns.Store();`,
      filename: hook,
      settings: ssotSettings(),
      options: [{ checkAllClasses: true, ignoreClasses: ['Observable', '/scheduler$/i', 'ns.Store'] }],
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
      filename: hook,
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
      filename: hook,
      options: [{ checkAllClasses: true }],
    },
    // shadowed global
    {
      code: `import { WebSocket } from 'ws';
export const socket = new WebSocket('wss://example.com');`,
      filename: hook,
      settings: ssotSettings(browserWebSocket),
    },
    {
      code: `${importFactory}
export function SocketStatus({ user }: { user: { userId: string } }) {
  const manager = getWebSocketManager(user);
  return <span>{String(manager)}</span>;
}`,
      filename: component,
      settings: ssotSettings(),
    },
  ],
  invalid: [
    // 1. Eager
    {
      code: `${importManager}
export const manager = new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', data: { service: 'WebSocketManager', factory: 'getWebSocketManager' }, line: 2, column: 24, endLine: 2, endColumn: 46, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
const manager = new WebSocketManager();
let other = new WebSocketManager();
var third = new WebSocketManager();
export { manager, other, third };`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 17, endLine: 2, endColumn: 39, suggestions: [] },
        { messageId: 'eager', line: 3, column: 13, endLine: 3, endColumn: 35, suggestions: [] },
        { messageId: 'eager', line: 4, column: 13, endLine: 4, endColumn: 35, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export default new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 16, endLine: 2, endColumn: 38, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export = new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 10, endLine: 2, endColumn: 32, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export const services = {
  manager: new WebSocketManager(),
  all: [new WebSocketManager()],
};`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 12, endLine: 3, endColumn: 34, suggestions: [] },
        { messageId: 'eager', line: 4, column: 9, endLine: 4, endColumn: 31, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export const [first] = [new WebSocketManager()];
export const { manager } = { manager: new WebSocketManager() };`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 25, endLine: 2, endColumn: 47, suggestions: [] },
        { messageId: 'eager', line: 3, column: 39, endLine: 3, endColumn: 61, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
declare const isServer: boolean;
export const manager = isServer ? new WebSocketManager() : undefined;
export const fallback = (globalThis as { ws?: WebSocketManager }).ws ?? new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 35, endLine: 3, endColumn: 57, suggestions: [] },
        { messageId: 'eager', line: 4, column: 73, endLine: 4, endColumn: 95, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export const viaArrow = (() => new WebSocketManager())();
export const viaFunction = (function () {
  const manager = new WebSocketManager();
  manager.toString();
  return manager;
})();
void (async () => {
  (globalThis as { ws?: WebSocketManager }).ws = new WebSocketManager();
})();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 32, endLine: 2, endColumn: 54, suggestions: [] },
        { messageId: 'eager', line: 4, column: 19, endLine: 4, endColumn: 41, suggestions: [] },
        { messageId: 'eager', line: 9, column: 50, endLine: 9, endColumn: 72, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 20, endLine: 3, endColumn: 42, suggestions: [] },
        { messageId: 'eager', line: 4, column: 20, endLine: 4, endColumn: 42, suggestions: [] },
        { messageId: 'eager', line: 5, column: 29, endLine: 5, endColumn: 51, suggestions: [] },
        { messageId: 'eager', line: 8, column: 18, endLine: 8, endColumn: 40, suggestions: [] },
        { messageId: 'eager', line: 9, column: 20, endLine: 9, endColumn: 42, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
let manager: WebSocketManager;
manager = new WebSocketManager();
(globalThis as { ws?: WebSocketManager }).ws ??= new WebSocketManager();
window.manager = new WebSocketManager();
export { manager };`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 11, endLine: 3, endColumn: 33, suggestions: [] },
        { messageId: 'eager', line: 4, column: 50, endLine: 4, endColumn: 72, suggestions: [] },
        { messageId: 'eager', line: 5, column: 18, endLine: 5, endColumn: 40, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export namespace Sockets {
  export const manager = new WebSocketManager();
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 26, endLine: 3, endColumn: 48, suggestions: [] },
      ],
    },
    {
      code: `import * as ws from '../websocket/manager';
import { WebSocketManager as Aliased } from '@ws';
import { WebSocketManager as Imported } from '#manager';
export const a = new ws.WebSocketManager() as unknown as object;
export const b = new Aliased() satisfies object;
export const c = new Imported()!;`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 4, column: 18, endLine: 4, endColumn: 43, suggestions: [] },
        { messageId: 'eager', line: 5, column: 18, endLine: 5, endColumn: 31, suggestions: [] },
        { messageId: 'eager', line: 6, column: 18, endLine: 6, endColumn: 32, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export const store = {
  manager: undefined as WebSocketManager | undefined,
  get() {
    return (this.manager ??= new WebSocketManager());
  },
};`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 5, column: 13, endLine: 5, endColumn: 52, suggestions: [] },
      ],
    },
    // 2. Lazy
    {
      code: `${importManager}
let instance: WebSocketManager | undefined;
export function getInstance() {
  if (!instance) instance = new WebSocketManager();
  return instance;
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', data: { service: 'WebSocketManager', target: 'instance', factory: 'getWebSocketManager' }, line: 4, column: 18, endLine: 4, endColumn: 51, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
let instance: WebSocketManager | undefined;
export const viaNullish = () => (instance ??= new WebSocketManager());
export const viaOr = () => (instance ||= new WebSocketManager());
export function viaReturn() {
  return instance ?? (instance = new WebSocketManager());
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 3, column: 34, endLine: 3, endColumn: 69, suggestions: [] },
        { messageId: 'lazy', line: 4, column: 29, endLine: 4, endColumn: 64, suggestions: [] },
        { messageId: 'lazy', line: 6, column: 23, endLine: 6, endColumn: 56, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 6, column: 25, endLine: 6, endColumn: 63, suggestions: [] },
        { messageId: 'lazy', line: 10, column: 13, endLine: 10, endColumn: 52, suggestions: [] },
        { messageId: 'lazy', line: 13, column: 5, endLine: 13, endColumn: 47, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 6, column: 3, endLine: 6, endColumn: 21, suggestions: [] },
        { messageId: 'lazy', line: 10, column: 17, endLine: 10, endColumn: 50, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
const KEY = Symbol.for('app.ws');
const state: { manager?: WebSocketManager } = {};
export function connect() {
  (globalThis as Record<symbol, unknown>)[KEY] ??= new WebSocketManager();
  state.manager = new WebSocketManager();
  (globalThis as Record<string, unknown>)['manager'] = new WebSocketManager();
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 5, column: 3, endLine: 5, endColumn: 74, suggestions: [] },
        { messageId: 'lazy', line: 6, column: 3, endLine: 6, endColumn: 41, suggestions: [] },
        { messageId: 'lazy', line: 7, column: 3, endLine: 7, endColumn: 78, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
let current: WebSocketManager | undefined;
export class Session {
  constructor() {
    current = new WebSocketManager();
  }
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 5, column: 5, endLine: 5, endColumn: 37, suggestions: [] },
      ],
    },
    // 3. Memoised
    {
      code: `${importManager}
import { once } from 'lodash-es';
export const getManager = once(() => new WebSocketManager());`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'memoised', data: { service: 'WebSocketManager', memoizer: 'once', factory: 'getWebSocketManager' }, line: 3, column: 38, endLine: 3, endColumn: 60, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
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
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'memoised', line: 6, column: 35, endLine: 6, endColumn: 57, suggestions: [] },
        { messageId: 'memoised', line: 8, column: 10, endLine: 8, endColumn: 32, suggestions: [] },
        { messageId: 'memoised', line: 11, column: 19, endLine: 11, endColumn: 41, suggestions: [] },
        { messageId: 'memoised', line: 15, column: 33, endLine: 15, endColumn: 55, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
import { once } from 'lodash-es';
export const forFirstUser = once((user: { userId: string }) => new WebSocketManager(user));`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'memoised', line: 3, column: 64, endLine: 3, endColumn: 90, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
import { lazy } from './lazy';
export const getManager = lazy(() => new WebSocketManager());`,
      filename: hook,
      settings: ssotSettings(),
      options: [{ memoizers: ['lazy'] }],
      output: null,
      errors: [
        { messageId: 'memoised', line: 3, column: 38, endLine: 3, endColumn: 60, suggestions: [] },
      ],
    },
    // 4. Factory at module scope
    {
      code: `${importFactory}
export const manager = getWebSocketManager();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryAtModuleScope', data: { factory: 'getWebSocketManager', service: 'WebSocketManager' }, line: 2, column: 24, endLine: 2, endColumn: 45, suggestions: [] },
      ],
    },
    {
      code: `import * as factory from '../websocket/factory';
import { getWebSocketManager as get } from '#ws/factory';
factory.getWebSocketManager().toString();
export const viaIife = (() => get())();
export class Holder {
  static manager = get();
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryAtModuleScope', line: 3, column: 1, endLine: 3, endColumn: 30, suggestions: [] },
        { messageId: 'factoryAtModuleScope', line: 4, column: 31, endLine: 4, endColumn: 36, suggestions: [] },
        { messageId: 'factoryAtModuleScope', line: 6, column: 20, endLine: 6, endColumn: 25, suggestions: [] },
      ],
    },
    // The factory through a barrel (an index file in its folder or above it).
    {
      code: `import { getWebSocketManager } from '../websocket';
import { getWebSocketManager as viaAlias } from '@/websocket';
export const manager = getWebSocketManager();
export const aliased = viaAlias();`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryAtModuleScope', line: 3, column: 24, endLine: 3, endColumn: 45, suggestions: [] },
        { messageId: 'factoryAtModuleScope', line: 4, column: 24, endLine: 4, endColumn: 34, suggestions: [] },
      ],
    },
    {
      code: `${importFactory}
let manager: ReturnType<typeof getWebSocketManager> | undefined;
export function useSocket(user: { userId: string }) {
  return (manager ??= getWebSocketManager(user));
}`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryLazy', data: { service: 'WebSocketManager', factory: 'getWebSocketManager', target: 'manager' }, line: 4, column: 11, endLine: 4, endColumn: 48, suggestions: [] },
      ],
    },
    {
      code: `${importFactory}
import { once } from 'lodash-es';
export const getManager = once(() => getWebSocketManager({ userId: 'system' }));`,
      filename: hook,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryMemoised', data: { service: 'WebSocketManager', factory: 'getWebSocketManager', memoizer: 'once' }, line: 3, column: 38, endLine: 3, endColumn: 79, suggestions: [] },
      ],
    },
    {
      code: `import { WebSocketManager } from './manager';
export function getWebSocketManager() {
  return new WebSocketManager();
}
export const defaultManager = getWebSocketManager();
export const fallback = new WebSocketManager();`,
      filename: factoryFile,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'factoryAtModuleScope', line: 5, column: 31, endLine: 5, endColumn: 52, suggestions: [] },
        { messageId: 'eager', line: 6, column: 25, endLine: 6, endColumn: 47, suggestions: [] },
      ],
    },
    // Own module, other identities
    {
      code: `export class WebSocketManager {
  static instance = new this();
}
export const defaultManager = new WebSocketManager();`,
      filename: managerFile,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 21, endLine: 2, endColumn: 31, suggestions: [] },
        { messageId: 'eager', line: 4, column: 31, endLine: 4, endColumn: 53, suggestions: [] },
      ],
    },
    {
      code: `class Manager {}
export { Manager as WebSocketManager };
export const shared = new Manager();`,
      filename: managerFile,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 3, column: 23, endLine: 3, endColumn: 36, suggestions: [] },
      ],
    },
    {
      code: `export default class Telemetry {}
export const telemetry = new Telemetry();`,
      filename: telemetryFile,
      settings: ssotSettings(telemetry),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 2, column: 26, endLine: 2, endColumn: 41, suggestions: [] },
      ],
    },
    {
      code: `import Telemetry from '../services/telemetry';
export const telemetry = new Telemetry();`,
      filename: hook,
      settings: ssotSettings(telemetry),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 2, column: 26, endLine: 2, endColumn: 41, suggestions: [] },
      ],
    },
    // No factory, globals, construct: 'call', loose mode
    {
      code: `${importManager}
export const manager = new WebSocketManager();
let instance: WebSocketManager | undefined;
export const get = () => (instance ??= new WebSocketManager());
export const memo = once(() => new WebSocketManager());
declare function once<T>(fn: () => T): () => T;`,
      filename: hook,
      settings: ssotSettings(managerWithoutFactory),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', data: { service: 'WebSocketManager' }, line: 2, column: 24, endLine: 2, endColumn: 46, suggestions: [] },
        { messageId: 'lazyNoFactory', data: { service: 'WebSocketManager', target: 'instance' }, line: 4, column: 27, endLine: 4, endColumn: 62, suggestions: [] },
        { messageId: 'memoisedNoFactory', data: { service: 'WebSocketManager', memoizer: 'once' }, line: 5, column: 32, endLine: 5, endColumn: 54, suggestions: [] },
      ],
    },
    {
      code: `export const socket = new WebSocket('wss://example.com');
export const viaWindow = new window.WebSocket('wss://example.com');`,
      filename: hook,
      settings: ssotSettings(browserWebSocket),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 1, column: 23, endLine: 1, endColumn: 57, suggestions: [] },
        { messageId: 'eagerNoFactory', line: 2, column: 26, endLine: 2, endColumn: 67, suggestions: [] },
      ],
    },
    {
      code: `import { io } from 'socket.io-client';
export const socket = io('https://example.com');
export function connect() {
  return io('https://example.com');
}`,
      filename: hook,
      settings: ssotSettings(socketIo),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 2, column: 23, endLine: 2, endColumn: 48, suggestions: [] },
      ],
    },
    {
      code: `class Store {}
export const store = new Store();`,
      filename: hook,
      settings: ssotSettings(looseStore),
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 2, column: 22, endLine: 2, endColumn: 33, suggestions: [] },
      ],
    },
    // checkAllClasses
    {
      code: `import { Observable } from 'rxjs';
class AsyncScheduler {}
export const asyncScheduler = new AsyncScheduler();
export const EMPTY = new Observable<never>();
export const anonymous = new (class {})();
let cache: AsyncScheduler | undefined;
export const get = () => (cache ??= new AsyncScheduler());
export const socket = new WebSocket("wss://example.com");`,
      filename: hook,
      settings: ssotSettings(),
      options: [{ checkAllClasses: true }],
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', data: { service: 'AsyncScheduler' }, line: 3, column: 31, endLine: 3, endColumn: 51, suggestions: [] },
        { messageId: 'eagerNoFactory', data: { service: 'Observable' }, line: 4, column: 22, endLine: 4, endColumn: 45, suggestions: [] },
        { messageId: 'eagerNoFactory', data: { service: 'An anonymous class' }, line: 5, column: 26, endLine: 5, endColumn: 42, suggestions: [] },
        { messageId: 'lazyNoFactory', data: { service: 'AsyncScheduler', target: 'cache' }, line: 7, column: 27, endLine: 7, endColumn: 57, suggestions: [] },
        { messageId: 'eagerNoFactory', data: { service: 'WebSocket' }, line: 8, column: 23, endLine: 8, endColumn: 57, suggestions: [] },
      ],
    },
    {
      code: `import { Observable } from 'rxjs';
import * as ns from './store';
export const EMPTY = new Observable();
export const store = new ns.Store();`,
      filename: hook,
      settings: ssotSettings(),
      options: [{ checkAllClasses: true, ignoreClasses: ['Observable'] }],
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 4, column: 22, endLine: 4, endColumn: 36, suggestions: [] },
      ],
    },
    {
      code: `class Cache {}
export const cache = new Cache();`,
      filename: hook,
      options: [{ checkAllClasses: true }],
      output: null,
      errors: [
        { messageId: 'eagerNoFactory', line: 2, column: 22, endLine: 2, endColumn: 33, suggestions: [] },
      ],
    },
    // lifetime: 'singleton'
    {
      code: `${importManager}
export const manager = new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(singletonManager),
      output: null,
      errors: [
        { messageId: 'singletonElsewhere', data: { service: 'WebSocketManager', home: 'its factory module \'src/websocket/factory.ts\'', factory: 'getWebSocketManager' }, line: 2, column: 24, endLine: 2, endColumn: 46, suggestions: [] },
      ],
    },
    {
      code: `import { WebSocketManager } from './manager';
import { once } from 'lodash-es';
let instance: WebSocketManager | undefined;
export function getWebSocketManager() {
  return (instance ??= new WebSocketManager());
}
export const spare = new WebSocketManager();
export const memo = once(() => new WebSocketManager());`,
      filename: factoryFile,
      settings: ssotSettings(singletonManager),
      output: null,
      errors: [
        { messageId: 'singletonSecond', data: { service: 'WebSocketManager', line: '5' }, line: 7, column: 22, endLine: 7, endColumn: 44, suggestions: [] },
        { messageId: 'singletonSecond', data: { service: 'WebSocketManager', line: '5' }, line: 8, column: 32, endLine: 8, endColumn: 54, suggestions: [] },
      ],
    },
    {
      code: `export class WebSocketManager {
  static instance = new WebSocketManager();
}`,
      filename: managerFile,
      settings: ssotSettings(singletonManager),
      output: null,
      errors: [
        { messageId: 'singletonElsewhere', data: { service: 'WebSocketManager', home: 'its factory module \'src/websocket/factory.ts\'', factory: 'getWebSocketManager' }, line: 2, column: 21, endLine: 2, endColumn: 43, suggestions: [] },
      ],
    },
    {
      code: `${importManager}
export const manager = new WebSocketManager();`,
      filename: hook,
      settings: ssotSettings(singletonWithoutFactory),
      output: null,
      errors: [
        { messageId: 'singletonElsewhereNoFactory', data: { service: 'WebSocketManager', home: 'its own module \'src/websocket/manager.ts\'' }, line: 2, column: 24, endLine: 2, endColumn: 46, suggestions: [] },
      ],
    },
    {
      code: `export const socket = new WebSocket('wss://example.com');`,
      filename: hook,
      settings: ssotSettings(singletonBrowserWebSocket),
      output: null,
      errors: [
        { messageId: 'singletonElsewhereNoFactory', line: 1, column: 23, endLine: 1, endColumn: 57, suggestions: [] },
      ],
    },
    // .tsx
    {
      code: `${importManager}
const shared = new WebSocketManager();
export function SocketStatus() {
  const [manager] = [new WebSocketManager()];
  return <span>{String(shared === manager)}</span>;
}`,
      filename: component,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 16, endLine: 2, endColumn: 38, suggestions: [] },
      ],
    },
  ],
});

jsRuleTester.run('no-module-singleton (JavaScript)', rule, {
  valid: [
    // Created per call.
    {
      code: `import { WebSocketManager } from '../websocket/manager.js';
export function connect(user) {
  return new WebSocketManager(user);
}`,
      filename: script,
      settings: ssotSettings(),
    },
    // CommonJS: exported function, per-key registry on exports.
    {
      code: `const { WebSocketManager } = require('../websocket/manager');
module.exports = function connect(user) {
  return new WebSocketManager(user);
};
exports.registry = {};
exports.forUser = (id) => (exports.registry[id] = new WebSocketManager());`,
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
    },
  ],
  invalid: [
    // Eager and lazy in an ES module.
    {
      code: `import { WebSocketManager } from '../websocket/manager.js';
export const manager = new WebSocketManager();
let instance;
export function get() {
  return instance || (instance = new WebSocketManager());
}`,
      filename: script,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 24, endLine: 2, endColumn: 46, suggestions: [] },
        { messageId: 'lazy', line: 5, column: 23, endLine: 5, endColumn: 56, suggestions: [] },
      ],
    },
    // Static getInstance() in JavaScript.
    {
      code: `import { WebSocketManager } from '../websocket/manager.js';
export class Registry {
  static #instance;
  static getInstance() {
    return (Registry.#instance ??= new WebSocketManager());
  }
  static {
    this.fallback = new WebSocketManager();
  }
}`,
      filename: script,
      settings: ssotSettings(),
      output: null,
      errors: [
        { messageId: 'lazy', line: 5, column: 13, endLine: 5, endColumn: 58, suggestions: [] },
        { messageId: 'eager', line: 8, column: 21, endLine: 8, endColumn: 43, suggestions: [] },
      ],
    },
    // CommonJS: module.exports = new C().
    {
      code: `const { WebSocketManager } = require('../websocket/manager');
module.exports = new WebSocketManager();`,
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 18, endLine: 2, endColumn: 40, suggestions: [] },
      ],
    },
    // CommonJS: exports.x, module.exports.x, top-level this.x.
    {
      code: `const { WebSocketManager } = require('../websocket/manager');
exports.manager = new WebSocketManager();
module.exports.other = { manager: new WebSocketManager() };
this.third = new WebSocketManager();`,
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 19, endLine: 2, endColumn: 41, suggestions: [] },
        { messageId: 'eager', line: 3, column: 35, endLine: 3, endColumn: 57, suggestions: [] },
        { messageId: 'eager', line: 4, column: 14, endLine: 4, endColumn: 36, suggestions: [] },
      ],
    },
    // Classic script: top-level var, global object.
    {
      code: `const { WebSocketManager } = require('../websocket/manager');
var manager = new WebSocketManager();
function getManager() {
  return (self.manager ??= new WebSocketManager());
}`,
      filename: script,
      settings: ssotSettings(),
      languageOptions: classicScript,
      output: null,
      errors: [
        { messageId: 'eager', line: 2, column: 15, endLine: 2, endColumn: 37, suggestions: [] },
        { messageId: 'lazy', line: 4, column: 11, endLine: 4, endColumn: 50, suggestions: [] },
      ],
    },
    // CommonJS: the factory at module load.
    {
      code: `const { getWebSocketManager } = require('../websocket/factory');
module.exports = getWebSocketManager();`,
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      output: null,
      errors: [
        { messageId: 'factoryAtModuleScope', line: 2, column: 18, endLine: 2, endColumn: 39, suggestions: [] },
      ],
    },
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
    expect(lint('class Cache {}\nexport const cache = new Cache();', [{ checkAllClasses: true }]).map((message) => message.messageId)).toEqual([
      'eagerNoFactory',
    ]);
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

const graphChatRoom = { name: 'ChatRoom', class: 'ChatRoom', module: 'src/chat/room.ts', factory: { name: 'getChatRoom', module: 'src/chat/factory.ts' } };
const graphPackages = packagesProject();
const graphWorkspaces = { built: workspaceProject(true), unbuilt: workspaceProject(false) };
afterAll(() => {
  for (const root of [graphPackages, graphWorkspaces.built, graphWorkspaces.unbuilt]) rmSync(root, { recursive: true, force: true });
});
const managerData = { service: 'WebSocketManager', factory: 'getWebSocketManager', memoizer: '' };

ruleTester.run('no-module-singleton (module graph)', rule, {
  valid: [
    { code: "import { WebSocketManager } from '../barrels/ambiguous';\nexport const m = new WebSocketManager();", filename: hook, settings: ssotSettings() },
    { code: "import { getWebSocketManager } from '../barrels';\nexport const connect = () => getWebSocketManager({ userId: 'u' });", filename: hook, settings: ssotSettings() },
  ],
  invalid: [
    {
      code: "import { WebSocketManager } from '../barrels';\nexport const m = new WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [{ messageId: 'eager', data: { ...managerData, target: 'm' }, line: 2, column: 18, endLine: 2, endColumn: 40 }],
    },
    {
      code: "import * as realtime from '@/barrels/deep';\nexport const m = new realtime.WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [{ messageId: 'eager', data: { ...managerData, target: 'm' }, line: 2, column: 18, endLine: 2, endColumn: 49 }],
    },
    {
      // The factory through a barrel, called at module load.
      code: "import { getWebSocketManager } from '../barrels';\nexport const m = getWebSocketManager(user);",
      filename: hook,
      settings: ssotSettings(),
      errors: [{ messageId: 'factoryAtModuleScope', data: { ...managerData, target: '' }, line: 2, column: 18, endLine: 2, endColumn: 43 }],
    },
    {
      code: "import { getChatRoom } from '../chat';\nconst lobby = getChatRoom('lobby');\nexport default lobby;",
      filename: hook,
      settings: ssotSettings(graphChatRoom),
      errors: [{ messageId: 'factoryAtModuleScope', data: { service: 'ChatRoom', factory: 'getChatRoom', target: '', memoizer: '' }, line: 2, column: 15, endLine: 2, endColumn: 35 }],
    },
    {
      code: "import { WebSocketManager } from '@/barrels';\nlet m: WebSocketManager | undefined;\nexport const Status = () => <p>{String((m ??= new WebSocketManager()))}</p>;",
      filename: component,
      settings: ssotSettings(),
      errors: [{ messageId: 'lazy', data: { ...managerData, target: 'm' }, line: 3, column: 41, endLine: 3, endColumn: 69 }],
    },
    {
      code: "import WebSocket from 'ws';\nexport const socket = new WebSocket('wss://x');",
      filename: path.join(graphPackages, 'src/app.ts'),
      settings: settingsFor(graphPackages, wsService),
      errors: [{ messageId: 'eager', data: { service: 'ws WebSocket', factory: 'getSocket', target: 'socket', memoizer: '' }, line: 2, column: 23, endLine: 2, endColumn: 47 }],
    },
    ...(['built', 'unbuilt'] as const).flatMap((state) => [
      {
        code: "import { RealtimeManager } from '@acme/realtime';\nexport const m = new RealtimeManager('u');",
        filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
        settings: settingsFor(graphWorkspaces[state], realtimeService),
        errors: [{ messageId: 'eager' as const, data: { service: 'RealtimeManager', factory: 'getRealtime', target: 'm', memoizer: '' }, line: 2, column: 18, endLine: 2, endColumn: 42 }],
      },
      {
        code: "import { getRealtime } from '@acme/realtime';\nexport const m = getRealtime('u');",
        filename: path.join(graphWorkspaces[state], 'packages/web/src/app.ts'),
        settings: settingsFor(graphWorkspaces[state], realtimeService),
        errors: [
          { messageId: 'factoryAtModuleScope' as const, data: { service: 'RealtimeManager', factory: 'getRealtime', target: '', memoizer: '' }, line: 2, column: 18, endLine: 2, endColumn: 34 },
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
      errors: [{ messageId: 'eager', data: { ...managerData, target: 'module.exports' }, line: 2, column: 18, endLine: 2, endColumn: 40 }],
    },
    {
      code: "const WebSocketManager = require('../barrels/legacy-default.cjs');\nexports.shared = new WebSocketManager();",
      filename: script,
      settings: ssotSettings(),
      languageOptions: commonJs,
      errors: [{ messageId: 'eager', data: { ...managerData, target: 'exports.shared' }, line: 2, column: 18, endLine: 2, endColumn: 40 }],
    },
  ],
});

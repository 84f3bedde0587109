/**
 * Scratch projects for the module graph's tests, written outside the repository (so nothing falls
 * back to this repository's tsconfig or node_modules): npm packages with real-world typings shapes
 * (`export =`, one function exported under three names, CommonJS without types) and an npm
 * workspace whose package exports built `dist/*.js` + `dist/*.d.ts`, built or not yet built.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceSettings, SsotSettings } from '../src/settings.js';

function writeProject(
  prefix: string,
  files: Readonly<Record<string, string>>,
  links: Readonly<Record<string, string>> = {},
): string {
  const root = mkdtempSync(path.join(os.tmpdir(), `ssot-graph-${prefix}-`));
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const [link, target] of Object.entries(links)) {
    const file = path.join(root, link);
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(path.relative(path.dirname(file), path.join(root, target)), file, 'dir');
  }
  return root;
}

const tsconfig = JSON.stringify({
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, jsx: 'react-jsx' },
});

/** An app with `ws`, `socket.io-client` and a CommonJS `legacy-client` in its node_modules. */
export function packagesProject(): string {
  return writeProject('packages', {
    'package.json': JSON.stringify({ name: 'packages-app', private: true, type: 'module' }),
    'tsconfig.json': tsconfig,
    'src/socket.ts': 'export function getSocket(...args: unknown[]): unknown {\n  return args;\n}\n',
    // @types/ws's shape: a class merged with a namespace, `export =`.
    'node_modules/ws/package.json': JSON.stringify({
      name: 'ws',
      version: '8.0.0',
      main: 'index.js',
      types: 'index.d.ts',
    }),
    'node_modules/ws/index.d.ts':
      'declare class WebSocket {\n  constructor(address: string);\n}\ndeclare namespace WebSocket {\n  const CONNECTING: 0;\n}\nexport = WebSocket;\n',
    'node_modules/ws/index.js':
      "'use strict';\nconst WebSocket = require('./lib/websocket');\nmodule.exports = WebSocket;\n",
    'node_modules/ws/lib/websocket.js': "'use strict';\nclass WebSocket {}\nmodule.exports = WebSocket;\n",
    // socket.io-client's shape: one function exported as `io`, `connect` and `default`.
    'node_modules/socket.io-client/package.json': JSON.stringify({
      name: 'socket.io-client',
      version: '4.0.0',
      type: 'module',
      exports: { '.': { types: './build/index.d.ts', default: './build/index.js' } },
    }),
    'node_modules/socket.io-client/build/index.d.ts':
      "import { Socket } from './socket.js';\ndeclare function lookup(uri: string): Socket;\nexport { lookup as default, lookup as connect, lookup as io, Socket };\n",
    'node_modules/socket.io-client/build/socket.d.ts': 'export declare class Socket {}\n',
    'node_modules/socket.io-client/build/index.js':
      'export function lookup() {}\nexport { lookup as default, lookup as connect, lookup as io };\n',
    // A CommonJS package without typings.
    'node_modules/legacy-client/package.json': JSON.stringify({
      name: 'legacy-client',
      version: '1.0.0',
      main: 'index.js',
    }),
    'node_modules/legacy-client/index.js':
      "'use strict';\nclass LegacyClient {}\nexports.LegacyClient = LegacyClient;\n",
  });
}

export const wsService: ServiceSettings = {
  name: 'ws WebSocket',
  class: 'WebSocket',
  module: 'ws',
  factory: { name: 'getSocket', module: 'src/socket.ts' },
};
export const ioService: ServiceSettings = {
  name: 'socket.io client',
  class: 'io',
  module: 'socket.io-client',
  construct: 'call',
  factory: { name: 'getSocket', module: 'src/socket.ts' },
};
export const legacyService: ServiceSettings = { name: 'LegacyClient', class: 'LegacyClient', module: 'legacy-client' };

/**
 * An npm workspace: `@acme/realtime` (packages/realtime, `exports` → `dist/*.js` + `dist/*.d.ts`,
 * tsconfig `outDir: dist`, `rootDir: src`), linked from `node_modules/@acme/realtime`; `built`
 * writes its dist (with a declaration map for manager.d.ts only, so both mappings are exercised).
 */
export function workspaceProject(built: boolean): string {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }),
    'tsconfig.json': tsconfig,
    'packages/realtime/package.json': JSON.stringify({
      name: '@acme/realtime',
      version: '1.0.0',
      type: 'module',
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './*': { types: './dist/*.d.ts', default: './dist/*.js' },
      },
    }),
    'packages/realtime/tsconfig.json':
      '{\n  // the usual tsc -b layout\n  "compilerOptions": { "outDir": "dist", "rootDir": "src", "declaration": true, "declarationMap": true, },\n}\n',
    'packages/realtime/src/manager.ts':
      'export class RealtimeManager {\n  constructor(readonly userId?: string) {}\n}\n',
    'packages/realtime/src/factory.ts':
      "import { RealtimeManager } from './manager.js';\n\nexport function getRealtime(userId: string): RealtimeManager {\n  return new RealtimeManager(userId);\n}\n",
    'packages/realtime/src/index.ts':
      "export { RealtimeManager } from './manager.js';\nexport { getRealtime } from './factory.js';\n",
    'packages/web/package.json': JSON.stringify({
      name: '@acme/web',
      version: '1.0.0',
      type: 'module',
      dependencies: { '@acme/realtime': '*' },
    }),
  };
  if (built) {
    Object.assign(files, {
      'packages/realtime/dist/index.d.ts':
        "export { RealtimeManager } from './manager.js';\nexport { getRealtime } from './factory.js';\n",
      'packages/realtime/dist/index.js':
        "export { RealtimeManager } from './manager.js';\nexport { getRealtime } from './factory.js';\n",
      'packages/realtime/dist/manager.d.ts':
        'export declare class RealtimeManager {\n  readonly userId?: string;\n}\n//# sourceMappingURL=manager.d.ts.map\n',
      'packages/realtime/dist/manager.d.ts.map': JSON.stringify({
        version: 3,
        file: 'manager.d.ts',
        sources: ['../src/manager.ts'],
        mappings: '',
      }),
      'packages/realtime/dist/manager.js': 'export class RealtimeManager {}\n',
      'packages/realtime/dist/factory.d.ts':
        "import { RealtimeManager } from './manager.js';\nexport declare function getRealtime(userId: string): RealtimeManager;\n",
      'packages/realtime/dist/factory.js':
        "import { RealtimeManager } from './manager.js';\nexport function getRealtime(userId) { return new RealtimeManager(userId); }\n",
    });
  }
  return writeProject(built ? 'workspace-built' : 'workspace-unbuilt', files, {
    'node_modules/@acme/realtime': 'packages/realtime',
  });
}

export const realtimeService: ServiceSettings = {
  name: 'RealtimeManager',
  class: 'RealtimeManager',
  module: 'packages/realtime/src/manager.ts',
  factory: { name: 'getRealtime', module: 'packages/realtime/src/factory.ts' },
};

export function settingsFor(rootDir: string, ...services: ServiceSettings[]): { ssot: SsotSettings } {
  return { ssot: { rootDir, services } };
}

/**
 * The module graph on its own: export tables read by oxc-parser, names followed to the declaring
 * module (barrels, `export *` with its ambiguity rule, default, `export =`, CommonJS, cycles),
 * freshness by size + mtime, and built workspace packages mapped back to their sources.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  bindingKey,
  exportedHow,
  exportedOnlyAsDeclaredClass,
  graphStats,
  mayExportByName,
  moduleGraphFor,
  moduleRecordOf,
  readModuleRecord,
  resolveModuleFile,
  sourceFileOf,
  type Binding,
} from '../src/module-graph.js';
import { getRegistry } from '../src/registry.js';
import { normalizeModulePath } from '../src/resolution.js';
import { packagesProject, realtimeService, workspaceProject } from './graph-projects.js';
import { appDir, appFile, webSocketManager } from './rule-tester.js';

const registry = getRegistry({ rootDir: appDir, services: [webSocketManager] }, appDir);
const graph = moduleGraphFor(registry.resolver);
const hook = appFile('src/hooks/use-socket.ts');
const manager: Binding = { module: normalizeModulePath(appFile('src/websocket/manager.ts')), name: 'WebSocketManager' };
const key = (binding: Binding | undefined): string | undefined =>
  binding === undefined ? undefined : bindingKey(binding);

describe('export tables', () => {
  it('reads named, renamed, default, star and type-only exports without a walk', () => {
    const record = readModuleRecord(
      'x.ts',
      "export { a as b } from './a';\nexport * from './s';\nexport * as ns from './n';\nexport default class Foo {}\nexport type { T } from './t';\nimport { y } from './y';\nexport { y as z };\n",
    );
    expect(Object.fromEntries(record.exports)).toEqual({
      b: { specifier: './a', name: 'a' },
      ns: { specifier: './n', name: '*' },
      default: { local: 'Foo' },
      z: { specifier: './y', name: 'y' },
    });
    expect(record.stars).toEqual(['./s']);
  });

  it('reads `export =`, `import X = require()` and CommonJS exports', () => {
    expect(Object.fromEntries(readModuleRecord('x.d.ts', 'declare class W {}\nexport = W;\n').exports)).toEqual({
      '=': { local: 'W' },
    });
    const cjs = readModuleRecord(
      'x.cjs',
      "const A = require('./a');\nconst { B } = require('./b');\nmodule.exports = { A, C: B };\nexports.D = class D {};\n",
    );
    expect(Object.fromEntries(cjs.exports)).toEqual({ A: { local: 'A' }, C: { local: 'B' }, D: { local: 'D' } });
    expect(Object.fromEntries(cjs.imports)).toEqual({
      A: { specifier: './a', name: '=' },
      B: { specifier: './b', name: 'B' },
    });
    expect(Object.fromEntries(readModuleRecord('x.js', "module.exports = require('./m');\n").exports)).toEqual({
      '=': { specifier: './m', name: '=' },
    });
  });
});

describe('following a name to its declaring module', () => {
  it.each([
    ['../barrels', 'WebSocketManager'],
    ['../barrels/index.js', 'WebSocketManager'],
    ['@/barrels', 'WebSocketManager'],
    ['../barrels/star', 'WebSocketManager'],
    ['../barrels/deep', 'WebSocketManager'],
    ['../barrels/renamed', 'Socket'],
    ['../barrels/as-default', 'default'],
    ['../barrels/legacy.cjs', 'WebSocketManager'],
    ['../barrels/legacy-default.cjs', 'default'],
    ['../barrels/legacy-default.cjs', '='],
    ['../barrels/equals', '='],
    ['../barrels/equals', 'default'],
    ['../barrels/cycle-a', 'WebSocketManager'],
    ['../barrels/cycle-b', 'WebSocketManager'],
    ['../websocket/manager', 'WebSocketManager'],
  ])('%s exports %s as the class of src/websocket/manager.ts', (specifier, name) => {
    expect(key(graph.importBinding(hook, specifier, name))).toBe(bindingKey(manager));
  });

  it('leaves out a name two `export *` give different bindings, and type-only re-exports', () => {
    expect(graph.importBinding(hook, '../barrels/ambiguous', 'WebSocketManager')).toBeUndefined();
    expect(graph.importBinding(hook, '../barrels/type-only', 'WebSocketManager')).toBeUndefined();
    expect(graph.importBinding(hook, '../barrels/star', 'default')).toBeUndefined();
  });

  it('does not loop on `export *` cycles', () => {
    expect(graph.importBinding(hook, '../barrels/cycle-b', 'Missing')).toBeUndefined();
    expect(graph.exportNames(appFile('src/barrels/cycle-b.ts'))).toEqual(new Set(['WebSocketManager']));
  });

  it('follows package entries: `export =`, one function under three names, CommonJS without types', () => {
    const root = packagesProject();
    try {
      const packages = getRegistry({ rootDir: root, services: [] }, root);
      const packageGraph = moduleGraphFor(packages.resolver);
      const consumer = path.join(root, 'src/app.ts');
      expect(key(packageGraph.importBinding(consumer, 'ws', 'default'))).toBe(
        key(packageGraph.importBinding(consumer, 'ws', '=')),
      );
      expect(key(packageGraph.importBinding(consumer, 'ws', 'WebSocket'))).toBe(
        key(packageGraph.importBinding(consumer, 'ws', '=')),
      );
      const io = key(packageGraph.importBinding(consumer, 'socket.io-client', 'io'));
      expect(io).toMatch(/socket\.io-client\/build#lookup$/);
      expect(key(packageGraph.importBinding(consumer, 'socket.io-client', 'connect'))).toBe(io);
      expect(key(packageGraph.importBinding(consumer, 'socket.io-client', 'default'))).toBe(io);
      expect(key(packageGraph.importBinding(consumer, 'legacy-client', 'LegacyClient'))).toMatch(
        /legacy-client#LegacyClient$/,
      );
      expect(key(packageGraph.importBinding(consumer, 'not-installed', 'X'))).toBe('pkg:not-installed#X');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('freshness', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-graph-fresh-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-reads a module whose size or mtime changed', () => {
    const file = path.join(dir, 'barrel.ts');
    writeFileSync(file, "export { A } from './a';\n");
    expect([...(moduleRecordOf(file)?.exports.keys() ?? [])]).toEqual(['A']);
    writeFileSync(file, "export { B } from './a';\n");
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    // Within a second the record is trusted without a stat (one lint run asks for a barrel thousands of times).
    expect([...(moduleRecordOf(file)?.exports.keys() ?? [])]).toEqual(['A']);
    vi.setSystemTime(Date.now() + 1500);
    expect([...(moduleRecordOf(file)?.exports.keys() ?? [])]).toEqual(['B']);
  });

  it('forgets a module that was deleted', () => {
    const file = path.join(dir, 'gone.ts');
    writeFileSync(file, 'export const x = 1;\n');
    expect(moduleRecordOf(file)).toBeDefined();
    rmSync(file);
    vi.setSystemTime(Date.now() + 1500);
    expect(moduleRecordOf(file)).toBeUndefined();
  });
});

describe('reading only what can answer', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-graph-lazy-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const freshGraph = moduleGraphFor(getRegistry({ rootDir: dir, services: [] }, dir).resolver);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not parse a module whose text cannot export the name (no spelling, no `export *`)', () => {
    const plain = write('plain.ts', 'export const other = 1;\nexport default class Widget {}\n');
    const starred = write('starred.ts', "export * from './plain';\n");
    const before = graphStats.parsed;
    expect(freshGraph.exportBinding(plain, 'WebSocketManager')).toBeUndefined();
    expect(graphStats.parsed).toBe(before);
    // `export *` may re-export a name the text never spells: that module is parsed (and so is its target, which spells `other`).
    expect(key(freshGraph.exportBinding(starred, 'other'))).toBe(
      bindingKey({ module: normalizeModulePath(plain), name: 'other' }),
    );
    expect(graphStats.parsed).toBe(before + 2);
    // The default export is looked up without the text test.
    expect(key(freshGraph.exportBinding(plain, 'default'))).toBe(
      bindingKey({ module: normalizeModulePath(plain), name: 'Widget' }),
    );
  });

  it("does not parse a service's own module that exports the class only by declaring it", () => {
    const own = write(
      'own.ts',
      'export class Socket {}\nexport const isSocket = (x: unknown) => x instanceof Socket;\n',
    );
    const aliased = write('aliased.ts', 'export class Socket {}\nexport { Socket as Connection };\n');
    const before = graphStats.parsed;
    expect(exportedOnlyAsDeclaredClass(own, 'Socket')).toBe(true);
    expect(key(freshGraph.exportBinding(own, 'Socket'))).toBe(
      bindingKey({ module: normalizeModulePath(own), name: 'Socket' }),
    );
    expect(graphStats.parsed).toBe(before);
    // Another name for it: only the export table tells which, so the module is parsed.
    expect(exportedOnlyAsDeclaredClass(aliased, 'Socket')).toBe(false);
    expect(graphStats.parsed).toBe(before + 1);
    expect(key(freshGraph.exportBinding(aliased, 'Connection'))).toBe(
      bindingKey({ module: normalizeModulePath(aliased), name: 'Socket' }),
    );
  });

  it('remembers an answer for the freshness interval, then sees the edited barrel', () => {
    const target = write('target.ts', 'export class A {}\nexport class B {}\n');
    const barrel = write('barrel.ts', "export { A as Socket } from './target';\n");
    expect(key(freshGraph.exportBinding(barrel, 'Socket'))).toBe(
      bindingKey({ module: normalizeModulePath(target), name: 'A' }),
    );
    writeFileSync(barrel, "export { B as Socket } from './target';\n");
    utimesSync(barrel, new Date(), new Date(Date.now() + 5000));
    expect(key(freshGraph.exportBinding(barrel, 'Socket'))).toBe(
      bindingKey({ module: normalizeModulePath(target), name: 'A' }),
    );
    vi.setSystemTime(Date.now() + 1500);
    expect(key(freshGraph.exportBinding(barrel, 'Socket'))).toBe(
      bindingKey({ module: normalizeModulePath(target), name: 'B' }),
    );
  });
});

describe('the text test in front of the parser (mayExportByName)', () => {
  // Every way a module's own statements export `N`: the test must say "may" (a miss would hide a service).
  const exporting = [
    'export class N {}',
    'export declare abstract class N {}',
    'export async function* N() {}',
    'export interface N {}\nexport type { N as M };',
    'export { a, b as N };\nconst a = 1, b = 2;',
    'const a = 1;\nexport {\n  a, // the first\n  /* then */ a as N,\n};',
    "export { default as N } from './x';",
    "export * as N from './x';",
    "export { 'a b' as N } from './x';",
    'export const a = f(1, { x: 2 }), N = 3;\nfunction f(...args: unknown[]) { return args; }',
    'export let { a: N } = { a: 1 };',
    'export /* export */ const N = 1;',
    'export const a = x.export(1), N = 2;\nconst x = { export: (n: number) => n };',
    '// This module exports things.\nexport function N() {}',
    'const N = 1;\nexport default 2;\nexports.N = N;',
    "import { N } from './x';\nexport { N };",
    'export enum E { A }\nexport const enum N { B }',
    'namespace Outer { export const inner = 1; }\nexport namespace N {}',
    'export declare const enum N { A }',
    'export const a = 1,\n  // the second\n  N = 2;',
    'export const [first, ...N] = [1, 2];',
  ];
  // `N` spelled, never exported: no parse needed.
  const silent = [
    "import { N } from './x';\nexport function make() { return new N(); }",
    "import { N } from './x';\nexport type Alias = N;",
    "import { N } from './x';\nexport class A<T extends N> {}\nexport function f(value: N) { return value; }",
    "import { N } from './x';\nexport const value = 1;\n/** Not N. */\nnew N();",
    "import type { N } from './x';\nexport interface Shape { readonly n: N }",
    "import { N } from './x';\nexport const make = () => new N(), other = N;",
  ];
  it.each(exporting)('may export N: %s', (text) => {
    const record = readModuleRecord('/virtual/m.ts', text);
    expect(record.exports.has('N') || record.typeExports.has('N')).toBe(true);
    expect(mayExportByName(text, 'N')).toBe(true);
  });
  it('says "may" for every name the fixtures and the example export (checked against oxc-parser)', () => {
    const roots = [path.join(import.meta.dirname, 'fixtures'), path.join(import.meta.dirname, '..', 'example')];
    const modules = roots.flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.[cm]?[jt]sx?$/.test(file) && !file.includes('node_modules'))
        .map((file) => path.join(root, file)),
    );
    expect(modules.length).toBeGreaterThan(50);
    const missed: string[] = [];
    let checked = 0;
    for (const file of modules) {
      const text = readFileSync(file, 'utf8');
      const record = readModuleRecord(file, text);
      for (const name of [...record.exports.keys(), ...record.typeExports.keys()]) {
        if (name === 'default' || name === '=') continue;
        checked++;
        if (!mayExportByName(text, name)) missed.push(`${file}: ${name}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
  it.each(silent)('cannot export N: %s', (text) => {
    const record = readModuleRecord('/virtual/m.ts', text);
    expect(record.exports.has('N') || record.typeExports.has('N')).toBe(false);
    expect(mayExportByName(text, 'N')).toBe(false);
  });
});

describe("a service's own module read without parsing (exportedHow)", () => {
  // `N` exported only by its own class declaration: the export is that class, under no other name.
  const declaredOnly = [
    'export class N {}',
    'export declare abstract class N<T> extends Base<T> {}\ndeclare class Base<T> {}',
    '/** The N. */\nexport class N implements I {}\ninterface I {}\nexport function make(): N { return new N(); }',
    'export class N {}\nexport class M<T> extends N {}\nexport const isN = (x: unknown) => x instanceof N;',
  ];
  // Exported under another name too, or possibly by another statement: only parsing tells.
  const otherwise = [
    'export class N {}\nexport { N as M };',
    'export class N {}\nexport default N;',
    'class N {}\nexport { N };',
    'export default class N {}',
    'export class /* the */ N {}',
    'export const a = 1,\n  N = 2;',
    'export class N {}\nmodule.exports.M = N;',
    // A head is read as names up to the first other character: `extends N` may be an export list's `N`.
    'export class N {}\nexport class M extends N {}',
  ];
  it.each(declaredOnly)('only as its own class: %s', (text) => {
    const record = readModuleRecord('/virtual/m.ts', text);
    expect(record.exports.get('N')).toEqual({ local: 'N' });
    const aliases = [...record.exports, ...record.typeExports].filter(
      ([name, entry]) => name !== 'N' && 'local' in entry && entry.local === 'N',
    );
    expect(aliases).toEqual([]);
    expect(exportedHow(text, 'N')).toBe('class');
  });
  it.each(otherwise)('possibly otherwise: %s', (text) => {
    expect(exportedHow(text, 'N')).toBe('may');
  });
  it('says no when no statement can export it', () => {
    expect(exportedHow("import { N } from './x';\nexport const n = new N();", 'N')).toBe('no');
  });
});

describe.each([true, false])('a workspace package (dist built: %s)', (built) => {
  const root = workspaceProject(built);
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const consumer = path.join(root, 'packages/web/src/app.ts');
  const source = (relative: string): string => path.join(root, 'packages/realtime/src', relative);

  it('resolves the package entry and a subpath to their sources', () => {
    const workspace = getRegistry({ rootDir: root, services: [] }, root);
    expect(resolveModuleFile(workspace.resolver, consumer, '@acme/realtime')).toBe(source('index.ts'));
    expect(resolveModuleFile(workspace.resolver, consumer, '@acme/realtime/manager')).toBe(source('manager.ts'));
    expect(resolveModuleFile(workspace.resolver, consumer, '@acme/realtime/factory')).toBe(source('factory.ts'));
  });

  it('gives the package entry, the subpath and the source path the same binding', () => {
    const workspace = getRegistry({ rootDir: root, services: [realtimeService] }, root);
    const workspaceGraph = moduleGraphFor(workspace.resolver);
    const expected = `${normalizeModulePath(source('manager.ts'))}#RealtimeManager`;
    expect(key(workspaceGraph.importBinding(consumer, '@acme/realtime', 'RealtimeManager'))).toBe(expected);
    expect(key(workspaceGraph.importBinding(consumer, '@acme/realtime/manager', 'RealtimeManager'))).toBe(expected);
    expect(key(workspaceGraph.exportBinding(source('manager.ts'), 'RealtimeManager'))).toBe(expected);
  });

  it.runIf(built)('maps build output back: declaration map, else outDir → rootDir', () => {
    expect(sourceFileOf(path.join(root, 'packages/realtime/dist/manager.d.ts'))).toBe(source('manager.ts'));
    expect(sourceFileOf(path.join(root, 'packages/realtime/dist/factory.d.ts'))).toBe(source('factory.ts'));
    expect(sourceFileOf(path.join(root, 'packages/realtime/dist/index.js'))).toBe(source('index.ts'));
  });
});

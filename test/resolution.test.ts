/**
 * Module identity across spellings (`registry.refersTo`), and configuration errors from module
 * resolution: a clear SsotConfigError naming the service, never a crash.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import plugin from '../src/index.js';
import { getRegistry, type Registry } from '../src/registry.js';
import { lastSegment, normalizeModulePath } from '../src/resolution.js';
import { SsotConfigError, type ServiceSettings, type SsotSettings } from '../src/settings.js';
import { appDir, appFile, fixturesDir, webSocketManager } from './rule-tester.js';

const workspaceDir = path.join(fixturesDir, 'workspace');

function registryFor(settings: SsotSettings, cwd = appDir): Registry {
  return getRegistry(settings, cwd);
}

function moduleOf(registry: Registry, index = 0) {
  const target = registry.services[index]?.module;
  if (target === undefined) throw new Error('service has no module');
  return target;
}

describe('refersTo: the same module however it is spelled', () => {
  const registry = registryFor({ rootDir: appDir, services: [webSocketManager] });
  const manager = moduleOf(registry);
  const hook = appFile('src/hooks/use-socket.ts');

  it.each([
    '../websocket/manager',
    '../websocket/manager.js',
    '../websocket/manager.ts',
    '../hooks/../websocket/manager',
    '@/websocket/manager',
    '@/websocket/manager.js',
    '@ws',
    '#manager',
    '#ws/manager',
  ])('%s reaches src/websocket/manager.ts', (specifier) => {
    expect(registry.refersTo(specifier, hook, manager)).toBe(true);
  });

  it.each([
    '../websocket',
    '@/websocket',
    '../websocket/index',
    '../websocket/factory',
    '#ws/factory',
    '../websocket/manager-mock',
    'react',
    'manager',
  ])('%s does not', (specifier) => {
    expect(registry.refersTo(specifier, hook, manager)).toBe(false);
  });

  it('resolves from virtual files in folders that do not exist', () => {
    const virtual = appFile('src/features/chat/room.ts');
    expect(registry.refersTo('../../websocket/manager.js', virtual, manager)).toBe(true);
    expect(registry.refersTo('@/websocket/manager', virtual, manager)).toBe(true);
    expect(registry.refersTo('#manager', virtual, manager)).toBe(true);
    expect(registry.refersTo('../../websocket/factory', virtual, manager)).toBe(false);
  });

  it('stops with a clear error when a path module does not exist (a typo must not match nothing)', () => {
    expect(() =>
      registryFor({
        rootDir: appDir,
        services: [{ name: 'Generated', class: 'Client', module: 'src/generated/client.ts' }],
      }),
    ).toThrow(
      `settings.ssot.services[0].module: 'src/generated/client.ts' of service "Generated" does not exist (looked in rootDir '${appDir}'`,
    );
    expect(() =>
      registryFor({
        rootDir: appDir,
        services: [{ name: 'WebSocketManager', class: 'WebSocketManager', module: 'src/websocket/manger.ts' }],
      }),
    ).toThrow(
      `settings.ssot.services[0].module: 'src/websocket/manger.ts' of service "WebSocketManager" does not exist`,
    );
  });

  it('compares normalised paths when the importing file is not on disk', () => {
    const registry = registryFor({
      rootDir: appDir,
      services: [{ name: 'WebSocketManager', class: 'WebSocketManager', module: 'src/websocket/manager.ts' }],
    });
    const manager = moduleOf(registry);
    expect(registry.refersTo('../../websocket/manager.js', appFile('src/virtual/deeper/x.ts'), manager)).toBe(true);
    expect(registry.refersTo('../../websocket/other.js', appFile('src/virtual/deeper/x.ts'), manager)).toBe(false);
  });

  it('treats an index module as its folder', () => {
    const stores = registryFor({
      rootDir: appDir,
      services: [{ name: 'SessionStore', class: 'SessionStore', module: 'src/store/index.ts' }],
    });
    const store = moduleOf(stores);
    for (const specifier of [
      '../store',
      '../store/',
      '../store/index',
      '../store/index.js',
      '@/store',
      '@/store/index.ts',
    ])
      expect(stores.refersTo(specifier, appFile('src/hooks/x.ts'), store), specifier).toBe(true);
    expect(stores.refersTo('.', appFile('src/store/factory.ts'), store)).toBe(true);
    expect(stores.refersTo('./factory', appFile('src/store/factory.ts'), store)).toBe(false);
  });

  it('matches a package module by name and subpath only', () => {
    const packages = registryFor({
      rootDir: appDir,
      services: [{ name: 'socket.io Manager', class: 'Manager', module: 'socket.io-client' }],
    });
    const target = moduleOf(packages);
    expect(target.kind).toBe('package');
    expect(packages.refersTo('socket.io-client', appFile('src/x.ts'), target)).toBe(true);
    expect(packages.refersTo('socket.io-client/build/esm/manager.js', appFile('src/x.ts'), target)).toBe(true);
    expect(packages.refersTo('socket.io-client-extra', appFile('src/x.ts'), target)).toBe(false);
    expect(packages.refersTo('./socket.io-client', appFile('src/x.ts'), target)).toBe(false);
  });
});

describe('refersTo in a workspace: extends, project references, package exports and imports', () => {
  const sessionManager: ServiceSettings = {
    name: 'SessionManager',
    class: 'SessionManager',
    module: 'packages/core/src/session/manager.ts',
  };
  // No `tsconfig` setting: the nearest one at rootDir is the solution-style root with references.
  const registry = registryFor({ rootDir: workspaceDir, services: [sessionManager] }, workspaceDir);
  const manager = moduleOf(registry);
  const web = path.join(workspaceDir, 'packages/web/src/pages/home.ts');
  const core = path.join(workspaceDir, 'packages/core/src/audit.ts');

  it('uses the root tsconfig', () => {
    expect(registry.resolver.tsconfig).toBe(path.join(workspaceDir, 'tsconfig.json'));
  });

  it.each([
    [web, '@acme/core/session/manager.js', true], // web's own `paths` (a referenced project)
    [web, '../../../core/src/session/manager', true],
    [web, '@acme/core', false], // the package entry, which exports only the factory
    [core, '@core/session/manager', true], // `paths` inherited through `extends`
    [core, '@acme/core/session', true], // the package's own `exports` (self-reference)
    [core, '#session', true], // the package's `imports`
    [core, './session/manager.js', true],
    [core, './session/factory.js', false],
  ])('%s: %s → %s', (file, specifier, expected) => {
    expect(registry.refersTo(specifier, file, manager)).toBe(expected);
  });

  it('resolves a settings module written as an alias of a referenced project', () => {
    const aliased = registryFor(
      { rootDir: workspaceDir, services: [{ ...sessionManager, module: '@core/session/manager' }] },
      workspaceDir,
    );
    const target = moduleOf(aliased);
    expect(target.kind === 'file' ? target.id : undefined).toBe(
      normalizeModulePath(path.join(workspaceDir, 'packages/core/src/session/manager.ts')),
    );
  });
});

describe('a tsconfig paths alias named like an installed package', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-alias-package-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(path.join(dir, 'node_modules', 'leftpad'), { recursive: true });
  writeFileSync(path.join(dir, 'node_modules', 'leftpad', 'package.json'), '{ "name": "leftpad", "main": "index.js" }');
  writeFileSync(path.join(dir, 'node_modules', 'leftpad', 'index.js'), 'module.exports = {};');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'src', 'pad.ts'), 'export class Pad {}');
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', paths: { leftpad: ['./src/pad.ts'] } } }),
  );
  const registry = registryFor({
    rootDir: dir,
    tsconfig: path.join(dir, 'tsconfig.json'),
    services: [{ name: 'Pad', class: 'Pad', module: 'src/pad.ts' }],
  });

  it('is the alias (as in TypeScript), not the package', () => {
    expect(registry.mayReachProjectFile('leftpad')).toBe(true);
    expect(registry.refersTo('leftpad', path.join(dir, 'src', 'use.ts'), moduleOf(registry))).toBe(true);
    // The package's other entry points are the package's.
    expect(registry.mayReachProjectFile('leftpad/index.js')).toBe(false);
  });
});

describe('resolution helpers', () => {
  it.each([
    ['./a/manager.js', 'manager'],
    ['./a/', 'a'],
    ['@ws', '@ws'],
    ['../store/index.tsx', 'index'],
  ])('lastSegment(%s) = %s', (specifier, expected) => {
    expect(lastSegment(specifier)).toBe(expected);
  });

  it('normalises extensions and index files', () => {
    expect(normalizeModulePath('/a/b/index.ts')).toBe('/a/b');
    expect(normalizeModulePath('/a/b/c.d.ts')).toBe('/a/b/c');
    expect(normalizeModulePath('C:\\a\\b.js')).toBe('C:/a/b');
  });
});

describe('configuration errors name the service', () => {
  const noTsconfigDir = mkdtempSync(path.join(os.tmpdir(), 'ssot-no-tsconfig-'));
  writeFileSync(path.join(noTsconfigDir, 'package.json'), '{ "name": "scratch", "private": true }');
  afterAll(() => {
    rmSync(noTsconfigDir, { recursive: true, force: true });
  });

  function configError(settings: SsotSettings): SsotConfigError {
    try {
      registryFor(settings);
    } catch (error) {
      expect(error).toBeInstanceOf(SsotConfigError);
      return error as SsotConfigError;
    }
    throw new Error('expected an SsotConfigError');
  }

  it('a tsconfig setting that points nowhere', () => {
    const error = configError({
      rootDir: appDir,
      tsconfig: 'config/tsconfig.missing.json',
      services: [webSocketManager],
    });
    expect(error.message).toBe(
      `settings.ssot.tsconfig: file not found: ${path.join(appDir, 'config/tsconfig.missing.json')} (it resolves the modules of service "WebSocketManager")`,
    );
    // The stack is the message: ESLint prints it as is, without our call stack.
    expect(error.stack).toBe(`SsotConfigError: ${error.message}`);
  });

  it('a module alias that does not resolve', () => {
    const error = configError({ rootDir: appDir, services: [{ ...webSocketManager, module: '@/websocket/manger' }] });
    expect(error.message).toBe(
      `settings.ssot.services[0].module: cannot resolve '@/websocket/manger' for service "WebSocketManager" from rootDir '${appDir}' ` +
        `(tsconfig: ${path.join(appDir, 'tsconfig.json')}). Use a path relative to rootDir, a tsconfig alias or a package name.`,
    );
  });

  it('a factory module alias that does not resolve', () => {
    const error = configError({
      rootDir: appDir,
      services: [{ ...webSocketManager, factory: { name: 'getWebSocketManager', module: '@/websocket/factroy' } }],
    });
    expect(error.message).toMatch(
      /^settings\.ssot\.services\[0\]\.factory\.module: cannot resolve '@\/websocket\/factroy' for service "WebSocketManager"/,
    );
  });

  it('an alias with no tsconfig to resolve it', () => {
    const error = configError({
      rootDir: noTsconfigDir,
      services: [{ ...webSocketManager, module: '@/websocket/manager' }],
    });
    expect(error.message).toBe(
      `settings.ssot.services[0].module: cannot resolve '@/websocket/manager' for service "WebSocketManager" from rootDir '${noTsconfigDir}' ` +
        '(no tsconfig found for path aliases). Use a path relative to rootDir, a tsconfig alias or a package name.',
    );
  });

  it('surfaces through ESLint as the SsotConfigError, not a crash', () => {
    const linter = new Linter({ configType: 'flat', cwd: appDir });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        plugins: { ssot: plugin },
        languageOptions: { parser: tsParser },
        settings: { ssot: { rootDir: appDir, services: [{ ...webSocketManager, module: '@/websocket/manger' }] } },
        rules: { 'ssot/no-factory-bypass': 'error' },
      },
    ];
    expect(() =>
      linter.verify(
        "import { WebSocketManager } from '@/websocket/manager';",
        config,
        appFile('src/hooks/use-socket.ts'),
      ),
    ).toThrow(/cannot resolve '@\/websocket\/manger' for service "WebSocketManager"/);
  });
});

describe('long-lived processes (editors)', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ssot-fresh-'));
  afterAll(() => {
    vi.useRealTimers();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('picks up a tsconfig edit (a new paths alias) without restarting', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const writeTsconfig = (paths: Record<string, string[]>) => {
      writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths } }));
    };
    mkdirSync(path.join(scratch, 'src'), { recursive: true });
    writeFileSync(path.join(scratch, 'src/manager.ts'), 'export class Manager {}\n');
    writeTsconfig({ '@old/*': ['src/*'] });
    const registry = registryFor(
      { rootDir: scratch, services: [{ name: 'Manager', class: 'Manager', module: 'src/manager.ts' }] },
      scratch,
    );
    const target = moduleOf(registry);
    const file = path.join(scratch, 'src/use.ts');
    expect(registry.refersTo('@old/manager', file, target)).toBe(true);
    expect(registry.refersTo('@new/manager', file, target)).toBe(false);

    writeTsconfig({ '@old/*': ['src/*'], '@new/*': ['src/*'] });
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(scratch, 'tsconfig.json'), later, later);
    // Within the freshness interval the cached answer stands; after it, the edit is seen.
    expect(registry.refersTo('@new/manager', file, target)).toBe(false);
    vi.setSystemTime(Date.now() + 5000);
    expect(registry.refersTo('@new/manager', file, target)).toBe(true);
  });
});

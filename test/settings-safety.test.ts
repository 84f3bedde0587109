/**
 * Settings that used to be accepted and then match nothing (or misread): each is an error naming the
 * exact settings path, or now behaves as a user expects — `allow` negations, a rootDir reached through
 * a symlink, files outside rootDir, a broken tsconfig, and one report per process under oxlint.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rules } from '../rules/index.js';
import plugin from '../src/index.js';
import { compileGlobs } from '../src/paths.js';
import { getRegistry } from '../src/registry.js';
import { parseSettings, type ServiceSettings, type SsotSettings } from '../src/settings.js';
import { appDir, appFile, webSocketManager } from './rule-tester.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ssot-safety-'));
afterAll(() => {
  vi.useRealTimers();
  rmSync(scratch, { recursive: true, force: true });
});

const service = { name: 'WebSocketManager', class: 'WebSocketManager', module: 'src/websocket/manager.ts' };
const factory = { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' };

describe('values that would match nothing are errors naming the exact path', () => {
  const cases: [string, unknown, string][] = [
    ['settings.ssot an array', [], 'settings.ssot: expected object, got an array'],
    [
      'class with a space',
      { services: [{ ...service, class: 'Web Socket Manager' }] },
      'settings.ssot.services[0].class: expected an identifier',
    ],
    [
      'class with a dot',
      { services: [{ ...service, class: 'ws.Manager' }] },
      'settings.ssot.services[0].class: expected an identifier',
    ],
    [
      'factory name with a space',
      { services: [{ ...service, factory: { ...factory, name: 'get manager' } }] },
      'settings.ssot.services[0].factory.name: expected an export name or a member path of identifiers',
    ],
    [
      'module with backslashes',
      { services: [{ ...service, module: 'src\\websocket\\manager.ts' }] },
      `settings.ssot.services[0].module: write module paths with '/' on every OS (not '\\'): "src/websocket/manager.ts"`,
    ],
    [
      'factory module with backslashes',
      { services: [{ ...service, factory: { ...factory, module: 'src\\websocket\\factory.ts' } }] },
      "settings.ssot.services[0].factory.module: write module paths with '/'",
    ],
    [
      'allow glob with backslashes',
      { services: [{ ...service, allow: ['src/**', 'src\\legacy\\**'] }] },
      `settings.ssot.services[0].allow[1]: write globs with '/' on every OS ('\\' escapes the next character): "src/legacy/**"`,
    ],
    [
      'absolute allow glob',
      { services: [{ ...service, allow: ['/home/me/app/src/**'] }] },
      'settings.ssot.services[0].allow[0]: globs are relative to rootDir, so an absolute glob matches nothing',
    ],
    [
      'absolute Windows allow glob',
      { services: [{ ...service, allow: ['C:/app/src/**'] }] },
      'settings.ssot.services[0].allow[0]: globs are relative to rootDir',
    ],
    [
      'absolute negated glob',
      { services: [{ ...service, allow: ['src/**', '!/src/legacy/**'] }] },
      'settings.ssot.services[0].allow[1]: globs are relative to rootDir',
    ],
    [
      'invalid glob',
      { services: [{ ...service, allow: ['src/[a-'] }] },
      'settings.ssot.services[0].allow[0]: invalid glob "src/[a-": Missing closing: "]"',
    ],
    [
      'unclosed brace',
      { services: [{ ...service, allow: ['src/{a,b'] }] },
      'settings.ssot.services[0].allow[0]: invalid glob "src/{a,b": Missing closing: "}"',
    ],
    [
      'a lone !',
      { services: [{ ...service, allow: ['!'] }] },
      'settings.ssot.services[0].allow[0]: a negation needs a pattern after the !',
    ],
    [
      'source glob with backslashes',
      { services: [], sources: [{ module: 'src/a.ts', entries: ['src\\index.ts'] }] },
      "settings.ssot.sources[0].entries[0]: write globs with '/'",
    ],
  ];
  it.each(cases)('%s', (_title, settings, message) => {
    expect(() => parseSettings(settings)).toThrow(message);
  });

  it('a circular settings object names where the cycle closes (not a TypeError)', () => {
    const settings: Record<string, unknown> = { services: [{ ...service }] };
    (settings.services as Record<string, unknown>[])[0] = { ...service, factory: { ...factory, self: settings } };
    expect(() => parseSettings(settings)).toThrow(
      'settings.ssot.services[0].factory.self: circular reference (settings must be plain JSON data)',
    );
    expect(() => getRegistry(settings, appDir)).toThrow('settings.ssot.services[0].factory.self: circular reference');
    expect(() => plugin.configure(settings as never)).toThrow('circular reference');
  });

  it("keeps valid values: identifiers with $ and _, 'default', escaped glob characters", () => {
    expect(() =>
      parseSettings({
        services: [
          {
            name: 'A',
            class: '$Store_2',
            module: 'src/a.ts',
            factory: { name: '_getA', module: 'src/a.ts' },
            allow: ['src/\\[id\\].ts', '!src/legacy/**', '**/*.test.ts'],
          },
          { name: 'B', class: 'default', module: 'src/b.ts' },
        ],
      }),
    ).not.toThrow();
  });

  it('a nonexistent absolute module', () => {
    const settings = {
      rootDir: appDir,
      services: [{ ...service, module: path.join(appDir, 'src/websocket/manger.ts') }],
    };
    expect(() => getRegistry(settings, appDir)).toThrow(
      `settings.ssot.services[0].module: '${path.join(appDir, 'src/websocket/manger.ts')}' of service "WebSocketManager" does not exist`,
    );
    const factoryModule = {
      rootDir: appDir,
      services: [{ ...service, factory: { ...factory, module: path.join(appDir, 'src/nope.ts') } }],
    };
    expect(() => getRegistry(factoryModule, appDir)).toThrow('settings.ssot.services[0].factory.module:');
    // An absolute path that exists is fine.
    expect(
      getRegistry({ rootDir: appDir, services: [{ ...service, module: appFile('src/websocket/manager.ts') }] }, appDir)
        .services,
    ).toHaveLength(1);
  });

  it('a rootDir that does not exist, or is a file', () => {
    expect(() => getRegistry({ rootDir: 'nope', services: [service] }, appDir)).toThrow(
      `settings.ssot.rootDir: '${path.join(appDir, 'nope')}' does not exist`,
    );
    expect(() => getRegistry({ rootDir: 'tsconfig.json', services: [service] }, appDir)).toThrow(
      `settings.ssot.rootDir: '${path.join(appDir, 'tsconfig.json')}' is a file, not a directory.`,
    );
  });

  it('two services for the same class of the same module (however the module is spelled)', () => {
    const settings = {
      rootDir: appDir,
      services: [service, { ...service, name: 'Socket manager', module: '@/websocket/manager' }],
    };
    expect(() => getRegistry(settings, appDir)).toThrow(
      `settings.ssot.services[1]: service "Socket manager" registers the same class 'WebSocketManager' of '@/websocket/manager' as services[0] ("WebSocketManager"); keep one of them.`,
    );
    // The same class name in two modules is two services.
    expect(
      getRegistry(
        { rootDir: appDir, services: [service, { ...service, name: 'Store', module: 'src/store/index.ts' }] },
        appDir,
      ).services,
    ).toHaveLength(2);
  });
});

describe('allow: negations exclude, later patterns win (like .gitignore)', () => {
  it.each([
    [
      ['src/websocket/**', '!src/websocket/legacy/**'],
      { 'src/websocket/a.ts': true, 'src/websocket/legacy/a.ts': false, 'src/other.ts': false },
    ],
    [
      ['src/**', '!src/legacy/**', 'src/legacy/keep.ts'],
      { 'src/a.ts': true, 'src/legacy/a.ts': false, 'src/legacy/keep.ts': true },
    ],
    [['!src/legacy/**'], { 'src/a.ts': false, 'src/legacy/a.ts': false }],
    [[], { 'src/a.ts': false }],
  ] as const)('%j', (globs, expected) => {
    const matches = compileGlobs(globs);
    expect(Object.fromEntries(Object.keys(expected).map((file) => [file, matches(file)]))).toEqual(expected);
  });

  it('a negated folder is reported again, the rest of the project is not allowed', () => {
    const linter = new Linter({ cwd: appDir });
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configure({
        rootDir: appDir,
        services: [{ ...webSocketManager, allow: ['src/websocket/**', '!src/websocket/legacy/**'] }],
      }),
    ];
    const code =
      "import { WebSocketManager } from '@/websocket/manager';\nexport function make() { return new WebSocketManager(); }\n";
    const rulesAt = (file: string) => linter.verify(code, config, appFile(file)).map((message) => message.ruleId);
    expect(rulesAt('src/websocket/pool.ts')).toEqual([]);
    expect(rulesAt('src/websocket/legacy/pool.ts')).toEqual(['ssot/no-factory-bypass', 'ssot/no-direct-instantiation']);
    expect(rulesAt('src/hooks/pool.ts')).toEqual(['ssot/no-factory-bypass', 'ssot/no-direct-instantiation']);
  });
});

describe('paths: symlinked rootDir, files outside rootDir', () => {
  const linked = path.join(scratch, 'linked-app');
  symlinkSync(appDir, linked, 'dir');
  const withAllow = (rootDir: string, allow: string[]): SsotSettings => ({
    rootDir,
    services: [{ ...webSocketManager, allow }],
  });

  it('a rootDir reached through a symlink matches the real paths ESLint passes (and the other way round)', () => {
    const throughLink = getRegistry(withAllow(linked, ['src/legacy/**']), scratch);
    expect(throughLink.servicesFor(appFile('src/legacy/a.ts'))).toEqual([]);
    expect(throughLink.servicesFor(appFile('src/hooks/a.ts'))).toHaveLength(1);
    // The home modules are real paths; a file named through the link is still its own home.
    expect(throughLink.servicesFor(path.join(linked, 'src/websocket/factory.ts'))).toEqual([]);
    const real = getRegistry(withAllow(appDir, ['src/legacy/**']), scratch);
    expect(real.servicesFor(path.join(linked, 'src/legacy/a.ts'))).toEqual([]);
    expect(real.servicesFor(path.join(linked, 'src/hooks/a.ts'))).toHaveLength(1);
  });

  it('a file outside rootDir: `**/` globs match it at any depth, `../` globs name it', () => {
    const registry = getRegistry(withAllow(path.join(appDir, 'src'), ['**/*.test.ts', '../scripts/**']), appDir);
    expect(registry.servicesFor(appFile('test/socket.test.ts'))).toEqual([]);
    expect(registry.servicesFor(appFile('scripts/seed.ts'))).toEqual([]);
    expect(registry.servicesFor(appFile('test/helpers.ts'))).toHaveLength(1);
    expect(registry.servicesFor(appFile('src/hooks/socket.test.ts'))).toEqual([]);
  });
});

describe('a broken tsconfig is reported with the resolver’s words', () => {
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(scratch, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }
  const manager = { 'src/manager.ts': 'export class Manager {}\n' };
  const settingsIn = (dir: string): SsotSettings => ({
    rootDir: dir,
    services: [{ name: 'Manager', class: 'Manager', module: 'src/manager.ts' }],
  });

  it.each([
    ['invalid JSON', { 'tsconfig.json': '{ "compilerOptions": {} } }' }, /Failed to load tsconfig .*tsconfig\.json/],
    [
      'extends a missing file',
      { 'tsconfig.json': '{ "extends": "./tsconfig.base.json" }' },
      /Tsconfig not found .*tsconfig\.base\.json/,
    ],
    [
      'circular extends',
      { 'tsconfig.json': '{ "extends": "./b.json" }', 'b.json': '{ "extends": "./tsconfig.json" }' },
      /Tsconfig extends configs circularly/,
    ],
  ])('%s: in the CLI (the settings load)', (name, files, words) => {
    const dir = project(name.replaceAll(' ', '-'), { ...manager, ...files });
    let message = '';
    try {
      getRegistry(settingsIn(dir), dir);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(words);
    expect(message).toContain(`tsconfig ${path.join(dir, 'tsconfig.json')} cannot be used to resolve modules:`);
    expect(message).not.toContain('does not exist');
  });

  it('in an editor session: the tsconfig breaks after the settings loaded, and the next lint says so', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = project('editor', {
      ...manager,
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }',
    });
    const linter = new Linter({ cwd: dir });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configure(settingsIn(dir))];
    const code = "import { Manager } from '@/manager';\n";
    expect(linter.verify(code, config, path.join(dir, 'src/a.ts')).map((message) => message.ruleId)).toEqual([
      'ssot/no-factory-bypass',
    ]);
    writeFileSync(path.join(dir, 'tsconfig.json'), '{ "extends": "./missing.json" }');
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, 'tsconfig.json'), later, later);
    vi.setSystemTime(Date.now() + 5000);
    expect(() => linter.verify("import { Manager } from '@/manager';\n", config, path.join(dir, 'src/b.ts'))).toThrow(
      /Tsconfig not found .*missing\.json/,
    );
    vi.useRealTimers();
  });
});

describe('oxlint: one settings error per process', () => {
  const bad: ServiceSettings[] = [{ name: 'A', class: 'Web Socket Manager' }];
  const context = (settings: object, file: string) => ({
    settings,
    cwd: appDir,
    filename: appFile(file),
    options: [{}],
    sourceCode: { getScope: () => null, getAllComments: () => [], text: '' },
  });
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) deepFreeze(item);
    return Object.freeze(value);
  }

  it('frozen JSON settings (a fresh copy per file, as oxlint passes them): thrown on the first file only', () => {
    const rule = rules['no-direct-instantiation'];
    const fresh = () => deepFreeze({ ssot: { rootDir: appDir, services: structuredClone(bad) } });
    expect(() => rule.create(context(fresh(), 'src/a.ts') as never)).toThrow(
      'settings.ssot.services[0].class: expected an identifier',
    );
    expect(rule.create(context(fresh(), 'src/b.ts') as never)).toEqual({});
    expect(rules['no-module-singleton'].create(context(fresh(), 'src/c.ts') as never)).toEqual({});
  });

  it('ESLint (settings not frozen) gets the error on every file', () => {
    const rule = rules['no-direct-instantiation'];
    const settings = { ssot: { rootDir: appDir, services: [{ name: 'B', class: 'B c' }] } };
    expect(() => rule.create(context(settings, 'src/a.ts') as never)).toThrow('expected an identifier');
    expect(() => rule.create(context(settings, 'src/b.ts') as never)).toThrow('expected an identifier');
  });

  it.skipIf(!existsSync(path.join(root, 'dist/src/index.js')))(
    'the oxlint CLI prints a settings typo once for several files',
    () => {
      const dir = path.join(scratch, 'oxlint');
      mkdirSync(path.join(dir, 'src'), { recursive: true });
      for (const name of ['a', 'b', 'c', 'd'])
        writeFileSync(path.join(dir, 'src', `${name}.ts`), `export const ${name} = new Manager();\n`);
      writeFileSync(
        path.join(dir, '.oxlintrc.json'),
        JSON.stringify({
          jsPlugins: [path.join(root, 'dist/src/index.js')],
          rules: { 'ssot/no-direct-instantiation': 'error', 'ssot/no-module-singleton': 'error' },
          settings: { ssot: { services: [{ name: 'Manager', clas: 'Manager' }] } },
        }),
      );
      const result = spawnSync(path.join(root, 'node_modules/.bin/oxlint'), ['src'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
      const output = `${result.stdout}${result.stderr}`;
      expect(output.match(/settings\.ssot\.services\[0\]\.clas: unknown key/g)).toHaveLength(1);
      expect(result.status).toBe(1);
    },
  );
});

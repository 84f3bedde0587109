/**
 * settings.ssot.sources: validation (exact paths, unknown keys, a name owned twice), resolution
 * errors, and what a source owns (listed names, or the module's own declared exports, kept fresh).
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getRegistry } from '../src/registry.js';
import { parseSettings, type SsotSettings } from '../src/settings.js';
import { sourcesOf } from '../src/sources.js';
import { appDir } from './rule-tester.js';

function sourcesFor(settings: SsotSettings, cwd = appDir) {
  return sourcesOf(getRegistry(settings, cwd), settings);
}

describe('settings.ssot.sources validation', () => {
  it.each([
    [
      'a name owned by two sources',
      {
        services: [],
        sources: [
          { module: 'a.ts', names: ['X', 'Y'] },
          { module: 'b.ts', names: ['Y'] },
        ],
      },
      `settings.ssot.sources[1].names: name "Y" is owned by two sources: also sources[0] ('a.ts')`,
    ],
    [
      'one module twice while one source owns all its names',
      { services: [], sources: [{ module: 'a.ts' }, { module: 'a.ts', names: ['X'] }] },
      "settings.ssot.sources[1].module: module 'a.ts' is already the source at sources[0], which owns every name it declares; list the names of each source instead",
    ],
    [
      'a typo in a key',
      { services: [], sources: [{ module: 'a.ts', entrys: ['b.ts'] }] },
      "settings.ssot.sources[0].entrys: unknown key; did you mean 'entries'? (valid keys: module, names, entries, replaces, allow)",
    ],
    [
      'a missing module',
      { services: [], sources: [{ names: ['X'] }] },
      'settings.ssot.sources[0].module: required string is missing',
    ],
    [
      'an empty name',
      { services: [], sources: [{ module: 'a.ts', names: [''] }] },
      'settings.ssot.sources[0].names[0]: name must not be empty',
    ],
    [
      'a glob list given as a string',
      { services: [], sources: [{ module: 'a.ts', allow: 'x/**' }] },
      'settings.ssot.sources[0].allow: expected array of globs, got the string "x/**"',
    ],
    [
      'sources not an array',
      { services: [], sources: {} },
      'settings.ssot.sources: expected array of sources, got an object',
    ],
  ])('%s', (_, settings, message) => {
    expect(() => parseSettings(settings)).toThrow(message);
  });

  it('accepts one module split over sources with disjoint names, and plain JSON', () => {
    const settings = {
      services: [],
      sources: [
        { module: 'a.ts', names: ['X'] },
        { module: 'a.ts', names: ['Y'], entries: ['src/*/index.ts'] },
      ],
    };
    expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
  });

  it('a source module that does not exist is a configuration error naming the source', () => {
    expect(() =>
      sourcesFor({ rootDir: appDir, services: [], sources: [{ module: 'src/types/websockt.ts', names: ['X'] }] }),
    ).toThrow(
      "settings.ssot.sources[0].module: 'src/types/websockt.ts' of source 'src/types/websockt.ts' does not exist",
    );
    expect(() =>
      sourcesFor({
        rootDir: appDir,
        services: [],
        sources: [{ module: 'src/types/websocket.ts', entries: ['src/types/indx.ts'] }],
      }),
    ).toThrow(
      "settings.ssot.sources[0].entries[0]: 'src/types/indx.ts' of source 'src/types/websocket.ts' does not exist",
    );
  });
});

describe('what a source owns', () => {
  it('listed names, or the names its module declares and exports itself (not its re-exports)', () => {
    const sources = sourcesFor({
      rootDir: appDir,
      services: [],
      sources: [
        { module: 'src/auth/unified-auth-service.ts' },
        { module: '@/websocket/factory.js', names: ['getWebSocketManager'] },
      ],
    });
    expect([...sources.owners.keys()].sort()).toEqual(['UnifiedAuthService', 'authService', 'getWebSocketManager']);
    expect(sources.mayMentionOwned('x = authService;')).toBe(true);
    expect(sources.mayMentionOwned('x = authServiceX;')).toBe(false);
    expect(sources.mayMentionOwned('// see getWebSocketManager')).toBe(true);
    expect(sources.mayMentionOwned('x = \\u0061uthService;')).toBe(true);
  });

  it('a name with `$` is matched whole, never missed', () => {
    const sources = sourcesFor({
      rootDir: appDir,
      services: [],
      sources: [{ module: '@/websocket/factory.js', names: ['$socket', 'getWebSocketManager'] }],
    });
    expect(sources.mayMentionOwned('use($socket);')).toBe(true);
    expect(sources.mayMentionOwned('use(a$socket, $sockets);')).toBe(false);
    expect(sources.mayMentionOwned('use(getWebSocketManager$);')).toBe(false);
  });

  it('entries and replaces match by module identity (any spelling) or by glob', () => {
    const sources = sourcesFor({
      rootDir: appDir,
      services: [],
      sources: [{ module: 'src/types/websocket.ts', entries: ['@/types/index.js'], replaces: ['src/types/agent*.ts'] }],
    });
    const [source] = sources.list;
    if (source === undefined) throw new Error('expected a source');
    expect(source.isEntry(path.join(appDir, 'src/types').replaceAll('\\', '/'), 'src/types/index.ts')).toBe(true);
    expect(
      source.isEntry(path.join(appDir, 'src/services/ws-service').replaceAll('\\', '/'), 'src/services/ws-service.ts'),
    ).toBe(false);
    expect(source.isReplaced('/x', 'src/types/agents.ts')).toBe(true);
    expect(source.isReplaced('/x', 'src/types/websocket.ts')).toBe(false);
  });

  it('tells which specifiers cannot reach a replaced module without resolving them', () => {
    const files = sourcesFor({
      rootDir: appDir,
      services: [],
      sources: [{ module: 'src/types/websocket.ts', replaces: ['src/types/agents.ts', 'src/chat'] }],
    });
    // Any extension, any case (case-insensitive file systems), a directory for its index file.
    for (const specifier of ['./agents', '../types/agents.js', './Agents.ts', '../chat', './chat/index.js'])
      expect(files.mayReachReplaced(specifier), specifier).toBe(true);
    // Another last segment, and what only the resolver can tell (aliases, packages, `.`, `..`, a trailing `/`).
    expect(files.mayReachReplaced('./agent-types')).toBe(false);
    expect(files.mayReachReplaced('../types/websocket.js')).toBe(false);
    for (const specifier of ['@/types/agents-alias', '@ws', 'some-package', '#internal', '.', '..', './chat/'])
      expect(files.mayReachReplaced(specifier), specifier).toBe(true);
    // A package installed under node_modules never resolves to a project file.
    for (const specifier of ['vitest', 'eslint/use-at-your-own-risk', '@typescript-eslint/parser'])
      expect(files.mayReachReplaced(specifier), specifier).toBe(false);
    // Whether a file may import one, from the specifiers its text holds (none: no listener needed).
    expect(files.mayImportReplaced("import { x } from 'vitest';\nimport { y } from './agent-types';")).toBe(false);
    expect(files.mayImportReplaced("import { x } from 'vitest';\nconst y = require?.('./Agents.js');")).toBe(true);
    expect(files.mayImportReplaced("export * from /* the old ones */ '@/types/agents.js';")).toBe(true);
    expect(files.mayImportReplaced("import { y } from './\\u0061gents';")).toBe(true);
    expect(files.mayImportReplaced('const agents = 1;')).toBe(false);
    // A glob may match any file: every specifier may reach it.
    const globbed = sourcesFor({
      rootDir: appDir,
      services: [],
      sources: [{ module: 'src/types/websocket.ts', replaces: ['src/types/agent*.ts'] }],
    });
    expect(globbed.mayReachReplaced('./anything')).toBe(true);
    // Nothing replaced: nothing to reach.
    expect(
      sourcesFor({ rootDir: appDir, services: [], sources: [{ module: 'src/types/websocket.ts' }] }).mayReachReplaced(
        './agents',
      ),
    ).toBe(false);
  });

  describe('a source without names in a long-lived process', () => {
    let dir = '';
    afterEach(() => {
      vi.useRealTimers();
      rmSync(dir, { recursive: true, force: true });
    });
    it('sees a name added to the module without a restart', () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-sources-'));
      const file = path.join(dir, 'domain.ts');
      writeFileSync(file, 'export const a = 1;\n');
      const sources = sourcesFor({ rootDir: dir, services: [], sources: [{ module: 'domain.ts' }] }, dir);
      expect([...sources.owners.keys()]).toEqual(['a']);
      writeFileSync(file, 'export const a = 1;\nexport function b() {}\n');
      utimesSync(file, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
      vi.advanceTimersByTime(2500);
      expect([...sources.owners.keys()].sort()).toEqual(['a', 'b']);
    });
  });
});

describe('two sources without names that declare the same name', () => {
  it('is a configuration error naming both (a listed name wins over a declared one)', () => {
    const settings: SsotSettings = {
      rootDir: appDir,
      services: [],
      sources: [{ module: 'src/services/ws-copy.ts' }, { module: 'src/types/websocket.ts' }],
    };
    expect(() => sourcesFor(settings).owners).toThrow(
      `settings.ssot.sources[1].module: 'src/types/websocket.ts' and sources[0] ('src/services/ws-copy.ts') both declare "WebSocketStatus", so neither owns it by default; list \`names\` for one of them.`,
    );
    const listed: SsotSettings = {
      rootDir: appDir,
      services: [],
      sources: [{ module: 'src/services/ws-copy.ts', names: ['copyHelper'] }, { module: 'src/types/websocket.ts' }],
    };
    expect(sourcesFor(listed).owners.get('WebSocketStatus')?.display).toBe('src/types/websocket.ts');
  });
});

describe('type-only exports in the module graph (sources own types too)', () => {
  it('follows `export type { X }` and `export type X =` only when asked for types', async () => {
    const { moduleGraphFor } = await import('../src/module-graph.js');
    const settings: SsotSettings = { rootDir: appDir, services: [], sources: [{ module: 'src/types/websocket.ts' }] };
    const registry = getRegistry(settings, appDir);
    const sources = sourcesOf(registry, settings);
    const types = path.join(appDir, 'src/types/websocket.ts');
    const service = path.join(appDir, 'src/services/ws-service.ts');
    expect(sources.originOf(service, 'WebSocketStatus')).toBe(sources.originOf(types, 'WebSocketStatus'));
    expect(sources.originOf(types, 'WebSocketStatus')).toMatch(/src\/types\/websocket#WebSocketStatus$/);
    expect(sources.originOf(path.join(appDir, 'src/services/ws-copy.ts'), 'WebSocketStatus')).not.toBe(
      sources.originOf(types, 'WebSocketStatus'),
    );
    const graph = moduleGraphFor(registry.resolver);
    expect(graph.exportBinding(service, 'WebSocketStatus')).toBeUndefined();
    expect(graph.exportNames(types).has('WebSocketStatus')).toBe(false);
    expect(graph.exportNames(types, true).has('WebSocketStatus')).toBe(true);
  });
});

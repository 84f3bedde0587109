import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { emitsDecoratorMetadata, importSpecifiers, quoteSpecifier, spellSpecifier } from '../src/specifier.js';
import { appDir, fixturesDir } from './rule-tester.js';

const bundlerDir = path.join(fixturesDir, 'spelling/bundler');
const cjsDir = path.join(fixturesDir, 'spelling/cjs');
const app = (file: string) => path.join(appDir, file);
const bundler = (file: string) => path.join(bundlerDir, file);
const appTsconfig = app('tsconfig.json');
const bundlerTsconfig = bundler('tsconfig.json');

describe('spellSpecifier: NodeNext ESM (the fixture app: "type": "module", paths @/* and @ws)', () => {
  const file = app('src/hooks/consumer.ts');
  const target = app('src/websocket/factory.ts');
  it('relative with the .js extension NodeNext requires, even when the file writes none', () => {
    expect(spellSpecifier({ file, target, tsconfig: appTsconfig })).toBe('../websocket/factory.js');
    expect(spellSpecifier({ file, target, tsconfig: appTsconfig, previous: '../services/socket' })).toBe(
      '../websocket/factory.js',
    );
  });
  it('keeps an alias when the replaced specifier is one (the @/* pattern; @ws names another file)', () => {
    expect(spellSpecifier({ file, target, tsconfig: appTsconfig, previous: '@/services/socket.js' })).toBe(
      '@/websocket/factory.js',
    );
  });
  it('the exact alias when it is the only pattern that maps to the target... and @/* maps too: relative', () => {
    // Both "@ws" and "@/*" reach manager.ts: two patterns, so no alias is chosen.
    expect(
      spellSpecifier({ file, target: app('src/websocket/manager.ts'), tsconfig: appTsconfig, previous: '@ws' }),
    ).toBe('../websocket/manager.js');
  });
  it('a directory index keeps index.js (NodeNext has no directory imports)', () => {
    expect(spellSpecifier({ file, target: app('src/websocket/index.ts'), tsconfig: appTsconfig })).toBe(
      '../websocket/index.js',
    );
  });
  it('neighbours decide for a new import: an alias when one of them is an alias', () => {
    expect(
      spellSpecifier({ file, target, tsconfig: appTsconfig, neighbours: ['react', '@/store/index.js', './x.js'] }),
    ).toBe('@/websocket/factory.js');
    expect(spellSpecifier({ file, target, tsconfig: appTsconfig, neighbours: ['react', './x.js'] })).toBe(
      '../websocket/factory.js',
    );
  });
  it('a file in the same directory gets ./', () => {
    expect(spellSpecifier({ file: app('src/websocket/other.ts'), target, tsconfig: appTsconfig })).toBe('./factory.js');
  });
  it('undefined when the target does not exist (no spelling resolves)', () => {
    expect(
      spellSpecifier({ file, target: app('src/websocket/missing.ts'), tsconfig: appTsconfig, previous: '@/x.js' }),
    ).toBeUndefined();
  });
});

describe('spellSpecifier: Bundler resolution with allowImportingTsExtensions', () => {
  const file = bundler('src/ui/page.tsx');
  const status = bundler('src/domain/status.ts');
  it('no extension when the file writes none', () => {
    expect(spellSpecifier({ file, target: status, tsconfig: bundlerTsconfig, previous: './button' })).toBe(
      '../domain/status',
    );
    expect(spellSpecifier({ file, target: status, tsconfig: bundlerTsconfig })).toBe('../domain/status');
  });
  it('the .ts extension when the file writes source extensions, .js when it writes output ones', () => {
    expect(spellSpecifier({ file, target: status, tsconfig: bundlerTsconfig, previous: './button.tsx' })).toBe(
      '../domain/status.ts',
    );
    expect(
      spellSpecifier({ file, target: status, tsconfig: bundlerTsconfig, neighbours: ['./button.js', './a.js', './b'] }),
    ).toBe('../domain/status.js');
  });
  it('a directory index is spelled as the directory unless the old specifier named index', () => {
    const index = bundler('src/domain/index.ts');
    expect(spellSpecifier({ file, target: index, tsconfig: bundlerTsconfig, previous: '../lib/api' })).toBe(
      '../domain',
    );
    expect(spellSpecifier({ file, target: index, tsconfig: bundlerTsconfig, previous: '../lib/index' })).toBe(
      '../domain/index',
    );
  });
  it('a wildcard pattern with a suffix ("#domain/*": ["./src/domain/*.ts"]) when it is the only one that maps', () => {
    // "@/*" maps to status.ts too: two patterns, relative.
    expect(spellSpecifier({ file, target: status, tsconfig: bundlerTsconfig, previous: '@/ui/button' })).toBe(
      '../domain/status',
    );
  });
  it('"~lib/*" and "@/*" both map src/lib: relative; a file only "@/*" maps: the alias', () => {
    expect(
      spellSpecifier({ file, target: bundler('src/lib/api.ts'), tsconfig: bundlerTsconfig, previous: '@/ui/button' }),
    ).toBe('../lib/api');
    expect(
      spellSpecifier({
        file: bundler('src/lib/x.ts'),
        target: bundler('src/ui/button.tsx'),
        tsconfig: bundlerTsconfig,
        previous: '@/lib/api',
      }),
    ).toBe('@/ui/button');
  });
  it('jsx: preserve turns a .tsx target into .jsx in output style', () => {
    expect(
      spellSpecifier({
        file: bundler('src/lib/x.ts'),
        target: bundler('src/ui/button.tsx'),
        tsconfig: bundlerTsconfig,
        previous: './api.js',
      }),
    ).toBe('../ui/button.jsx');
  });
});

describe('spellSpecifier: module kind of the file', () => {
  const tsconfig = path.join(cjsDir, 'tsconfig.json');
  it('CommonJS files under NodeNext need no extension; ESM ones (.mts) do', () => {
    expect(
      spellSpecifier({
        file: path.join(cjsDir, 'src/consumer.cts'),
        target: path.join(cjsDir, 'src/api.js'),
        tsconfig,
      }),
    ).toBe('./api');
    expect(
      spellSpecifier({
        file: path.join(cjsDir, 'src/consumer.mts'),
        target: path.join(cjsDir, 'src/esm.mts'),
        tsconfig,
      }),
    ).toBe('./esm.mjs');
  });
  it('a JavaScript target keeps its own extension', () => {
    expect(
      spellSpecifier({
        file: path.join(cjsDir, 'src/consumer.cjs'),
        target: path.join(cjsDir, 'src/api.js'),
        tsconfig,
        previous: './x.js',
      }),
    ).toBe('./api.js');
  });
  it('no tsconfig: relative, the file habit decides', () => {
    expect(
      spellSpecifier({
        file: path.join(cjsDir, 'src/consumer.js'),
        target: path.join(cjsDir, 'src/api.js'),
        tsconfig: undefined,
      }),
    ).toBe('./api');
  });
});

describe('importSpecifiers and quoteSpecifier', () => {
  it('lists every static import form', () => {
    const program = parse(
      `import a from 'a'; export * from "b"; export { c } from './c'; import d = require('d'); const e = require('e'); let f = g('f');`,
      { sourceType: 'module' },
    );
    expect(importSpecifiers(program)).toEqual(['a', 'b', './c', 'd', 'e']);
  });
  it('quotes like the literal it replaces', () => {
    expect(quoteSpecifier('./a', '"./b"')).toBe('"./a"');
    expect(quoteSpecifier("./it's", "'./b'")).toBe(String.raw`'./it\'s'`);
    expect(quoteSpecifier('./a')).toBe("'./a'");
  });
});

describe('tsconfig facts stay fresh', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ssot-facts-'));
  afterAll(() => {
    vi.useRealTimers();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('sees an edited tsconfig after the freshness interval, without a stat on every file before it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tsconfig = path.join(scratch, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: {} }));
    expect(emitsDecoratorMetadata(tsconfig)).toBe(false);
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { emitDecoratorMetadata: true } }));
    const later = new Date(Date.now() + 60_000);
    utimesSync(tsconfig, later, later);
    expect(emitsDecoratorMetadata(tsconfig)).toBe(false);
    vi.setSystemTime(Date.now() + 5000);
    expect(emitsDecoratorMetadata(tsconfig)).toBe(true);
  });
});

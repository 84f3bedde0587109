/**
 * Other languages never reach a rule: JSON, Markdown and CSS files linted by @eslint/json,
 * @eslint/markdown and @eslint/css in the same config as `ssot.configure(...)`, and TypeScript
 * declaration files, which construct and import nothing at run time.
 */
import css from '@eslint/css';
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { isDeclarationFile, isJavaScriptSourceCode } from '../src/create-rule.js';
import plugin from '../src/index.js';
import { appDir, appFile, ssotSettings } from './rule-tester.js';

const settings = ssotSettings().ssot;
// Each text names the service and `require`, which is what used to make the rules read the file.
const files: [string, string][] = [
  ['package.json', '{ "name": "WebSocketManager", "scripts": { "x": "node -e require(1) import(2)" } }'],
  ['README.md', "# WebSocketManager\n\n`new WebSocketManager()` and require('x') and import('y')\n"],
  ['src/style.css', '/* new WebSocketManager() require */\n.a { color: red; }\n'],
];
const languages: Linter.Config[] = [
  { files: ['**/*.json'], plugins: { json }, language: 'json/json' },
  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
  { files: ['**/*.css'], plugins: { css }, language: 'css/css' },
];

describe('other languages', () => {
  it.each(files)('%s next to ssot.configure(...) is linted without a crash or a report', (file, text) => {
    const linter = new Linter({ cwd: appDir });
    expect(linter.verify(text, [...languages, plugin.configure(settings)], appFile(file))).toEqual([]);
  });

  it.each(files)('%s next to ssot.configs.strict is linted without a crash or a report', (file, text) => {
    const linter = new Linter({ cwd: appDir });
    expect(
      linter.verify(text, [...languages, plugin.configs.strict, { settings: { ssot: settings } }], appFile(file)),
    ).toEqual([]);
  });

  it('the configs apply to JavaScript and TypeScript files', () => {
    const linter = new Linter({ cwd: appDir });
    const browserSocket = { name: 'browser WebSocket', class: 'WebSocket', global: true };
    const config = [
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
      plugin.configure({ ...settings, services: [browserSocket] }),
    ];
    for (const file of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx']) {
      const messages = linter.verify(
        "function open() { return new WebSocket('wss://x'); }",
        config,
        appFile(`src/hooks/${file}`),
      );
      expect(
        messages.map((message) => message.ruleId),
        file,
      ).toEqual(['ssot/no-direct-instantiation']);
    }
  });

  it('every rule declares the JavaScript language, so ESLint names the problem when a rule is enabled for another language', () => {
    for (const [name, rule] of Object.entries(rules))
      expect((rule.meta as { languages?: unknown }).languages, name).toEqual(['js/js']);
    const linter = new Linter({ cwd: appDir });
    const unscoped = {
      plugins: { ssot: plugin },
      rules: { 'ssot/no-direct-instantiation': 'error' as const },
      settings: { ssot: settings },
    };
    expect(() => linter.verify('{}', [...languages, unscoped], appFile('package.json'))).toThrow(
      'The following rules do not support the language "json/json"',
    );
  });

  it('a rule given a source code that is not JavaScript returns no listeners (ESLint 9 ignores meta.languages)', () => {
    const language = json.languages.json;
    const file = { body: '{ "name": "WebSocketManager", "x": "require" }', path: 'package.json' } as never;
    const parsed = language.parse(file, { languageOptions: {} });
    if (!parsed.ok) throw new Error('fixture JSON does not parse');
    const sourceCode = language.createSourceCode(file, parsed);
    expect(isJavaScriptSourceCode(sourceCode)).toBe(false);
    for (const [name, rule] of Object.entries(rules)) {
      const context = {
        sourceCode,
        filename: appFile('package.json'),
        cwd: appDir,
        settings: { ssot: settings },
        options: [{}],
      };
      expect(rule.create(context as never), name).toEqual({});
    }
  });
});

describe('declaration files', () => {
  it('recognises .d.ts, .d.mts, .d.cts and .d.<ext>.ts', () => {
    expect(['a.d.ts', 'a.d.mts', 'a.d.cts', 'styles.d.css.ts'].map(isDeclarationFile)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['a.ts', 'ad.ts', 'a.d.tsx', 'd.ts', 'a.js'].map((file) => isDeclarationFile(`src/${file}`))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('no rule reports or fixes in a .d.ts file', () => {
    const linter = new Linter({ cwd: appDir });
    const config = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.strict,
      { settings: { ssot: settings } },
    ];
    const code = [
      "import { WebSocketManager } from '../websocket/manager';",
      'export declare const manager: WebSocketManager;',
      'declare const other: typeof WebSocketManager;',
      "export { WebSocketManager } from '../websocket/manager';",
    ].join('\n');
    expect(linter.verify(code, config, appFile('src/hooks/types.d.ts'))).toEqual([]);
    // The same text in a .ts file is reported: the test can fail.
    expect(linter.verify(code, config, appFile('src/hooks/types.ts')).length).toBeGreaterThan(0);
  });
});

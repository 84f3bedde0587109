/** No rule crashes on any valid TypeScript/JavaScript syntax, and rules still report inside it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { fixturesDir, ssotSettings } from './rule-tester.js';

const file = path.join(fixturesDir, 'syntax/kitchen-sink.tsx');
const code = readFileSync(file, 'utf8');

function lint(text: string, filename: string, parser: Linter.Parser | undefined) {
  const linter = new Linter({ cwd: fixturesDir });
  // espree needs JSX switched on; @typescript-eslint/parser takes it from parserOptions.
  return linter.verify(
    text,
    {
      files: ['**/*.tsx', '**/*.jsx'],
      languageOptions: { ...(parser === undefined ? {} : { parser }), parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { ssot: plugin },
      settings: ssotSettings(),
      rules: plugin.configs.strict.rules,
    },
    filename,
  );
}

describe('every syntax kind', () => {
  it('TypeScript + JSX: no crash, no parse error, the constructions at the end are reported', () => {
    const messages = lint(code, file, tsParser);
    expect(messages.filter((message) => message.fatal === true)).toEqual([]);
    const direct = messages
      .filter((message) => message.ruleId === 'ssot/no-direct-instantiation')
      .map((message) => message.line);
    const lines = code.split('\n');
    expect(direct).toEqual([
      lines.indexOf('export const manager = new Manager();') + 1,
      lines.indexOf('export const lazy = () => new (Manager as any)();') + 1,
    ]);
  });

  it('JavaScript (espree): no crash on modern syntax', () => {
    const js = [
      "import { WebSocketManager } from '../app/src/websocket/manager.js';",
      'class A { static #n = 0; static { A.#n++; } #p = 1; get p() { return #p in this; } }',
      'const o = { ...{ a: 1 }, b: 2 }; const x = o?.a ?? 0; let y; y ||= 1; y &&= 2; y ??= 3;',
      'label: for (const k of [1]) { if (k) break label; }',
      'export default async function* g() { yield* [1]; for await (const v of g()) {} }',
      'const el = <div {...o}>{x}</div>;',
      'export const m = new WebSocketManager();',
    ].join('\n');
    const messages = lint(js, path.join(fixturesDir, 'syntax/modern.jsx'), undefined);
    expect(messages.filter((message) => message.fatal === true)).toEqual([]);
    expect(messages.map((message) => [message.ruleId, message.line])).toContainEqual([
      'ssot/no-direct-instantiation',
      7,
    ]);
  });
});

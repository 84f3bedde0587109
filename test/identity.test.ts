import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { mayMention } from '../src/identity.js';
import { appFile, ssotSettings } from './rule-tester.js';

function findings(code: string): { ruleId: string | null; line: number; column: number }[] {
  const linter = new Linter({ cwd: appFile('.') });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          settings: ssotSettings(),
          plugins: { ssot: plugin },
          rules: { 'ssot/no-direct-instantiation': 'error' },
        },
      ],
      appFile('src/hooks/use-socket.ts'),
    )
    .map(({ ruleId, line, column }) => ({ ruleId, line, column }));
}

describe('the text pre-filter in front of scope lookups', () => {
  it('mayMention: the name in the text, or any backslash (an escape may spell it)', () => {
    const file = (text: string) => ({ text }) as Parameters<typeof mayMention>[0];
    expect(mayMention(file('new WebSocketManager()'), 'WebSocketManager')).toBe(true);
    expect(mayMention(file('new Other()'), 'WebSocketManager')).toBe(false);
    expect(mayMention(file("const s = 'a\\nb';"), 'WebSocketManager')).toBe(true);
  });

  it('still finds a class spelled with Unicode escapes', () => {
    expect(findings("import { \\u0057ebSocketManager } from '../websocket/manager';\nnew \\u0057ebSocketManager();")).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', line: 2, column: 1 },
    ]);
  });

  it('still finds a class reached through an escaped static key', () => {
    expect(findings("import * as m from '../websocket/manager';\nnew m['\\x57ebSocketManager']();")).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', line: 2, column: 1 },
    ]);
  });

  it('skips files that cannot mention any service', () => {
    expect(findings("import { Other } from '../websocket/other';\nnew Other();")).toEqual([]);
  });
});

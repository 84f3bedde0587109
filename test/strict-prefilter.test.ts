// Strict mode (`checkAllClasses`) skips files that cannot construct anything: no listener at all, so
// oxlint never deserialises their AST or builds their scopes, and the findings stay the same.
import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { appFile, ssotSettings } from './rule-tester.js';

const rule = plugin.rules['no-module-singleton'] as Rule.RuleModule;

/** The listeners `no-module-singleton` (strict options) registers on `code`, and what it reports. */
function strictRun(code: string): { listeners: string[]; findings: string[] } {
  const listeners: string[] = [];
  const probe: Rule.RuleModule = {
    meta: rule.meta,
    create(context) {
      const result = rule.create(context);
      listeners.push(...Object.keys(result));
      return result;
    },
  };
  const messages = new Linter({ cwd: appFile('.') }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser },
        settings: ssotSettings(),
        plugins: { probe: { rules: { 'no-module-singleton': probe } } },
        rules: { 'probe/no-module-singleton': ['error', { checkAllClasses: true }] },
      },
    ],
    appFile('src/state/store.ts'),
  );
  return {
    listeners,
    findings: messages.map(
      (message) => `${String(message.line)}:${String(message.column)} ${message.messageId ?? message.message}`,
    ),
  };
}

describe('no-module-singleton in strict mode skips files without `new`', () => {
  it('registers no listener on a file that never spells `new`, or only in a comment', () => {
    expect(strictRun('export const cache = createCache();\nexport function get() { return cache; }\n')).toEqual({
      listeners: [],
      findings: [],
    });
    expect(strictRun('// a new cache per request\nexport const make = () => createCache();\n')).toEqual({
      listeners: [],
      findings: [],
    });
  });

  it('still checks a file that spells `new`, and reports what it did before', () => {
    const { listeners, findings } = strictRun('class Cache {}\nexport const cache = new Cache();\n');
    expect(listeners).toContain('NewExpression');
    expect(findings).toEqual(['2:22 eagerNoFactory']);
  });

  it('treats `new` inside a string or an identifier part conservatively (a string: checked; `renew`: skipped)', () => {
    expect(strictRun("export const label = 'new';\n").listeners).toContain('NewExpression');
    expect(strictRun('export const renewed = renew();\n').listeners).toEqual([]);
  });
});

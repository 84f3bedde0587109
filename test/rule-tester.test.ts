import { describe, expect, it } from 'vitest';
import { cases, error, suggestion } from './rule-tester.js';

// The helpers every rule suite writes its cases with: what they leave out must be left out, since
// @typescript-eslint/rule-tester only checks a fix or a suggestion list that a case omits by failing on it.
describe('shared case helpers', () => {
  const { valid, invalid } = cases<'a' | 'b', []>({ filename: '/app/file.ts', settings: { ssot: { services: [] } } });

  it('fills in the per-file defaults, and lets a case override or drop them', () => {
    expect(valid(['x;', { code: 'y;', filename: '/app/other.ts' }, { code: 'z;', settings: undefined }])).toEqual([
      { code: 'x;', filename: '/app/file.ts', settings: { ssot: { services: [] } } },
      { code: 'y;', filename: '/app/other.ts', settings: { ssot: { services: [] } } },
      { code: 'z;', filename: '/app/file.ts' },
    ]);
    expect(valid([{ code: 'z;', settings: undefined }])[0]).not.toHaveProperty('settings');
  });

  it('writes an invalid case without `output` unless the rule fixes', () => {
    const findings = [error('a', [1, 2, 3, 4])];
    expect(invalid('x;', findings)).toEqual({
      code: 'x;',
      errors: findings,
      filename: '/app/file.ts',
      settings: { ssot: { services: [] } },
    });
    expect(invalid('x;', findings)).not.toHaveProperty('output');
    expect(invalid('x;', findings, { output: 'y;', options: [] })).toMatchObject({ output: 'y;', options: [] });
  });

  it('asserts the exact range, and suggestions and data only when given', () => {
    expect(error('a', [1, 2, 3, 4])).toStrictEqual({ messageId: 'a', line: 1, column: 2, endLine: 3, endColumn: 4 });
    expect(error('a', [1, 2, 1, 5], [suggestion('b', 'y;')])).toStrictEqual({
      messageId: 'a',
      line: 1,
      column: 2,
      endLine: 1,
      endColumn: 5,
      suggestions: [{ messageId: 'b', output: 'y;' }],
    });
    expect(error('a', [1, 2, 1, 5], { data: { service: 'S' } })).toStrictEqual({
      messageId: 'a',
      data: { service: 'S' },
      line: 1,
      column: 2,
      endLine: 1,
      endColumn: 5,
    });
  });
});

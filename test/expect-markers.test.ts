import { describe, expect, it } from 'vitest';
import { markersIn } from './expect-markers.js';

describe('// expect: markers', () => {
  it('lists every rule id of every marker with its line', () => {
    const text = [
      'const a = 1;',
      'new A(); // expect: ssot/no-direct-instantiation',
      'new B(); //expect:ssot/a-rule ,  ssot/b2',
    ].join('\n');
    expect(markersIn('f.ts', text)).toEqual([
      'f.ts:2 ssot/no-direct-instantiation',
      'f.ts:3 ssot/a-rule',
      'f.ts:3 ssot/b2',
    ]);
  });

  it('reads CRLF files line by line', () => {
    expect(markersIn('f.ts', 'a;\r\nb; // expect: ssot/x\r\n')).toEqual(['f.ts:2 ssot/x']);
  });

  it.each([
    ['no colon', 'new A(); // expect ssot/x'],
    ['no rule', 'new A(); // expect:'],
    ['a rule without the plugin prefix', 'new A(); // expect: no-direct-instantiation'],
    ['trailing words', 'new A(); // expect: ssot/x because'],
    ['a dangling comma', 'new A(); // expect: ssot/x,'],
  ])('rejects a malformed marker: %s', (_title, line) => {
    expect(() => markersIn('f.ts', `a;\n${line}`)).toThrow(/^f\.ts:2: malformed marker/u);
  });

  it('ignores lines without a marker, and words that only start like one', () => {
    expect(markersIn('f.ts', 'expect(x).toBe(1);\n// expected: nothing\nconst expectation = 1;')).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { nameProblem, registerRule, ruleFiles } from '../tools/new-rule.js';

// The scaffold end to end (in a copy of the repository) is test/integration/new-rule.test.ts.
describe('npm run new-rule (tools/new-rule.ts)', () => {
  const existing = Object.keys(rules);

  it.each([
    [undefined, /^usage: npm run new-rule <name>/u],
    ['ssot/no-thing', /without the plugin prefix: npm run new-rule no-thing$/u],
    ['NoThing', /is not a kebab-case rule name/u],
    ['no--thing', /is not a kebab-case rule name/u],
    [existing[0], /exists already/u],
  ])('refuses %s', (name, message) => {
    expect(nameProblem(name, existing)).toMatch(message);
  });

  it('accepts a new kebab-case name', () => {
    expect(nameProblem('no-service-in-render', existing)).toBeUndefined();
  });

  it('registers the rule in name order, import and entry', () => {
    const index = readFileSync(new URL('../rules/index.ts', import.meta.url), 'utf8');
    const registered = registerRule(index, 'no-aaa-first');
    expect(registered.split('\n').filter((line) => line.includes('noAaaFirst'))).toEqual([
      "import noAaaFirst from './no-aaa-first.js';",
      "  'no-aaa-first': noAaaFirst,",
    ]);
    const names = [...registered.matchAll(/^ {2}'([\w-]+)':/gmu)].map((match) => match[1]);
    expect(names).toEqual([...names].sort());
    expect(registered.indexOf('import noAaaFirst')).toBeLessThan(registered.indexOf('import noDirectInstantiation'));
  });

  it('writes the rule, its test and its doc, with the sections the sync tests require', () => {
    const files = ruleFiles('no-thing');
    expect(Object.keys(files)).toEqual(['rules/no-thing.ts', 'test/rules/no-thing.test.ts', 'docs/rules/no-thing.md']);
    for (const section of [
      '## Why',
      '## Examples',
      '## When Not To Use It',
      '<!-- end auto-generated rule header -->',
      '<!-- reports: 1 -->',
      'The examples use these settings',
    ])
      expect(files['docs/rules/no-thing.md']).toContain(section);
    expect(files['test/rules/no-thing.test.ts']).toContain("from '../rule-tester.js'");
  });
});

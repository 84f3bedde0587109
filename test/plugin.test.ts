/** Plugin-wide sync: rules ↔ rules/index ↔ docs ↔ tests ↔ configs ↔ package.json, and settings validation. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { SsotRuleDocs } from '../src/create-rule.js';
import { rulesFor } from '../src/configs.js';
import plugin from '../src/index.js';
import { parseSettings } from '../src/settings.js';
import { appFile } from './rule-tester.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  type: string;
  exports: Record<string, unknown>;
  files: string[];
  engines: Record<string, string>;
  peerDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const namesIn = (directory: string, extension: string) =>
  readdirSync(path.join(root, directory))
    .filter((file) => file.endsWith(extension) && file !== `index${extension}`)
    .map((file) => file.slice(0, -extension.length))
    .sort();
const allRules: Readonly<Record<string, TSESLint.RuleModule<string, readonly unknown[], SsotRuleDocs>>> = rules;
const ruleNames = Object.keys(allRules);

interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

function schemaProblems(schema: JsonSchema, where: string): string[] {
  const problems: string[] = [];
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false) problems.push(`${where}: additionalProperties must be false`);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (typeof property.description !== 'string' || property.description.length === 0)
        problems.push(`${where}.${key}: missing description`);
      problems.push(...schemaProblems(property, `${where}.${key}`));
    }
  }
  return problems;
}

function lintWith(ruleName: string, ruleOptions: unknown[], settings: unknown = { services: [] }) {
  const linter = new Linter({ cwd: appFile('.') });
  return linter.verify(
    'export const value = 1;',
    {
      plugins: { ssot: plugin },
      settings: { ssot: settings },
      rules: { [`ssot/${ruleName}`]: ['error', ...ruleOptions] },
    },
    appFile('src/file.js'),
  );
}

describe('rules, docs, tests and configs stay in sync', () => {
  it('rules/ = plugin.rules = docs/rules = test/rules', () => {
    expect(ruleNames).toEqual(namesIn('rules', '.ts'));
    expect(ruleNames).toEqual([...ruleNames].sort());
    expect(Object.keys(plugin.rules)).toEqual(ruleNames);
    expect(namesIn('docs/rules', '.md')).toEqual(ruleNames);
    expect(namesIn('test/rules', '.test.ts')).toEqual(ruleNames);
  });

  it('every rule doc has the generated header and the hand-written sections', () => {
    for (const name of ruleNames) {
      const doc = readFileSync(path.join(root, 'docs/rules', `${name}.md`), 'utf8');
      expect(doc.startsWith(`# ssot/${name}\n`), name).toBe(true);
      expect(doc, name).toContain('<!-- end auto-generated rule header -->');
      for (const section of ['## Why', '## Examples', '## When Not To Use It'])
        expect(doc, `${name} ${section}`).toContain(section);
    }
  });

  it('rulesFor() builds a config from rule metadata', () => {
    const table = {
      'z-strict-only': { meta: { docs: { strict: true } } },
      'b-recommended': { meta: { docs: { recommended: true } } },
      'a-recommended-with-strict-options': {
        meta: { docs: { recommended: true, strictOptions: [{ checkAll: true }] } },
      },
      'c-neither': { meta: { docs: {} } },
      'd-no-docs': { meta: {} },
    };
    expect(Object.entries(rulesFor(table, 'recommended'))).toEqual([
      ['ssot/a-recommended-with-strict-options', 'error'],
      ['ssot/b-recommended', 'error'],
    ]);
    expect(Object.entries(rulesFor(table, 'strict'))).toEqual([
      ['ssot/a-recommended-with-strict-options', ['error', { checkAll: true }]],
      ['ssot/b-recommended', 'error'],
      ['ssot/z-strict-only', 'error'],
    ]);
  });

  it('the shipped configs are rulesFor() of the shipped rules', () => {
    expect(plugin.configs.recommended.rules).toEqual(rulesFor(allRules, 'recommended'));
    expect(plugin.configs.strict.rules).toEqual(rulesFor(allRules, 'strict'));
    expect(Object.keys(plugin.configs.recommended.rules).length).toBeGreaterThan(0);
    expect(plugin.configs.recommended.name).toBe('ssot/recommended');
    expect(plugin.configs.strict.name).toBe('ssot/strict');
    expect(plugin.configs.recommended.plugins.ssot).toBe(plugin);
    expect(plugin.configs.strict.plugins.ssot).toBe(plugin);
  });

  it("docs/configuration.md's .oxlintrc.json lists every recommended rule (oxlint has no configure())", () => {
    const doc = readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
    const block = /```json\n(\{\n {2}"\$schema": "\.\/node_modules\/oxlint[\s\S]*?)```/.exec(doc)?.[1];
    expect(block, 'the oxlint section shows an .oxlintrc.json').toBeDefined();
    const listed = Object.keys((JSON.parse(block ?? '{}') as { rules?: Record<string, unknown> }).rules ?? {}).sort();
    expect(listed).toEqual(Object.keys(rulesFor(rules, 'recommended')).sort());
  });

  it('meta comes from package.json', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'ssot' });
  });

  it('package.json is an ESM-only package with types', () => {
    expect(packageJson.type).toBe('module');
    expect(Object.keys(packageJson.exports)).toEqual(['.', './package.json']);
    expect(Object.keys(packageJson.exports['.'] as object)[0]).toBe('types');
    expect(packageJson.files).toContain('dist');
    expect(packageJson.engines.node).toBe('^20.19.0 || ^22.13.0 || >=24');
    expect(packageJson.peerDependencies.eslint).toBe('^9.15.0 || ^10.0.0');
    const typescriptEslintVersions = new Set(
      Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies })
        .filter(([name]) => name.startsWith('@typescript-eslint/') || name === 'typescript-eslint')
        .map(([, version]) => version),
    );
    expect(typescriptEslintVersions.size).toBe(1);
  });
});

describe.each(ruleNames)('rule %s', (name) => {
  const meta = allRules[name]?.meta;
  if (meta === undefined) throw new Error(`no rule ${name}`);

  it('has conventional metadata', () => {
    expect(meta.docs?.description).toMatch(/^(?:Enforce|Require|Disallow) /);
    expect(meta.docs?.url).toBe(
      `https://github.com/eslint-plugin-ssot/eslint-plugin-ssot/blob/main/docs/rules/${name}.md`,
    );
    for (const [id, message] of Object.entries(meta.messages)) expect(message, id).toMatch(/^(?:[A-Z]|\{\{).*[.?]$/);
    const schemas = (Array.isArray(meta.schema) ? meta.schema : [meta.schema]) as JsonSchema[];
    expect(schemas.flatMap((schema, index) => schemaProblems(schema, `schema[${String(index)}]`))).toEqual([]);
  });

  it('declares a default in meta.defaultOptions for every option (options are required fields, defaulted once)', () => {
    const schemas = (Array.isArray(meta.schema) ? meta.schema : [meta.schema]) as JsonSchema[];
    // A rule without options declares none (eslint-plugin/require-meta-default-options).
    const defaults: readonly unknown[] = meta.defaultOptions ?? [];
    expect(defaults).toHaveLength(schemas.length);
    schemas.forEach((schema, index) => {
      const declared = Object.keys(defaults[index] ?? {}).sort();
      expect(declared, `defaultOptions[${String(index)}]`).toEqual(Object.keys(schema.properties ?? {}).sort());
    });
  });

  it('accepts its default options and rejects unknown ones', () => {
    const defaults: unknown[] = [...(meta.defaultOptions ?? [])];
    expect(lintWith(name, defaults)).toEqual([]);
    expect(() => lintWith(name, [{ definitelyNotAnOption: true }])).toThrow(`Key "ssot/${name}"`);
  });

  it('stops with a clear error on invalid settings', () => {
    expect(() => lintWith(name, [], { services: [{ name: 'A' }] })).toThrow(
      'settings.ssot.services[0].class: required string is missing',
    );
  });
});

describe('settings.ssot validation', () => {
  const service = { name: 'WebSocketManager', class: 'WebSocketManager', module: 'src/websocket/manager.ts' };
  const cases: [string, unknown, string][] = [
    ['missing settings object', undefined, 'settings.ssot: required object is missing'],
    ['settings not an object', 'services', 'settings.ssot: expected object, got the string "services"'],
    ['missing services', {}, 'settings.ssot.services: required array of services is missing'],
    ['services not an array', { services: {} }, 'settings.ssot.services: expected array of services, got an object'],
    [
      'missing class',
      { services: [service, { name: 'B' }] },
      'settings.ssot.services[1].class: required string is missing',
    ],
    [
      'empty class',
      { services: [{ ...service, class: '' }] },
      'settings.ssot.services[0].class: class must not be empty',
    ],
    ['missing name', { services: [{ class: 'A' }] }, 'settings.ssot.services[0].name: required string is missing'],
    [
      'unknown key with suggestion',
      { services: [{ ...service, lifetme: 'scoped' }] },
      "settings.ssot.services[0].lifetme: unknown key; did you mean 'lifetime'?",
    ],
    [
      'unknown top-level key',
      { services: [], tsConfig: 'x' },
      "settings.ssot.tsConfig: unknown key; did you mean 'tsconfig'?",
    ],
    [
      'unknown factory key',
      { services: [{ ...service, factory: { name: 'f', module: 'm', modul: 'x' } }] },
      "settings.ssot.services[0].factory.modul: unknown key; did you mean 'module'?",
    ],
    [
      'bad construct',
      { services: [{ ...service, construct: 'make' }] },
      `settings.ssot.services[0].construct: expected 'new' or 'call', got the string "make"`,
    ],
    [
      'bad lifetime',
      { services: [{ ...service, lifetime: 'request' }] },
      `settings.ssot.services[0].lifetime: expected 'scoped' or 'singleton', got the string "request"`,
    ],
    [
      'bad global type',
      { services: [{ ...service, global: 'yes' }] },
      'settings.ssot.services[0].global: expected boolean, got the string "yes"',
    ],
    [
      'allow not an array',
      { services: [{ ...service, allow: 'src/**' }] },
      'settings.ssot.services[0].allow: expected array of globs, got the string "src/**"',
    ],
    [
      'factory without module',
      { services: [{ ...service, factory: { name: 'f' } }] },
      'settings.ssot.services[0].factory.module: required string is missing',
    ],
    [
      'global with module',
      { services: [{ ...service, global: true }] },
      'settings.ssot.services[0].module: a global service must not have a module',
    ],
    [
      'duplicate names',
      { services: [service, { ...service, class: 'Other' }] },
      'settings.ssot.services[1].name: duplicate service name "WebSocketManager" (also services[0].name)',
    ],
    [
      'default without module',
      { services: [{ name: 'A', class: 'default' }] },
      "settings.ssot.services[0].module: class 'default' needs the module whose default export it is",
    ],
    ...['Factory..getX', 'Factory.', '.getX', 'Factory.1x', 'Factory.get-x', 'get X'].map(
      (name): [string, unknown, string] => [
        `factory member path ${JSON.stringify(name)}`,
        { services: [{ ...service, factory: { name, module: 'm' } }] },
        `settings.ssot.services[0].factory.name: expected an export name or a member path of identifiers such as 'getWebSocketManager' or 'Factory.getWebSocketManager', got the string ${JSON.stringify(name)}`,
      ],
    ),
    [
      'scope not an object',
      { services: [{ ...service, factory: { name: 'f', module: 'm', scope: 0 } }] },
      'settings.ssot.services[0].factory.scope: expected object, got number 0',
    ],
    [
      'negative scope argument',
      { services: [{ ...service, factory: { name: 'f', module: 'm', scope: { argument: -1 } } }] },
      'settings.ssot.services[0].factory.scope.argument: expected 0 or more (the 0-based position of the argument)',
    ],
    [
      'fractional scope argument',
      { services: [{ ...service, factory: { name: 'f', module: 'm', scope: { argument: 0.5 } } }] },
      'settings.ssot.services[0].factory.scope.argument: expected an integer (the 0-based position of the argument)',
    ],
    [
      'empty scope name',
      { services: [{ ...service, factory: { name: 'f', module: 'm', scope: { name: '' } } }] },
      'settings.ssot.services[0].factory.scope.name: scope name must not be empty',
    ],
    [
      'unknown scope key',
      { services: [{ ...service, factory: { name: 'f', module: 'm', scope: { argumnet: 1 } } }] },
      "settings.ssot.services[0].factory.scope.argumnet: unknown key; did you mean 'argument'? (valid keys: argument, name)",
    ],
  ];

  it('accepts member-path factories and a scope', () => {
    for (const name of ['FrontendComponentFactory.getConversationManager', 'managers.get', '$api._get', 'a.b.c'])
      expect(
        parseSettings({
          services: [{ ...service, factory: { name, module: 'm', scope: { argument: 1, name: 'user' } } }],
        }).services[0]?.factory,
      ).toEqual({
        name,
        module: 'm',
        scope: { argument: 1, name: 'user' },
      });
  });

  it.each(cases)('%s', (_title, settings, message) => {
    expect(() => parseSettings(settings)).toThrow(message);
  });

  it('lists every problem at once', () => {
    expect(() => parseSettings({ services: [{ name: 'A' }, { class: 'B' }] })).toThrow(
      'settings.ssot.services[0].class: required string is missing\n  settings.ssot.services[1].name: required string is missing',
    );
  });

  it('names every unknown key of an object, beside the other problems', () => {
    expect(() => parseSettings({ services: [{ name: 'A', clas: 'A', modul: 'm', extra: 1 }], tsConfig: 'x' })).toThrow(
      [
        'settings.ssot.services[0].class: required string is missing',
        "settings.ssot.services[0].clas: unknown key; did you mean 'class'? (valid keys: name, class, module, global, construct, factory, allow, lifetime)",
        "settings.ssot.services[0].modul: unknown key; did you mean 'module'? (valid keys: name, class, module, global, construct, factory, allow, lifetime)",
        'settings.ssot.services[0].extra: unknown key (valid keys: name, class, module, global, construct, factory, allow, lifetime)',
        "settings.ssot.tsConfig: unknown key; did you mean 'tsconfig'? (valid keys: rootDir, tsconfig, services, containers, discover, sources)",
      ].join('\n  '),
    );
  });

  it('accepts the README example', () => {
    expect(
      parseSettings({
        services: [
          {
            name: 'WebSocketManager',
            class: 'WebSocketManager',
            module: 'src/websocket/manager.ts',
            factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
            allow: ['src/websocket/**', '**/*.test.ts'],
          },
          { name: 'browser WebSocket', class: 'WebSocket', global: true, allow: ['src/services/socket.ts'] },
        ],
      }).services,
    ).toHaveLength(2);
  });

  it('configure() returns one flat config with the plugin, recommended rules and settings', () => {
    const settings = { services: [service] };
    const config = plugin.configure(settings);
    expect(config.plugins.ssot).toBe(plugin);
    expect(config.rules).toEqual(plugin.configs.recommended.rules);
    expect(config.settings.ssot).toBe(settings);
    expect(() => plugin.configure({ services: [{ name: 'x' }] } as never)).toThrow(
      'settings.ssot.services[0].class: required string is missing',
    );
  });

  it('errors print as their message, without a stack trace from inside the plugin', () => {
    let thrown: unknown;
    try {
      parseSettings({ services: [{ name: 'A' }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(String((thrown as Error).stack)).toBe(
      'SsotConfigError: Invalid eslint-plugin-ssot settings:\n  settings.ssot.services[0].class: required string is missing',
    );
  });

  it('a rule without settings.ssot stops the lint with a clear error', () => {
    const linter = new Linter({ cwd: appFile('.') });
    expect(() =>
      linter.verify(
        'new X();',
        { plugins: { ssot: plugin }, rules: { 'ssot/no-direct-instantiation': 'error' } },
        appFile('src/a.js'),
      ),
    ).toThrow('settings.ssot is missing');
  });
});

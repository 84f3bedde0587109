/**
 * The service layer rules are written against: the per-file context, the domain-event visitor, and
 * lifetime-aware destinations (module, static field, instance field of class C, returned, local).
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { destinationOf } from '../src/module-scope.js';
import { serviceContextOf } from '../src/service-context.js';
import { serviceVisitor } from '../src/service-visitor.js';
import { appDir, appFile, ssotSettings } from './rule-tester.js';

/** Runs `create` as a rule on `code` (in src/hooks/use-socket.ts) and returns what it reported. */
function run(
  code: string,
  create: (context: Readonly<TSESLint.RuleContext<string, []>>) => TSESLint.RuleListener,
): string[] {
  const rule = {
    meta: { type: 'problem', schema: [], messages: { found: '{{what}}' } },
    create,
  } as unknown as TSESLint.RuleModule<string>;
  const messages = new Linter({ cwd: appDir }).verify(
    code,
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      plugins: { test: { rules: { probe: rule } } } as never,
      settings: ssotSettings(),
      rules: { 'test/probe': 'error' },
    },
    appFile('src/hooks/use-socket.ts'),
  );
  return messages.map((message) => (message.ruleId === null ? `fatal: ${message.message}` : message.message));
}

describe('serviceVisitor', () => {
  it('emits construct, subclass, factoryCall and moduleReference events in one shape', () => {
    const found = run(
      "import { WebSocketManager } from '../barrels';\nimport { getWebSocketManager } from '../barrels';\nconst m = require('../websocket/manager');\nnew WebSocketManager();\nclass X extends WebSocketManager {}\ngetWebSocketManager({ userId: 'u' });",
      (context) =>
        serviceVisitor(serviceContextOf(context), {
          construct: ({ node, kind, service }) => {
            context.report({ node, messageId: 'found', data: { what: `construct ${kind} ${service?.name ?? '?'}` } });
          },
          subclass: ({ superClass, service }) => {
            context.report({ node: superClass, messageId: 'found', data: { what: `subclass ${service.name}` } });
          },
          factoryCall: ({ node, service }) => {
            context.report({ node, messageId: 'found', data: { what: `factory ${service.name}` } });
          },
          moduleReference: (event) => {
            const names =
              'names' in event
                ? event.names.map((name) => name.name).join(',')
                : String(event.reach('WebSocketManager')?.type);
            context.report({
              node: event.node,
              messageId: 'found',
              data: { what: `${event.kind} ${event.specifier} ${names}` },
            });
          },
        }),
    );
    expect(found).toEqual([
      'import ../barrels WebSocketManager',
      'import ../barrels getWebSocketManager',
      'require ../websocket/manager CallExpression',
      'construct new WebSocketManager',
      'subclass WebSocketManager',
      'factory WebSocketManager',
    ]);
  });

  it('registers no listener when the file cannot refer to a service', () => {
    let listeners: TSESLint.RuleListener | undefined;
    run('export const x = new Map();', (context) => {
      listeners = serviceVisitor(serviceContextOf(context), {
        construct: () => undefined,
        subclass: () => undefined,
        factoryCall: () => undefined,
      });
      return listeners;
    });
    expect(listeners).toEqual({});
  });
});

describe('destinationOf with lifetimes', () => {
  it.each([
    ['export const m = new Map();', 'stored'],
    ['class C { static m = new Map(); }', 'stored'],
    ['class C { m = new Map(); }', 'instanceField C.m'],
    ['class C { m: unknown; constructor() { this.m = new Map(); } }', 'instanceField C.m'],
    ['class C { m: unknown; reset() { this.m = new Map(); } }', 'instanceField C.m'],
    ['export function f() { return new Map(); }', 'returned'],
    ['export function f() { const m = new Map(); m.clear(); }', 'local m'],
    ['export function f() { use(new Map()); }\ndeclare function use(x: unknown): void;', 'none'],
  ])('%s → %s', (code, expected) => {
    const found = run(code, (context) => ({
      NewExpression(node) {
        const destination = destinationOf(node, context.sourceCode, true, { lifetimes: true });
        let what = 'none';
        if (destination?.kind === 'instanceField')
          what = `instanceField ${destination.owner.id?.name ?? ''}.${destination.name}`;
        else if (destination?.kind === 'local') what = `local ${destination.variable.name}`;
        else if (destination !== undefined) what = destination.kind;
        context.report({ node, messageId: 'found', data: { what } });
      },
    }));
    expect(found).toEqual([expected]);
  });

  it('leaves instance fields and locals out by default (module-lifetime callers)', () => {
    const found = run(
      'class C { m = new Map(); }\nexport function f() { const m = new Map(); m.clear(); }',
      (context) => ({
        NewExpression(node) {
          context.report({
            node,
            messageId: 'found',
            data: { what: String(destinationOf(node, context.sourceCode)?.kind) },
          });
        },
      }),
    );
    expect(found).toEqual(['undefined', 'undefined']);
  });
});

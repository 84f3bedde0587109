import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { mentionedFactories } from '../src/factories.js';
import { mentionedServices } from '../src/identity.js';
import { DEFAULT_MEMOIZERS, MEMOIZERS_SCHEMA } from '../src/memoizers.js';
import {
  fieldText,
  injectedServiceOf,
  instanceFieldTarget,
  scopedValueOf,
  singletonReasonOf,
  type LifetimeContext,
  type ScopedValue,
  type SingletonReason,
} from '../src/lifetimes.js';
import type { ClassNode } from '../src/module-scope.js';
import { registryOf } from '../src/registry.js';

export type MessageIds = 'captive' | 'captiveNoFactory';
export type Options = [
  {
    /** Functions that cache their callback's result: `once(() => new PriceFeed())` at module scope is singleton-lived. */
    memoizers: string[];
  },
];

const KEEPING_OPERATORS = new Set(['=', '??=', '||=', '&&=']);
const MAX_CALL_TEXT = 60;

function className(classNode: ClassNode): string {
  if (classNode.id !== null) return classNode.id.name;
  const parent = classNode.parent;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return parent.type === 'ExportDefaultDeclaration' ? 'The default-exported class' : 'This class';
}

function reasonText(reason: SingletonReason): string {
  switch (reason.kind) {
    case 'service':
      return `registered with lifetime 'singleton'`;
    case 'module-instance':
      return reason.memoizer === undefined
        ? `instantiated at module scope, line ${String(reason.node.loc.start.line)}`
        : `instantiated once by the memoized ${reason.memoizer}() at module scope, line ${String(reason.node.loc.start.line)}`;
    case 'static-instance':
      return `it keeps its own static instance, line ${String(reason.node.loc.start.line)}`;
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-scoped-in-singleton',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow scoped services kept in instance fields of singleton-lived classes',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: { memoizers: MEMOIZERS_SCHEMA },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ memoizers: [...DEFAULT_MEMOIZERS] }],
    messages: {
      captive:
        '{{className}} lives for the whole process ({{reason}}), so the {{service}} kept in `{{target}}` serves every later user; get it per call with {{call}}.',
      captiveNoFactory:
        '{{className}} lives for the whole process ({{reason}}), so the {{service}} kept in `{{target}}` serves every later user; get it per call instead of keeping it.',
    },
  },
  create(context, [options]) {
    const registry = registryOf(context);
    const { sourceCode, filename } = context;
    // Only files that can declare a class and spell a scoped service's class or factory.
    if (!sourceCode.text.includes('class')) return {};
    const scoped = registry.services.filter((service) => service.lifetime === 'scoped');
    const scopedServices = mentionedServices(scoped, sourceCode);
    const scopedFactories = mentionedFactories(scoped, sourceCode);
    if (scopedServices.length === 0 && scopedFactories.length === 0) return {};
    const lifetimes: LifetimeContext = { registry, sourceCode, filename, scopedServices, scopedFactories };
    const reasons = new Map<ClassNode, SingletonReason | undefined>();
    const memoizers = new Set(options.memoizers);

    function reasonOf(classNode: ClassNode): SingletonReason | undefined {
      if (!reasons.has(classNode))
        reasons.set(classNode, singletonReasonOf(classNode, registry.services, sourceCode, filename, memoizers));
      return reasons.get(classNode);
    }

    function report(
      node: TSESTree.Node,
      classNode: ClassNode,
      reason: SingletonReason,
      value: ScopedValue,
      target: string,
    ): void {
      const { service, call } = value;
      const factory = service.factory;
      let callText = factory === undefined ? '' : `${factory.name}(…)`;
      if (call !== undefined) {
        const text = sourceCode.getText(call);
        if (text.length <= MAX_CALL_TEXT && !text.includes('\n')) callText = text;
      }
      context.report({
        node,
        messageId: factory === undefined ? 'captiveNoFactory' : 'captive',
        data: {
          className: className(classNode),
          reason: reasonText(reason),
          service: service.name,
          target,
          call: callText,
        },
      });
    }

    function checkField(node: TSESTree.PropertyDefinition | TSESTree.AccessorProperty): void {
      if (node.static || node.value === null) return;
      const classNode = node.parent.parent;
      const reason = reasonOf(classNode);
      if (reason === undefined) return;
      const value = scopedValueOf(node.value, classNode, lifetimes);
      if (value !== undefined) report(node, classNode, reason, value, fieldText(node, sourceCode));
    }

    return {
      PropertyDefinition: checkField,
      AccessorProperty: checkField,
      AssignmentExpression(node) {
        if (node.left.type === 'Identifier' || !KEEPING_OPERATORS.has(node.operator)) return;
        const target = instanceFieldTarget(node.left, sourceCode);
        if (target === undefined) return;
        const reason = reasonOf(target.classNode);
        if (reason === undefined) return;
        const value = scopedValueOf(node.right, target.classNode, lifetimes);
        if (value !== undefined) report(node, target.classNode, reason, value, target.text);
      },
      TSParameterProperty(node) {
        const method = node.parent.parent;
        if (method.type !== 'MethodDefinition' || method.kind !== 'constructor') return;
        const classNode = method.parent.parent;
        const reason = reasonOf(classNode);
        if (reason === undefined) return;
        const service = injectedServiceOf(node, lifetimes);
        if (service === undefined) return;
        const binding = node.parameter.type === 'AssignmentPattern' ? node.parameter.left : node.parameter;
        report(node, classNode, reason, { service, call: undefined }, `this.${binding.name}`);
      },
    };
  },
});

import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { mentionedFactories } from '../src/factories.js';
import { mentionedServices } from '../src/identity.js';
import { DEFAULT_MEMOIZERS, MEMOIZERS_SCHEMA } from '../src/memoizers.js';
import {
  fieldText,
  boundSingletonCaptives,
  injectedScopedServices,
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
import { mayUseContainers } from '../src/containers.js';

export type MessageIds = 'captive' | 'captiveBound' | 'captiveInjected' | 'captiveNoFactory';
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
    case 'container': {
      const { declared } = reason;
      return declared.forced === undefined
        ? `${declared.how} makes ${declared.spec.label} keep one instance`
        : `${declared.spec.label} keeps ${declared.forced} a singleton whatever it injects, line ${String(declared.node.loc.start.line)}`;
    }
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
      captiveBound:
        '{{className}} is bound with {{how}} here, so it lives for the whole process and the {{service}} its module ({{module}}) injects into `{{target}}` on line {{line}} serves every later user; bind {{className}} per request or resolve {{service}} per request instead.',
      captiveInjected:
        '{{className}} lives for the whole process ({{reason}}), so the {{service}} injected into `{{target}}` serves every later user; resolve it per request instead of injecting it.',
      captiveNoFactory:
        '{{className}} lives for the whole process ({{reason}}), so the {{service}} kept in `{{target}}` serves every later user; get it per call instead of keeping it.',
    },
  },
  create(context, [options]) {
    const registry = registryOf(context);
    const { sourceCode, filename } = context;
    const scoped = registry.services.filter((service) => service.lifetime === 'scoped');
    // A composition root binding an imported class as a singleton: its module is read for what it injects.
    const usesContainers = mayUseContainers(sourceCode, registry.containers);
    const binds = scoped.length > 0 && usesContainers;
    // Otherwise only files that can declare a class and spell a scoped service's class or factory.
    if (!sourceCode.text.includes('class') && !binds) return {};
    const scopedServices = mentionedServices(scoped, sourceCode);
    const scopedFactories = mentionedFactories(scoped, sourceCode);
    // With `discover.decorators`, a container-kept class may inject a class its decorator declares scoped.
    const discovers = registry.discoverDecorators && usesContainers;
    if (scopedServices.length === 0 && scopedFactories.length === 0 && !discovers && !binds) return {};
    const lifetimes: LifetimeContext = { registry, sourceCode, filename, scopedServices, scopedFactories };
    const reasons = new Map<ClassNode, SingletonReason | undefined>();
    const memoizers = new Set(options.memoizers);

    function reasonOf(classNode: ClassNode): SingletonReason | undefined {
      if (!reasons.has(classNode))
        reasons.set(
          classNode,
          singletonReasonOf(classNode, registry.services, sourceCode, filename, memoizers, registry.containers),
        );
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

    /** A container-kept class: what the container injects into it. */
    function checkClass(node: ClassNode): void {
      const reason = reasonOf(node);
      if (reason?.kind !== 'container') return;
      for (const { name, dependency } of injectedScopedServices(node, lifetimes)) {
        const { field } = dependency;
        const binding = dependency.node.type === 'TSParameterProperty' ? dependency.node.parameter : dependency.node;
        const parameter = binding.type === 'AssignmentPattern' ? binding.left : binding;
        const target =
          field === undefined
            ? parameter.type === 'Identifier'
              ? parameter.name
              : sourceCode.getText(parameter)
            : `this.${field}`;
        context.report({
          node: dependency.node,
          messageId: 'captiveInjected',
          data: { className: className(node), reason: reasonText(reason), service: name, target },
        });
      }
    }

    /** `container.bind(Orders).toSelf().inSingletonScope()` of a class declared in another module. */
    function checkBinding(node: TSESTree.CallExpression): void {
      const bound = boundSingletonCaptives(node, scoped, registry, sourceCode, filename);
      if (bound === undefined) return;
      const { registration, className: boundClass, captives } = bound;
      for (const { service, injection, file } of captives) {
        context.report({
          node: registration.node,
          messageId: 'captiveBound',
          data: {
            className: boundClass,
            how: registration.how,
            service: service.name,
            module: path.relative(registry.rootDir, file).replaceAll('\\', '/'),
            target: injection.target,
            line: String(injection.line),
          },
        });
      }
    }

    return {
      ...(binds ? { CallExpression: checkBinding } : {}),
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
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
        // A container-kept class's injections are reported with what the container injects.
        if (reason === undefined || reason.kind === 'container') return;
        const service = injectedServiceOf(node, lifetimes);
        if (service === undefined) return;
        const binding = node.parameter.type === 'AssignmentPattern' ? node.parameter.left : node.parameter;
        report(node, classNode, reason, { service, call: undefined }, `this.${binding.name}`);
      },
    };
  },
});

import type { TSESTree } from '@typescript-eslint/utils';
import { mayUseContainers, resolveCallOf, withListener } from '../src/containers.js';
import { createRule } from '../src/create-rule.js';
import { factoryCallArguments } from '../src/factory-arguments.js';
import { factoryCallText, factoryImport } from '../src/fixes.js';
import { originsOf } from '../src/identity.js';
import type { Service } from '../src/registry.js';
import { serviceContextOf } from '../src/service-context.js';
import { serviceVisitor } from '../src/service-visitor.js';

export type MessageIds =
  | 'container'
  | 'direct'
  | 'directNoFactory'
  | 'resolved'
  | 'resolvedNoFactory'
  | 'subclass'
  | 'subclassNoFactory'
  | 'useFactory';
export type Options = [];

export default createRule<Options, MessageIds>({
  name: 'no-direct-instantiation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow constructing a managed service outside its factory',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      direct: "Do not construct {{service}} directly; get it from {{factory}}() in '{{factoryModule}}'.",
      directNoFactory: 'Do not construct {{service}} directly; only {{allowed}} may construct it.',
      container:
        'Do not construct {{service}} directly: it is provided by the {{container}} container; inject it instead.',
      resolved:
        "Do not resolve {{service}} from the {{container}} container; get it from {{factory}}() in '{{factoryModule}}'.",
      resolvedNoFactory: 'Do not resolve {{service}} from the {{container}} container; only {{allowed}} may create it.',
      subclass:
        "Do not extend {{service}}: a subclass is constructed around {{factory}}() in '{{factoryModule}}'; use the factory's instance instead.",
      subclassNoFactory: 'Do not extend {{service}}: a subclass constructs it outside {{allowed}}.',
      useFactory: "Replace with {{factory}}() from '{{factoryModule}}'.",
    },
  },
  create(context) {
    // Only services whose class the file can spell, and that are restricted here (see ServiceContext):
    // most files need no listener at all.
    const services = serviceContextOf(context);
    if (services.applicable.length === 0) return {};
    const { registry, sourceCode, filename } = services;

    function report(
      node: TSESTree.NewExpression | TSESTree.CallExpression,
      kind: 'call' | 'new' | 'reflect',
      service: Service,
      constructorArgs: string | undefined,
    ): void {
      const data = { ...services.messageData(service), container: service.container?.label ?? '' };
      const factory = service.factory;
      if (factory === undefined) {
        context.report({ node, messageId: service.container === undefined ? 'directNoFactory' : 'container', data });
        return;
      }
      // The factory is not the constructor: pass on only what it is known to take (src/factory-arguments.ts).
      const args =
        constructorArgs === undefined
          ? undefined
          : factoryCallArguments({ ...service, factory }, node, kind, constructorArgs, sourceCode);
      const access = args === undefined ? undefined : factoryImport(service, registry, sourceCode, filename, node);
      context.report({
        node,
        messageId: 'direct',
        data,
        suggest:
          access === undefined || args === undefined
            ? []
            : [
                {
                  messageId: 'useFactory',
                  data,
                  fix: (fixer) => [
                    fixer.replaceText(node, factoryCallText(factory, access.localName, args)),
                    ...access.fix(fixer),
                  ],
                },
              ],
      });
    }

    // Situation 1 of docs/frameworks: the registry names a factory, and a container hands the service out instead.
    // (The services first: the text search for containers is the dearer test.)
    const uncontained = services.applicable.filter((service) => service.container === undefined);
    const resolveServices =
      uncontained.length > 0 && mayUseContainers(sourceCode, registry.containers) ? uncontained : [];
    function checkResolve(node: TSESTree.CallExpression): void {
      const resolved = resolveCallOf(node, registry.containers, sourceCode);
      const service = resolved === undefined ? undefined : services.serviceAt(resolved.token, resolveServices);
      if (resolved === undefined || service === undefined) return;
      const data = { ...services.messageData(service), container: resolved.spec.label };
      context.report({ node, messageId: service.factory === undefined ? 'resolvedNoFactory' : 'resolved', data });
    }

    const listener = serviceVisitor(services, {
      construct: ({ node, kind, service, args, callee }) => {
        // `new (cond ? Fake : C)()` may construct something else: the factory call is no faithful replacement then.
        if (service !== undefined)
          report(node, kind, service, originsOf(callee, sourceCode).length > 1 ? undefined : args);
      },
      subclass: ({ superClass, service }) => {
        context.report({
          node: superClass,
          messageId: service.factory === undefined ? 'subclassNoFactory' : 'subclass',
          data: services.messageData(service),
        });
      },
    });
    return resolveServices.length === 0 ? listener : withListener(listener, 'CallExpression', checkResolve);
  },
});

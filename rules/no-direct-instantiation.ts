import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { factoryImport } from '../src/fixes.js';
import type { Service } from '../src/registry.js';
import { serviceContextOf } from '../src/service-context.js';
import { serviceVisitor } from '../src/service-visitor.js';

export type MessageIds = 'direct' | 'directNoFactory' | 'subclass' | 'subclassNoFactory' | 'useFactory';
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
      subclass: "Do not extend {{service}}: a subclass is constructed around {{factory}}() in '{{factoryModule}}'; use the factory's instance instead.",
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

    function report(node: TSESTree.NewExpression | TSESTree.CallExpression, service: Service, args: string | undefined): void {
      const data = services.messageData(service);
      if (service.factory === undefined) {
        context.report({ node, messageId: 'directNoFactory', data });
        return;
      }
      const access = args === undefined ? undefined : factoryImport(service, registry, sourceCode, filename, node);
      context.report({
        node,
        messageId: 'direct',
        data,
        suggest:
          access === undefined || args === undefined
            ? []
            : [{ messageId: 'useFactory', data, fix: (fixer) => [fixer.replaceText(node, `${access.localName}(${args})`), ...access.fix(fixer)] }],
      });
    }

    return serviceVisitor(services, {
      construct: ({ node, service, args }) => {
        if (service !== undefined) report(node, service, args);
      },
      subclass: ({ superClass, service }) => {
        context.report({ node: superClass, messageId: service.factory === undefined ? 'subclassNoFactory' : 'subclass', data: services.messageData(service) });
      },
    });
  },
});

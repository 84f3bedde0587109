import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { factoryAt, mentionedFactories } from '../src/factories.js';
import { scopeArgumentProblem } from '../src/lifetimes.js';
import { registryOf } from '../src/registry.js';

export type MessageIds = 'constant' | 'missing';
export type Options = [];

const MAX_ARGUMENT_TEXT = 40;

export default createRule<Options, MessageIds>({
  name: 'require-scope-argument',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a real user or request as the scope argument of a per-user factory',
      recommended: true,
    },
    schema: [],
    messages: {
      missing:
        '{{factory}}() needs its {{scope}} (argument {{position}}): without it every such caller shares one {{service}}.',
      constant:
        '{{factory}}() needs a real {{scope}} (argument {{position}}), not the constant {{argument}}: every such caller shares one {{service}}.',
    },
  },
  create(context) {
    const registry = registryOf(context);
    const { sourceCode, filename } = context;
    // Only factories with a `scope` whose first segment the file can spell; `allow` globs exempt a file.
    const scoped = registry.services.filter((service) => service.factory?.scope !== undefined);
    if (scoped.length === 0) return {};
    let factories = mentionedFactories(scoped, sourceCode);
    if (factories.length === 0) return {};
    const relative = path.relative(registry.rootDir, filename).replaceAll('\\', '/');
    factories = factories.filter((service) => !service.isAllowedPath(relative));
    if (factories.length === 0) return {};

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const service = factoryAt(node.callee, factories, registry, sourceCode, filename);
        const scope = service?.factory.scope;
        if (service === undefined || scope === undefined) return;
        const problem = scopeArgumentProblem(node, scope.argument, sourceCode);
        if (problem === undefined) return;
        if (problem.kind === 'missing') {
          context.report({
            node,
            messageId: 'missing',
            data: {
              factory: service.factory.name,
              scope: scope.name,
              position: String(scope.argument + 1),
              service: service.name,
            },
          });
          return;
        }
        const text = sourceCode.getText(problem.node).replaceAll(/\s+/g, ' ');
        context.report({
          node: problem.node,
          messageId: 'constant',
          data: {
            factory: service.factory.name,
            scope: scope.name,
            position: String(scope.argument + 1),
            service: service.name,
            argument: text.length <= MAX_ARGUMENT_TEXT ? text : 'value',
          },
        });
      },
    };
  },
});

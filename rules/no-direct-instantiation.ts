import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mayUseContainers, resolveCallOf } from '../src/containers.js';
import { createRule } from '../src/create-rule.js';
import { argumentsText, describeAllowed, factoryImport } from '../src/fixes.js';
import { mayMention, memberName, mentionedServices, originOf, serviceOf, skipWrappers } from '../src/identity.js';
import { registryOf, type Service } from '../src/registry.js';

export type MessageIds = 'container' | 'direct' | 'directNoFactory' | 'resolved' | 'resolvedNoFactory' | 'subclass' | 'subclassNoFactory' | 'useFactory';
export type Options = [];

/** `Reflect.construct` with the global `Reflect`. */
function isReflectConstruct(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const unwrapped = skipWrappers(callee);
  if (unwrapped.type !== 'MemberExpression' || memberName(unwrapped) !== 'construct') return false;
  const origin = originOf(unwrapped.object, sourceCode);
  return origin?.kind === 'global' && origin.name === 'Reflect';
}

function messageData(service: Service): Record<string, string> {
  return {
    service: service.name,
    factory: service.factory?.name ?? '',
    factoryModule: service.factory?.module.display ?? '',
    allowed: describeAllowed(service),
    container: service.container?.label ?? '',
  };
}

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
      container: 'Do not construct {{service}} directly: it is provided by the {{container}} container; inject it instead.',
      resolved: "Do not resolve {{service}} from the {{container}} container; get it from {{factory}}() in '{{factoryModule}}'.",
      resolvedNoFactory: 'Do not resolve {{service}} from the {{container}} container; only {{allowed}} may create it.',
      subclass: "Do not extend {{service}}: a subclass is constructed around {{factory}}() in '{{factoryModule}}'; use the factory's instance instead.",
      subclassNoFactory: 'Do not extend {{service}}: a subclass constructs it outside {{allowed}}.',
      useFactory: "Replace with {{factory}}() from '{{factoryModule}}'.",
    },
  },
  create(context) {
    const registry = registryOf(context);
    const filename = context.filename;
    const { sourceCode } = context;
    // Only services whose class the file can spell (see mayMention): most files need no listener at
    // all. Which services the file is a home or `allow`ed for is asked only after that.
    const mentioned = mentionedServices(registry.services, sourceCode, registry);
    if (mentioned.length === 0) return {};
    const applicable = registry.servicesFor(filename);
    const services = mentioned.filter((service) => applicable.includes(service));
    if (services.length === 0) return {};
    const callServices = services.filter((service) => service.construct === 'call');
    // Services a container must not hand out: those it does not create (see `factory.container`).
    const resolveServices = mayUseContainers(sourceCode, registry.containers) ? services.filter((service) => service.container === undefined) : [];

    function report(node: TSESTree.NewExpression | TSESTree.CallExpression, service: Service, args: string | undefined): void {
      const data = messageData(service);
      const factory = service.factory;
      if (factory === undefined) {
        context.report({ node, messageId: service.container === undefined ? 'directNoFactory' : 'container', data });
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
            : [
                {
                  messageId: 'useFactory',
                  data,
                  fix: (fixer) => [fixer.replaceText(node, `${access.localName}(${args})`), ...access.fix(fixer)],
                },
              ],
      });
    }

    function checkClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
      if (node.superClass === null) return;
      const service = serviceOf(node.superClass, services, registry, sourceCode, filename);
      if (service === undefined) return;
      context.report({
        node: node.superClass,
        messageId: service.factory === undefined ? 'subclassNoFactory' : 'subclass',
        data: messageData(service),
      });
    }

    function checkCall(node: TSESTree.CallExpression): void {
      if (isReflectConstruct(node.callee, sourceCode)) {
        const [target, argumentList] = node.arguments;
        if (target === undefined || target.type === 'SpreadElement') return;
        const service = serviceOf(target, services, registry, sourceCode, filename);
        if (service === undefined) return;
        let args: string | undefined;
        if (argumentList === undefined) args = '';
        else if (argumentList.type === 'ArrayExpression' && argumentList.elements.every((element) => element !== null))
          args = argumentsText(sourceCode, argumentList.elements);
        else if (argumentList.type !== 'SpreadElement') args = `...${sourceCode.getText(argumentList)}`;
        report(node, service, args);
        return;
      }
      if (resolveServices.length > 0) {
        // Situation 1 of the container docs: the registry names a factory, and a container hands the service out instead.
        const resolved = resolveCallOf(node, registry.containers, sourceCode);
        const service = resolved === undefined ? undefined : serviceOf(resolved.token, resolveServices, registry, sourceCode, filename);
        if (resolved !== undefined && service !== undefined) {
          const data = { ...messageData(service), container: resolved.spec.label };
          context.report({ node, messageId: service.factory === undefined ? 'resolvedNoFactory' : 'resolved', data });
          return;
        }
      }
      if (callServices.length === 0) return;
      const service = serviceOf(node.callee, callServices, registry, sourceCode, filename);
      if (service !== undefined) report(node, service, argumentsText(sourceCode, node.arguments));
    }

    // `Reflect.construct` spells both words, and a call-constructed service its own name: without
    // them, call expressions need no listener.
    const checksCalls = callServices.length > 0 || resolveServices.length > 0 || (mayMention(sourceCode, 'Reflect') && mayMention(sourceCode, 'construct'));
    return {
      NewExpression(node) {
        const service = serviceOf(node.callee, services, registry, sourceCode, filename);
        if (service !== undefined) report(node, service, argumentsText(sourceCode, node.arguments));
      },
      ...(checksCalls ? { CallExpression: checkCall } : {}),
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    };
  },
});

import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isInjectionTokenUse } from '../src/containers.js';
import { createRule } from '../src/create-rule.js';
import { importedFactoryName } from '../src/factories.js';
import {
  factoryImport,
  makeTypeOnly,
  removeSpecifier,
  removeStatement,
  semicolonOf,
  spellModule,
} from '../src/fixes.js';
import { findVariable, mayMention, serviceWords } from '../src/identity.js';
import {
  exportedNames,
  hasOnlyInertValueUses,
  hasTypeUse,
  hasValueUse,
  isTypeScriptFile,
  isTypePositionReference,
  isDecoratorMetadataPosition,
  isUsedOnlyAsType,
  mayCallImport,
  starStatements,
} from '../src/imports.js';
import { registryOf, type Service } from '../src/registry.js';
import { findTsconfig } from '../src/resolution.js';
import { messageDataOf } from '../src/messages.js';
import { serviceContextOf } from '../src/service-context.js';
import { serviceVisitor, type ReferencedName } from '../src/service-visitor.js';
import { emitsDecoratorMetadata, quoteSpecifier } from '../src/specifier.js';

export type MessageIds =
  | 'bypass'
  | 'bypassContainer'
  | 'bypassNoFactory'
  | 'typeOnly'
  | 'typeOnlyNoFactory'
  | 'reexport'
  | 'reexportNoFactory'
  | 'useFactory'
  | 'reexportFactory'
  | 'reexportType';
export type Options = [{ allowTypeImports: boolean; checkAllValueUses: boolean }];

/** A service with a `module`: the only kind whose module can be reached around its factory. */
type ModuleService = Service & { readonly module: NonNullable<Service['module']> };
type Suggestion = TSESLint.SuggestionReportDescriptor<MessageIds>;

/** The leftmost name of `A.B.C` in a type. */
function leftmostName(name: TSESTree.EntityName): string | undefined {
  let current = name;
  while (current.type === 'TSQualifiedName') current = current.left;
  return current.type === 'Identifier' ? current.name : undefined;
}

/** The message of a value import around the factory: a type-only one when the binding is used only as a type (and the fix makes it so). */
function bypassMessage(service: Service, usedOnlyAsType: boolean): MessageIds {
  if (usedOnlyAsType) return service.factory === undefined ? 'typeOnlyNoFactory' : 'typeOnly';
  return service.factory === undefined ? 'bypassNoFactory' : 'bypass';
}

export default createRule<Options, MessageIds>({
  name: 'no-factory-bypass',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow importing a managed service's class around its factory",
      recommended: true,
      strictOptions: [{ checkAllValueUses: true }],
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allowTypeImports: {
            type: 'boolean',
            description:
              'Allow type-only references to the service module (`import type`, `import { type C }`, `export type { C } from`, `typeof import(M)`).',
          },
          checkAllValueUses: {
            type: 'boolean',
            description:
              'Also report a value import of the class used only for `instanceof` and static member reads (`C.VERSION`), which cannot construct it.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowTypeImports: true, checkAllValueUses: false }],
    messages: {
      bypass:
        "Import {{factory}} from '{{factoryModule}}' instead of reaching into '{{module}}': {{service}} is created only by its factory.",
      bypassNoFactory: "Do not import {{service}} from '{{module}}' here: it may be used directly only in {{allowed}}.",
      typeOnly:
        "{{service}} is used here only as a type: import it with `import type` from '{{source}}', so this file cannot construct it around {{factory}}().",
      typeOnlyNoFactory:
        "{{service}} is used here only as a type: import it with `import type` from '{{source}}', so this file cannot use it outside {{allowed}}.",
      bypassContainer:
        "Do not use {{service}} from '{{module}}' as a value here: it is provided by the {{container}} container; inject it (a constructor parameter or the container's inject) instead.",
      reexport: "This module re-exports {{service}} from '{{module}}', letting every importer bypass {{factory}}().",
      reexportNoFactory:
        "This module re-exports {{service}} from '{{module}}', letting every importer use it outside {{allowed}}.",
      useFactory: "Import {{factory}} from '{{factoryModule}}' instead.",
      reexportFactory: "Re-export {{factory}} from '{{factoryModule}}' instead.",
      reexportType: 'Re-export only the type of {{service}}.',
    },
  },
  create(context, [options]) {
    const registry = registryOf(context);
    const filename = context.filename;
    // Every service with a module: the names and the module paths are all the listeners need to know.
    const services = registry.services.filter((service): service is ModuleService => service.module !== undefined);
    if (services.length === 0) return {};
    const { sourceCode } = context;
    const allowTypeImports = options.allowTypeImports;
    const checkAllValueUses = options.checkAllValueUses;

    const context_ = serviceContextOf(context);
    /** Services (restricted here) whose own module `specifier` is. */
    const servicesReachedBy = (specifier: string): readonly ModuleService[] =>
      context_.servicesReachedBy(specifier) as readonly ModuleService[];
    /** Services (restricted here) whose class the export `name` of `specifier` is, whichever module re-exports it (the module graph). */
    const servicesImportedAs = (specifier: string, name: string): readonly ModuleService[] =>
      context_.servicesImportedAs(specifier, name) as readonly ModuleService[];

    // A file reaches a service's module around its factory only by spelling the class's name, or
    // through what takes every export: a namespace import or star re-export of that module,
    // `import()`, `require()`. Without any of them the rule needs no listener (and oxlint no AST).
    if (
      !context_.mentioned.some((service) => service.module !== undefined) &&
      !mayCallImport(sourceCode.text) &&
      !mayMention(sourceCode, 'require') &&
      starStatements(sourceCode.text)?.every(
        ({ specifier, reexportsNames }) =>
          servicesReachedBy(specifier).length === 0 &&
          // A namespace is reported only when it is the service's own module (the module graph is
          // not asked); `export * from` a barrel re-exports the class it carries.
          (!reexportsNames ||
            services.every(
              (service) =>
                service.className === 'default' || servicesImportedAs(specifier, service.className).length === 0,
            )),
      ) === true
    )
      return {};
    const program = sourceCode.ast;
    const classNames = new Set(services.map((service) => service.className));
    // The names a class may be imported by: its own, the other names its module exports it as, and `default`.
    const importableNames = new Set([...services.flatMap((service) => serviceWords(service, registry)), 'default']);
    const parserOptions = context.languageOptions.parserOptions as { emitDecoratorMetadata?: unknown } | undefined;
    // Decorator metadata turns some type annotations into runtime references (set in parserOptions,
    // or — where NestJS and Angular set it — in the tsconfig that applies to the file).
    const decoratorMetadata =
      parserOptions?.emitDecoratorMetadata === true ||
      emitsDecoratorMetadata(findTsconfig(path.dirname(filename)) ?? registry.resolver.tsconfig);
    const typeFixes = allowTypeImports && isTypeScriptFile(filename);
    /** A type-only import of this binding keeps behaviour: none of its types is written into decorator metadata. */
    const canFixTypes = (variable: TSESLint.Scope.Variable | undefined): boolean =>
      typeFixes &&
      (!decoratorMetadata ||
        variable?.references.some((reference) => isDecoratorMetadataPosition(reference.identifier)) !== true);
    // A re-export's importers are out of sight: with decorator metadata, no type-only re-export.
    const canFixReexportTypes = typeFixes && !decoratorMetadata;

    /** The factory's module as this file should spell it, copying the extension style of `hint`. */
    function factorySpecifier(service: ModuleService, hint: string): string | undefined {
      if (service.factory === undefined) return undefined;
      return spellModule(registry, service.factory.module, filename, program, hint);
    }

    /** Suggestion: import the factory instead of the class (keeping a type-only import of the class when types use it). */
    function importFactorySuggestion(
      declaration: TSESTree.ImportDeclaration,
      specifier: TSESTree.ImportClause,
      service: ModuleService,
      variable: TSESLint.Scope.Variable | undefined,
    ): Suggestion | undefined {
      const factory = service.factory;
      if (factory === undefined || specifier.type === 'ImportNamespaceSpecifier') return undefined;
      // Removing the binding while `new C()`, `C.VERSION` or `x instanceof C` still use it would not
      // compile (and would hide the `new C()` from no-direct-instantiation): offer nothing then.
      if (hasValueUse(variable)) return undefined;
      // Types still name the class and cannot keep a type-only import of it (JavaScript, decorator metadata).
      if (!canFixTypes(variable) && hasTypeUse(variable)) return undefined;
      const data = messageDataOf(service);
      const sole = declaration.specifiers.length === 1;
      const keepType = canFixTypes(variable) && hasTypeUse(variable);
      if (sole && !keepType) {
        // Replace the declaration in place (or drop it when the factory is imported already).
        if (importedFactoryName(factory, registry, program, filename) !== undefined)
          return { messageId: 'useFactory', data, fix: (fixer) => removeStatement(fixer, sourceCode, declaration) };
        if (findVariable(sourceCode.getScope(declaration), factory.export) !== undefined) return undefined;
        const target = factorySpecifier(service, declaration.source.value) ?? '';
        const text = `import { ${factory.export} } from ${quoteSpecifier(target)}${semicolonOf(sourceCode, declaration)}`;
        return { messageId: 'useFactory', data, fix: (fixer) => fixer.replaceText(declaration, text) };
      }
      const access = factoryImport(service, registry, sourceCode, filename, declaration);
      if (access === undefined) return undefined;
      return {
        messageId: 'useFactory',
        data,
        fix: (fixer) => [
          ...(keepType
            ? makeTypeOnly(fixer, sourceCode, declaration, specifier)
            : [removeSpecifier(fixer, sourceCode, declaration, specifier)]),
          ...access.fix(fixer),
        ],
      };
    }

    function reportImport(
      declaration: TSESTree.ImportDeclaration,
      specifier: TSESTree.ImportClause,
      service: ModuleService,
      typeOnly: boolean,
    ): void {
      const variable = sourceCode.getDeclaredVariables(specifier)[0];
      if (service.container !== undefined && specifier.type !== 'ImportNamespaceSpecifier') {
        // The container is the factory: types and injection tokens are how its services are used (and
        // decorator metadata may need the import at runtime, so no type-only fix); other values are not.
        const misuse = variable?.references.find(
          (reference) =>
            !isTypePositionReference(reference) &&
            !isInjectionTokenUse(reference.identifier, registry.containers, sourceCode),
        );
        if (typeOnly || misuse === undefined) return;
        context.report({
          node: specifier,
          messageId: 'bypassContainer',
          data: { service: service.name, module: service.module.display, container: service.container.label },
        });
        return;
      }
      // `x instanceof C` and `C.VERSION` cannot construct anything, and the factory offers neither: no finding by default.
      if (
        !typeOnly &&
        !checkAllValueUses &&
        specifier.type !== 'ImportNamespaceSpecifier' &&
        hasOnlyInertValueUses(variable)
      )
        return;
      const fixable = !typeOnly && canFixTypes(variable) && isUsedOnlyAsType(variable);
      const suggestion =
        fixable || typeOnly ? undefined : importFactorySuggestion(declaration, specifier, service, variable);
      context.report({
        node: specifier,
        // Used only as a type, the import needs no factory (the file may import it already): say what the fix does.
        messageId: bypassMessage(service, fixable),
        data: { ...messageDataOf(service), source: declaration.source.value },
        fix: fixable ? (fixer) => makeTypeOnly(fixer, sourceCode, declaration, specifier) : null,
        suggest: suggestion === undefined ? [] : [suggestion],
      });
    }

    function reexportSuggestions(
      declaration: TSESTree.ExportNamedDeclaration,
      specifier: TSESTree.ExportSpecifier,
      service: ModuleService,
    ): Suggestion[] {
      const suggestions: Suggestion[] = [];
      const data = messageDataOf(service);
      const factory = service.factory;
      const target = declaration.source === null ? undefined : factorySpecifier(service, declaration.source.value);
      if (factory !== undefined && target !== undefined) {
        const alreadyExported = exportedNames(program).has(factory.export);
        const text = `export { ${factory.export} } from ${quoteSpecifier(target)}${semicolonOf(sourceCode, declaration)}`;
        suggestions.push({
          messageId: 'reexportFactory',
          data,
          fix: (fixer) => {
            if (declaration.specifiers.length === 1)
              return alreadyExported
                ? removeStatement(fixer, sourceCode, declaration)
                : fixer.replaceText(declaration, text);
            const removal = removeSpecifier(fixer, sourceCode, declaration, specifier);
            return alreadyExported ? removal : [removal, fixer.insertTextAfter(declaration, `\n${text}`)];
          },
        });
      }
      if (canFixReexportTypes) {
        suggestions.push({
          messageId: 'reexportType',
          data,
          fix: (fixer) => makeTypeOnly(fixer, sourceCode, declaration, specifier),
        });
      }
      return suggestions;
    }

    function reportReexport(node: TSESTree.Node, service: ModuleService, suggest: Suggestion[]): void {
      context.report({
        node,
        messageId: service.factory === undefined ? 'reexportNoFactory' : 'reexport',
        data: messageDataOf(service),
        suggest,
      });
    }

    /** `require(M)` / `import(M)`: reported where the class is taken from the module object. */
    function checkModuleObject(
      call: TSESTree.CallExpression | TSESTree.ImportExpression,
      source: string,
      reach: (name: string) => TSESTree.Node | undefined,
    ): void {
      const reaches = new Map<string, TSESTree.Node>();
      for (const className of classNames) {
        const node = reach(className);
        if (node !== undefined) reaches.set(className, node);
      }
      if (reaches.size === 0) return;
      for (const service of services) {
        const node = reaches.get(service.className);
        if (node === undefined) continue;
        // The whole module object of a barrel is like its namespace import: reported only where the class is taken from it.
        const direct = servicesReachedBy(source).includes(service);
        if (!direct && (node === call || !servicesImportedAs(source, service.className).includes(service))) continue;
        context.report({
          node,
          messageId: service.factory === undefined ? 'bypassNoFactory' : 'bypass',
          data: messageDataOf(service),
          suggest: [],
        });
      }
    }

    function checkImport(declaration: TSESTree.ImportDeclaration, names: readonly ReferencedName[]): void {
      for (const { name, node: specifier, typeOnly } of names) {
        if (typeOnly && allowTypeImports) continue;
        if (
          specifier.type !== 'ImportSpecifier' &&
          specifier.type !== 'ImportDefaultSpecifier' &&
          specifier.type !== 'ImportNamespaceSpecifier'
        )
          continue;
        // A namespace import takes every export of the service's own module; a named or default
        // import is the class when its binding is, whichever module it is imported from. Only names
        // that can be a class's lead to resolving the module (a cheap pre-filter).
        if (specifier.type === 'ImportNamespaceSpecifier') {
          for (const service of servicesReachedBy(declaration.source.value))
            reportImport(declaration, specifier, service, typeOnly);
        } else if (importableNames.has(name)) {
          for (const service of servicesImportedAs(declaration.source.value, name))
            reportImport(declaration, specifier, service, typeOnly);
        }
      }
    }

    function checkImportEquals(node: TSESTree.TSImportEqualsDeclaration, source: string): void {
      const exported = node.parent.type === 'ExportNamedDeclaration';
      // The module object: the service's own module, or a module whose `export =` is the class.
      const reached = servicesReachedBy(source);
      for (const service of [
        ...reached,
        ...servicesImportedAs(source, '=').filter((service) => !reached.includes(service)),
      ]) {
        if (exported) {
          reportReexport(node.parent, service, []);
          continue;
        }
        const variable = sourceCode.getDeclaredVariables(node)[0];
        const fixable = node.importKind === 'value' && canFixTypes(variable) && isUsedOnlyAsType(variable);
        context.report({
          node,
          messageId: bypassMessage(service, fixable),
          data: { ...messageDataOf(service), source },
          fix: fixable ? (fixer) => makeTypeOnly(fixer, sourceCode, node) : null,
          suggest: [],
        });
      }
    }

    function checkExportFrom(
      declaration: TSESTree.ExportNamedDeclaration,
      source: string,
      names: readonly ReferencedName[],
    ): void {
      for (const { name, node: specifier, typeOnly } of names) {
        if ((typeOnly && allowTypeImports) || specifier.type !== 'ExportSpecifier' || !importableNames.has(name))
          continue;
        for (const service of servicesImportedAs(source, name))
          reportReexport(specifier, service, typeOnly ? [] : reexportSuggestions(declaration, specifier, service));
      }
    }

    function checkExportAll(node: TSESTree.ExportAllDeclaration, source: string): void {
      // `export * from` leaves the default export out; `export * as ns from` carries it.
      const carries = (service: ModuleService): boolean => node.exported !== null || service.className !== 'default';
      for (const service of services) {
        if (!carries(service)) continue;
        const name = node.exported === null ? service.className : 'default';
        if (
          servicesReachedBy(source).includes(service) ||
          (node.exported === null && servicesImportedAs(source, name).includes(service))
        )
          reportReexport(node, service, []);
      }
    }

    // One event for every syntax that names a module (import, export … from, export *, import =,
    // require(), import()); the visitor listens to `require` calls only in files that spell the word.
    const listener = serviceVisitor(context_, {
      moduleReference(event) {
        if ('reach' in event) {
          checkModuleObject(event.node, event.specifier, event.reach);
          return;
        }
        if (event.typeOnly && allowTypeImports) return;
        const { node, specifier, names } = event;
        if (node.type === 'ImportDeclaration') checkImport(node, names);
        else if (node.type === 'ExportNamedDeclaration') checkExportFrom(node, specifier, names);
        else if (node.type === 'ExportAllDeclaration') checkExportAll(node, specifier);
        else checkImportEquals(node, specifier);
      },
    });
    if (allowTypeImports) return listener;
    return {
      ...listener,
      TSImportType(node) {
        const name = node.qualifier === null ? undefined : leftmostName(node.qualifier);
        if (name !== undefined && !classNames.has(name)) return;
        for (const service of servicesReachedBy(node.source.value)) {
          if (name !== undefined && name !== service.className) continue;
          context.report({
            node,
            messageId: service.factory === undefined ? 'bypassNoFactory' : 'bypass',
            data: messageDataOf(service),
            suggest: [],
          });
        }
      },
    };
  },
});

/**
 * One visitor over a file's {@link ServiceContext}, turning syntax into the domain events rules are
 * written against — so a rule is policy only:
 *
 * - `construct`: `new C()`, a call of a `construct: 'call'` service, `Reflect.construct(C, args)`;
 * - `subclass`: `class X extends C`;
 * - `factoryCall`: a call of a scoped service's factory (imported directly or through barrels);
 * - `moduleReference`: one shape for `import`, `export … from`, `export *`, `import X = require()`,
 *   `require()` and `import()`;
 * - `classDeclared`: every class declaration or expression.
 *
 * Only the listeners the file can need are registered (a file without `require` gets no
 * `CallExpression` listener for it, a file that spells no service none for `new`), so the text
 * pre-filters of the context keep working: a rule whose context has nothing applicable returns `{}`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { argumentsText } from './fixes.js';
import {
  mayMention,
  memberName,
  moduleExportName,
  originOf,
  requireSource,
  skipWrappers,
  staticString,
} from './identity.js';
import { moduleObjectReach } from './imports.js';
import { thisOwner, type ClassNode } from './module-scope.js';
import type { Service } from './registry.js';
import type { ServiceContext } from './service-context.js';

/** A construction of a class: `new C(…)`, a call-constructed service `io(…)`, or `Reflect.construct(C, […])`. */
export interface ConstructEvent {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: 'call' | 'new' | 'reflect';
  /** What is constructed: the callee (`new this()` in static code: the class's name), or `Reflect.construct`'s target. */
  readonly callee: TSESTree.Node;
  /** The service constructed; undefined only for `new` of another class with `allConstructions`. */
  readonly service: Service | undefined;
  /** The constructor arguments as source text (`a, b`), undefined when they cannot be spelled (`Reflect.construct(C, args)` with a spread). */
  readonly args: string | undefined;
}

export interface SubclassEvent {
  readonly node: ClassNode;
  readonly superClass: TSESTree.Expression;
  readonly service: Service;
}

export interface FactoryCallEvent {
  readonly node: TSESTree.CallExpression;
  /** The scoped service whose factory is called. */
  readonly service: Service;
}

/** One name a module reference takes: `'*'` for a namespace or star, `'='` for the module object of `import X = require()`. */
export interface ReferencedName {
  readonly name: string;
  /** The specifier (import/export) or the declaration. */
  readonly node: TSESTree.Node;
  readonly typeOnly: boolean;
}

/** A module reference, one shape for every syntax that names a module. */
export type ModuleReferenceEvent =
  | {
      readonly kind: 'export-all' | 'export-from' | 'import' | 'import-equals';
      readonly node:
        | TSESTree.ExportAllDeclaration
        | TSESTree.ExportNamedDeclaration
        | TSESTree.ImportDeclaration
        | TSESTree.TSImportEqualsDeclaration;
      readonly specifier: string;
      /** The whole declaration is type-only (`import type`, `export type`). */
      readonly typeOnly: boolean;
      readonly names: readonly ReferencedName[];
    }
  | {
      readonly kind: 'import-call' | 'require';
      readonly node: TSESTree.CallExpression | TSESTree.ImportExpression;
      readonly specifier: string;
      readonly typeOnly: false;
      /** The node that takes export `name` from the module object (a destructured property, a member), the call itself when the whole object escapes, undefined when only other names are taken. */
      readonly reach: (name: string) => TSESTree.Node | undefined;
    };

export interface ServiceEvents {
  construct?: (event: ConstructEvent) => void;
  subclass?: (event: SubclassEvent) => void;
  factoryCall?: (event: FactoryCallEvent) => void;
  moduleReference?: (event: ModuleReferenceEvent) => void;
  classDeclared?: (node: ClassNode) => void;
}

export interface ServiceVisitorOptions {
  /** The services `construct`/`subclass` look for: `applicable` (default) or every `mentioned` one (homes included). */
  readonly candidates?: 'applicable' | 'mentioned';
  /** Also emit `construct` for `new` of any class (`service` undefined when it is none). */
  readonly allConstructions?: boolean;
}

/** `new this()` in static code: the class's name. */
function classOfThis(callee: TSESTree.Node): TSESTree.Identifier | undefined {
  const node = skipWrappers(callee);
  if (node.type !== 'ThisExpression') return undefined;
  const owner = thisOwner(node);
  return owner?.kind === 'class' ? (owner.node.id ?? undefined) : undefined;
}

/** `Reflect.construct` with the global `Reflect`. */
function isReflectConstruct(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const unwrapped = skipWrappers(callee);
  if (unwrapped.type !== 'MemberExpression' || memberName(unwrapped) !== 'construct') return false;
  const origin = originOf(unwrapped.object, sourceCode);
  return origin?.kind === 'global' && origin.name === 'Reflect';
}

/** The function an indirect call runs: `(0, f)(u)` → `f`, `f.call(this, u)` / `f.apply(this, [u])` → `f`. */
function indirectCallee(node: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = skipWrappers(node.callee);
  if (callee.type === 'SequenceExpression') {
    const last = callee.expressions.at(-1);
    return last === undefined ? undefined : skipWrappers(last);
  }
  if (callee.type === 'MemberExpression') {
    const name = memberName(callee);
    if (name === 'call' || name === 'apply') return skipWrappers(callee.object);
  }
  return undefined;
}

function reflectArguments(
  list: TSESTree.CallExpressionArgument | undefined,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | undefined {
  if (list === undefined) return '';
  if (list.type === 'ArrayExpression')
    return list.elements.every((element) => element !== null) ? argumentsText(sourceCode, list.elements) : undefined;
  return list.type === 'SpreadElement' ? undefined : `...${sourceCode.getText(list)}`;
}

const importedName = (specifier: TSESTree.ImportClause): string =>
  specifier.type === 'ImportSpecifier'
    ? specifier.imported.type === 'Identifier'
      ? specifier.imported.name
      : specifier.imported.value
    : specifier.type === 'ImportDefaultSpecifier'
      ? 'default'
      : '*';

/**
 * The listeners for `events` over the file of `services`: register only what the file can need.
 * Returns `{}` when nothing can happen (the rule then costs nothing on this file).
 */
export function serviceVisitor(
  services: ServiceContext,
  events: ServiceEvents,
  options: ServiceVisitorOptions = {},
): TSESLint.RuleListener {
  const { sourceCode } = services;
  const candidates = options.candidates === 'mentioned' ? services.mentioned : services.applicable;
  const callServices = candidates.filter((service) => service.construct === 'call');
  const listener: TSESLint.RuleListener = {};
  const { construct, subclass, factoryCall, moduleReference, classDeclared } = events;

  if (construct !== undefined && (candidates.length > 0 || options.allConstructions === true)) {
    listener.NewExpression = (node) => {
      const callee = classOfThis(node.callee) ?? node.callee;
      const service = candidates.length === 0 ? undefined : services.serviceAt(callee, candidates);
      if (service === undefined && options.allConstructions !== true) return;
      construct({ node, kind: 'new', callee, service, args: argumentsText(sourceCode, node.arguments) });
    };
  }

  // `Reflect.construct` spells both words, a call-constructed service its own name, a factory its
  // name, `require()` the word: without them, call expressions need no listener.
  const checksReflect =
    construct !== undefined &&
    candidates.length > 0 &&
    mayMention(sourceCode, 'Reflect') &&
    mayMention(sourceCode, 'construct');
  const checksCalls = construct !== undefined && callServices.length > 0;
  const checksFactories = factoryCall !== undefined && services.factoryServices.length > 0;
  const checksRequire = moduleReference !== undefined && mayMention(sourceCode, 'require');
  if (checksReflect || checksCalls || checksFactories || checksRequire) {
    listener.CallExpression = (node) => {
      if (checksRequire && node.callee.type === 'Identifier' && node.callee.name === 'require') {
        const specifier = requireSource(node, sourceCode.getScope(node));
        if (specifier !== undefined) {
          moduleReference({
            kind: 'require',
            node,
            specifier,
            typeOnly: false,
            reach: (name) => moduleObjectReach(node, name),
          });
          return;
        }
      }
      if (checksReflect && isReflectConstruct(node.callee, sourceCode)) {
        const [target, list] = node.arguments;
        if (target === undefined || target.type === 'SpreadElement') return;
        const service = services.serviceAt(target, candidates);
        if (service !== undefined)
          construct({ node, kind: 'reflect', callee: target, service, args: reflectArguments(list, sourceCode) });
        return;
      }
      if (checksCalls) {
        const service = services.serviceAt(node.callee, callServices);
        if (service !== undefined) {
          construct({
            node,
            kind: 'call',
            callee: node.callee,
            service,
            args: argumentsText(sourceCode, node.arguments),
          });
          return;
        }
      }
      if (checksFactories) {
        const indirect = indirectCallee(node);
        const service =
          services.factoryAt(node.callee) ?? (indirect === undefined ? undefined : services.factoryAt(indirect));
        if (service !== undefined) factoryCall({ node, service });
      }
    };
  }

  if ((subclass !== undefined && candidates.length > 0) || classDeclared !== undefined) {
    const onClass = (node: ClassNode): void => {
      classDeclared?.(node);
      if (subclass === undefined || node.superClass === null) return;
      const service = services.serviceAt(node.superClass, candidates);
      if (service !== undefined) subclass({ node, superClass: node.superClass, service });
    };
    listener.ClassDeclaration = onClass;
    listener.ClassExpression = onClass;
  }

  if (moduleReference !== undefined) {
    listener.ImportDeclaration = (node) => {
      moduleReference({
        kind: 'import',
        node,
        specifier: node.source.value,
        typeOnly: node.importKind === 'type',
        names: node.specifiers.map((specifier) => ({
          name: importedName(specifier),
          node: specifier,
          typeOnly:
            node.importKind === 'type' || (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type'),
        })),
      });
    };
    listener.ExportNamedDeclaration = (node) => {
      if (node.source === null) return;
      moduleReference({
        kind: 'export-from',
        node,
        specifier: node.source.value,
        typeOnly: node.exportKind === 'type',
        names: node.specifiers.map((specifier) => ({
          name: moduleExportName(specifier.local),
          node: specifier,
          typeOnly: node.exportKind === 'type' || specifier.exportKind === 'type',
        })),
      });
    };
    listener.ExportAllDeclaration = (node) => {
      moduleReference({
        kind: 'export-all',
        node,
        specifier: node.source.value,
        typeOnly: node.exportKind === 'type',
        names: [{ name: '*', node, typeOnly: node.exportKind === 'type' }],
      });
    };
    listener.TSImportEqualsDeclaration = (node) => {
      if (node.moduleReference.type !== 'TSExternalModuleReference') return;
      const specifier = staticString(node.moduleReference.expression);
      if (specifier === undefined) return;
      const typeOnly = node.importKind === 'type';
      moduleReference({ kind: 'import-equals', node, specifier, typeOnly, names: [{ name: '=', node, typeOnly }] });
    };
    listener.ImportExpression = (node) => {
      const specifier = staticString(node.source);
      if (specifier !== undefined)
        moduleReference({
          kind: 'import-call',
          node,
          specifier,
          typeOnly: false,
          reach: (name) => moduleObjectReach(node, name),
        });
    };
  }
  return listener;
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  angularProvidedClasses,
  declaredLifetime,
  lifetimeText,
  mayUseContainers,
  registrationOf,
  scopedAdvice,
  withListener,
  type ContainerSpec,
} from '../src/containers.js';
import { BoundedMap } from '../src/bounded-map.js';
import { createRule } from '../src/create-rule.js';
import { discoveredAt } from '../src/decorated-classes.js';
import { DEFAULT_MEMOIZERS, MEMOIZERS_SCHEMA, moduleLevelMemoizer } from '../src/memoizers.js';
import { findVariable, mayMention, memberName, originOf, skipWrappers, type Origin } from '../src/identity.js';
import {
  GLOBAL_OBJECTS,
  destinationOf,
  isClearedByTheSameFunction,
  isModuleLoad,
  localExportNames,
  slots,
  type Slot,
} from '../src/module-scope.js';
import type { Service } from '../src/registry.js';
import { isAllowedFile, serviceContextOf } from '../src/service-context.js';
import { serviceVisitor } from '../src/service-visitor.js';
import { normalizeModulePath } from '../src/resolution.js';
import { SsotConfigError } from '../src/settings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Globals whose instances are values, not services: never reported by `checkAllClasses`. */
const VALUE_LIKE_GLOBALS = new Set([
  'AbortController',
  'AggregateError',
  'Array',
  'ArrayBuffer',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'Blob',
  'Boolean',
  'DataView',
  'Date',
  'DOMException',
  'Error',
  'EvalError',
  'FinalizationRegistry',
  'Float16Array',
  'Float32Array',
  'Float64Array',
  'FormData',
  'Headers',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Map',
  'Number',
  'Object',
  'Promise',
  'RangeError',
  'ReferenceError',
  'RegExp',
  'Request',
  'Response',
  'Set',
  'SharedArrayBuffer',
  'String',
  'Symbol',
  'SyntaxError',
  'TextDecoder',
  'TextEncoder',
  'TypeError',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'URIError',
  'URL',
  'URLSearchParams',
  'WeakMap',
  'WeakRef',
  'WeakSet',
]);
/** Namespaces whose constructors are all value-like (`new Intl.NumberFormat()`). */
const VALUE_LIKE_NAMESPACES = new Set(['Intl']);
const MAX_SUPERCLASS_DEPTH = 8;
const REGEX_OPTION = /^\/(.+)\/([dgimsuvy]*)$/s;

/** `Foo`, `ns.Foo`, `window.Foo` → the dotted name (global object dropped) and whether its root is a global. */
function namePath(
  node: TSESTree.Node,
  sourceCode: SourceCode,
): { readonly names: string[]; readonly global: boolean } | undefined {
  const names: string[] = [];
  let current = skipWrappers(node);
  while (current.type === 'MemberExpression') {
    const name = memberName(current);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = skipWrappers(current.object);
  }
  if (current.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode.getScope(current), current.name);
  const global = variable === undefined || (variable.defs.length === 0 && variable.scope.type === 'global');
  if (global && GLOBAL_OBJECTS.has(current.name) && names.length > 0) return { names, global };
  return { names: [current.name, ...names], global };
}

/** A local class (or class expression bound to a const) and what it extends. */
function localSuperClass(callee: TSESTree.Node, sourceCode: SourceCode): TSESTree.Expression | undefined {
  const node = skipWrappers(callee);
  if (node.type !== 'Identifier') return undefined;
  const def = findVariable(sourceCode.getScope(node), node.name)?.defs[0];
  if (def?.type === 'ClassName') return def.node.superClass ?? undefined;
  if (def?.type === 'Variable' && def.node.init?.type === 'ClassExpression')
    return def.node.init.superClass ?? undefined;
  return undefined;
}

/** A built-in value-like global (`Map`, `Intl.NumberFormat`, …), or a class of this file extending one. */
function isValueLike(callee: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  // Through aliases: `const M = Map; new M()`, `new window.Map()`.
  const origin = originOf(callee, sourceCode);
  if (origin?.kind === 'global') return VALUE_LIKE_GLOBALS.has(origin.name);
  const named = namePath(callee, sourceCode);
  if (named?.global === true) {
    const [first] = named.names;
    return named.names.length > 1 && first !== undefined && VALUE_LIKE_NAMESPACES.has(first);
  }
  if (depth >= MAX_SUPERCLASS_DEPTH) return false;
  const superClass = localSuperClass(callee, sourceCode);
  return superClass !== undefined && isValueLike(superClass, sourceCode, depth + 1);
}

/** An array element with the comma that separates it from the next (or the previous) one. */
function listElementRange(element: TSESTree.Node, sourceCode: SourceCode): [number, number] {
  const after = sourceCode.getTokenAfter(element);
  if (after?.value === ',') {
    const next = sourceCode.getTokenAfter(after);
    return [element.range[0], next?.value === ']' ? after.range[1] : (next?.range[0] ?? after.range[1])];
  }
  const before = sourceCode.getTokenBefore(element);
  return [before?.value === ',' ? before.range[0] : element.range[0], element.range[1]];
}

type IgnoreTest = (names: readonly string[]) => boolean;
const compiledIgnores = new BoundedMap<string, IgnoreTest>(100);

/** `ignoreClasses` as a test, compiled once per distinct list (and checked on every file, even one the rule skips). */
function compileIgnore(patterns: readonly string[]): IgnoreTest {
  return compiledIgnores.getOrCompute(patterns.join('\0'), () => compileIgnoreUncached(patterns));
}

function compileIgnoreUncached(patterns: readonly string[]): IgnoreTest {
  const exact = new Set<string>();
  const regexes: RegExp[] = [];
  for (const [index, pattern] of patterns.entries()) {
    const match = REGEX_OPTION.exec(pattern);
    if (match === null) {
      exact.add(pattern);
      continue;
    }
    try {
      // Without the stateful flags: `test` must not depend on the previous match.
      regexes.push(new RegExp(match[1] ?? '', (match[2] ?? '').replaceAll(/[gy]/g, '')));
    } catch (error) {
      throw new SsotConfigError(
        `ssot/no-module-singleton: ignoreClasses[${String(index)}]: invalid regular expression ${pattern} (${(error as Error).message})`,
      );
    }
  }
  return (names) => names.some((name) => exact.has(name) || regexes.some((regex) => regex.test(name)));
}

/** The names a callee goes by: as written (`ns.Foo`), its last segment, and the name it was imported as. */
function calleeNames(callee: TSESTree.Node, sourceCode: SourceCode, origin: Origin | undefined): string[] {
  const names: string[] = [];
  const named = namePath(callee, sourceCode);
  if (named !== undefined) {
    names.push(named.names.join('.'));
    const last = named.names.at(-1);
    if (last !== undefined && named.names.length > 1) names.push(last);
  }
  if (origin !== undefined && origin.kind !== 'module' && origin.name !== 'default') names.push(origin.name);
  return names;
}

function classLabel(callee: TSESTree.Node, sourceCode: SourceCode): string {
  const node = skipWrappers(callee);
  if (node.type === 'ClassExpression') return node.id === null ? 'An anonymous class' : node.id.name;
  const named = namePath(node, sourceCode);
  return named === undefined ? sourceCode.getText(node) : named.names.join('.');
}

type Shape = 'eager' | 'lazy' | 'memoized';

export type MessageIds =
  | 'containerNotSingleton'
  | 'containerSingleton'
  | 'eager'
  | 'eagerNoFactory'
  | 'factoryAtModuleScope'
  | 'factoryLazy'
  | 'factoryMemoized'
  | 'lazy'
  | 'lazyNoFactory'
  | 'memoized'
  | 'memoizedNoFactory'
  | 'providedAgain'
  | 'removeProvider'
  | 'singletonElsewhere'
  | 'singletonElsewhereNoFactory'
  | 'singletonSecond';

export type Options = [
  {
    /** Report module-level instances of any class, not only the registered services. */
    checkAllClasses: boolean;
    /** Class names or `/regex/` strings `checkAllClasses` leaves alone. */
    ignoreClasses: string[];
    /** Functions that cache their callback's result. */
    memoizers: string[];
  },
];

const NO_FACTORY_MESSAGE = {
  eager: 'eagerNoFactory',
  lazy: 'lazyNoFactory',
  memoized: 'memoizedNoFactory',
} as const satisfies Record<Shape, MessageIds>;

const FACTORY_MESSAGE = {
  eager: 'factoryAtModuleScope',
  lazy: 'factoryLazy',
  memoized: 'factoryMemoized',
} as const satisfies Record<Shape, MessageIds>;

export default createRule<Options, MessageIds>({
  name: 'no-module-singleton',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow module-level instances of services, shared by every importer of the module',
      recommended: true,
      strict: true,
      strictOptions: [{ checkAllClasses: true }],
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkAllClasses: {
            type: 'boolean',
            description:
              'Report module-level instances of any class or constructor, not only the registered services (built-in value-like globals such as Map, Date or URL excepted).',
          },
          ignoreClasses: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Class names, or `/regex/` strings matched against them, that `checkAllClasses` does not report.',
          },
          memoizers: MEMOIZERS_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkAllClasses: false, ignoreClasses: [], memoizers: [...DEFAULT_MEMOIZERS] }],
    messages: {
      eager:
        '{{service}} is created once at module load and shared by every importer; create it per user or request with {{factory}}().',
      eagerNoFactory:
        '{{service}} is created once at module load and shared by every importer; create it per user or request instead.',
      lazy: '{{service}} is created on first use and kept in `{{target}}`, so every later caller shares it; create it per user or request with {{factory}}().',
      lazyNoFactory:
        '{{service}} is created on first use and kept in `{{target}}`, so every later caller shares it; create it per user or request instead.',
      memoized:
        '{{service}} is created once by the memoized {{memoizer}}() and shared by every caller; create it per user or request with {{factory}}().',
      memoizedNoFactory:
        '{{service}} is created once by the memoized {{memoizer}}() and shared by every caller; create it per user or request instead.',
      factoryAtModuleScope:
        '{{factory}}() is called at module load, so the {{service}} it returns is shared by every importer; call it per user or request instead.',
      factoryLazy:
        'The {{service}} from {{factory}}() is kept in `{{target}}`, so every later caller shares it; call {{factory}}() per user or request instead.',
      factoryMemoized:
        'The {{service}} from {{factory}}() is cached by the memoized {{memoizer}}() and shared by every caller; call {{factory}}() per user or request instead.',
      singletonElsewhere:
        '{{service}} is a singleton owned by {{home}}; this module-level instance would be a second one, so get it from {{factory}}() instead.',
      singletonElsewhereNoFactory:
        '{{service}} is a singleton owned by {{home}}; this module-level instance would be a second one, so import that instance instead.',
      singletonSecond:
        '{{service}} is a singleton and this module already keeps its one instance (line {{line}}); do not create a second one.',
      containerSingleton:
        '{{service}} is scoped, but {{how}} makes the {{container}} container keep one instance for the whole process, shared by every user; {{advice}}.',
      containerNotSingleton:
        '{{service}} is a singleton, but {{how}} makes the {{container}} container create {{declared}}; declare it a singleton so every user shares the one instance.',
      providedAgain:
        '{{service}} is one instance for the whole application ({{why}}), but listing it in `{{key}}` of {{owner}} makes Angular create another one {{where}}, which no longer shares state with the rest of the application; remove it from `{{key}}`.',
      removeProvider: 'Remove {{service}} from `{{key}}`.',
    },
  },
  create(context, [{ checkAllClasses, ignoreClasses, memoizers: memoizerNames }]) {
    // Needed only where a service is kept: computed then, not for every file.
    let fileId: string | undefined;
    const idOfFile = (): string => (fileId ??= normalizeModulePath(context.filename));
    // Without settings only `checkAllClasses` has something to check (an empty registry); otherwise a missing registry is an error.
    const context_ = serviceContextOf(context, checkAllClasses);
    const { registry, sourceCode, filename } = context_;
    const isIgnored = compileIgnore(ignoreClasses);
    // Only services whose class or factory the file can spell (see ServiceContext): on most files the
    // rule needs no listener at all, unless `checkAllClasses` looks at every construction. Homes
    // count too: they may construct the service, but not keep it at module level.
    const services = context_.mentioned;
    const { factoryServices } = context_;
    // `checkAllClasses` only looks at `new` expressions, and a keyword cannot be spelt with escapes: a
    // file without the word `new` has none, so strict mode skips it like the default mode does.
    const checksAllClasses = checkAllClasses && mayMention(sourceCode, 'new');
    // `discover.decorators`: an Angular class listed in `providers` may be application-wide by its own decorator.
    const discovers = registry.discoverDecorators && mayUseContainers(sourceCode, registry.containers);
    if (services.length === 0 && factoryServices.length === 0 && !checksAllClasses && !discovers) return {};
    const memoizers = new Set(memoizerNames);

    /** Is this file the one place a `lifetime: 'singleton'` service may keep its instance? */
    function isSingletonHome(service: Service, callee: TSESTree.Node): boolean {
      if (service.factory !== undefined)
        return service.factory.module.kind === 'file' && service.factory.module.id === idOfFile();
      if (service.module?.kind === 'file') return service.module.id === idOfFile();
      if (service.module === undefined && !service.global) return originOf(callee, sourceCode)?.kind === 'local';
      return isAllowedFile(service, registry, filename);
    }

    interface Held {
      readonly service: Service;
      readonly node: TSESTree.Node;
      readonly slot: Slot;
      readonly home: boolean;
    }
    const held: Held[] = [];

    /** Where an instance created by `node` is kept for the module's lifetime, and in which shape. */
    function moduleLevelInstance(
      node: TSESTree.NewExpression | TSESTree.CallExpression,
    ): { shape: Shape; at: TSESTree.Node; slot: Slot; target: string; memoizer: string } | undefined {
      const destination = destinationOf(node, sourceCode);
      if (destination === undefined) return undefined;
      if (destination.kind === 'returned') {
        const memoized = moduleLevelMemoizer(destination.fn, memoizers, sourceCode);
        if (memoized === undefined) return undefined;
        return {
          shape: 'memoized',
          at: node,
          slot: slots.memoized(memoized.call),
          target: '',
          memoizer: memoized.name,
        };
      }
      if (destination.kind !== 'stored') return undefined;
      const { slot, text } = destination;
      if (isModuleLoad(node)) return { shape: 'eager', at: node, slot, target: text, memoizer: '' };
      if (
        destination.node.type !== 'AssignmentExpression' ||
        isClearedByTheSameFunction(destination.node, slot, sourceCode)
      )
        return undefined;
      return { shape: 'lazy', at: destination.node, slot, target: text, memoizer: '' };
    }

    function check(
      node: TSESTree.NewExpression | TSESTree.CallExpression,
      service: Service | undefined,
      label: string,
    ): void {
      const found = moduleLevelInstance(node);
      if (found === undefined) return;
      if (service?.lifetime === 'singleton') {
        held.push({ service, node: found.at, slot: found.slot, home: isSingletonHome(service, node.callee) });
        return;
      }
      const factory = service?.factory?.name;
      context.report({
        node: found.at,
        messageId: factory === undefined ? NO_FACTORY_MESSAGE[found.shape] : found.shape,
        data: { service: label, factory: factory ?? '', target: found.target, memoizer: found.memoizer },
      });
    }

    function checkFactoryCall(node: TSESTree.CallExpression, service: Service): void {
      const data = { ...context_.messageData(service), target: '', memoizer: '' };
      if (isModuleLoad(node)) {
        context.report({ node, messageId: 'factoryAtModuleScope', data });
        return;
      }
      const found = moduleLevelInstance(node);
      if (found === undefined) return;
      context.report({
        node: found.at,
        messageId: FACTORY_MESSAGE[found.shape],
        data: { ...data, target: found.target, memoizer: found.memoizer },
      });
    }

    const checkedOthers = new Set<TSESTree.Node>();
    function checkOther(node: TSESTree.NewExpression | TSESTree.CallExpression, callee: TSESTree.Node): void {
      checkedOthers.add(node);
      if (!checksAllClasses || isValueLike(callee, sourceCode)) return;
      const origin = originOf(callee, sourceCode);
      if (isIgnored(calleeNames(callee, sourceCode, origin))) return;
      check(node, undefined, classLabel(callee, sourceCode));
    }

    // Local subclasses of a service (`class Sub extends WebSocketManager {}`) and the `new Sub()` of the file.
    const subclasses = new Map<TSESTree.Node, Service>();
    const news: TSESTree.NewExpression[] = [];
    function checkSubclassInstances(): void {
      for (const node of news) {
        if (checkedOthers.has(node)) continue;
        const callee = skipWrappers(node.callee);
        if (callee.type !== 'Identifier') continue;
        const def = findVariable(sourceCode.getScope(callee), callee.name)?.defs[0];
        const declared = def?.type === 'ClassName' ? def.node : def?.type === 'Variable' ? def.node.init : undefined;
        const service = declared === undefined || declared === null ? undefined : subclasses.get(declared);
        if (service !== undefined) check(node, service, `${callee.name} (a subclass of ${service.name})`);
      }
    }

    /** Singletons: one instance in the service's home, none anywhere else. */
    function reportHeld(): void {
      checkSubclassInstances();
      const byService = new Map<Service, Held[]>();
      for (const entry of held) byService.set(entry.service, [...(byService.get(entry.service) ?? []), entry]);
      for (const [service, entries] of byService) {
        entries.sort((a, b) => a.node.range[0] - b.node.range[0]);
        const first = entries.find((entry) => entry.home);
        for (const entry of entries) {
          if (!entry.home) {
            context.report({
              node: entry.node,
              messageId: service.factory === undefined ? 'singletonElsewhereNoFactory' : 'singletonElsewhere',
              data: context_.messageData(service),
            });
          } else if (first !== undefined && entry.slot !== first.slot) {
            context.report({
              node: entry.node,
              messageId: 'singletonSecond',
              data: { service: service.name, line: String(first.node.loc.start.line) },
            });
          }
        }
      }
    }

    // Container registrations and declarations: seen everywhere, composition roots included.
    const containerServices = services.length > 0 && mayUseContainers(sourceCode, registry.containers) ? services : [];

    /** A container's lifetime for `service` against the registry's (`byDefault`: the framework's default, not an explicit choice). */
    function checkContainerLifetime(
      service: Service,
      spec: ContainerSpec,
      lifetime: 'singleton' | 'scoped' | 'transient',
      how: string,
      node: TSESTree.Node,
      byDefault: boolean,
    ): void {
      if (service.lifetime === 'scoped' && lifetime === 'singleton') {
        // A service created by a factory function: only an explicit singleton declaration is one.
        if (service.container === undefined && byDefault) return;
        const advice =
          service.factory === undefined
            ? scopedAdvice(service.container ?? spec)
            : `get it per user or request with ${service.factory.name}() instead`;
        context.report({
          node,
          messageId: 'containerSingleton',
          data: { service: service.name, container: spec.label, how, advice },
        });
      } else if (service.lifetime === 'singleton' && lifetime !== 'singleton' && service.container !== undefined) {
        context.report({
          node,
          messageId: 'containerNotSingleton',
          data: { service: service.name, container: spec.label, how, declared: lifetimeText(lifetime) },
        });
      }
    }

    function checkRegistration(node: TSESTree.CallExpression): void {
      const registration = registrationOf(node, registry.containers, sourceCode);
      if (registration?.lifetime === undefined) return;
      const service =
        (registration.provided === undefined
          ? undefined
          : context_.serviceAt(registration.provided, containerServices)) ??
        context_.serviceAt(registration.token, containerServices);
      if (service !== undefined)
        checkContainerLifetime(
          service,
          registration.spec,
          registration.lifetime,
          registration.how,
          registration.node,
          false,
        );
    }

    /** The service a class declaration is (in the service's own module, or by name in loose mode). */
    function declaredService(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Service | undefined {
      const name = node.id?.name;
      const isDefault = node.parent.type === 'ExportDefaultDeclaration';
      return containerServices.find((service) => {
        if (service.global) return false;
        const matches =
          service.className === 'default'
            ? isDefault
            : name !== undefined &&
              (name === service.className ||
                localExportNames(sourceCode.ast).get(name)?.has(service.className) === true);
        if (!matches) return false;
        return service.module === undefined || (service.module.kind === 'file' && service.module.id === idOfFile());
      });
    }

    function checkDeclaration(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
      // espree's class nodes carry no `decorators` (it cannot parse them).
      if (!Array.isArray(node.decorators) || node.decorators.length === 0) return;
      const service = declaredService(node);
      if (service === undefined) return;
      const declared = declaredLifetime(node, registry.containers, sourceCode);
      if (declared !== undefined)
        checkContainerLifetime(
          service,
          declared.spec,
          declared.lifetime,
          declared.how,
          declared.node,
          declared.byDefault,
        );
    }

    /** The application-wide Angular service `created` is: registered a singleton, or (discovery) `providedIn: 'root'`. */
    function applicationWide(created: TSESTree.Expression): { service: string; why: string } | undefined {
      const singletons = containerServices.filter(
        (service) => service.lifetime === 'singleton' && service.container?.name === 'angular',
      );
      const service = singletons.length === 0 ? undefined : context_.serviceAt(created, singletons);
      if (service !== undefined) return { service: service.name, why: "registered with `lifetime: 'singleton'`" };
      const origin = originOf(created, sourceCode);
      const discovered = discoveredAt(origin, created, registry, sourceCode, filename);
      return discovered?.lifetime === 'singleton' && discovered.container === 'angular'
        ? { service: sourceCode.getText(created), why: "`@Injectable({ providedIn: 'root' })`" }
        : undefined;
    }

    /** Angular: an application-wide service listed again in a component's, directive's or NgModule's providers. */
    function checkProviders(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
      for (const { owner, key, element, created } of angularProvidedClasses(node, registry.containers, sourceCode)) {
        const found = applicationWide(created);
        if (found === undefined) continue;
        const name = node.id?.name ?? `this @${owner}`;
        const where =
          owner === 'NgModule' ? `for ${name}'s injector when it is lazy-loaded` : `for every ${name} and its children`;
        context.report({
          node: element,
          messageId: 'providedAgain',
          data: { service: found.service, why: found.why, key, owner: name, where },
          suggest: [
            {
              messageId: 'removeProvider',
              data: { service: found.service, key },
              fix: (fixer) => fixer.removeRange(listElementRange(element, sourceCode)),
            },
          ],
        });
      }
    }

    const listener: TSESLint.RuleListener = {
      ...serviceVisitor(
        context_,
        {
          construct: ({ node, kind, callee, service }) => {
            // `Reflect.construct` is left to no-direct-instantiation.
            if (kind === 'reflect') return;
            if (service === undefined) checkOther(node, callee);
            else check(node, service, service.name);
          },
          factoryCall: ({ node, service }) => {
            checkFactoryCall(node, service);
          },
          subclass: ({ node, service }) => {
            subclasses.set(node, service);
          },
        },
        { candidates: 'mentioned', allConstructions: checksAllClasses },
      ),
      'Program:exit': reportHeld,
    };
    const onNew = listener.NewExpression;
    listener.NewExpression = (node) => {
      onNew?.(node);
      news.push(node);
    };
    if (containerServices.length === 0 && !discovers) return listener;
    const checkClass = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
      checkDeclaration(node);
      checkProviders(node);
    };
    return {
      ...withListener(listener, 'CallExpression', checkRegistration),
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    };
  },
});

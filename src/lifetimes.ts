/**
 * Lifetimes: which classes live for the whole process (singleton-lived), which values belong to one
 * user or request (scoped), where an instance keeps a value (its fields), and which arguments are
 * provably the same for every caller (constants).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  declaredLifetime,
  injectedDependencies,
  registrationOf,
  registrationProviding,
  type ContainerSpec,
  type DeclaredLifetime,
  type InjectedDependency,
  type Registration,
} from './containers.js';
import { discoveredAt, importedClass, type ForeignInjection } from './decorated-classes.js';
import { factoryAt, type FactoryService } from './factories.js';
import {
  findVariable,
  importDenotes,
  originOf,
  serviceBinding,
  serviceOf,
  skipWrappers,
  staticString,
  type Origin,
  moduleExportName,
} from './identity.js';
import { moduleLevelMemoizer } from './memoizers.js';
import {
  destinationOf,
  instanceClassOf,
  isClearedByTheSameFunction,
  isFixedKey,
  isIdentityCall,
  isModuleLoad,
  localExportNames,
  outerWrapper,
  type ClassNode,
} from './module-scope.js';
import type { Registry, Service } from './registry.js';
import { normalizeModulePath } from './resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 8;

// ── Constants ─────────────────────────────────────────────────────────────────────────────────────

/** Is `variable` a module-level `const` (never a per-call binding)? */
function moduleConstInit(variable: Variable): TSESTree.Expression | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
  if (def.node.id.type !== 'Identifier' || def.node.init === null) return undefined;
  const scope = variable.scope;
  const moduleLevel =
    scope.type === 'module' || scope.type === 'global' || (scope.type === 'function' && scope.block.type === 'Program');
  return moduleLevel ? def.node.init : undefined;
}

/**
 * Is `node` provably the same value for every caller? `undefined`, `null`, `void 0`, literals,
 * template literals whose expressions all are (none, or `${HOST}` of a constant), object and array
 * literals whose values all are, `Object.freeze`/`seal`/`preventExtensions` of one, and
 * identifiers bound to module-level `const`s initialised with one — through `as`, `!`, `satisfies`
 * and parentheses. Parameters, properties, calls, spreads and anything else are not.
 */
function isConstant(node: TSESTree.Node, sourceCode: SourceCode, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = skipWrappers(node);
  switch (value.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return value.expressions.every((expression) => isConstant(expression, sourceCode, depth + 1));
    case 'CallExpression':
      // `Object.freeze({ userId: 'anonymous' })` returns its (constant) argument.
      return (
        isIdentityCall(value, sourceCode) &&
        value.arguments.length === 1 &&
        value.arguments[0] !== undefined &&
        value.arguments[0].type !== 'SpreadElement' &&
        isConstant(value.arguments[0], sourceCode, depth + 1)
      );
    case 'UnaryExpression':
      // `void 0`, `-1`, `!0`
      return (
        value.operator === 'void' ||
        ((value.operator === '-' || value.operator === '+' || value.operator === '!') &&
          isConstant(value.argument, sourceCode, depth + 1))
      );
    case 'Identifier': {
      const variable = findVariable(sourceCode.getScope(value), value.name);
      if (variable === undefined || (variable.defs.length === 0 && variable.scope.type === 'global'))
        return value.name === 'undefined' || value.name === 'NaN' || value.name === 'Infinity';
      const init = moduleConstInit(variable);
      return init !== undefined && isConstant(init, sourceCode, depth + 1);
    }
    case 'ArrayExpression':
      return value.elements.every(
        (element) => element !== null && element.type !== 'SpreadElement' && isConstant(element, sourceCode, depth + 1),
      );
    case 'ObjectExpression':
      return value.properties.every(
        (property) =>
          property.type === 'Property' &&
          property.kind === 'init' &&
          !property.method &&
          (!property.computed || isConstant(property.key, sourceCode, depth + 1)) &&
          isConstant(property.value, sourceCode, depth + 1),
      );
    default:
      return false;
  }
}

/** What is wrong with the scope argument at `index` of `call`: missing, or a constant (the node). */
export type ScopeArgumentProblem =
  { readonly kind: 'missing' } | { readonly kind: 'constant'; readonly node: TSESTree.Node };

/**
 * The problem with `call`'s scope argument (0-based `index`), or undefined when it may be a real
 * user or request. A spread at or before `index` may supply it: not a problem.
 */
export function scopeArgumentProblem(
  call: TSESTree.CallExpression,
  index: number,
  sourceCode: SourceCode,
): ScopeArgumentProblem | undefined {
  for (let position = 0; position <= index; position++) {
    const argument = call.arguments[position];
    if (argument === undefined) return { kind: 'missing' };
    if (argument.type === 'SpreadElement') return undefined;
    if (position === index) return isConstant(argument, sourceCode) ? { kind: 'constant', node: argument } : undefined;
  }
  return undefined;
}

// ── Singleton-lived classes ───────────────────────────────────────────────────────────────────────

/** Why a class lives as long as the process. */
export type SingletonReason =
  /** A registered service with `lifetime: 'singleton'`. */
  | { readonly kind: 'service'; readonly service: Service }
  /**
   * An instance is kept at module scope in this file (`export const feed = new PriceFeed()`), also by
   * a memoizer called at module load (`once(() => new PriceFeed())`: `memoizer` is its name).
   */
  | { readonly kind: 'module-instance'; readonly node: TSESTree.Node; readonly memoizer?: string }
  /** It keeps its own instance: `static instance`, `static #instance`, `getInstance()`. */
  | { readonly kind: 'static-instance'; readonly node: TSESTree.Node }
  /**
   * A DI container keeps one instance: tsyringe `@singleton()`, Inversify `@injectable(Singleton)`,
   * Angular `providedIn: 'root'`, NestJS gateways, schedulers and Passport strategies.
   */
  | { readonly kind: 'container'; readonly declared: DeclaredLifetime };

const STATIC_INSTANCE = /^[#_]?instance$/i;

function keyName(member: TSESTree.ClassElement): string | undefined {
  if (member.type === 'StaticBlock' || member.type === 'TSIndexSignature') return undefined;
  if (member.key.type === 'PrivateIdentifier') return `#${member.key.name}`;
  if (!member.computed && member.key.type === 'Identifier') return member.key.name;
  return staticString(member.key);
}

/** The static member of the static-instance pattern: `static instance`, `static #instance`, `static getInstance()`. */
function staticInstanceMember(classNode: ClassNode): TSESTree.Node | undefined {
  return classNode.body.body.find((member) => {
    if (member.type === 'StaticBlock' || member.type === 'TSIndexSignature' || !member.static) return false;
    const name = keyName(member);
    if (name === undefined) return false;
    return member.type === 'MethodDefinition' ? name === 'getInstance' : STATIC_INSTANCE.test(name);
  });
}

/** The variables a class is referred to by in this file (`class C`, `const C = class`). */
function classVariables(classNode: ClassNode, sourceCode: SourceCode): readonly Variable[] {
  if (classNode.type === 'ClassDeclaration')
    return sourceCode.getDeclaredVariables(classNode).filter((variable) => variable.scope.block !== classNode);
  const parent = classNode.parent;
  return parent.type === 'VariableDeclarator' && parent.init === classNode && parent.id.type === 'Identifier'
    ? sourceCode.getDeclaredVariables(parent)
    : [];
}

/**
 * Is the instance made by `creation` kept for the module's lifetime (the shapes `no-module-singleton`
 * knows)? `true`, or the name of the memoizer called at module load that keeps it.
 */
function keptAtModuleScope(
  creation: TSESTree.NewExpression,
  sourceCode: SourceCode,
  memoizers: ReadonlySet<string>,
): boolean | string {
  const destination = destinationOf(creation, sourceCode);
  if (destination?.kind === 'returned')
    return moduleLevelMemoizer(destination.fn, memoizers, sourceCode)?.name ?? false;
  if (destination?.kind !== 'stored') return false;
  if (isModuleLoad(creation)) return true;
  return (
    destination.node.type === 'AssignmentExpression' &&
    !isClearedByTheSameFunction(destination.node, destination.slot, sourceCode)
  );
}

/** The first `new C()` (any wrappers) of `classNode` kept at module scope, with the memoizer that keeps it if one does. */
function moduleInstanceOf(
  classNode: ClassNode,
  sourceCode: SourceCode,
  memoizers: ReadonlySet<string>,
): SingletonReason | undefined {
  const creations: TSESTree.NewExpression[] = [];
  for (const variable of classVariables(classNode, sourceCode)) {
    for (const reference of variable.references) {
      const callee = outerWrapper(reference.identifier);
      if (callee.parent?.type === 'NewExpression' && callee.parent.callee === callee) creations.push(callee.parent);
    }
  }
  creations.sort((a, b) => a.range[0] - b.range[0]);
  for (const creation of creations) {
    const kept = keptAtModuleScope(creation, sourceCode, memoizers);
    if (kept === true) return { kind: 'module-instance', node: creation };
    if (kept !== false) return { kind: 'module-instance', node: creation, memoizer: kept };
  }
  return undefined;
}

/** Does this file declare the class of a `lifetime: 'singleton'` service (its own module, or any module in loose mode)? */
function singletonServiceOf(
  classNode: ClassNode,
  services: readonly Service[],
  sourceCode: SourceCode,
  filename: string,
): Service | undefined {
  const name =
    classNode.id?.name ??
    (classNode.parent.type === 'VariableDeclarator' && classNode.parent.id.type === 'Identifier'
      ? classNode.parent.id.name
      : undefined);
  const isDefault = classNode.parent.type === 'ExportDefaultDeclaration';
  let exported: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  const fileId = normalizeModulePath(filename);
  return services.find((service) => {
    if (service.lifetime !== 'singleton' || service.global) return false;
    if (service.module === undefined) return name === service.className;
    if (service.module.kind !== 'file' || service.module.id !== fileId) return false;
    if (isDefault) return service.className === 'default';
    if (name === undefined) return false;
    exported ??= localExportNames(sourceCode.ast);
    return name === service.className || exported.get(name)?.has(service.className) === true;
  });
}

/**
 * A registration in this file that keeps `classNode` one per process: `bind(C).toSelf().inSingletonScope()`,
 * `registerSingleton(C)`. A registration in another module (the usual composition root) is reported
 * there instead, by `boundSingletonCaptives`, which reads the class's module.
 */
function singletonRegistrationOf(
  classNode: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): DeclaredLifetime | undefined {
  for (const variable of classVariables(classNode, sourceCode)) {
    for (const reference of variable.references) {
      if (reference.identifier.type !== 'Identifier') continue;
      const registration = registrationProviding(reference.identifier, specs, sourceCode);
      if (registration?.lifetime !== 'singleton') continue;
      return {
        spec: registration.spec,
        lifetime: 'singleton',
        node: registration.node,
        how: `${registration.how} on line ${String(registration.node.loc.start.line)}`,
        forced: undefined,
        byDefault: false,
      };
    }
  }
  return undefined;
}

/**
 * The container declaration that keeps `classNode` one per process, where injecting a scoped service
 * makes it captive. NestJS's ordinary providers are not: Nest bubbles request scope up the injection
 * chain, so only the classes it keeps singletons whatever they inject (`forced`) count.
 */
function containerSingletonOf(
  classNode: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): DeclaredLifetime | undefined {
  if (specs.length === 0) return undefined;
  const registered = singletonRegistrationOf(classNode, specs, sourceCode);
  if (registered !== undefined) return registered;
  // espree's class nodes carry no `decorators` (it cannot parse them): nothing a container declares.
  if (!Array.isArray(classNode.decorators)) return undefined;
  const declared = declaredLifetime(classNode, specs, sourceCode);
  if (declared?.lifetime !== 'singleton') return undefined;
  return declared.spec.name === 'nestjs' && declared.forced === undefined ? undefined : declared;
}

/**
 * Why `classNode` lives for the whole process, or undefined when nothing says it does. `memoizers`:
 * the functions that cache their callback's result (see src/memoizers.ts).
 */
export function singletonReasonOf(
  classNode: ClassNode,
  services: readonly Service[],
  sourceCode: SourceCode,
  filename: string,
  memoizers: ReadonlySet<string>,
  specs: readonly ContainerSpec[] = [],
): SingletonReason | undefined {
  const declared = containerSingletonOf(classNode, specs, sourceCode);
  if (declared !== undefined) return { kind: 'container', declared };
  const service = singletonServiceOf(classNode, services, sourceCode, filename);
  if (service !== undefined) return { kind: 'service', service };
  const instance = moduleInstanceOf(classNode, sourceCode, memoizers);
  if (instance !== undefined) return instance;
  const member = staticInstanceMember(classNode);
  return member === undefined ? undefined : { kind: 'static-instance', node: member };
}

// ── Instance fields ───────────────────────────────────────────────────────────────────────────────

/** `this.x`, `this.#x`, `this['x']`, `this.a.b` (fixed keys only) in instance code: the class and the target's text. */
export function instanceFieldTarget(
  target: TSESTree.Node,
  sourceCode: SourceCode,
): { readonly classNode: ClassNode; readonly text: string } | undefined {
  let root = skipWrappers(target);
  if (root.type !== 'MemberExpression') return undefined;
  while (root.type === 'MemberExpression') {
    if (root.computed && !isFixedKey(root.property, sourceCode)) return undefined;
    root = skipWrappers(root.object);
  }
  if (root.type !== 'ThisExpression') return undefined;
  const classNode = instanceClassOf(root);
  return classNode === undefined ? undefined : { classNode, text: sourceCode.getText(target) };
}

/** An instance field declaration's target text: `this.socket`, `this.#socket`, `this[KEY]`. */
export function fieldText(
  field: TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
  sourceCode: SourceCode,
): string {
  if (field.key.type === 'PrivateIdentifier') return `this.#${field.key.name}`;
  if (!field.computed && field.key.type === 'Identifier') return `this.${field.key.name}`;
  return `this[${sourceCode.getText(field.key)}]`;
}

// ── Scoped values ─────────────────────────────────────────────────────────────────────────────────

/** A value that belongs to one user or request. */
export interface ScopedValue {
  readonly service: Service;
  /** The factory call that made it, when it was made by one. */
  readonly call: TSESTree.CallExpression | undefined;
}

export interface LifetimeContext {
  readonly registry: Registry;
  readonly sourceCode: SourceCode;
  readonly filename: string;
  /** Scoped services whose class this file may mention. */
  readonly scopedServices: readonly Service[];
  /** Scoped services with a factory whose export this file may mention. */
  readonly scopedFactories: readonly FactoryService[];
}

/** Where the binding a type name refers to comes from, type-only imports included (`import type { C }`, `ns.C`). */
function typeOrigin(name: TSESTree.EntityName, sourceCode: SourceCode): Origin | undefined {
  if (name.type === 'TSQualifiedName') {
    const left = name.left.type === 'Identifier' ? typeOrigin(name.left, sourceCode) : undefined;
    return left?.kind === 'module' ? { kind: 'export', source: left.source, name: name.right.name } : undefined;
  }
  if (name.type !== 'Identifier') return undefined;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(name); scope !== null; scope = scope.upper) {
    const variable = scope.set.get(name.name);
    if (variable === undefined) continue;
    const def = variable.defs[0];
    if (def?.type === 'ImportBinding') {
      const node = def.node;
      if (node.type === 'TSImportEqualsDeclaration') {
        const source =
          node.moduleReference.type === 'TSExternalModuleReference'
            ? staticString(node.moduleReference.expression)
            : undefined;
        return source === undefined ? undefined : { kind: 'module', source };
      }
      const source = staticString(node.parent.source);
      if (source === undefined) return undefined;
      if (node.type === 'ImportNamespaceSpecifier') return { kind: 'module', source };
      if (node.type === 'ImportDefaultSpecifier') return { kind: 'export', source, name: 'default' };
      return {
        kind: 'export',
        source,
        name: moduleExportName(node.imported),
      };
    }
    return def?.type === 'ClassName' || def?.type === 'Variable' ? { kind: 'local', name: name.name } : undefined;
  }
  return undefined;
}

/** The scoped service a type name (`WebSocketManager`, `ws.WebSocketManager`) refers to, resolved by identity. */
function scopedServiceOfType(typeName: TSESTree.EntityName, context: LifetimeContext): Service | undefined {
  if (context.scopedServices.length === 0) return undefined;
  const origin = typeOrigin(typeName, context.sourceCode);
  if (origin === undefined) return undefined;
  const localName = typeName.type === 'Identifier' ? typeName.name : undefined;
  const { registry, filename } = context;
  return context.scopedServices.find((service) => {
    if (service.global) return origin.kind === 'global' && origin.name === service.className;
    const module = service.module;
    if (module === undefined) return localName === service.className;
    if (origin.kind === 'export')
      return origin.name === service.className && registry.refersTo(origin.source, filename, module);
    if (origin.kind === 'local')
      return module.kind === 'file' && module.id === normalizeModulePath(filename) && origin.name === service.className;
    return false;
  });
}

/** The scoped service a parameter's type annotation names (`ws: WebSocketManager`), resolved by identity. */
export function injectedServiceOf(parameter: TSESTree.Parameter, context: LifetimeContext): Service | undefined {
  const binding = parameter.type === 'TSParameterProperty' ? parameter.parameter : parameter;
  const target = binding.type === 'AssignmentPattern' ? binding.left : binding;
  if (target.type !== 'Identifier') return undefined;
  const annotation = target.typeAnnotation?.typeAnnotation;
  return annotation?.type === 'TSTypeReference' ? scopedServiceOfType(annotation.typeName, context) : undefined;
}

/** A scoped service a DI container injects into `classNode`, with the parameter or field that receives it. */
export interface InjectedScoped {
  /** The registered service's name, or the class's name when its decorator declares it scoped (`discover.decorators`). */
  readonly name: string;
  readonly dependency: InjectedDependency;
}

/** With `settings.ssot.discover.decorators`: the class `token` names, when its own declaration says it is scoped. */
function discoveredScopedClass(
  token: TSESTree.Node,
  typeName: TSESTree.EntityName | undefined,
  context: LifetimeContext,
): string | undefined {
  const { registry, sourceCode, filename } = context;
  if (!registry.discoverDecorators) return undefined;
  const origin = typeName === undefined ? originOf(token, sourceCode) : typeOrigin(typeName, sourceCode);
  const discovered = discoveredAt(origin, token, registry, sourceCode, filename);
  return discovered?.lifetime === 'scoped' && origin !== undefined && 'name' in origin ? origin.name : undefined;
}

/**
 * The scoped services a container injects into `classNode`: constructor parameters by type or by
 * `@inject(T)`/`@Inject(T)`, `@inject(T)` properties, Angular `inject(C)` field initialisers.
 */
export function injectedScopedServices(classNode: ClassNode, context: LifetimeContext): InjectedScoped[] {
  if (context.scopedServices.length === 0 && !context.registry.discoverDecorators) return [];
  const found: InjectedScoped[] = [];
  for (const dependency of injectedDependencies(classNode, context.registry.containers, context.sourceCode)) {
    const token = dependency.token;
    const typeName =
      token.parent?.type === 'TSTypeReference' && token.parent.typeName === token ? token.parent.typeName : undefined;
    const service =
      typeName === undefined
        ? serviceOf(token, context.scopedServices, context.registry, context.sourceCode, context.filename)
        : scopedServiceOfType(typeName, context);
    const name = service?.name ?? discoveredScopedClass(token, typeName, context);
    if (name !== undefined) found.push({ name, dependency });
  }
  return found;
}

/** A scoped service injected into a class bound as a singleton in another module (the composition root). */
export interface BoundCaptive {
  readonly service: Service;
  readonly injection: ForeignInjection;
  /** The class's module, as read. */
  readonly file: string;
}

/**
 * A composition root's `bind(C).toSelf().inSingletonScope()` / `registerSingleton(C)` of a class
 * imported from another module: the registration and the scoped services that class's constructor
 * injects (by `@inject(T)`/`@Inject(T)` or by type), read from its module through the module graph.
 * Classes declared in this file are checked at their declaration instead.
 */
export function boundSingletonCaptives(
  call: TSESTree.CallExpression,
  scoped: readonly Service[],
  registry: Registry,
  sourceCode: SourceCode,
  filename: string,
): { readonly registration: Registration; readonly className: string; readonly captives: BoundCaptive[] } | undefined {
  const registration = registrationOf(call, registry.containers, sourceCode);
  if (registration?.lifetime !== 'singleton' || registration.provided === undefined) return undefined;
  const origin = originOf(registration.provided, sourceCode);
  if (origin?.kind !== 'export') return undefined;
  const foreign = importedClass(registry.resolver, filename, origin.source, origin.name);
  if (foreign === undefined) return undefined;
  const captives: BoundCaptive[] = [];
  for (const injection of foreign.injections) {
    const { decorator } = injection;
    const byDecorator =
      decorator !== undefined &&
      registry.containers.some(
        (spec) => spec.modules.includes(decorator.specifier) && spec.inject.includes(decorator.name),
      );
    const token = byDecorator ? injection.token : injection.type;
    if (token === undefined) continue;
    const service = scoped.find((candidate) =>
      importDenotes(registry, foreign.file, token.specifier, token.name, serviceBinding(candidate, registry)),
    );
    if (service !== undefined) captives.push({ service, injection, file: foreign.file });
  }
  return { registration, className: sourceCode.getText(registration.provided), captives };
}

/** A constructor parameter of `classNode` (also a parameter property's binding) declared by `variable`. */
function constructorParameterOf(variable: Variable, classNode: ClassNode): TSESTree.Parameter | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Parameter') return undefined;
  const fn = def.node;
  if (fn.type !== 'FunctionExpression') return undefined;
  const method = fn.parent;
  if (method.type !== 'MethodDefinition' || method.kind !== 'constructor' || method.parent.parent !== classNode)
    return undefined;
  return fn.params.find(
    (parameter) => def.name.range[0] >= parameter.range[0] && def.name.range[1] <= parameter.range[1],
  );
}

/**
 * The scoped service whose instance `node` is: a scoped service's factory call (any spelling), a
 * construction of a scoped service where it is allowed, a constructor parameter of `classNode` typed
 * as a scoped service, or a local `const` initialised with one of those — through wrappers, `await`,
 * `??`/`||` and conditionals.
 */
export function scopedValueOf(
  node: TSESTree.Node,
  classNode: ClassNode,
  context: LifetimeContext,
  depth = 0,
): ScopedValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = skipWrappers(node);
  const { registry, sourceCode, filename } = context;
  switch (value.type) {
    case 'AwaitExpression':
      return scopedValueOf(value.argument, classNode, context, depth + 1);
    case 'LogicalExpression':
      return (
        scopedValueOf(value.right, classNode, context, depth + 1) ??
        scopedValueOf(value.left, classNode, context, depth + 1)
      );
    case 'ConditionalExpression':
      return (
        scopedValueOf(value.consequent, classNode, context, depth + 1) ??
        scopedValueOf(value.alternate, classNode, context, depth + 1)
      );
    case 'CallExpression': {
      const factory = factoryAt(value.callee, context.scopedFactories, registry, sourceCode, filename);
      if (factory !== undefined) return { service: factory, call: value };
      const constructed = constructedHere(value, context);
      return constructed === undefined ? undefined : { service: constructed, call: undefined };
    }
    case 'NewExpression': {
      const constructed = constructedHere(value, context);
      return constructed === undefined ? undefined : { service: constructed, call: undefined };
    }
    case 'Identifier': {
      const variable = findVariable(sourceCode.getScope(value), value.name);
      if (variable === undefined) return undefined;
      const parameter = constructorParameterOf(variable, classNode);
      if (parameter !== undefined) {
        const service = injectedServiceOf(parameter, context);
        return service === undefined ? undefined : { service, call: undefined };
      }
      // A local `const` of the method: follow its initialiser one step.
      const def = variable.defs[0];
      if (
        variable.defs.length !== 1 ||
        def?.type !== 'Variable' ||
        def.parent.kind !== 'const' ||
        def.node.init === null ||
        def.node.id.type !== 'Identifier'
      )
        return undefined;
      if (variable.scope.type !== 'function' && variable.scope.type !== 'block') return undefined;
      return scopedValueOf(def.node.init, classNode, context, depth + 1);
    }
    default:
      return undefined;
  }
}

/** A construction of a scoped service in a file where constructing it is allowed (its home or an `allow` glob). */
function constructedHere(
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  context: LifetimeContext,
): Service | undefined {
  const { registry, sourceCode, filename } = context;
  const candidates = context.scopedServices.filter(
    (service) => (service.construct === 'new') === (node.type === 'NewExpression'),
  );
  if (candidates.length === 0) return undefined;
  const restricted = registry.servicesFor(filename);
  const allowed = candidates.filter((service) => !restricted.includes(service));
  if (allowed.length === 0) return undefined;
  const found = serviceOf(node.callee, allowed, registry, sourceCode, filename);
  if (found !== undefined) return found;
  // In the service's own module, its local class.
  const origin = originOf(node.callee, sourceCode);
  if (origin?.kind !== 'local') return undefined;
  const fileId = normalizeModulePath(filename);
  const exported = localExportNames(sourceCode.ast);
  return allowed.find(
    (service) =>
      service.module?.kind === 'file' &&
      service.module.id === fileId &&
      (origin.name === service.className || exported.get(origin.name)?.has(service.className) === true),
  );
}

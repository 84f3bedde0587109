/**
 * Dependency-injection containers are factories too. The APIs of tsyringe, InversifyJS, NestJS and
 * Angular (and of containers described in `settings.ssot.containers`) are recognised by identity —
 * where a callee, decorator, type or receiver comes from — never by spelling, and this module answers
 * the domain questions rules ask about them:
 *
 * - `resolveCallOf`: is this call a container resolve (`container.resolve(C)`, `moduleRef.get(C)`,
 *   `injector.get(C)`, Angular `inject(C)`), and of which token?
 * - `registrationOf`: is this call a container registration (`registerSingleton(C)`,
 *   `register(C, …, { lifecycle })`, `bind(C)…inSingletonScope()`), with which lifetime?
 * - `declaredLifetime`: which lifetime does a class's container decorator declare (`@singleton()`,
 *   `@Injectable({ scope: Scope.REQUEST })`, `@Injectable({ providedIn: 'root' })`, `@WebSocketGateway()`)?
 * - `injectedDependencies`: what does a class get injected (constructor parameters, `@Inject(T)`,
 *   `@inject(T)` properties, `inject(C)` in field initialisers)?
 * - `isInjectionTokenUse`: is this reference of a class only handed to the container as a token?
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  escapeRegExp,
  findVariable,
  isTypeWrapper,
  memberName,
  originOf,
  skipWrappers,
  staticString,
} from './identity.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `listener` with `handler` added for calls, after any handler it has. */
export function withListener(
  listener: TSESLint.RuleListener,
  key: 'CallExpression',
  handler: (node: TSESTree.CallExpression) => void,
): TSESLint.RuleListener {
  const existing = listener[key];
  return {
    ...listener,
    [key]: (node: TSESTree.CallExpression) => {
      existing?.(node);
      handler(node);
    },
  };
}

/** How long a container keeps an instance: the whole process, one request/scope, or none (a new one per injection). */
export type Lifetime = 'singleton' | 'scoped' | 'transient';

/**
 * A container's API as data. Names are exported names of `modules`, or dotted paths through them
 * (`NestFactory.create`); method names are members of a container object.
 */
export interface ContainerSpec {
  /** The name `factory.container` uses: `nestjs`, `angular`, `tsyringe`, `inversify` or a key of `containers`. */
  readonly name: string;
  /** For messages: `NestJS`. */
  readonly label: string;
  /** Packages (or modules) whose exports make up the API. */
  readonly modules: readonly string[];
  /** Exported container objects (tsyringe's `container`). */
  readonly objects: readonly string[];
  /** Exported classes (or interfaces) whose instances are containers: `new Container()`, `moduleRef: ModuleRef`. */
  readonly classes: readonly string[];
  /** Exported functions returning a container (`NestFactory.create`), awaited or not. */
  readonly factories: readonly string[];
  /** Container methods returning another container (`createChildContainer`). */
  readonly children: readonly string[];
  /** Container methods returning an instance of their first argument. */
  readonly resolve: readonly string[];
  /** Exported functions returning an instance of their first argument (Angular `inject`). */
  readonly resolveFunctions: readonly string[];
  /** Container methods registering their first argument as one instance for the container's lifetime. */
  readonly singleton: readonly string[];
  /** Exported parameter/property decorators (or functions) whose first argument is an injection token. */
  readonly inject: readonly string[];
  /** Exported class decorators declaring one instance per process. */
  readonly singletonDecorators: readonly string[];
  /** Exported class decorators declaring one instance per request or scope. */
  readonly scopedDecorators: readonly string[];
  /** Exported class decorators declaring a new instance per injection. */
  readonly transientDecorators: readonly string[];
}

function spec(
  name: string,
  label: string,
  modules: readonly string[],
  parts: Partial<Omit<ContainerSpec, 'name' | 'label' | 'modules'>>,
): ContainerSpec {
  return {
    name,
    label,
    modules,
    objects: [],
    classes: [],
    factories: [],
    children: [],
    resolve: [],
    resolveFunctions: [],
    singleton: [],
    inject: [],
    singletonDecorators: [],
    scopedDecorators: [],
    transientDecorators: [],
    ...parts,
  };
}

/** The four frameworks, known from their packages; their option-dependent decorators and registrations are read in code below. */
export const BUILTIN_SPECS: readonly ContainerSpec[] = [
  spec('tsyringe', 'tsyringe', ['tsyringe'], {
    objects: ['container'],
    classes: ['DependencyContainer'],
    children: ['createChildContainer'],
    resolve: ['resolve', 'resolveAll'],
    singleton: ['registerSingleton'],
    inject: ['inject', 'injectAll', 'injectWithTransform'],
    singletonDecorators: ['singleton'],
    scopedDecorators: ['scoped'],
    transientDecorators: ['injectable', 'autoInjectable'],
  }),
  spec('inversify', 'InversifyJS', ['inversify'], {
    classes: ['Container'],
    children: ['createChild'],
    resolve: ['get', 'getAsync', 'getAll', 'getAllAsync', 'getNamed', 'getTagged', 'resolve'],
    inject: ['inject', 'multiInject'],
  }),
  spec(
    'nestjs',
    'NestJS',
    ['@nestjs/common', '@nestjs/core', '@nestjs/websockets', '@nestjs/testing', '@nestjs/schedule', '@nestjs/passport'],
    {
      classes: ['ModuleRef', 'INestApplication', 'INestApplicationContext', 'INestMicroservice', 'TestingModule'],
      factories: ['NestFactory.create', 'NestFactory.createApplicationContext', 'NestFactory.createMicroservice'],
      resolve: ['get', 'resolve', 'create'],
      inject: ['Inject'],
      singletonDecorators: ['WebSocketGateway'],
    },
  ),
  spec('angular', 'Angular', ['@angular/core', '@angular/core/testing'], {
    objects: ['TestBed'],
    classes: ['Injector', 'EnvironmentInjector'],
    resolve: ['get', 'inject'],
    resolveFunctions: ['inject'],
    inject: ['Inject', 'inject'],
    transientDecorators: ['Component', 'Directive', 'Pipe'],
  }),
];

/** `settings.ssot.containers` as validated. */
export type ContainerSettings = Readonly<
  Record<
    string,
    { readonly label?: string; readonly module: string } & Partial<
      Record<Exclude<keyof ContainerSpec, 'name' | 'label' | 'modules'>, readonly string[]>
    >
  >
>;

/** The built-in containers plus those described in settings. */
export function containerSpecs(settings: ContainerSettings | undefined): readonly ContainerSpec[] {
  if (settings === undefined) return BUILTIN_SPECS;
  const custom = Object.entries(settings).map(([name, { label, module, ...parts }]) =>
    spec(name, label ?? name, [module], parts),
  );
  return [...BUILTIN_SPECS, ...custom];
}

/** Can this file use any of these containers' APIs? (Every API is imported from its module, whose name the file then spells.) */
export function mayUseContainers(sourceCode: SourceCode, specs: readonly ContainerSpec[]): boolean {
  // Asked by three rules of every file: one pass over the text per file, remembered for that file.
  const known = containerUse.get(sourceCode);
  if (known?.specs === specs && known.text === sourceCode.text) return known.uses;
  const { text } = sourceCode;
  const uses = specs.length > 0 && modulesPattern(specs).test(text);
  containerUse.set(sourceCode, { specs, text, uses });
  return uses;
}

const containerUse = new WeakMap<SourceCode, { specs: readonly ContainerSpec[]; text: string; uses: boolean }>();
const modulePatterns = new WeakMap<readonly ContainerSpec[], RegExp>();

/**
 * The start of a string naming any of the containers' modules (`'tsyringe'`, `"@nestjs/…`): a module
 * is named in an import's or `require()`'s string. A scoped module is matched by its scope
 * (`@nestjs/` for the six NestJS packages): fewer alternatives, and the quote in front lets the
 * search skip ahead, several times faster than matching the names anywhere.
 */
function modulesPattern(specs: readonly ContainerSpec[]): RegExp {
  let pattern = modulePatterns.get(specs);
  if (pattern === undefined) {
    const scoped = (module: string): string =>
      module.startsWith('@') && module.includes('/') ? module.slice(0, module.indexOf('/') + 1) : module;
    const keys = [...new Set(specs.flatMap((spec) => spec.modules.map(scoped)))];
    pattern = new RegExp(`['"\`](?:${keys.map(escapeRegExp).join('|')})`);
    modulePatterns.set(specs, pattern);
  }
  return pattern;
}

interface ExportPath {
  readonly spec: ContainerSpec;
  /** `NestFactory.create` */
  readonly path: string;
}

/** `a.b.c` where `a` is an export (or a module namespace) of a container's module: the container and the dotted path. */
function exportPath(
  node: TSESTree.Node,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): ExportPath | undefined {
  const names: string[] = [];
  let current = skipWrappers(node);
  while (current.type === 'MemberExpression' || current.type === 'TSQualifiedName') {
    const name = current.type === 'MemberExpression' ? memberName(current) : current.right.name;
    if (name === undefined) return undefined;
    names.unshift(name);
    current = skipWrappers(current.type === 'MemberExpression' ? current.object : current.left);
  }
  if (current.type !== 'Identifier') return undefined;
  const origin = originOf(current, sourceCode);
  if (origin === undefined || origin.kind === 'global' || origin.kind === 'local') return undefined;
  const found = specs.find((candidate) => candidate.modules.includes(origin.source));
  if (found === undefined) return undefined;
  if (origin.kind === 'export') return { spec: found, path: [origin.name, ...names].join('.') };
  return names.length === 0 ? undefined : { spec: found, path: names.join('.') };
}

/** The container whose API `node` names, when it names one of `pick`'s entries. */
function apiOf(
  node: TSESTree.Node,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
  pick: (spec: ContainerSpec) => readonly string[],
): ExportPath | undefined {
  const found = exportPath(node, specs, sourceCode);
  return found !== undefined && pick(found.spec).includes(found.path) ? found : undefined;
}

const MAX_DEPTH = 8;

/** The container class a type annotation names (`moduleRef: ModuleRef`). */
function containerOfType(
  annotation: TSESTree.TSTypeAnnotation | undefined,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): ContainerSpec | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== 'TSTypeReference') return undefined;
  return apiOf(type.typeName, specs, sourceCode, (candidate) => candidate.classes)?.spec;
}

/** The enclosing class's member `name` (a field or a constructor parameter property): its type and initialiser. */
function classMember(
  node: TSESTree.Node,
  name: string,
): { annotation?: TSESTree.TSTypeAnnotation; value?: TSESTree.Expression | null } | undefined {
  let current: TSESTree.Node | undefined = node.parent;
  while (current !== undefined && current.type !== 'ClassBody') {
    // `this` in a plain function is not the class's.
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') {
      if (current.parent.type !== 'MethodDefinition' && current.parent.type !== 'Property') return undefined;
    }
    current = current.parent;
  }
  if (current === undefined) return undefined;
  for (const member of current.body) {
    if (
      (member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') &&
      !member.computed &&
      member.key.type === 'Identifier' &&
      member.key.name === name
    )
      return { annotation: member.typeAnnotation, value: member.value };
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type !== 'TSParameterProperty') continue;
        const inner = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (inner.name === name) return { annotation: inner.typeAnnotation };
      }
    }
  }
  return undefined;
}

/** Which container `node` evaluates to, if it is one: `container`, `new Container()`, `moduleRef`, `this.injector`, `await NestFactory.create(…)`. */
function containerOf(
  node: TSESTree.Node,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
  depth = 0,
): ContainerSpec | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipWrappers(node);
  switch (expression.type) {
    case 'AwaitExpression':
      return containerOf(expression.argument, specs, sourceCode, depth + 1);
    case 'NewExpression':
      return apiOf(expression.callee, specs, sourceCode, (candidate) => candidate.classes)?.spec;
    case 'CallExpression': {
      const factory = apiOf(expression.callee, specs, sourceCode, (candidate) => candidate.factories);
      if (factory !== undefined) return factory.spec;
      const callee = skipWrappers(expression.callee);
      if (callee.type === 'MemberExpression') {
        const name = memberName(callee);
        if (name !== undefined && specs.some((candidate) => candidate.children.includes(name))) {
          const parent = containerOf(callee.object, specs, sourceCode, depth + 1);
          if (parent?.children.includes(name) === true) return parent;
        }
      }
      // `inject(Injector)`, `moduleRef.get(ModuleRef)`: resolving a container class gives a container.
      const resolved = resolveCallOf(expression, specs, sourceCode, depth + 1);
      return resolved === undefined
        ? undefined
        : apiOf(resolved.token, specs, sourceCode, (candidate) => candidate.classes)?.spec;
    }
    case 'MemberExpression': {
      if (skipWrappers(expression.object).type === 'ThisExpression') {
        const name = memberName(expression);
        const member = name === undefined ? undefined : classMember(expression, name);
        if (member === undefined) return undefined;
        return (
          containerOfType(member.annotation, specs, sourceCode) ??
          (member.value == null ? undefined : containerOf(member.value, specs, sourceCode, depth + 1))
        );
      }
      const found = exportPath(expression, specs, sourceCode);
      return found?.spec.objects.includes(found.path) === true ? found.spec : undefined;
    }
    case 'Identifier': {
      const found = exportPath(expression, specs, sourceCode);
      if (found !== undefined) return found.spec.objects.includes(found.path) ? found.spec : undefined;
      const variable = findVariable(sourceCode.getScope(expression), expression.name);
      const def = variable?.defs[0];
      if (def === undefined || variable === undefined || variable.defs.length > 1) return undefined;
      if (def.type === 'Parameter' && def.name.type === 'Identifier')
        return containerOfType(def.name.typeAnnotation, specs, sourceCode);
      if (def.type !== 'Variable' || def.node.id.type !== 'Identifier') return undefined;
      const typed = containerOfType(def.node.id.typeAnnotation, specs, sourceCode);
      if (typed !== undefined) return typed;
      const reassigned = variable.references.some((reference) => reference.init !== true && reference.isWrite());
      return def.node.init === null || reassigned
        ? undefined
        : containerOf(def.node.init, specs, sourceCode, depth + 1);
    }
    default:
      return undefined;
  }
}

/** A call that hands out an instance: the container, the token asked for, and how it was asked (`container.resolve`). */
export interface ResolveCall {
  readonly spec: ContainerSpec;
  readonly token: TSESTree.Expression;
  readonly method: string;
}

/** `container.resolve(C)`, `moduleRef.get(C)`, `injector.get(C)`, `inject(C)`, `app.get(C)`: the token resolved. */
export function resolveCallOf(
  call: TSESTree.CallExpression,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
  depth = 0,
): ResolveCall | undefined {
  const [token] = call.arguments;
  if (token === undefined || token.type === 'SpreadElement') return undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type === 'MemberExpression') {
    const name = memberName(callee);
    if (name === undefined || !specs.some((candidate) => candidate.resolve.includes(name))) return undefined;
    const found = containerOf(callee.object, specs, sourceCode, depth + 1);
    return found?.resolve.includes(name) === true ? { spec: found, token, method: name } : undefined;
  }
  if (callee.type !== 'Identifier' || !specs.some((candidate) => candidate.resolveFunctions.length > 0))
    return undefined;
  const found = apiOf(callee, specs, sourceCode, (candidate) => candidate.resolveFunctions);
  return found === undefined ? undefined : { spec: found.spec, token, method: found.path };
}

/** A container registration: the token, the class that provides it (when known), the lifetime, and the node to report. */
export interface Registration {
  readonly spec: ContainerSpec;
  readonly token: TSESTree.Expression;
  readonly provided: TSESTree.Expression | undefined;
  /** Undefined when the registration leaves it to the class's decorator or the container's default. */
  readonly lifetime: Lifetime | undefined;
  /** How it was declared, for messages: `registerSingleton()`, `inSingletonScope()`. */
  readonly how: string;
  readonly node: TSESTree.Node;
}

function propertyValue(object: TSESTree.Node | undefined, key: string): TSESTree.Node | undefined {
  const node = object === undefined ? undefined : skipWrappers(object);
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const name = property.computed
      ? staticString(property.key)
      : property.key.type === 'Identifier'
        ? property.key.name
        : staticString(property.key);
    if (name === key) return property.value;
  }
  return undefined;
}

/** `Lifecycle.Singleton`, `Scope.REQUEST`, `'Singleton'`, `BindingScopeValues.Request`: the last name. */
function enumName(
  node: TSESTree.Node | undefined,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
  enumExport: string,
): string | undefined {
  if (node === undefined) return undefined;
  const text = staticString(node);
  if (text !== undefined) return text;
  const found = exportPath(node, specs, sourceCode);
  if (found === undefined) return undefined;
  const [first, last] = found.path.split('.');
  return first === enumExport ? last : undefined;
}

const TSYRINGE_LIFECYCLES: Readonly<Record<string, Lifetime>> = {
  Singleton: 'singleton',
  ContainerScoped: 'scoped',
  ResolutionScoped: 'scoped',
  Transient: 'transient',
};
const INVERSIFY_SCOPES: Readonly<Record<string, Lifetime>> = {
  inSingletonScope: 'singleton',
  inRequestScope: 'scoped',
  inTransientScope: 'transient',
};
const INVERSIFY_SCOPE_VALUES: Readonly<Record<string, Lifetime>> = {
  Singleton: 'singleton',
  Request: 'scoped',
  Transient: 'transient',
};

function expressionArgument(call: TSESTree.CallExpression, index: number): TSESTree.Expression | undefined {
  const argument = call.arguments[index];
  return argument === undefined || argument.type === 'SpreadElement' ? undefined : argument;
}

/** Inversify's `bind(T)` chain: `.to(C)`, `.toSelf()`, `.inSingletonScope()`, read up to its outermost call. */
function bindingChain(call: TSESTree.CallExpression, spec: ContainerSpec, token: TSESTree.Expression): Registration {
  let provided: TSESTree.Expression | undefined;
  let lifetime: Lifetime | undefined;
  let how = 'bind()';
  let node: TSESTree.CallExpression = call;
  for (;;) {
    const member = node.parent;
    if (
      member.type !== 'MemberExpression' ||
      member.object !== node ||
      member.parent.type !== 'CallExpression' ||
      member.parent.callee !== member
    )
      break;
    const name = memberName(member);
    node = member.parent;
    if (name === 'to') provided = expressionArgument(node, 0);
    else if (name === 'toSelf') provided = token;
    else if (name !== undefined && INVERSIFY_SCOPES[name] !== undefined) {
      lifetime = INVERSIFY_SCOPES[name];
      how = `${name}()`;
    }
  }
  return { spec, token, provided, lifetime, how, node };
}

/** `registerSingleton(C)`, `register(T, { useClass: C }, { lifecycle: Lifecycle.Singleton })`, `bind(C).toSelf().inSingletonScope()`. */
export function registrationOf(
  call: TSESTree.CallExpression,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): Registration | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = memberName(callee);
  const token = expressionArgument(call, 0);
  if (name === undefined || token === undefined) return undefined;
  const generic = specs.some((candidate) => candidate.singleton.includes(name));
  if (!generic && name !== 'register' && name !== 'registerType' && name !== 'bind') return undefined;
  const found = containerOf(callee.object, specs, sourceCode);
  if (found === undefined) return undefined;
  if (found.singleton.includes(name)) {
    return {
      spec: found,
      token,
      provided: expressionArgument(call, 1) ?? token,
      lifetime: 'singleton',
      how: `${name}()`,
      node: call,
    };
  }
  if (found.name === 'inversify' && name === 'bind') return bindingChain(call, found, token);
  if (found.name !== 'tsyringe' || (name !== 'register' && name !== 'registerType')) return undefined;
  const provider = expressionArgument(call, 1);
  if (name === 'registerType')
    return { spec: found, token, provided: provider, lifetime: 'transient', how: 'registerType()', node: call };
  const useClass = propertyValue(provider, 'useClass');
  const provided =
    useClass === undefined
      ? provider?.type === 'ObjectExpression'
        ? undefined
        : provider
      : (useClass as TSESTree.Expression);
  const lifecycle = enumName(propertyValue(expressionArgument(call, 2), 'lifecycle'), specs, sourceCode, 'Lifecycle');
  const lifetime = lifecycle === undefined ? 'transient' : TSYRINGE_LIFECYCLES[lifecycle];
  return {
    spec: found,
    token,
    provided,
    lifetime,
    how: lifecycle === undefined ? 'register()' : `register() with Lifecycle.${lifecycle}`,
    node: call,
  };
}

/**
 * The registration a reference of a class takes part in, as the class it provides:
 * `bind(C).toSelf()…`, `bind(T).to(C)…`, `registerSingleton(C)`, `register(T, { useClass: C }, …)`.
 */
export function registrationProviding(
  reference: TSESTree.Identifier,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): Registration | undefined {
  let child: TSESTree.Node = reference;
  let parent = reference.parent;
  // `{ useClass: C }` and type wrappers around the argument.
  while (parent.type === 'Property' || parent.type === 'ObjectExpression' || isTypeWrapper(parent)) {
    if (parent.type === 'Property' && parent.value !== child) return undefined;
    child = parent;
    parent = parent.parent;
  }
  if (parent.type !== 'CallExpression' || parent.callee === child) return undefined;
  let call: TSESTree.CallExpression = parent;
  // `bind(T).to(C)`: walk down the chain to the `bind(T)` call.
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const registration = registrationOf(call, specs, sourceCode);
    if (registration !== undefined)
      return registration.provided !== undefined && skipWrappers(registration.provided) === reference
        ? registration
        : undefined;
    const callee = skipWrappers(call.callee);
    const object = callee.type === 'MemberExpression' ? skipWrappers(callee.object) : undefined;
    if (object?.type !== 'CallExpression') return undefined;
    call = object;
  }
  return undefined;
}

/** What a class's container decorators (or its shape, for NestJS's always-singleton classes) declare. */
export interface DeclaredLifetime {
  readonly spec: ContainerSpec;
  readonly lifetime: Lifetime;
  /** The decorator (or superclass call, or method decorator) that declares it. */
  readonly node: TSESTree.Node;
  /** For messages: `@Injectable()`, `@Injectable({ providedIn: 'root' })`, `@singleton()`. */
  readonly how: string;
  /** Set when the framework keeps the class a singleton whatever it injects (NestJS gateways, schedulers, Passport strategies). */
  readonly forced: string | undefined;
  /** The framework's default for a decorator without a scope option (NestJS `@Injectable()`), not an explicit choice. */
  readonly byDefault: boolean;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

function decoratorText(decorator: TSESTree.Decorator, sourceCode: SourceCode): string {
  const text = sourceCode.getText(decorator);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const NEST_SCOPES: Readonly<Record<string, Lifetime>> = {
  DEFAULT: 'singleton',
  REQUEST: 'scoped',
  TRANSIENT: 'transient',
};
const NEST_SCHEDULERS = new Set(['Cron', 'Interval', 'Timeout']);

/** The lifetime one class decorator declares. */
function decoratorLifetime(
  decorator: TSESTree.Decorator,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): DeclaredLifetime | undefined {
  const expression = skipWrappers(decorator.expression);
  const call = expression.type === 'CallExpression' ? expression : undefined;
  const found = exportPath(call?.callee ?? expression, specs, sourceCode);
  if (found === undefined) return undefined;
  const { spec: container, path } = found;
  const how = decoratorText(decorator, sourceCode);
  const declared = (
    lifetime: Lifetime | undefined,
    forced?: string,
    byDefault = false,
  ): DeclaredLifetime | undefined =>
    lifetime === undefined ? undefined : { spec: container, lifetime, node: decorator, how, forced, byDefault };
  if (container.singletonDecorators.includes(path))
    return declared('singleton', container.name === 'nestjs' ? 'a WebSocket gateway' : undefined);
  if (container.scopedDecorators.includes(path)) return declared('scoped');
  if (container.transientDecorators.includes(path)) return declared('transient');
  const options = call === undefined ? undefined : expressionArgument(call, 0);
  switch (container.name) {
    case 'nestjs': {
      if (path !== 'Injectable' && path !== 'Controller') return undefined;
      const scope = enumName(propertyValue(options, 'scope'), specs, sourceCode, 'Scope');
      return scope === undefined ? declared('singleton', undefined, true) : declared(NEST_SCOPES[scope]);
    }
    case 'angular': {
      if (path !== 'Injectable') return undefined;
      const providedIn = staticString(propertyValue(options, 'providedIn'));
      return declared(providedIn === 'root' || providedIn === 'platform' ? 'singleton' : undefined);
    }
    case 'inversify': {
      if (path !== 'injectable') return undefined;
      const scope = enumName(options, specs, sourceCode, 'BindingScopeValues');
      return declared(scope === undefined ? undefined : INVERSIFY_SCOPE_VALUES[scope]);
    }
    default:
      return undefined;
  }
}

/** NestJS keeps these singletons even when they inject a request-scoped provider. */
function nestForcedSingleton(
  node: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): DeclaredLifetime | undefined {
  const nest = specs.find((candidate) => candidate.name === 'nestjs');
  if (nest === undefined) return undefined;
  const superClass = node.superClass === null ? undefined : skipWrappers(node.superClass);
  if (
    superClass?.type === 'CallExpression' &&
    exportPath(superClass.callee, [nest], sourceCode)?.path === 'PassportStrategy'
  )
    return {
      spec: nest,
      lifetime: 'singleton',
      node: superClass,
      how: sourceCode.getText(superClass.callee),
      forced: 'a Passport strategy',
      byDefault: false,
    };
  for (const member of node.body.body) {
    if (member.type !== 'MethodDefinition') continue;
    for (const decorator of member.decorators) {
      const expression = skipWrappers(decorator.expression);
      const path = exportPath(
        expression.type === 'CallExpression' ? expression.callee : expression,
        [nest],
        sourceCode,
      )?.path;
      if (path !== undefined && NEST_SCHEDULERS.has(path))
        return {
          spec: nest,
          lifetime: 'singleton',
          node: decorator,
          how: decoratorText(decorator, sourceCode),
          forced: `a class with @${path}() jobs`,
          byDefault: false,
        };
    }
  }
  return undefined;
}

/** The lifetime a class's container declares for it, if any (a framework's always-singleton shapes first). */
export function declaredLifetime(
  node: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): DeclaredLifetime | undefined {
  let declared: DeclaredLifetime | undefined;
  for (const decorator of node.decorators) {
    declared = decoratorLifetime(decorator, specs, sourceCode);
    if (declared?.forced !== undefined) return declared;
    if (declared !== undefined) break;
  }
  return nestForcedSingleton(node, specs, sourceCode) ?? declared;
}

/** A class Angular creates for a component's, directive's or NgModule's own injector. */
export interface ProvidedClass {
  /** The decorator: `Component`, `Directive`, `NgModule`. */
  readonly owner: string;
  /** `providers` or `viewProviders`. */
  readonly key: string;
  /** The array element: `C`, `{ provide: C, useClass: C }`. */
  readonly element: TSESTree.Node;
  /** The class Angular instantiates for it. */
  readonly created: TSESTree.Expression;
}

const ANGULAR_INJECTOR_OWNERS = new Set(['Component', 'Directive', 'NgModule']);

/**
 * The classes an Angular `@Component`/`@Directive`/`@NgModule` lists in `providers` or
 * `viewProviders` — `C` or `{ provide: T, useClass: C }` (nested arrays too) — each of which Angular
 * instantiates again for that injector. `useValue`, `useFactory` and `useExisting` create no class.
 */
export function angularProvidedClasses(
  node: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): ProvidedClass[] {
  const angular = specs.find((candidate) => candidate.name === 'angular');
  if (angular === undefined || !Array.isArray(node.decorators)) return [];
  const found: ProvidedClass[] = [];
  for (const decorator of node.decorators) {
    const expression = skipWrappers(decorator.expression);
    if (expression.type !== 'CallExpression') continue;
    const owner = exportPath(expression.callee, [angular], sourceCode)?.path;
    if (owner === undefined || !ANGULAR_INJECTOR_OWNERS.has(owner)) continue;
    const options = expressionArgument(expression, 0);
    for (const key of ['providers', 'viewProviders']) {
      const visit = (value: TSESTree.Node | undefined, depth: number): void => {
        const list = value === undefined ? undefined : skipWrappers(value);
        if (list?.type !== 'ArrayExpression' || depth > MAX_DEPTH) return;
        for (const element of list.elements) {
          if (element === null || element.type === 'SpreadElement') continue;
          const item = skipWrappers(element);
          if (item.type === 'ArrayExpression') visit(item, depth + 1);
          else if (item.type === 'Identifier' || item.type === 'MemberExpression')
            found.push({ owner, key, element, created: element });
          else if (item.type === 'ObjectExpression') {
            const useClass = propertyValue(item, 'useClass');
            if (useClass !== undefined) found.push({ owner, key, element, created: useClass as TSESTree.Expression });
          }
        }
      };
      visit(propertyValue(options, key), 0);
    }
  }
  return found;
}

/** One dependency a container injects into a class. */
export interface InjectedDependency {
  /** The token: an expression (`@Inject(T)`, `inject(C)`) or a type name (`ws: WebSocketManager`). */
  readonly token: TSESTree.Node;
  /** The parameter or field that receives it. */
  readonly node: TSESTree.Node;
  /** The field name it is kept in (`this.ws`), when it is one. */
  readonly field: string | undefined;
}

function injectDecoratorToken(
  decorators: readonly TSESTree.Decorator[],
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): TSESTree.Expression | undefined {
  for (const decorator of decorators) {
    const expression = skipWrappers(decorator.expression);
    if (expression.type !== 'CallExpression') continue;
    if (apiOf(expression.callee, specs, sourceCode, (candidate) => candidate.inject) !== undefined)
      return expressionArgument(expression, 0);
  }
  return undefined;
}

function typeToken(annotation: TSESTree.TSTypeAnnotation | undefined): TSESTree.Node | undefined {
  const type = annotation?.typeAnnotation;
  return type?.type === 'TSTypeReference' ? type.typeName : undefined;
}

function keyName(member: TSESTree.PropertyDefinition | TSESTree.AccessorProperty): string | undefined {
  if (member.computed) return staticString(member.key);
  return member.key.type === 'Identifier' || member.key.type === 'PrivateIdentifier'
    ? member.key.name
    : staticString(member.key);
}

/**
 * What the container injects into `node`: constructor parameters (by `@Inject(T)`/`@inject(T)` or by
 * their type), `@inject(T)` properties, and `inject(C)` field initialisers. Plain classes with no
 * container decorator still list their constructor parameters: whether a container builds them is
 * the caller's question.
 */
export function injectedDependencies(
  node: ClassNode,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): InjectedDependency[] {
  const dependencies: InjectedDependency[] = [];
  for (const member of node.body.body) {
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        const property = param.type === 'TSParameterProperty' ? param : undefined;
        const inner = property === undefined ? param : property.parameter;
        const binding = inner.type === 'AssignmentPattern' ? inner.left : inner;
        if (binding.type !== 'Identifier') continue;
        const token =
          injectDecoratorToken([...(property?.decorators ?? []), ...inner.decorators], specs, sourceCode) ??
          typeToken(binding.typeAnnotation);
        if (token !== undefined)
          dependencies.push({ token, node: param, field: property === undefined ? undefined : binding.name });
      }
    } else if (member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') {
      if (member.static) continue;
      const injectedByDecorator = injectDecoratorToken(member.decorators, specs, sourceCode);
      const value = member.value === null ? undefined : skipWrappers(member.value);
      const resolved = value?.type === 'CallExpression' ? resolveCallOf(value, specs, sourceCode) : undefined;
      const token =
        injectedByDecorator ??
        (resolved?.method === 'inject' && resolved.spec.resolveFunctions.includes('inject')
          ? resolved.token
          : undefined);
      if (token !== undefined) dependencies.push({ token, node: member, field: keyName(member) });
    }
  }
  return dependencies;
}

/** Is `node` (a call or decorator callee) part of a container's API: an export of its modules, or a method of a container or of a `bind()` chain? */
function isContainerApiCall(
  call: TSESTree.CallExpression,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): boolean {
  if (exportPath(call.callee, specs, sourceCode) !== undefined) return true;
  let callee = skipWrappers(call.callee);
  // `container.bind(C).to(C)`: walk down the chain to its receiver.
  for (let depth = 0; callee.type === 'MemberExpression' && depth < MAX_DEPTH; depth++) {
    const object = skipWrappers(callee.object);
    if (containerOf(object, specs, sourceCode) !== undefined) return true;
    if (object.type !== 'CallExpression') return false;
    callee = skipWrappers(object.callee);
  }
  return false;
}

/**
 * Is this reference of a class only handed to a container as an injection token: an argument of a
 * container call (`container.resolve(C)`, `bind(C).to(C)`, `inject(C)`, `Test.createTestingModule({ providers: [C] })`)
 * or of a framework decorator (`@Inject(C)`, `@Module({ providers: [C] })`, `@Component({ providers: [{ provide: C, useClass: C }] })`),
 * directly or inside the object and array literals such calls take.
 */
export function isInjectionTokenUse(
  identifier: TSESTree.Node,
  specs: readonly ContainerSpec[],
  sourceCode: SourceCode,
): boolean {
  let child: TSESTree.Node = identifier;
  for (let parent = identifier.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (isTypeWrapper(parent)) continue;
    switch (parent.type) {
      case 'ArrayExpression':
      case 'ObjectExpression':
        continue;
      case 'Property':
        if (parent.value !== child) return false;
        continue;
      case 'CallExpression':
        return parent.callee !== child && isContainerApiCall(parent, specs, sourceCode);
      default:
        return false;
    }
  }
  return false;
}

const SCOPED_ADVICE: Readonly<Record<string, string>> = {
  nestjs: 'declare it with `@Injectable({ scope: Scope.REQUEST })`',
  angular: "provide it in the component or route that owns it instead of 'root'",
  tsyringe: 'register it with `Lifecycle.ContainerScoped` in a child container per request',
  inversify: 'bind it `inRequestScope()`',
};

/** How to make a container create a scoped service per user or request, for messages. */
export function scopedAdvice(spec: ContainerSpec): string {
  return SCOPED_ADVICE[spec.name] ?? `register it per request in the ${spec.label} container`;
}

/** What a lifetime means, for messages: `one instance per request`. */
export function lifetimeText(lifetime: Lifetime): string {
  return {
    singleton: 'one instance for the whole process',
    scoped: 'one instance per request or scope',
    transient: 'a new instance for every injection',
  }[lifetime];
}

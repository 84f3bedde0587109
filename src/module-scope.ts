/**
 * Module scope: what runs while a module loads, which bindings live as long as the module, and where
 * a value ends up when it is stored there (a module-level binding, an export, a static class member,
 * a global). Used to tell a module-level instance (one for every importer) from a per-call one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  findVariable,
  GLOBAL_OBJECTS,
  isTypeWrapper,
  memberName,
  moduleExportName,
  skipWrappers,
  staticString,
} from './identity.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export { GLOBAL_OBJECTS } from './identity.js';

/** The outermost node that is `node` seen through parentheses' TypeScript cousins (`x as T`, `x!`). */
export function outerWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent !== undefined && isTypeWrapper(current.parent) && current.parent.expression === current)
    current = current.parent;
  return current;
}

/**
 * The call that runs `fn` right where it is defined: `(() => …)()`, `(function () {…})()`,
 * `!function () {…}()`, `(function () {…}).call(this)`, `new (function () {…})()`.
 * Generators are excluded (their body runs on `next()`, not on the call).
 */
function iifeCall(fn: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  if (fn.generator) return undefined;
  const outer = outerWrapper(fn);
  const parent = outer.parent;
  if (parent === undefined) return undefined;
  if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === outer) return parent;
  if (parent.type === 'MemberExpression' && parent.object === outer && fn.type === 'FunctionExpression') {
    const name = memberName(parent);
    const call = parent.parent;
    if ((name === 'call' || name === 'apply') && call.type === 'CallExpression' && call.callee === parent) return call;
  }
  return undefined;
}

/** Array methods that call their callback before they return. */
const CALLING_METHODS = new Set([
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'reduce',
  'reduceRight',
  'some',
  'sort',
  'toSorted',
]);
/** Of those, the ones whose result holds what the callback returns (`[1, 2].map(() => new C())`). */
const COLLECTING_METHODS = new Set(['flatMap', 'map', 'reduce', 'reduceRight']);
/** Array methods whose result is an array again (a receiver of the methods above). */
const ARRAY_METHODS = new Set([...CALLING_METHODS, 'concat', 'flat', 'reverse', 'slice', 'toReversed', 'with']);
const MAX_ARRAY_STEPS = 8;

function isGlobalCall(node: TSESTree.Node, object: string, names: ReadonlySet<string>): boolean {
  const callee = node.type === 'CallExpression' ? skipWrappers(node.callee) : undefined;
  if (callee?.type !== 'MemberExpression') return false;
  const name = memberName(callee);
  const target = skipWrappers(callee.object);
  return target.type === 'Identifier' && target.name === object && name !== undefined && names.has(name);
}

const ARRAY_FACTORIES = new Set(['from', 'of']);
const ARRAY_FROM = new Set(['from']);
const OBJECT_ARRAYS = new Set(['entries', 'keys', 'values']);

/** The `const name = …` initialiser of a top-level binding `name` (seen from `node`), if any. */
function topLevelConstInit(node: TSESTree.Node, name: string): TSESTree.Expression | undefined {
  // Up to the Program (whose own parent some parsers set to null, unlike its type says).
  let program = node as TSESTree.Node | null | undefined;
  while (program != null && program.type !== 'Program') program = program.parent;
  if (program == null) return undefined;
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations)
      if (declarator.id.type === 'Identifier' && declarator.id.name === name) return declarator.init ?? undefined;
  }
  return undefined;
}

/**
 * Is `node` surely an array, without types: an array literal, `Array.from/of(…)`, `new Array(…)`,
 * `Object.keys/values/entries(…)`, an array method's result on one, or a top-level `const` holding one.
 */
function isArrayValue(start: TSESTree.Node, steps = 0): boolean {
  const node = skipWrappers(start);
  if (steps > MAX_ARRAY_STEPS) return false;
  switch (node.type) {
    case 'ArrayExpression':
      return true;
    case 'NewExpression':
      return node.callee.type === 'Identifier' && node.callee.name === 'Array';
    case 'Identifier': {
      const init = topLevelConstInit(node, node.name);
      return init !== undefined && isArrayValue(init, steps + 1);
    }
    case 'CallExpression': {
      if (isGlobalCall(node, 'Array', ARRAY_FACTORIES) || isGlobalCall(node, 'Object', OBJECT_ARRAYS)) return true;
      const callee = skipWrappers(node.callee);
      if (callee.type !== 'MemberExpression') return false;
      const name = memberName(callee);
      return name !== undefined && ARRAY_METHODS.has(name) && isArrayValue(callee.object, steps + 1);
    }
    default:
      return false;
  }
}

/**
 * The call that runs the callback `fn` before it returns: an array method on an array
 * (`[1, 2].map(() => …)`, `list.forEach(function () {…})`) or `Array.from(items, () => …)`.
 * `collecting`: only the calls whose result holds what `fn` returns (`map`, `flatMap`, `reduce`,
 * `Array.from`). Async functions and generators are excluded (their bodies run later).
 */
function callbackCall(fn: TSESTree.Node, collecting = false): TSESTree.CallExpression | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  if (fn.async || fn.generator) return undefined;
  const outer = outerWrapper(fn);
  const call = outer.parent;
  if (call?.type !== 'CallExpression' || call.optional) return undefined;
  if (isGlobalCall(call, 'Array', ARRAY_FROM)) return call.arguments[1] === outer ? call : undefined;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || call.arguments[0] !== outer) return undefined;
  const name = memberName(callee);
  if (name === undefined || !(collecting ? COLLECTING_METHODS : CALLING_METHODS).has(name)) return undefined;
  return isArrayValue(callee.object) ? call : undefined;
}

/**
 * Is `node` evaluated while the module loads (exactly once per process)? True at the top level, in
 * top-level blocks and namespaces, inside immediately-invoked functions run from there, in static
 * field initialisers and `static {}` blocks of classes defined there. False inside any other
 * function, method, constructor, getter or instance field.
 */
export function isModuleLoad(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        return false;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        // Run where it is defined, or by an array method called there (`[1, 2].map(() => new C())`).
        if (iifeCall(parent) === undefined && callbackCall(parent) === undefined) return false;
        break;
      case 'PropertyDefinition':
      case 'AccessorProperty':
        if (child === parent.value && !parent.static) return false;
        break;
      case 'Program':
        return true;
      default:
        break;
    }
  }
  return false;
}

/** Is `scope` one whose bindings are created once, while the module loads, and live as long as it? */
function isModuleLifetimeScope(scope: Scope): boolean {
  switch (scope.type) {
    case 'module':
    case 'global':
      return true;
    case 'tsModule':
    case 'class':
      return isModuleLoad(scope.block);
    case 'function':
      // CommonJS (`sourceType: 'commonjs'`) wraps the whole file in a function scope.
      if (scope.block.type === 'Program') return true;
      return iifeCall(scope.block) !== undefined && isModuleLoad(scope.block);
    default:
      return false;
  }
}

export type ThisOwner =
  | { readonly kind: 'class'; readonly node: ClassNode }
  | { readonly kind: 'object'; readonly node: TSESTree.ObjectExpression }
  | { readonly kind: 'module' };

/** What `this` is at `node`, instance code included (see thisOwner and instanceClassOf). */
type ThisAt = ThisOwner | { readonly kind: 'instance'; readonly node: ClassNode };

function thisAt(node: TSESTree.Node): ThisAt | undefined {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'FunctionDeclaration':
        return undefined;
      case 'FunctionExpression': {
        const method = parent.parent;
        if (
          (method.type === 'MethodDefinition' || method.type === 'TSAbstractMethodDefinition') &&
          method.value === parent
        )
          return { kind: method.static ? 'class' : 'instance', node: method.parent.parent };
        if (method.type === 'Property' && method.value === parent && method.parent.type === 'ObjectExpression')
          return { kind: 'object', node: method.parent };
        return undefined;
      }
      case 'PropertyDefinition':
      case 'AccessorProperty':
        if (child === parent.value) return { kind: parent.static ? 'class' : 'instance', node: parent.parent.parent };
        break;
      case 'StaticBlock':
        return { kind: 'class', node: parent.parent.parent };
      case 'Program':
        // CommonJS: top-level `this` is `module.exports` (espree reports 'commonjs' as well as 'script').
        return parent.sourceType === 'module' ? undefined : { kind: 'module' };
      default:
        break;
    }
  }
  return undefined;
}

/**
 * What `this` is at `node`: a class (static methods, getters, fields and blocks), an object literal
 * (its methods), the module (CommonJS top level), or unknown (functions, instance members).
 */
export function thisOwner(node: TSESTree.Node): ThisOwner | undefined {
  const at = thisAt(node);
  return at?.kind === 'instance' ? undefined : at;
}

function isGlobalVariable(variable: Variable | undefined): boolean {
  return variable === undefined || (variable.defs.length === 0 && variable.scope.type === 'global');
}

/** A computed key that names one fixed slot (`['x']`, `[0]`, `[KEY]`, `[Symbol.for('x')]`), not one per user or request. */
export function isFixedKey(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const key = skipWrappers(node);
  switch (key.type) {
    case 'Literal':
      return !('regex' in key);
    case 'TemplateLiteral':
      return staticString(key) !== undefined;
    case 'Identifier': {
      const variable = findVariable(sourceCode.getScope(key), key.name);
      return isGlobalVariable(variable) || (variable !== undefined && isModuleLifetimeScope(variable.scope));
    }
    case 'MemberExpression':
      return (!key.computed || isFixedKey(key.property, sourceCode)) && isFixedKey(key.object, sourceCode);
    case 'CallExpression': {
      // `Symbol('x')`, `Symbol.for('x')`
      const callee = skipWrappers(key.callee);
      const root = callee.type === 'MemberExpression' ? skipWrappers(callee.object) : callee;
      if (root.type !== 'Identifier' || root.name !== 'Symbol') return false;
      if (!isGlobalVariable(findVariable(sourceCode.getScope(root), 'Symbol'))) return false;
      return key.arguments.every((argument) => argument.type !== 'SpreadElement' && isFixedKey(argument, sourceCode));
    }
    default:
      return false;
  }
}

/**
 * A stable name for one storage slot of the file, tagged by kind: a global (`g:window.x`), a class
 * (`c:<offset>`, static members appended: `c:12.instance`), a variable (`v:<offset>`, members
 * appended), a memoizer call (`m:<offset>`) or the module's default export / `export =`. Two
 * writes keep the same instance exactly when their slots are equal strings.
 */
export type Slot = `g:${string}` | `c:${number}${string}` | `v:${number}${string}` | `m:${number}` | 'export:default';

/** Slot constructors: the only places slot strings are spelled. */
export const slots = {
  global: (name: string): Slot => `g:${name}`,
  classOf: (node: TSESTree.Node): Slot => `c:${node.range[0]}`,
  variable: (name: TSESTree.Node): Slot => `v:${name.range[0]}`,
  memoized: (call: TSESTree.Node): Slot => `m:${call.range[0]}`,
  exportDefault: 'export:default' as Slot,
  /** `slot` with a member path appended (`.x`, `[KEY]`). */
  member: (slot: Slot, suffix: string): Slot => `${slot}${suffix}` as Slot,
} as const;

/** A stable name for one storage slot of the file (variable, class member, global, export). */
function variableSlot(variable: Variable): Slot {
  const def = variable.defs[0];
  if (def === undefined) return slots.global(variable.name);
  if (def.type === 'ClassName') return slots.classOf(def.node);
  return slots.variable(def.name);
}

function classSlot(node: ClassNode): Slot {
  return slots.classOf(node);
}

function keyText(
  member: TSESTree.MemberExpression | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
  sourceCode: SourceCode,
): string {
  const key = member.type === 'MemberExpression' ? member.property : member.key;
  if (!member.computed) {
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
    if (key.type === 'Identifier') return key.name;
  }
  return `[${sourceCode.getText(key)}]`;
}

/** A place that outlives the call that writes it: the slot (for counting) and its text (for messages). */
export interface ModuleSlot {
  readonly slot: Slot;
  readonly text: string;
}

/**
 * Does assigning to `target` store the value for the module's lifetime? True for module-level
 * bindings (also in module-load closures), globals, members of those with fixed keys, static class
 * members (`this.x` in static code, `C.x`, `this.#x`) and `module.exports`/`exports`. False for
 * locals, parameters, instances (`this.x` in constructors/methods) and per-key slots (`map[key]`).
 */
function moduleSlotOf(target: TSESTree.Node, sourceCode: SourceCode): ModuleSlot | undefined {
  const path: string[] = [];
  let root = skipWrappers(target);
  while (root.type === 'MemberExpression') {
    if (root.computed && !isFixedKey(root.property, sourceCode)) return undefined;
    path.unshift(keyText(root, sourceCode));
    root = skipWrappers(root.object);
  }
  const suffix = path.map((segment) => (segment.startsWith('[') ? segment : `.${segment}`)).join('');
  // For messages: the target without type assertions, `(globalThis as X).ws` → `globalThis.ws`.
  const text = `${root.type === 'Identifier' ? root.name : 'this'}${suffix}`;
  if (root.type === 'ThisExpression') {
    if (path.length === 0) return undefined;
    const owner = thisOwner(root);
    if (owner === undefined) return undefined;
    if (owner.kind === 'module') return { slot: slots.global(`module.exports${suffix}`), text };
    if (!isModuleLoad(owner.node)) return undefined;
    if (owner.kind === 'class') return { slot: slots.member(classSlot(owner.node), suffix), text };
    // A method of a module-level object literal: `this` is that object.
    const holder = destinationOf(owner.node, sourceCode, false);
    return holder?.kind === 'stored' ? { slot: slots.member(holder.slot, suffix), text } : undefined;
  }
  if (root.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode.getScope(root), root.name);
  if (isGlobalVariable(variable)) {
    // `window.x`, `globalThis.x` are the global `x`.
    const [first, ...rest] = path;
    if (GLOBAL_OBJECTS.has(root.name) && first !== undefined && !first.startsWith('['))
      return { slot: slots.global(`${first}${rest.map((segment) => `.${segment}`).join('')}`), text };
    return { slot: slots.global(`${root.name}${suffix}`), text };
  }
  if (variable === undefined || !isModuleLifetimeScope(variable.scope)) return undefined;
  return { slot: slots.member(variableSlot(variable), suffix), text };
}

/** Where a value ends up, seen from the expression that creates it. */
export type Destination =
  /** Kept for the module's lifetime: a module-level declaration, export, static field, or assignment to one. */
  | {
      readonly kind: 'stored';
      readonly node:
        | TSESTree.AccessorProperty
        | TSESTree.AssignmentExpression
        | TSESTree.ExportDefaultDeclaration
        | TSESTree.PropertyDefinition
        | TSESTree.TSExportAssignment
        | TSESTree.VariableDeclarator;
      readonly slot: Slot;
      readonly text: string;
    }
  /** Returned by a function that is not immediately invoked (its caller decides what that means). */
  | { readonly kind: 'returned'; readonly fn: FunctionNode }
  /**
   * Kept in an instance field of class `owner` (`this.x = …` in its constructor or methods, or a
   * field initialiser `x = …`): as long as the instance lives. Only with `{ lifetimes: true }`.
   */
  | { readonly kind: 'instanceField'; readonly owner: ClassNode; readonly name: string; readonly node: TSESTree.Node }
  /** Kept only in a local variable of a function (and not passed on from there). Only with `{ lifetimes: true }`. */
  | { readonly kind: 'local'; readonly variable: Variable };

function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (
      current.type === 'ArrowFunctionExpression' ||
      current.type === 'FunctionDeclaration' ||
      current.type === 'FunctionExpression'
    )
      return current;
    if (current.type === 'PropertyDefinition' || current.type === 'AccessorProperty' || current.type === 'StaticBlock')
      return undefined;
  }
  return undefined;
}

function returnedBy(
  fn: FunctionNode,
  sourceCode: SourceCode,
  followLocals: boolean,
  options: DestinationOptions,
): Destination | undefined {
  // An immediately-invoked function's result is the call's value, and so are the elements of
  // `[1, 2].map(() => …)`'s (what `map`, `flatMap`, `reduce`, `Array.from` collect): keep following it.
  const call = iifeCall(fn) ?? callbackCall(fn, true);
  return call === undefined ? { kind: 'returned', fn } : destinationOf(call, sourceCode, followLocals, options);
}

function declaratorDestination(
  declarator: TSESTree.VariableDeclarator,
  sourceCode: SourceCode,
  followLocals: boolean,
  options: DestinationOptions,
): Destination | undefined {
  const variables = sourceCode.getDeclaredVariables(declarator);
  const first = variables[0];
  if (first === undefined) return undefined;
  const scope = first.scope;
  // Module level, a namespace, or the body of a module-load IIFE (kept alive by what it returns).
  if (isModuleLifetimeScope(scope)) {
    return { kind: 'stored', node: declarator, slot: variableSlot(first), text: first.name };
  }
  const local = options.lifetimes === true ? ({ kind: 'local', variable: first } as const) : undefined;
  if (!followLocals || declarator.id.type !== 'Identifier') return local;
  // A local: follow it one step (`const m = new C(); instance = m;` / `return m;`).
  for (const reference of first.references) {
    if (reference.init === true || !reference.isRead()) continue;
    const destination = destinationOf(reference.identifier, sourceCode, false, options);
    if (destination !== undefined && destination.kind !== 'local') return destination;
  }
  return local;
}

/**
 * The class whose instance `this` is at `node`: in a constructor, an instance method, getter or
 * setter, an instance field initialiser, and arrow functions inside those. Undefined in static code,
 * plain functions and object literals.
 */
export function instanceClassOf(node: TSESTree.Node): ClassNode | undefined {
  const at = thisAt(node);
  return at?.kind === 'instance' ? at.node : undefined;
}

/** `this.x = …` in instance code: the instance field it writes. */
function instanceFieldOf(target: TSESTree.Node, sourceCode: SourceCode): Destination | undefined {
  const member = skipWrappers(target);
  if (member.type !== 'MemberExpression' || skipWrappers(member.object).type !== 'ThisExpression') return undefined;
  if (member.computed && !isFixedKey(member.property, sourceCode)) return undefined;
  const owner = instanceClassOf(member);
  return owner === undefined
    ? undefined
    : { kind: 'instanceField', owner, name: keyText(member, sourceCode), node: member };
}

const IDENTITY_METHODS = new Set(['freeze', 'seal', 'preventExtensions']);

/** `Object.freeze(x)`, `Object.seal(x)`, `Object.preventExtensions(x)` (the global `Object`): calls that return their argument. */
export function isIdentityCall(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || call.optional) return false;
  const name = memberName(callee);
  const object = skipWrappers(callee.object);
  if (name === undefined || !IDENTITY_METHODS.has(name) || object.type !== 'Identifier' || object.name !== 'Object')
    return false;
  return isGlobalVariable(findVariable(sourceCode.getScope(object), 'Object'));
}

/** How far {@link destinationOf} looks. */
export interface DestinationOptions {
  /**
   * Also report destinations that live shorter than the module: an instance field of a class
   * (`instanceField`) and a local variable (`local`). Off by default (module-lifetime callers).
   */
  readonly lifetimes?: boolean;
}

/**
 * Follows the value of `start` through conditionals, logical operators, object and array literals,
 * type assertions, immediately-invoked functions, assignments and (one step) local variables, to
 * where it is kept: a module-lifetime slot, or the return value of a function. Undefined when the
 * value is passed to a call, used, or kept only locally.
 */
export function destinationOf(
  start: TSESTree.Node,
  sourceCode: SourceCode,
  followLocals = true,
  options: DestinationOptions = {},
): Destination | undefined {
  let node: TSESTree.Node = start;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return undefined;
    if (isTypeWrapper(parent)) {
      node = parent;
      continue;
    }
    switch (parent.type) {
      case 'AwaitExpression':
      case 'LogicalExpression':
      case 'ArrayExpression':
        break;
      case 'ConditionalExpression':
        if (parent.test === node) return undefined;
        break;
      case 'SpreadElement':
        // `[...[new C()]]`, `{ ...{ c: new C() } }`: a literal's elements are copied as they are.
        if (node.type !== 'ArrayExpression' && node.type !== 'ObjectExpression') return undefined;
        if (parent.parent.type !== 'ArrayExpression' && parent.parent.type !== 'ObjectExpression') return undefined;
        node = parent.parent;
        continue;
      case 'CallExpression':
        // `Object.freeze(new C())` returns its argument.
        if (parent.arguments[0] !== node || !isIdentityCall(parent, sourceCode)) return undefined;
        break;
      case 'SequenceExpression':
        if (parent.expressions.at(-1) !== node) return undefined;
        break;
      case 'Property':
        if (parent.value !== node || parent.parent.type !== 'ObjectExpression') return undefined;
        node = parent.parent;
        continue;
      case 'AssignmentExpression': {
        if (parent.right !== node) return undefined;
        const slot = moduleSlotOf(parent.left, sourceCode);
        if (slot !== undefined) return { kind: 'stored', node: parent, ...slot };
        if (options.lifetimes === true) {
          const field = instanceFieldOf(parent.left, sourceCode);
          if (field !== undefined) return field;
        }
        break;
      }
      case 'VariableDeclarator':
        return parent.init === node ? declaratorDestination(parent, sourceCode, followLocals, options) : undefined;
      case 'ReturnStatement': {
        const fn = enclosingFunction(parent);
        return fn === undefined ? undefined : returnedBy(fn, sourceCode, followLocals, options);
      }
      case 'ArrowFunctionExpression':
        return parent.body === node ? returnedBy(parent, sourceCode, followLocals, options) : undefined;
      case 'ExportDefaultDeclaration':
        return { kind: 'stored', node: parent, slot: slots.exportDefault, text: 'export default' };
      case 'TSExportAssignment':
        return { kind: 'stored', node: parent, slot: slots.exportDefault, text: 'export =' };
      case 'PropertyDefinition':
      case 'AccessorProperty': {
        if (parent.value !== node) return undefined;
        if (!parent.static) {
          if (options.lifetimes !== true) return undefined;
          return {
            kind: 'instanceField',
            owner: parent.parent.parent,
            name: keyText(parent, sourceCode),
            node: parent,
          };
        }
        const owner = parent.parent.parent;
        const name = keyText(parent, sourceCode);
        const className = owner.id?.name ?? 'class';
        return {
          kind: 'stored',
          node: parent,
          slot: slots.member(classSlot(owner), `.${name}`),
          text: `${className}.${name}`,
        };
      }
      default:
        return undefined;
    }
    node = parent;
  }
}

/** Local binding name → the names this module exports it as (`export { a as b }`, `export default a`, …). */
export function localExportNames(program: TSESTree.Program): ReadonlyMap<string, ReadonlySet<string>> {
  const result = new Map<string, Set<string>>();
  const add = (local: string, exported: string): void => {
    let names = result.get(local);
    if (names === undefined) {
      names = new Set();
      result.set(local, names);
    }
    names.add(exported);
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration === null) {
        if (statement.source !== null) continue;
        for (const specifier of statement.specifiers) {
          add(specifier.local.name, moduleExportName(specifier.exported));
        }
      } else if (declaration.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations)
          if (declarator.id.type === 'Identifier') add(declarator.id.name, declarator.id.name);
      } else if ('id' in declaration && declaration.id?.type === 'Identifier') {
        add(declaration.id.name, declaration.id.name);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'Identifier') add(declaration.name, 'default');
      else if (
        (declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') &&
        declaration.id !== null
      )
        add(declaration.id.name, 'default');
    } else if (statement.type === 'TSExportAssignment' && statement.expression.type === 'Identifier') {
      add(statement.expression.name, 'default');
    }
  }
  return result;
}

function isNullish(node: TSESTree.Node): boolean {
  const value = skipWrappers(node);
  if (value.type === 'Identifier') return value.name === 'undefined';
  if (value.type === 'Literal') return value.value === null && !('regex' in value);
  return value.type === 'UnaryExpression' && value.operator === 'void';
}

/**
 * Work counters for tests that pin complexity by operation count, not wall time:
 * `clearingReferences` counts the references {@link isClearedByTheSameFunction} examines.
 */
export const moduleScopeCounters = { clearingReferences: 0 };

/** Per binding: function → the slots it clears (`= undefined`/`= null`), built once with one pass over the references. */
const clearedSlots = new WeakMap<Variable, Map<FunctionNode, Set<Slot>>>();

function slotsClearedThrough(variable: Variable, sourceCode: SourceCode): Map<FunctionNode, Set<Slot>> {
  let byFunction = clearedSlots.get(variable);
  if (byFunction !== undefined) return byFunction;
  byFunction = new Map();
  for (const reference of variable.references) {
    moduleScopeCounters.clearingReferences++;
    let target: TSESTree.Node = outerWrapper(reference.identifier);
    while (target.parent?.type === 'MemberExpression' && target.parent.object === target)
      target = outerWrapper(target.parent);
    const parent = target.parent;
    if (
      parent?.type !== 'AssignmentExpression' ||
      parent.left !== target ||
      parent.operator !== '=' ||
      !isNullish(parent.right)
    )
      continue;
    const fn = enclosingFunction(parent);
    const slot = fn === undefined ? undefined : moduleSlotOf(target, sourceCode)?.slot;
    if (fn === undefined || slot === undefined) continue;
    let cleared = byFunction.get(fn);
    if (cleared === undefined) {
      cleared = new Set();
      byFunction.set(fn, cleared);
    }
    cleared.add(slot);
  }
  clearedSlots.set(variable, byFunction);
  return byFunction;
}

/**
 * Is the module-level slot written by `assignment` cleared again (`= undefined`/`= null`) by the same
 * function — a scratch slot (`desc.value = new C(); use(desc); desc.value = undefined`), not a cache?
 * Linear in the binding's references over a whole file: they are indexed once per binding.
 */
export function isClearedByTheSameFunction(
  assignment: TSESTree.AssignmentExpression,
  slot: Slot,
  sourceCode: SourceCode,
): boolean {
  const fn = enclosingFunction(assignment);
  let root = skipWrappers(assignment.left);
  while (root.type === 'MemberExpression') root = skipWrappers(root.object);
  if (fn === undefined || root.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode.getScope(root), root.name);
  // `assignment` itself never counts: it stores a value, and a nullish store is no instance.
  return variable !== undefined && slotsClearedThrough(variable, sourceCode).get(fn)?.has(slot) === true;
}

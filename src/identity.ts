/**
 * Identity, not spelling: where does the value of an expression come from? Follows the scope
 * manager from a callee or reference back to an import, a `require()`/`import()`, a global, or a
 * local declaration, through aliases, destructuring, namespace members and TypeScript wrappers.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { BoundedMap } from './bounded-map.js';
import {
  expectExportNames,
  exportedOnlyAsDeclaredClass,
  isAsciiWord,
  isWordAt,
  moduleGraphFor,
  moduleVersion,
  sameBinding,
  type Binding,
} from './module-graph.js';
import type { Factory, ModuleTarget, Registry, Service } from './registry.js';

export type Origin =
  /** A module object: namespace import, `require(M)`, `await import(M)`, `import X = require(M)`. */
  | { readonly kind: 'module'; readonly source: string }
  /** A named export of a module (`'default'` for the default export). */
  | { readonly kind: 'export'; readonly source: string; readonly name: string }
  /** A global (not declared in the file), reached by name or through `window`/`globalThis`/`self`. */
  | { readonly kind: 'global'; readonly name: string }
  /** Something declared in this file (class, function, parameter, …). */
  | { readonly kind: 'local'; readonly name: string };

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** Names of the global object: `window.x`, `globalThis.x`, `self.x` and `global.x` are the global `x`. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['window', 'globalThis', 'self', 'global']);
const MAX_DEPTH = 16;

/** The one list of parentheses' TypeScript cousins: `x as T`, `x!`, `x satisfies T`, `<T>x`, `f<T>`, and `a?.b`'s chain. */
export function isTypeWrapper(
  node: TSESTree.Node,
): node is
  | TSESTree.ChainExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSInstantiationExpression {
  switch (node.type) {
    case 'ChainExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
      return true;
    default:
      return false;
  }
}

/** `C` in `import { C }`, `'C'` in `import { 'C' as X }`: the module export an import or export specifier names. */
export function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** Strips parentheses' TypeScript cousins: `(C as any)`, `C!`, `C satisfies T`, `<T>C`, `C<T>`, `a?.b`. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTypeWrapper(current)) current = current.expression;
  return current;
}

export function findVariable(scope: Scope | null, name: string): Variable | undefined {
  for (let current = scope; current !== null; current = current.upper) {
    const variable = current.set.get(name);
    // typescript-eslint's scope manager also holds type-only bindings; a value reference skips them.
    if (variable !== undefined && (variable as { isValueVariable?: boolean }).isValueVariable !== false)
      return variable;
  }
  return undefined;
}

/** A string known at lint time: `'x'`, `"x"`, or a template literal without substitutions. */
export function staticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (node == null) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The property name of `a.b` / `a['b']`, when static. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : undefined;
  return staticString(node.property);
}

function isGlobalReference(scope: Scope, name: string): boolean {
  const variable = findVariable(scope, name);
  return variable === undefined || (variable.defs.length === 0 && variable.scope.type === 'global');
}

/** `require('m')` with the global `require`: the module specifier. */
export function requireSource(node: TSESTree.Node, scope: Scope): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require')
    return undefined;
  if (node.arguments.length !== 1 || !isGlobalReference(scope, 'require')) return undefined;
  return staticString(node.arguments[0]);
}

/** The path of property names from a destructuring pattern's root down to `target`. */
export function patternPath(pattern: TSESTree.Node, target: TSESTree.Node): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'AssignmentPattern':
      return patternPath(pattern.left, target);
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type !== 'Property') continue;
        const key = property.computed
          ? staticString(property.key)
          : property.key.type === 'Identifier'
            ? property.key.name
            : staticString(property.key);
        const rest = patternPath(property.value, target);
        if (rest !== undefined) return key === undefined ? undefined : [key, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}

function applyMember(origin: Origin | undefined, name: string): Origin | undefined {
  if (origin === undefined) return undefined;
  if (origin.kind === 'module') return { kind: 'export', source: origin.source, name };
  if (origin.kind === 'global' && GLOBAL_OBJECTS.has(origin.name)) return { kind: 'global', name };
  return undefined;
}

export function isNeverReassigned(variable: Variable): boolean {
  return variable.references.every((reference) => reference.init === true || !reference.isWrite());
}

function originOfVariable(
  variable: Variable,
  depth: number,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Origin | undefined {
  const def = variable.defs[0];
  if (def === undefined) return variable.scope.type === 'global' ? { kind: 'global', name: variable.name } : undefined;
  if (variable.defs.length > 1) return { kind: 'local', name: variable.name };
  switch (def.type) {
    case 'ImportBinding': {
      const node = def.node;
      if (node.type === 'TSImportEqualsDeclaration') {
        if (node.moduleReference.type !== 'TSExternalModuleReference') return undefined;
        const source = staticString(node.moduleReference.expression);
        return source === undefined ? undefined : { kind: 'module', source };
      }
      const source = staticString(node.parent.source);
      if (source === undefined) return undefined;
      if (node.type === 'ImportNamespaceSpecifier') return { kind: 'module', source };
      if (node.type === 'ImportDefaultSpecifier') return { kind: 'export', source, name: 'default' };
      const imported = moduleExportName(node.imported);
      return { kind: 'export', source, name: imported };
    }
    case 'Variable': {
      const declarator = def.node;
      if (declarator.init === null || !isNeverReassigned(variable)) return { kind: 'local', name: variable.name };
      const propertyPath = patternPath(declarator.id, def.name);
      if (propertyPath === undefined) return undefined;
      let origin = originOf(declarator.init, sourceCode, depth + 1);
      for (const name of propertyPath) origin = applyMember(origin, name);
      return origin;
    }
    case 'Parameter': {
      // `import(M).then((m) => …)`, `import(M).then(({ C }) => …)`: the first parameter is the module object.
      const fn = def.node;
      const source = isNeverReassigned(variable) ? thenModuleSource(fn) : undefined;
      const first = 'params' in fn ? fn.params[0] : undefined;
      const propertyPath = source === undefined || first === undefined ? undefined : patternPath(first, def.name);
      if (source === undefined || propertyPath === undefined) return { kind: 'local', name: variable.name };
      let origin: Origin | undefined = { kind: 'module', source };
      for (const name of propertyPath) origin = applyMember(origin, name);
      return origin;
    }
    default:
      return { kind: 'local', name: variable.name };
  }
}

/** The module `M` when `fn` is the first argument of `import(M).then(fn)`. */
function thenModuleSource(fn: TSESTree.Node): string | undefined {
  const call = fn.parent;
  if (
    call?.type !== 'CallExpression' ||
    call.arguments[0] !== fn ||
    call.callee.type !== 'MemberExpression' ||
    memberName(call.callee) !== 'then'
  )
    return undefined;
  const loader = skipWrappers(call.callee.object);
  return loader.type === 'ImportExpression' ? staticString(loader.source) : undefined;
}

/** Where the value of `node` comes from, or undefined when it cannot be known statically. */
export function originOf(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  depth = 0,
): Origin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expression = skipWrappers(node);
  switch (expression.type) {
    case 'Identifier': {
      const scope = sourceCode.getScope(expression);
      const variable = findVariable(scope, expression.name);
      if (variable === undefined) return { kind: 'global', name: expression.name };
      return originOfVariable(variable, depth, sourceCode);
    }
    case 'MemberExpression': {
      const name = memberName(expression);
      // `C.prototype.constructor` is `C`.
      const object = skipWrappers(expression.object);
      if (name === 'constructor' && object.type === 'MemberExpression' && memberName(object) === 'prototype')
        return originOf(object.object, sourceCode, depth + 1);
      return name === undefined ? undefined : applyMember(originOf(expression.object, sourceCode, depth + 1), name);
    }
    case 'CallExpression': {
      const source = requireSource(expression, sourceCode.getScope(expression));
      return source === undefined ? undefined : { kind: 'module', source };
    }
    case 'AwaitExpression': {
      const argument = skipWrappers(expression.argument);
      if (argument.type !== 'ImportExpression') return undefined;
      const source = staticString(argument.source);
      return source === undefined ? undefined : { kind: 'module', source };
    }
    default:
      return undefined;
  }
}

/**
 * Every value `node` may have: both branches of `cond ? A : B` and both sides of `a ?? B` / `a || B`,
 * also through a `const` initialised so; otherwise what originOf knows.
 */
export function originsOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): Origin[] {
  const expression = skipWrappers(node);
  if (depth <= MAX_DEPTH) {
    if (expression.type === 'ConditionalExpression')
      return [
        ...originsOf(expression.consequent, sourceCode, depth + 1),
        ...originsOf(expression.alternate, sourceCode, depth + 1),
      ];
    if (expression.type === 'LogicalExpression')
      return [
        ...originsOf(expression.left, sourceCode, depth + 1),
        ...originsOf(expression.right, sourceCode, depth + 1),
      ];
    if (expression.type === 'Identifier') {
      // One scope lookup answers both questions (a `const` of branches, or what originOf says of the variable).
      const variable = findVariable(sourceCode.getScope(expression), expression.name);
      if (variable === undefined) return [{ kind: 'global', name: expression.name }];
      const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
      if (
        def?.type === 'Variable' &&
        def.node.id === def.name &&
        def.node.init !== null &&
        isNeverReassigned(variable)
      ) {
        const init = skipWrappers(def.node.init);
        if (init.type === 'ConditionalExpression' || init.type === 'LogicalExpression')
          return originsOf(init, sourceCode, depth + 1);
      }
      const origin = originOfVariable(variable, depth, sourceCode);
      return origin === undefined ? [] : [origin];
    }
  }
  const origin = originOf(expression, sourceCode, depth);
  return origin === undefined ? [] : [origin];
}

/** The name an origin is known by (for loose matching and for messages). */
function originName(origin: Origin): string | undefined {
  return origin.kind === 'module' ? undefined : origin.name;
}

/**
 * The binding the export `name` of `target` is (see module-graph.ts): for a service, its class; for
 * a factory, its function. Followed through the target's own re-exports, `export =` and CommonJS.
 */
export function targetBinding(target: ModuleTarget, name: string, registry: Registry): Binding {
  const graph = moduleGraphFor(registry.resolver);
  if (target.kind === 'file') return graph.exportBinding(target.file, name) ?? { module: target.id, name };
  return (
    graph.importBinding(path.join(registry.rootDir, 'package.json'), target.name, name) ?? {
      module: `pkg:${target.name}`,
      name,
    }
  );
}

/** The binding of a service's class, or undefined for globals and loose (module-less) services. Cached per linted file. */
export function serviceBinding(
  service: Service,
  registry: Registry,
  sourceCode?: Readonly<TSESLint.SourceCode>,
): Binding | undefined {
  const target = service.module;
  if (target === undefined || service.global) return undefined;
  if (sourceCode === undefined) return targetBinding(target, service.className, registry);
  const file = fileTextOf(sourceCode);
  let binding = file.bindings.get(service);
  if (binding === undefined) {
    binding = targetBinding(target, service.className, registry);
    file.bindings.set(service, binding);
  }
  return binding;
}

/** Does the export `name` of the module `specifier`, imported in `filename`, denote `binding`? */
export function importDenotes(
  registry: Registry,
  filename: string,
  specifier: string,
  name: string,
  binding: Binding | undefined,
): boolean {
  return binding !== undefined && sameBinding(importedBinding(registry, filename, specifier, name), binding);
}

/** The binding the export `name` of the module `specifier`, imported in `filename`, is (undefined: none, or a namespace). */
export function importedBinding(
  registry: Registry,
  filename: string,
  specifier: string,
  name: string,
): Binding | undefined {
  const found = moduleGraphFor(registry.resolver).importBinding(filename, specifier, name);
  return found?.name === '*' ? undefined : found;
}

/** Is `origin` the class of `service`, as seen from `filename`? Through barrels, package entries, default and CommonJS exports. */
function isServiceOrigin(
  origin: Origin,
  service: Service,
  registry: Registry,
  filename: string,
  localName?: string,
  sourceCode?: Readonly<TSESLint.SourceCode>,
): boolean {
  if (service.global) return origin.kind === 'global' && origin.name === service.className;
  const target = service.module;
  if (target === undefined) {
    // Loose mode: any binding with the class's name, wherever it comes from.
    return originName(origin) === service.className || localName === service.className;
  }
  if (origin.kind === 'export') {
    if (origin.name === service.className && registry.refersTo(origin.source, filename, target)) return true;
    // Like the pre-filter: only a name the class goes by, or a default export, is followed through the graph.
    if (origin.name !== 'default' && !serviceWords(service, registry).includes(origin.name)) return false;
    return importDenotes(registry, filename, origin.source, origin.name, serviceBinding(service, registry, sourceCode));
  }
  if (origin.kind === 'module') {
    if (service.className === 'default' && registry.refersTo(origin.source, filename, target)) return true;
    // `require(M)`, `import X = require(M)`: the module object is the class when M does `export =`/`module.exports =` it.
    return importDenotes(registry, filename, origin.source, '=', serviceBinding(service, registry, sourceCode));
  }
  return false;
}

const ALIAS_FRESHNESS_MS = 1000;
/** However unchanged the service's module looks, its aliases are recomputed this often (a module it re-exports from may have changed). */
const ALIAS_MAX_AGE_MS = 30_000;
interface AliasEntry {
  /** When the entry was last confirmed (`Date.now()`). */
  at: number;
  readonly computedAt: number;
  readonly words: readonly string[];
  /** The version of the service module the words were computed from (same object: unchanged file). */
  readonly version: object | undefined;
}
/** Keyed by the service or factory the words are for (registry objects, rebuilt when settings change). */
const aliasCache = new BoundedMap<object, AliasEntry>(1000);

/**
 * The words a file must spell to refer to a service's class: its name, and the other names its
 * module (or package entry) exports it as (`export { lookup as io, lookup as connect }`). Checked at
 * most once a second, and recomputed when the module's export table changed (or every 30 seconds),
 * so an edited module is seen by a long-lived process.
 */
export function serviceWords(service: Service, registry: Registry): readonly string[] {
  const target = service.module;
  if (target === undefined || service.global) return [service.className];
  return exportWords(service, target, service.className, registry);
}

/** The same for a factory's first segment: the names its module exports it as. */
export function factoryWords(factory: Factory, registry: Registry): readonly string[] {
  return exportWords(factory, factory.module, factory.export, registry);
}

function exportWords(key: object, target: ModuleTarget, name: string, registry: Registry): readonly string[] {
  const now = Date.now();
  const cached = aliasCache.get(key);
  if (cached !== undefined && now - cached.at < ALIAS_FRESHNESS_MS) return cached.words;
  const graph = moduleGraphFor(registry.resolver);
  const file =
    target.kind === 'file' ? target.file : graph.resolve(path.join(registry.rootDir, 'package.json'), target.name);
  const version = file === undefined ? undefined : moduleVersion(file);
  if (cached !== undefined && cached.version === version && now - cached.computedAt < ALIAS_MAX_AGE_MS) {
    cached.at = now;
    return cached.words;
  }
  const words = [name];
  // A module that exports the name only by declaring the class has no other name for it (no parse).
  if (file !== undefined && !exportedOnlyAsDeclaredClass(file, name)) {
    const binding = targetBinding(target, name, registry);
    for (const exported of graph.exportNames(file)) {
      if (exported === 'default' || exported === '=' || exported === name) continue;
      if (sameBinding(graph.exportBinding(file, exported), binding)) words.push(exported);
    }
  }
  aliasCache.set(key, { at: now, computedAt: now, words, version });
  expectExportNames(words);
  return words;
}

/**
 * A backslash sequence that can spell an identifier character: a Unicode escape in an identifier or
 * string (`\u0053`), a hex or legacy octal escape in a string (`\x53`, `\123`), an identity escape
 * (`'\S'`), or a line continuation inside a string (`'Sub\⏎ject'`). `\n`, `\t`, `\\`, `\.` and
 * the like cannot.
 */
const SPELLING_ESCAPE = /\\(?:[^bfnrtv\W]|[$\r\n\u2028\u2029]|[^\p{ASCII}])/u;

/**
 * One backslash sequence, read left to right (so `\\u0053` is a backslash, then `u0053`): a Unicode
 * escape (`\u0053`, `\u{53}`), a hex escape, a legacy octal escape (`\123`, `\400` is `\40` then
 * `0`), a line continuation, or any other escaped character.
 */
const ESCAPE_SEQUENCE =
  /\\(?:u\{([\da-fA-F]{1,6})\}|u([\da-fA-F]{4})|x([\da-fA-F]{2})|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\r\n\u2028\u2029])|([\s\S]))/g;

/** The character an escape sequence matched by {@link ESCAPE_SEQUENCE} stands for (a space for `\n`, `\t` and the like). */
function decodeEscape(
  _sequence: string,
  braced: string | undefined,
  unicode: string | undefined,
  hex: string | undefined,
  octal: string | undefined,
  continuation: string | undefined,
  other: string | undefined,
): string {
  const code = braced ?? unicode ?? hex;
  if (code !== undefined) {
    const value = Number.parseInt(code, 16);
    return value <= 0x10_ff_ff ? String.fromCodePoint(value) : ' ';
  }
  if (octal !== undefined) return String.fromCodePoint(Number.parseInt(octal, 8));
  if (continuation !== undefined) return '';
  return other === undefined || 'bfnrtv'.includes(other) ? ' ' : other;
}

interface FileText {
  readonly sourceCode: object;
  readonly text: string;
  /** Does the file hold an escape that could spell a name? Then a name may also be spelled through escapes ({@link spelledThroughEscapes}). */
  readonly escapes: boolean;
  /** With `escapes`: its lines that hold one, comments blanked and escapes decoded ({@link decodedEscapeLines}), made on first need. */
  decoded: string | undefined;
  /** Comment ranges, sorted, read only when a name is found. */
  comments: readonly (readonly [number, number])[] | undefined;
  readonly names: Map<string, boolean>;
  readonly lists: Map<readonly Service[], readonly Service[]>;
  readonly wordLists: Map<readonly Service[], readonly Service[]>;
  readonly bindings: Map<Service, Binding | undefined>;
}

/**
 * The file being linted, remembered by its `SourceCode` and text rather than by its AST: every rule
 * asks in `create`, before it knows whether it needs the AST at all, and oxlint deserialises a file's
 * AST only when a rule touches it.
 */
let current: FileText | undefined;

function fileTextOf(sourceCode: Readonly<TSESLint.SourceCode>): FileText {
  const { text } = sourceCode;
  if (current?.text !== text || current.sourceCode !== sourceCode) {
    current = {
      sourceCode,
      text,
      escapes: text.includes('\\') && SPELLING_ESCAPE.test(text),
      decoded: undefined,
      comments: undefined,
      names: new Map(),
      lists: new Map(),
      wordLists: new Map(),
      bindings: new Map(),
    };
  }
  return current;
}

function commentsOf(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>): readonly (readonly [number, number])[] {
  file.comments ??= sourceCode.getAllComments().map((comment) => [comment.range[0], comment.range[1]] as const);
  return file.comments;
}

/** Every escape that can spell an identifier character (to find the lines that hold one). */
const SPELLING_ESCAPES = new RegExp(SPELLING_ESCAPE.source, 'gu');
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;

/**
 * Can the file spell `name` through escape sequences (`\u0053ubject`, `'\x53ubject'`, `'Sub\⏎ject'`)?
 * Whatever an identifier or a string spells with escapes, its line (joined to the next by a line
 * continuation) spells plainly once decoded ({@link decodedEscapeLines}). A substring test, comments
 * aside: conservative, and only for the few files with such escapes.
 */
function spelledThroughEscapes(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  return file.escapes && escapeLines(file, sourceCode).includes(name);
}

/**
 * For a file with escapes that can spell a name: the lines that hold one (with the lines line
 * continuations join to them), comments blanked and escapes decoded, so that what escapes spell is
 * spelled plainly there. A name is spelled within one line, or lines so joined: the rest of the
 * file spells nothing through escapes. Undefined for a file without such escapes.
 */
export function decodedEscapeLines(sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  const file = fileTextOf(sourceCode);
  return file.escapes ? escapeLines(file, sourceCode) : undefined;
}

function escapeLines(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (file.decoded === undefined) {
    const { text } = file;
    const comments = commentsOf(file, sourceCode);
    const lines: string[] = [];
    SPELLING_ESCAPES.lastIndex = 0;
    for (let escape = SPELLING_ESCAPES.exec(text); escape !== null; escape = SPELLING_ESCAPES.exec(text)) {
      let start = escape.index;
      while (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) start--;
      // To the end of the line, and on while a line ends with a backslash (a line continuation, maybe).
      let end = escape.index + escape[0].length;
      // A line continuation written with CR LF: the next line starts after both.
      if (escape[0] === '\\\r' && text.charCodeAt(end) === 10) end++;
      for (;;) {
        LINE_TERMINATOR.lastIndex = end;
        const terminator = LINE_TERMINATOR.exec(text);
        if (terminator === null) {
          end = text.length;
          break;
        }
        end = terminator.index;
        if (text.charCodeAt(end - 1) !== 92 /* \ */) break;
        end += text.startsWith('\r\n', end) ? 2 : 1;
      }
      lines.push(withoutComments(text, start, end, comments));
      SPELLING_ESCAPES.lastIndex = end;
    }
    file.decoded = lines.join('\n').replaceAll(ESCAPE_SEQUENCE, decodeEscape);
  }
  return file.decoded;
}

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x20_28 || code === 0x20_29;
}

/** `text` from `start` to `end`, each comment (of the sorted `comments`) in it replaced by a space. */
function withoutComments(
  text: string,
  start: number,
  end: number,
  comments: readonly (readonly [number, number])[],
): string {
  let low = 0;
  let high = comments.length;
  // The first comment that ends after `start`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((comments[middle]?.[1] ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  let result = '';
  let from = start;
  for (let index = low; index < comments.length; index++) {
    const [commentStart, commentEnd] = comments[index] ?? [end, end];
    if (commentStart >= end) break;
    result += `${text.slice(from, Math.max(commentStart, from))} `;
    from = Math.max(from, Math.min(commentEnd, end));
  }
  return result + text.slice(from, end);
}

function isInComment(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>, index: number): boolean {
  const comments = commentsOf(file, sourceCode);
  let low = 0;
  let high = comments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = comments[middle] ?? [0, 0];
    if (index < start) high = middle - 1;
    else if (index >= end) low = middle + 1;
    else return true;
  }
  return false;
}

/** Is `name` in the text as a whole word (not part of a longer ASCII identifier), outside comments? */
function spellsName(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const { text } = file;
  for (let index = text.indexOf(name); index !== -1; index = text.indexOf(name, index + 1)) {
    if (isWordAt(text, index - 1) || isWordAt(text, index + name.length)) continue;
    if (!isInComment(file, sourceCode, index)) return true;
  }
  return false;
}

/** `text` with regular-expression syntax escaped (an export name may contain `$`, a module name `.` or `/`). */
export function escapeRegExp(text: string): string {
  return text.replaceAll(/[$()*+./?[\\\]^{|}]/g, String.raw`\$&`);
}

/**
 * Can this file refer to `name` at all? Every static way of reaching a binding (an identifier, an
 * import or export specifier, a destructuring key, a static member, `window.X`) spells the name in the
 * code as a whole word, unless escape sequences spell it (`\u0053ubject`, `'\x53ubject'`,
 * `'\Subject'`): so a file that spells the word neither outside comments nor through escapes
 * cannot refer to it. A cheap text test, cached per file and name, that lets the rules skip scope lookups
 * (or register no listeners at all) on most files; oxlint builds a file's scopes lazily, on its
 * first `getScope`. The export `'default'` is reached without spelling it (`import X from`), so a
 * file may always refer to it.
 */
export function mayMention(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  if (name === 'default') return true;
  const file = fileTextOf(sourceCode);
  let found = file.names.get(name);
  if (found === undefined) {
    if (vocabulary.has(name)) {
      spellsVocabulary(file, sourceCode);
      found =
        file.names.get(name) ?? (spellsName(file, sourceCode, name) || spelledThroughEscapes(file, sourceCode, name));
    } else {
      // Names of ASCII identifier characters only: for them, one alternation tried longest name first
      // finds what a search per name finds (a shorter name that starts where a longer one failed to
      // be a whole word is followed by an identifier character too).
      if (isAsciiWord(name)) {
        vocabulary.set(name, true);
        vocabularyPattern = undefined;
      }
      found = spellsName(file, sourceCode, name) || spelledThroughEscapes(file, sourceCode, name);
    }
    file.names.set(name, found);
  }
  return found;
}

const MAX_VOCABULARY = 64;
/**
 * The names `mayMention` was asked about in earlier files: every file is asked about the same few
 * (the services' class names, their factories', `require`), so the next file's text is searched for
 * all of them in one pass instead of once per name.
 */
const vocabulary = new BoundedMap<string, true>(MAX_VOCABULARY);
/** One alternation of the vocabulary, longest name first (so a name is never shadowed by its prefix); rebuilt when a name is added. */
let vocabularyPattern: { readonly names: readonly string[]; readonly pattern: RegExp } | undefined;

/** Records in `file.names`, for every name of the vocabulary, whether the text spells it as a whole word outside comments. */
function spellsVocabulary(file: FileText, sourceCode: Readonly<TSESLint.SourceCode>): void {
  if (vocabularyPattern === undefined) {
    const names = [...vocabulary.keys()].sort((a, b) => b.length - a.length);
    vocabularyPattern = { names, pattern: new RegExp(names.map((name) => escapeRegExp(name)).join('|'), 'g') };
  }
  const { names, pattern } = vocabularyPattern;
  const { text } = file;
  const found = new Set<string>();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const [name] = match;
    const { index } = match;
    if (
      found.has(name) ||
      isWordAt(text, index - 1) ||
      isWordAt(text, index + name.length) ||
      isInComment(file, sourceCode, index)
    ) {
      // Another name may start inside this one (when this one is not a whole word).
      pattern.lastIndex = index + 1;
      continue;
    }
    found.add(name);
    if (found.size === names.length) break;
  }
  for (const name of names)
    if (!file.names.has(name)) file.names.set(name, found.has(name) || spelledThroughEscapes(file, sourceCode, name));
}

/**
 * The services among `services` whose class this file may mention (all of them for `class:
 * 'default'`), by any name its module exports it as when `registry` is given. Cached per file.
 */
export function mentionedServices(
  services: readonly Service[],
  sourceCode: Readonly<TSESLint.SourceCode>,
  registry?: Registry,
): readonly Service[] {
  const file = fileTextOf(sourceCode);
  const lists = registry === undefined ? file.lists : file.wordLists;
  let mentioned = lists.get(services);
  if (mentioned === undefined) {
    mentioned = services.filter((service) =>
      registry === undefined
        ? mayMention(sourceCode, service.className)
        : serviceWords(service, registry).some((word) => mayMention(sourceCode, word)),
    );
    lists.set(services, mentioned);
  }
  return mentioned;
}

/** The first of `services` that `node` refers to. */
export function serviceOf(
  node: TSESTree.Node,
  services: readonly Service[],
  registry: Registry,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
): Service | undefined {
  if (services.length === 0) return undefined;
  const candidates = mentionedServices(services, sourceCode, registry);
  if (candidates.length === 0) return undefined;
  // Any value the node may have: `const K = cond ? Fake : C; new K()` constructs C on one branch.
  const origins = originsOf(node, sourceCode);
  if (origins.length === 0) return undefined;
  const unwrapped = skipWrappers(node);
  const localName = unwrapped.type === 'Identifier' ? unwrapped.name : undefined;
  return candidates.find((service) =>
    origins.some((origin) => isServiceOrigin(origin, service, registry, filename, localName, sourceCode)),
  );
}

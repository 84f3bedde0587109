/**
 * Import and export declarations: the names they bind, whether a binding is used only in type
 * positions, how far a `require()`/`import()` result reaches. Fixes that edit them live in src/fixes.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isTypeWrapper, memberName, moduleExportName, staticString } from './identity.js';

type Variable = TSESLint.Scope.Variable;

/** Whitespace and comments between two tokens. */
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|//[^\n]*)*`;
/** Whitespace and comments from a position on (sticky: always matches, maybe nothing). */
const GAP_AT = new RegExp(GAP, 'y');
/** The same statement written plainly (no comments inside), up to its module specifier, read where a start was found. */
const PLAIN_STAR_AT =
  /(import|export)\s*(?:type\s*)?\*\s*(as\b\s*(?:[\w$]+|"[^"\n]*"|'[^'\n]*')\s*)?from\s*(["'])([^"'\n]*)\3/y;
/**
 * A string after `from`, `import`, `import(`, `require(` or `require?.(` (comments allowed in
 * between): where every module specifier of a file is written.
 */
const SPECIFIER = new RegExp(
  String.raw`\b(?:from|import|require)${GAP}(?:(?:\?\.${GAP})?\(${GAP})?(["'])((?:\\[\s\S]|(?!\1)[^\\\n])*)\1`,
  'y',
);
/** Where `from`, `import` or `require` may start a statement or call that names a module. */
const SPECIFIER_KEYWORD = /\b(?:from|import|require)\b/g;

/** Is the character at `index` a regular-expression word character (`[A-Za-z0-9_]`, as `\b` sees it)? */
function isRegExpWordAt(text: string, index: number): boolean {
  return /\w/.test(text.charAt(index));
}

/** What the keywords `import` and `export` of a text start: `import(`, and where star statements may begin. */
interface KeywordScan {
  readonly text: string;
  /** `\bimport` + comments + `(`: a dynamic import or an import type, whose module object may reach every export. */
  readonly callsImport: boolean;
  /** Each `\b(?:import|export)` + comments + (`type` + comments)? + `*`: the start of `import * as ns`, `export * from`, `export * as ns from`. */
  readonly starStarts: readonly number[];
}

let lastScan: KeywordScan | undefined;

/**
 * One pass over the text for both questions (asked by several rules of every file): a search for
 * `port` (a plain substring search, faster than a regular expression for either keyword) and a look
 * around each occurrence. It finds what the patterns in the comments of {@link KeywordScan} describe,
 * reading the space between as a tokenizer does: a block comment ends at its first closing star and
 * slash, a line comment at the line's end (a pattern could backtrack into them, and match inside one).
 */
function scanKeywords(text: string): KeywordScan {
  if (lastScan?.text === text) return lastScan;
  let callsImport = false;
  const starStarts: number[] = [];
  for (let index = text.indexOf('port', 2); index !== -1; index = text.indexOf('port', index + 4)) {
    const start = index - 2;
    const isImport = text.startsWith('im', start);
    if ((!isImport && !text.startsWith('ex', start)) || (start > 0 && isRegExpWordAt(text, start - 1))) continue;
    GAP_AT.lastIndex = index + 4;
    GAP_AT.exec(text);
    let next = GAP_AT.lastIndex;
    if (text.charCodeAt(next) === 40 /* ( */) {
      if (isImport) callsImport = true;
      continue;
    }
    if (text.startsWith('type', next) && !isRegExpWordAt(text, next + 4)) {
      GAP_AT.lastIndex = next + 4;
      GAP_AT.exec(text);
      next = GAP_AT.lastIndex;
    }
    if (text.charCodeAt(next) === 42 /* * */) starStarts.push(start);
  }
  lastScan = { text, callsImport, starStarts };
  return lastScan;
}

/**
 * The file's namespace imports and star re-exports (the statements that take every export of a
 * module without naming it): each module specifier, and whether the statement re-exports the
 * module's names one by one (`export * from`, so a class re-exported by that module becomes an export
 * of this file) rather than taking a namespace (`import * as ns`, `export * as ns`). Read from the
 * text so a rule can decide before touching the AST. Undefined when the text does not allow that: a
 * statement written with comments inside or an escape in its specifier (then only the AST tells). It
 * may list such text from a comment or string too, never miss a real statement: keywords and `*`
 * cannot be escaped, and each start must be a plain statement read from that very position. One
 * search of the text finds the starts (a few per file); the statement is read only there.
 */
export function starStatements(text: string): readonly { specifier: string; reexportsNames: boolean }[] | undefined {
  const statements: { specifier: string; reexportsNames: boolean }[] = [];
  let after = 0;
  for (const start of scanKeywords(text).starStarts) {
    // Go on after the statement (a start inside its `as "…"` name or specifier is not a statement).
    if (start < after) continue;
    PLAIN_STAR_AT.lastIndex = start;
    const plain = PLAIN_STAR_AT.exec(text);
    const specifier = plain?.[4];
    if (plain === null || specifier === undefined || specifier.includes('\\')) return undefined;
    statements.push({ specifier, reexportsNames: plain[1] === 'export' && plain[2] === undefined });
    after = PLAIN_STAR_AT.lastIndex;
  }
  return statements;
}

/**
 * The module specifiers the text may hold, read without the AST: every string after `from`,
 * `import`, `import(` or `require(`. A superset of the specifiers of the file's imports, re-exports,
 * `import =`, `import()` and `require()` (text in comments and strings counts too): keywords cannot
 * be escaped, and each keyword is tried where it stands, so a string that merely contains one hides
 * no statement. Undefined when a string holds a backslash (an escape may spell any specifier).
 */
export function specifiersInText(text: string): readonly string[] | undefined {
  const specifiers: string[] = [];
  SPECIFIER_KEYWORD.lastIndex = 0;
  for (let keyword = SPECIFIER_KEYWORD.exec(text); keyword !== null; keyword = SPECIFIER_KEYWORD.exec(text)) {
    SPECIFIER.lastIndex = keyword.index;
    const specifier = SPECIFIER.exec(text)?.[2];
    if (specifier === undefined) continue;
    if (specifier.includes('\\')) return undefined;
    specifiers.push(specifier);
  }
  return specifiers;
}

/** Can this file call `import()` (a dynamic import, or `typeof import()` in a type)? A text test. */
export function mayCallImport(text: string): boolean {
  return scanKeywords(text).callsImport;
}

/** Files where `import type` is valid syntax. */
export function isTypeScriptFile(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}

/** A reference that TypeScript erases: `x: C`, `typeof C`, `{ [C.key]: T }` in a type. */
export function isTypePositionReference(reference: TSESLint.Scope.Reference): boolean {
  const identifier = reference.identifier;
  const parentType = identifier.parent.type;
  // `export { C }`, `export default C`, `export = C` keep the value alive.
  if (
    parentType === 'ExportSpecifier' ||
    parentType === 'ExportDefaultDeclaration' ||
    parentType === 'TSExportAssignment'
  )
    return false;
  const flags = reference as { isTypeReference?: boolean; isValueReference?: boolean };
  if (flags.isValueReference !== true) return flags.isTypeReference === true;
  let child: TSESTree.Node = identifier;
  let parent: TSESTree.Node = identifier.parent;
  for (;;) {
    switch (parent.type) {
      case 'TSTypeQuery':
        return true;
      case 'TSQualifiedName':
        if (parent.left !== child) return false;
        break;
      case 'TSPropertySignature':
        return parent.key === child;
      case 'MemberExpression':
        if (parent.object !== child) return false;
        break;
      default:
        return false;
    }
    child = parent;
    parent = parent.parent;
  }
}

function hasDecorators(node: TSESTree.Node): boolean {
  return 'decorators' in node && Array.isArray(node.decorators) && node.decorators.length > 0;
}

/** The parameter node `annotation` types (`x: T`, `x: T = d`, `private x: T`), if it types one. */
function annotatedParameter(annotation: TSESTree.TSTypeAnnotation): TSESTree.Node | undefined {
  let parameter: TSESTree.Node = annotation.parent;
  if (parameter.parent?.type === 'AssignmentPattern' && parameter.parent.left === parameter)
    parameter = parameter.parent;
  if (parameter.parent?.type === 'TSParameterProperty') parameter = parameter.parent;
  return parameter;
}

/**
 * Is `identifier` (a type reference) in a position whose type TypeScript writes into decorator
 * metadata under `emitDecoratorMetadata` — so the type is a runtime reference there? The type
 * annotation of a constructor parameter of a decorated class (or of a constructor with a decorated
 * parameter), of a decorated property or accessor, of a parameter or the return type of a decorated
 * method (or of a method with a decorated parameter).
 */
export function isDecoratorMetadataPosition(identifier: TSESTree.Node): boolean {
  let node: TSESTree.Node = identifier;
  while (node.parent !== undefined && node.parent.type !== 'TSTypeAnnotation') {
    if (!node.parent.type.startsWith('TS')) return false;
    node = node.parent;
  }
  const annotation = node.parent;
  if (annotation?.type !== 'TSTypeAnnotation') return false;
  const owner = annotation.parent;
  if ((owner.type === 'PropertyDefinition' || owner.type === 'AccessorProperty') && owner.typeAnnotation === annotation)
    return hasDecorators(owner);
  let fn: TSESTree.Node | undefined;
  if (owner.type === 'FunctionExpression' && owner.returnType === annotation) fn = owner;
  else {
    const parameter = annotatedParameter(annotation);
    const parent = parameter?.parent;
    if (parent?.type === 'FunctionExpression' && parent.params.includes(parameter as TSESTree.Parameter)) fn = parent;
  }
  const method = fn?.parent;
  if (fn?.type !== 'FunctionExpression' || method?.type !== 'MethodDefinition' || method.value !== fn) return false;
  if (fn.params.some(hasDecorators) || hasDecorators(method)) return true;
  return method.kind === 'constructor' && hasDecorators(method.parent.parent);
}

/** Is the binding used, and only in type positions (so a type-only import keeps behaviour)? */
export function isUsedOnlyAsType(variable: Variable | undefined): boolean {
  const references = variable?.references ?? [];
  return references.length > 0 && references.every(isTypePositionReference);
}

/** Is the binding used as a value (`new C()`, `C.VERSION`, `x instanceof C`, passed around) at least once? */
export function hasValueUse(variable: Variable | undefined): boolean {
  return variable?.references.some((reference) => !isTypePositionReference(reference)) === true;
}

/**
 * A value use that can neither construct the class nor hand it on: the right side of `x instanceof C`,
 * or a read of a static member (`C.VERSION`) — not `C.prototype`/`C.constructor`, not a call of a
 * static method (it may be a factory of its own), not a write.
 */
function isInertValueUse(reference: TSESLint.Scope.Reference): boolean {
  const identifier = reference.identifier;
  const parent = identifier.parent;
  if (parent.type === 'BinaryExpression') return parent.operator === 'instanceof' && parent.right === identifier;
  if (
    parent.type !== 'MemberExpression' ||
    parent.object !== identifier ||
    parent.computed ||
    parent.property.type !== 'Identifier'
  )
    return false;
  if (parent.property.name === 'prototype' || parent.property.name === 'constructor') return false;
  const outer = parent.parent;
  switch (outer.type) {
    case 'CallExpression':
    case 'NewExpression':
      return outer.callee !== parent;
    case 'TaggedTemplateExpression':
      return outer.tag !== parent;
    case 'AssignmentExpression':
      return outer.left !== parent;
    case 'UpdateExpression':
      return false;
    case 'UnaryExpression':
      return outer.operator !== 'delete';
    default:
      return true;
  }
}

/** Is the binding used as a value, but only in ways that cannot construct it (`x instanceof C`, `C.VERSION`)? */
export function hasOnlyInertValueUses(variable: Variable | undefined): boolean {
  const values = variable?.references.filter((reference) => !isTypePositionReference(reference)) ?? [];
  return values.length > 0 && values.every(isInertValueUse);
}

/** Is the binding used in at least one type position? */
export function hasTypeUse(variable: Variable | undefined): boolean {
  return variable?.references.some(isTypePositionReference) === true;
}

/** `node` with the TypeScript wrappers around it (`require(M) as T`, `import(M)!`), outermost first. */
function unwrapOutward(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent !== undefined; parent = current.parent) {
    const wraps = isTypeWrapper(parent) && parent.expression === current;
    if (!wraps) break;
    current = parent;
  }
  return current;
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return staticString(property.key);
}

/**
 * Where a destructuring `pattern` of a module object takes `name`: the property (or rest element)
 * that takes it, `whole` when the pattern binds the whole object, undefined when only other names
 * are taken.
 */
function patternReach(pattern: TSESTree.Node, name: string, whole: TSESTree.Node): TSESTree.Node | undefined {
  if (pattern.type === 'AssignmentPattern') return patternReach(pattern.left, name, whole);
  if (pattern.type !== 'ObjectPattern') return whole;
  for (const property of pattern.properties) {
    if (property.type === 'RestElement') return property;
    const key = propertyKey(property);
    // A computed key may be anything, the class included.
    if (key === undefined || key === name) return property;
  }
  return undefined;
}

/** `.then(callback)` on `node`: the call, when it is one. */
function thenCall(node: TSESTree.Node): TSESTree.CallExpression | undefined {
  const parent = node.parent;
  if (parent?.type !== 'MemberExpression' || parent.object !== node || memberName(parent) !== 'then') return undefined;
  const call = parent.parent;
  return call.type === 'CallExpression' && call.callee === parent ? call : undefined;
}

function isDiscarded(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === 'ExpressionStatement' || (parent?.type === 'UnaryExpression' && parent.operator === 'void');
}

/**
 * How far the module object of `require(M)` or `import(M)` (the `call`) reaches `name`: the node
 * that takes it (a destructured property, a member access, or the call itself when the whole module
 * object escapes), or undefined when only other names are taken or the result is discarded.
 */
export function moduleObjectReach(
  call: TSESTree.CallExpression | TSESTree.ImportExpression,
  name: string,
): TSESTree.Node | undefined {
  let node = unwrapOutward(call);
  if (call.type === 'ImportExpression') {
    const parent = node.parent;
    if (parent?.type === 'AwaitExpression') node = unwrapOutward(parent);
    else {
      if (isDiscarded(node)) return undefined;
      const then = thenCall(node);
      if (then === undefined) return call;
      const callback = then.arguments[0];
      if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return call;
      const parameter = callback.params[0];
      return parameter === undefined ? undefined : patternReach(parameter, name, call);
    }
  }
  const parent = node.parent;
  if (parent === undefined || isDiscarded(node)) return undefined;
  if (parent.type === 'MemberExpression' && parent.object === node) {
    const property = memberName(parent);
    return property === undefined || property === name ? parent : undefined;
  }
  if (parent.type === 'VariableDeclarator' && parent.init === node) return patternReach(parent.id, name, call);
  if (parent.type === 'AssignmentExpression' && parent.right === node) return patternReach(parent.left, name, call);
  return call;
}

/** Names this module exports itself (`export { a }`, `export function a`, `export { a } from`, …). */
export function exportedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    for (const specifier of statement.specifiers) names.add(moduleExportName(specifier.exported));
    const declaration = statement.declaration;
    if (declaration === null) continue;
    if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations)
        if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
    } else if ('id' in declaration && declaration.id?.type === 'Identifier') names.add(declaration.id.name);
  }
  return names;
}

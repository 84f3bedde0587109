/**
 * The arguments a "use the factory" suggestion may pass: the factory is not the constructor, so the
 * constructor's arguments are passed on only when the factory is known to take them. A suggestion
 * that surely breaks the code is worse than none:
 *
 * - a factory with a `scope` gets the one constructor argument (or object-literal property) that is
 *   the scope, found by its name (`user`, `currentUser`, `{ user }` for the scope "user");
 * - otherwise the factory's and the constructor's declared parameters (read from their modules)
 *   must match, or both be empty; when the factory's module cannot be read, only an argument-free
 *   construction becomes an argument-free factory call.
 */
import { readFileSync, statSync } from 'node:fs';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { BoundedMap } from './bounded-map.js';
import { countedParse, countedRead, oxcParser } from './lazy.js';
import { staticString } from './identity.js';
import type { Factory, Service } from './registry.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One declared parameter: its name (none for a pattern), type annotation text, and whether it may be left out. */
interface Parameter {
  readonly name: string | undefined;
  readonly type: string | undefined;
  readonly optional: boolean;
  readonly rest: boolean;
}

interface Declarations {
  /**
   * Export path → the parameters of what it calls: an exported function or class constructor
   * (`getX`, `WebSocketManager`), a static method of an exported class or a method of an exported
   * object literal (`Factory.getX`).
   */
  readonly exports: ReadonlyMap<string, readonly Parameter[]>;
}

/** A declared thing: its own parameters (function, class) and its members' (static methods, object methods). */
interface Declared {
  readonly parameters: readonly Parameter[] | undefined;
  readonly members: ReadonlyMap<string, readonly Parameter[]>;
}

interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

const declarationsByFile = new BoundedMap<
  string,
  { readonly size: number; readonly mtimeMs: number; readonly value: Declarations | undefined }
>(500);

function parameterOf(node: Node, text: string): Parameter {
  if (node.type === 'TSParameterProperty') return parameterOf(node.parameter as Node, text);
  if (node.type === 'AssignmentPattern') return { ...parameterOf(node.left as Node, text), optional: true };
  const annotation = node.typeAnnotation as Node | null | undefined;
  const typeNode = annotation?.typeAnnotation as Node | undefined;
  const type = typeNode === undefined ? undefined : text.slice(typeNode.start, typeNode.end).replaceAll(/\s+/g, ' ');
  if (node.type === 'RestElement') return { name: undefined, type, optional: true, rest: true };
  return {
    name: node.type === 'Identifier' ? (node.name as string) : undefined,
    type,
    optional: node.optional === true,
    rest: false,
  };
}

function parametersOf(node: Node | null | undefined, text: string): readonly Parameter[] | undefined {
  if (node === null || node === undefined) return undefined;
  if (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  )
    return (node.params as Node[]).map((param) => parameterOf(param, text));
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
    const members = (node.body as Node).body as Node[];
    const constructor = members.find((member) => member.type === 'MethodDefinition' && member.kind === 'constructor');
    // No constructor of its own: the parent's may take anything.
    if (constructor === undefined) return node.superClass === null ? [] : undefined;
    return parametersOf(constructor.value as Node, text);
  }
  return undefined;
}

function keyName(node: Node): string | undefined {
  return node.type === 'Identifier' ? (node.name as string) : staticString(node as never);
}

/** Methods callable as `X.name(…)`: static methods of a class, methods and function-valued properties of an object literal. */
function membersOf(node: Node | null | undefined, text: string): ReadonlyMap<string, readonly Parameter[]> {
  const members = new Map<string, readonly Parameter[]>();
  if (node === null || node === undefined) return members;
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
    for (const member of (node.body as Node).body as Node[]) {
      if (member.type !== 'MethodDefinition' || member.static !== true || member.computed === true) continue;
      const name = keyName(member.key as Node);
      const parameters = parametersOf(member.value as Node, text);
      if (name !== undefined && parameters !== undefined && member.kind === 'method') members.set(name, parameters);
    }
  } else if (node.type === 'ObjectExpression') {
    for (const property of node.properties as Node[]) {
      if (property.type !== 'Property' || property.computed === true || property.kind !== 'init') continue;
      const name = keyName(property.key as Node);
      const parameters = parametersOf(property.value as Node, text);
      if (name !== undefined && parameters !== undefined) members.set(name, parameters);
    }
  }
  return members;
}

function declaredOf(node: Node | null | undefined, text: string): Declared {
  return { parameters: parametersOf(node, text), members: membersOf(node, text) };
}

function readDeclarations(file: string, text: string): Declarations {
  const program = oxcParser().parseSync(file, text).program as unknown as { body: Node[] };
  const locals = new Map<string, Declared>();
  const exports = new Map<string, readonly Parameter[]>();
  const exported: [exportName: string, local: string][] = [];
  const record = (name: string, declared: Declared) => {
    if (declared.parameters !== undefined) exports.set(name, declared.parameters);
    for (const [member, parameters] of declared.members) exports.set(`${name}.${member}`, parameters);
  };
  const declare = (declaration: Node, exportAll: boolean) => {
    if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
      const id = declaration.id as Node | null;
      if (id === null) return;
      locals.set(id.name as string, declaredOf(declaration, text));
      if (exportAll) exported.push([id.name as string, id.name as string]);
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations as Node[]) {
        const id = declarator.id as Node;
        if (id.type !== 'Identifier') continue;
        locals.set(id.name as string, declaredOf(declarator.init as Node | null, text));
        if (exportAll) exported.push([id.name as string, id.name as string]);
      }
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration !== null && statement.declaration !== undefined)
        declare(statement.declaration as Node, true);
      else if (statement.source === null || statement.source === undefined)
        for (const specifier of statement.specifiers as Node[]) {
          const local = staticString(specifier.local as never) ?? ((specifier.local as Node).name as string);
          const name = staticString(specifier.exported as never) ?? ((specifier.exported as Node).name as string);
          exported.push([name, local]);
        }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as Node;
      if (declaration.type === 'Identifier') exported.push(['default', declaration.name as string]);
      else record('default', declaredOf(declaration, text));
    } else declare(statement, false);
  }
  for (const [name, local] of exported) {
    const declared = locals.get(local);
    if (declared !== undefined) record(name, declared);
  }
  return { exports };
}

/** The parameters of what the export path (`getX`, `Factory.getX`) of `file` calls, when the file declares it; undefined when unknown. */
function exportedParameters(file: string, exportPath: string): readonly Parameter[] | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return undefined;
  }
  let cached = declarationsByFile.get(file);
  if (cached?.size !== stat.size || cached.mtimeMs !== stat.mtimeMs) {
    let value: Declarations | undefined;
    try {
      const text = countedRead(() => readFileSync(file, 'utf8'));
      value = countedParse(() => readDeclarations(file, text));
    } catch {
      value = undefined;
    }
    cached = { size: stat.size, mtimeMs: stat.mtimeMs, value };
    declarationsByFile.set(file, cached);
  }
  return cached.value?.exports.get(exportPath);
}

/** The factory's declared parameters, when its module declares it (a function, or a method one member deep). */
function factoryParameters(factory: Factory): readonly Parameter[] | undefined {
  if (factory.module.kind !== 'file' || factory.members.length > 1) return undefined;
  return exportedParameters(factory.module.file, [factory.export, ...factory.members].join('.'));
}

/** The service class's declared constructor parameters, when its module declares the class. */
function constructorParameters(service: Service): readonly Parameter[] | undefined {
  return service.module?.kind === 'file' ? exportedParameters(service.module.file, service.className) : undefined;
}

/** A parameter list that takes any arguments: `(...args)`, `(...args: unknown[])`, `(...args: any[])`. */
function takesAnything(parameters: readonly Parameter[]): boolean {
  const [only] = parameters;
  return (
    parameters.length === 1 &&
    only?.rest === true &&
    (only.type === undefined || only.type === 'unknown[]' || only.type === 'any[]')
  );
}

/** The parameter that receives argument `index`: the one at that position, or a trailing rest parameter. */
function parameterAt(parameters: readonly Parameter[], index: number): Parameter | undefined {
  const last = parameters.at(-1);
  return index >= parameters.length - 1 && last?.rest === true ? last : parameters[index];
}

/**
 * Does the factory take the `count` arguments the constructor is given? Each goes to a parameter of
 * the same declared type (the same name when neither is typed; rest to rest), and every factory
 * parameter after them may be left out.
 */
function takesSameArguments(factory: readonly Parameter[], constructor: readonly Parameter[], count: number): boolean {
  for (let index = 0; index < count; index++) {
    const left = parameterAt(factory, index);
    const right = parameterAt(constructor, index);
    if (left === undefined || right === undefined) return false;
    if (left.rest !== right.rest) return false;
    if (left.type !== undefined || right.type !== undefined) {
      if (left.type !== right.type) return false;
    } else if (left.name === undefined || left.name !== right.name) return false;
  }
  return factory.slice(count).every((parameter) => parameter.optional);
}

const FILLER_WORDS = new Set(['a', 'an', 'the', 'or', 'and', 'of', 'per', 'its']);

/** The words of a scope's name (`'user or request context'` → user, request, context). */
function scopeWords(name: string): readonly string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word.length > 1 && !FILLER_WORDS.has(word));
}

/** Is `name` one of the words, or camel-cased ending in one (`currentUser`, `req` is not `request`)? */
function namesScope(name: string, words: readonly string[]): boolean {
  return words.some(
    (word) =>
      name.toLowerCase() === word ||
      (name.length > word.length && name.endsWith(`${word.charAt(0).toUpperCase()}${word.slice(1)}`)),
  );
}

/** The source text of the one argument or object-literal property named like the scope; undefined unless exactly one. */
function scopeArgumentText(
  args: readonly TSESTree.Node[],
  scopeName: string,
  sourceCode: SourceCode,
): string | undefined {
  const words = scopeWords(scopeName);
  const found: string[] = [];
  for (const argument of args) {
    if (argument.type === 'Identifier' && namesScope(argument.name, words)) found.push(argument.name);
    if (argument.type !== 'ObjectExpression') continue;
    for (const property of argument.properties) {
      if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) continue;
      const key = property.key.type === 'Identifier' ? property.key.name : staticString(property.key);
      if (key !== undefined && namesScope(key, words)) found.push(sourceCode.getText(property.value));
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

/** The argument nodes of a construction (`new C(a)`, `io(a)`, `Reflect.construct(C, [a])`); undefined when not static. */
function constructionArguments(
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  kind: 'call' | 'new' | 'reflect',
): readonly TSESTree.Node[] | undefined {
  if (kind !== 'reflect') return node.arguments;
  const list = node.arguments[1];
  if (list === undefined) return [];
  if (
    list.type !== 'ArrayExpression' ||
    list.elements.some((element) => element?.type !== undefined && element.type === 'SpreadElement')
  )
    return undefined;
  return list.elements.filter((element): element is TSESTree.Expression => element !== null);
}

/**
 * The argument text of a factory call that replaces this construction (`args`: the constructor's
 * argument text), or undefined when no call can be offered safely.
 */
export function factoryCallArguments(
  service: Service & { readonly factory: Factory },
  node: TSESTree.NewExpression | TSESTree.CallExpression,
  kind: 'call' | 'new' | 'reflect',
  args: string,
  sourceCode: SourceCode,
): string | undefined {
  const { factory } = service;
  const argumentNodes = constructionArguments(node, kind);
  if (argumentNodes === undefined) return undefined;
  const factoryParams = factoryParameters(factory);
  if (factory.scope !== undefined) {
    // Only the scope can be passed on, so it must be the first argument and the only one the factory needs.
    if (factory.scope.argument !== 0) return undefined;
    if (factoryParams?.slice(1).some((parameter) => !parameter.optional) === true) return undefined;
    return scopeArgumentText(argumentNodes, factory.scope.name, sourceCode);
  }
  if (factoryParams === undefined) return argumentNodes.length === 0 ? '' : undefined;
  if (argumentNodes.length === 0) return factoryParams.every((parameter) => parameter.optional) ? '' : undefined;
  if (takesAnything(factoryParams)) return args;
  const constructorParams = constructorParameters(service);
  return constructorParams !== undefined && takesSameArguments(factoryParams, constructorParams, argumentNodes.length)
    ? args
    : undefined;
}

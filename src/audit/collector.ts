/**
 * The audit's collector: an ESLint rule that records, per file, the facts the audit needs (top-level
 * declarations, constructions, imports and re-exports, factory candidates) and hands them back as one
 * message. Running inside ESLint means the project's own config decides which files and with which
 * parser, and `--concurrency` works: messages come back from worker threads like any other.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { BoundedMap } from '../bounded-map.js';
import { findVariable, moduleExportName, originOf, type Origin } from '../identity.js';
import { registrationsListener } from './containers.js';
import { thisOwner, type ClassNode } from '../module-scope.js';
import { findTsconfig, getResolver, isRelativeSpecifier } from '../resolution.js';
import type {
  ClassRef,
  ConstructionFact,
  DeclarationFact,
  DeclarationKind,
  FactoryFact,
  FileFacts,
  ImportFact,
} from './facts.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Context = Readonly<TSESLint.RuleContext<'facts', []>>;

/** Global constructors whose instances are connections: one owner module each. */
const CONNECTION_GLOBALS: ReadonlySet<string> = new Set([
  'BroadcastChannel',
  'EventSource',
  'RTCPeerConnection',
  'SharedWorker',
  'WebSocket',
  'Worker',
]);

/** In-process progress hook: called once per file the collector finishes (not from worker threads). */
export const progress: { onFile: (() => void) | undefined } = { onFile: undefined };

const tsconfigByDirectory = new BoundedMap<string, string | undefined>(5000);

function resolverFor(file: string) {
  const directory = path.dirname(file);
  return getResolver(tsconfigByDirectory.getOrCompute(directory, () => findTsconfig(directory)));
}

/** The project file `specifier` reaches from `file`; undefined for packages (node_modules) and unresolved ones. */
function resolveSpecifier(file: string, specifier: string): string | undefined {
  const resolved = resolverFor(file).resolveFile(file, specifier);
  if (resolved === undefined || resolved.split(path.sep).includes('node_modules')) return undefined;
  return resolved;
}

function classRef(origin: Origin | undefined, file: string): ClassRef | undefined {
  if (origin === undefined) return undefined;
  switch (origin.kind) {
    case 'local':
      return { kind: 'local', name: origin.name };
    case 'global':
      return { kind: 'global', name: origin.name };
    case 'export': {
      const resolved =
        isRelativeSpecifier(origin.source) || !origin.source.startsWith('node:')
          ? resolveSpecifier(file, origin.source)
          : undefined;
      return {
        kind: 'import',
        name: origin.name,
        specifier: origin.source,
        ...(resolved === undefined ? {} : { file: resolved }),
      };
    }
    default:
      return undefined;
  }
}

function patternNames(pattern: TSESTree.Node, names: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      names.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties)
        patternNames(property.type === 'Property' ? property.value : property.argument, names);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element !== null) patternNames(element, names);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, names);
      break;
    case 'RestElement':
      patternNames(pattern.argument, names);
      break;
    default:
      break;
  }
}

function isModuleLoadExpression(node: TSESTree.Node): boolean {
  let current = node;
  for (;;) {
    if (
      current.type === 'MemberExpression' ||
      current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression'
    )
      current = current.type === 'MemberExpression' ? current.object : current.expression;
    else if (current.type === 'AwaitExpression') current = current.argument;
    else break;
  }
  if (current.type === 'ImportExpression') return true;
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' && current.callee.name === 'require';
}

function declarationsOf(statement: TSESTree.Node, exported: boolean, out: DeclarationFact[]): void {
  const line = statement.loc.start.line;
  const add = (name: string, kind: DeclarationKind) => out.push({ name, kind, line, exported });
  switch (statement.type) {
    case 'ClassDeclaration':
      if (statement.id !== null && !statement.declare) add(statement.id.name, 'class');
      break;
    case 'FunctionDeclaration':
      if (statement.id !== null) add(statement.id.name, 'function');
      break;
    case 'TSDeclareFunction':
      break;
    case 'VariableDeclaration': {
      if (statement.declare) break;
      const kind =
        statement.kind === 'const' || statement.kind === 'let' || statement.kind === 'var' ? statement.kind : 'const';
      for (const declarator of statement.declarations) {
        // `const { X } = require('./x')`, `const X = (await import('./x')).X`: an import, not a definition.
        if (declarator.init !== null && isModuleLoadExpression(declarator.init)) continue;
        const names: string[] = [];
        patternNames(declarator.id, names);
        for (const name of names) add(name, kind);
      }
      break;
    }
    case 'TSTypeAliasDeclaration':
      if (!statement.declare) add(statement.id.name, 'type');
      break;
    case 'TSInterfaceDeclaration':
      if (!statement.declare) add(statement.id.name, 'interface');
      break;
    case 'TSEnumDeclaration':
      if (!statement.declare) add(statement.id.name, 'enum');
      break;
    default:
      break;
  }
}

/** Names of bindings exported with `export { a, b as c }` (no `from`): local name → exported. */
function exportedLocals(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source === null)
      for (const specifier of statement.specifiers) names.add(moduleExportName(specifier.local));
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier')
      names.add(statement.declaration.name);
  }
  return names;
}

function defaultNameOf(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'ExportDefaultDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration.type === 'Identifier') return declaration.name;
    if (
      (declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') &&
      declaration.id !== null
    )
      return declaration.id.name;
  }
  return undefined;
}

function collectDeclarations(program: TSESTree.Program): DeclarationFact[] {
  const out: DeclarationFact[] = [];
  const locals = exportedLocals(program);
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration !== null)
      declarationsOf(statement.declaration, true, out);
    else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (
        (declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') &&
        declaration.id !== null
      )
        declarationsOf(declaration, true, out);
    } else declarationsOf(statement, false, out);
  }
  return out.map((fact) => (!fact.exported && locals.has(fact.name) ? { ...fact, exported: true } : fact));
}

function collectImports(program: TSESTree.Program, file: string): ImportFact[] {
  const out: {
    specifier: string;
    file?: string;
    names: string[];
    reexports: (readonly [string, string])[];
    typeOnly: boolean;
  }[] = [];
  const add = (specifier: string, names: string[], reexports: (readonly [string, string])[], typeOnly: boolean) => {
    const resolved = specifier.startsWith('node:') ? undefined : resolveSpecifier(file, specifier);
    const fact = { specifier, ...(resolved === undefined ? {} : { file: resolved }), names, reexports, typeOnly };
    out.push(fact);
    return fact;
  };
  /** Imported local name → the import it came from and the name it has there. */
  const importedLocals = new Map<string, { fact: ReturnType<typeof add>; imported: string }>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const names = statement.specifiers.map((specifier) => {
        if (specifier.type === 'ImportNamespaceSpecifier') return '*';
        if (specifier.type === 'ImportDefaultSpecifier') return 'default';
        return moduleExportName(specifier.imported);
      });
      const typeOnly =
        statement.importKind === 'type' ||
        (statement.specifiers.length > 0 &&
          statement.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
      const fact = add(statement.source.value, names, [], typeOnly);
      statement.specifiers.forEach((specifier, index) => {
        const imported = names[index];
        if (imported !== undefined && imported !== '*') importedLocals.set(specifier.local.name, { fact, imported });
      });
    } else if (statement.type === 'ExportNamedDeclaration' && statement.source !== null) {
      // A re-export makes this module an entry for the names; it does not import them for its own use.
      const pairs = statement.specifiers.map(
        (specifier) => [moduleExportName(specifier.local), moduleExportName(specifier.exported)] as const,
      );
      add(statement.source.value, [], pairs, statement.exportKind === 'type');
    } else if (statement.type === 'ExportNamedDeclaration') {
      // `import { X } from './x'; export { X }`: a re-export spelt in two statements.
      for (const specifier of statement.specifiers) {
        const local = importedLocals.get(moduleExportName(specifier.local));
        if (local !== undefined) local.fact.reexports.push([local.imported, moduleExportName(specifier.exported)]);
      }
    } else if (statement.type === 'ExportAllDeclaration') {
      const as = statement.exported === null ? '*' : moduleExportName(statement.exported);
      add(statement.source.value, [], [['*', as]], statement.exportKind === 'type');
    }
  }
  return out;
}

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** `getManager` for a top-level function or `const getManager = () => …`; `Registry.getInstance` for a static method. */
function candidateName(fn: FunctionLike): string | undefined {
  const parent = fn.parent;
  if (fn.type === 'FunctionDeclaration') {
    const owner =
      parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration' ? parent.parent : parent;
    return fn.id !== null && owner.type === 'Program' ? fn.id.name : undefined;
  }
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const declaration = parent.parent;
    const owner = declaration.parent;
    if (owner.type === 'Program' || owner.type === 'ExportNamedDeclaration') return parent.id.name;
    return undefined;
  }
  if (parent.type === 'MethodDefinition' && parent.static && parent.key.type === 'Identifier' && parent.value === fn) {
    const cls: ClassNode = parent.parent.parent;
    const owner =
      cls.parent.type === 'ExportNamedDeclaration' || cls.parent.type === 'ExportDefaultDeclaration'
        ? cls.parent.parent
        : cls.parent;
    if (cls.id !== null && owner.type === 'Program') return `${cls.id.name}.${parent.key.name}`;
  }
  return undefined;
}

function enclosingCandidate(node: TSESTree.Node): { fn: FunctionLike; name: string } | undefined {
  // espree's Program has `parent: null`.
  for (let current: TSESTree.Node | null | undefined = node.parent; current != null; current = current.parent) {
    if (
      current.type === 'ArrowFunctionExpression' ||
      current.type === 'FunctionDeclaration' ||
      current.type === 'FunctionExpression'
    ) {
      const name = candidateName(current);
      if (name !== undefined) return { fn: current, name };
    }
    if (current.type === 'ClassBody' && current.parent.type !== 'ClassDeclaration') return undefined;
  }
  return undefined;
}

function isModuleBinding(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (node.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode.getScope(node), node.name);
  return (
    variable !== undefined &&
    variable.defs.length > 0 &&
    (variable.scope.type === 'module' || variable.scope.type === 'global')
  );
}

/** `this.x` in a static member, or `Owner.x` where `Owner` is a top-level class: a static slot. */
function isStaticSlot(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (node.type !== 'MemberExpression') return false;
  if (node.object.type === 'ThisExpression') return thisOwner(node)?.kind === 'class';
  if (node.object.type !== 'Identifier') return false;
  const variable = findVariable(sourceCode.getScope(node.object), node.object.name);
  const def = variable?.defs[0];
  // Inside the class body the name resolves to the class scope's own binding of it.
  const scopeType = variable?.scope.type;
  return def?.type === 'ClassName' && (scopeType === 'module' || scopeType === 'global' || scopeType === 'class');
}

/** Where a value at `at` is kept beyond the call, when it is `slot = value` or `slot.set(key, value)`. */
function keeperOf(at: TSESTree.Node, sourceCode: SourceCode): FactoryFact['keeps'] | undefined {
  const parent = at.parent;
  if (parent === undefined) return undefined;
  if (
    (parent.type === 'AssignmentExpression' && parent.right === at) ||
    (parent.type === 'PropertyDefinition' && parent.value === at)
  ) {
    const target = parent.type === 'AssignmentExpression' ? parent.left : undefined;
    if (target === undefined) return undefined;
    if (isModuleBinding(target, sourceCode)) return 'binding';
    if (isStaticSlot(target, sourceCode)) return 'static';
    // `cache[key] = value` on a module-level object, `map.get(k) ?? (map[k] = …)`
    if (
      target.type === 'MemberExpression' &&
      target.computed &&
      (isModuleBinding(target.object, sourceCode) || isStaticSlot(target.object, sourceCode))
    )
      return 'map';
    return undefined;
  }
  if (parent.type === 'CallExpression' && parent.arguments.includes(at as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    if (
      callee.type === 'MemberExpression' &&
      !callee.computed &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'set'
    )
      if (isModuleBinding(callee.object, sourceCode) || isStaticSlot(callee.object, sourceCode)) return 'map';
    return undefined;
  }
  if (
    parent.type === 'LogicalExpression' ||
    parent.type === 'ConditionalExpression' ||
    parent.type === 'TSAsExpression' ||
    parent.type === 'TSNonNullExpression'
  )
    return keeperOf(parent, sourceCode);
  return undefined;
}

/** How the instance created by `node` is kept for later calls, following one local (`const m = new C(); cache.set(k, m)`). */
function keptBy(node: TSESTree.NewExpression, sourceCode: SourceCode): FactoryFact['keeps'] | undefined {
  const direct = keeperOf(node, sourceCode);
  if (direct !== undefined) return direct;
  const parent = node.parent;
  let variable: TSESLint.Scope.Variable | undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier')
    [variable] = sourceCode.getDeclaredVariables(parent);
  // `let manager = cache.get(key); if (!manager) { manager = new C(); cache.set(key, manager); }`
  else if (parent.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier')
    variable = findVariable(sourceCode.getScope(parent.left), parent.left.name);
  for (const reference of variable?.references ?? []) {
    if (reference.init === true || reference.isWrite()) continue;
    const kept = keeperOf(reference.identifier, sourceCode);
    if (kept !== undefined) return kept;
  }
  return undefined;
}

function collectorCreate(context: Context): TSESLint.RuleListener {
  const { sourceCode, filename } = context;
  // Other languages (JSON, Markdown, CSS) never reach the collector.
  const ast: unknown = sourceCode.ast;
  if (typeof ast !== 'object' || ast === null || (ast as { type?: unknown }).type !== 'Program') return {};
  const constructions: ConstructionFact[] = [];
  const factories: FactoryFact[] = [];
  const containers = registrationsListener(sourceCode, (node) => classRef(originOf(node, sourceCode), filename));
  return {
    ...containers.listener,
    NewExpression(node) {
      const ref = classRef(originOf(node.callee, sourceCode), filename);
      if (ref === undefined) return;
      if (ref.kind === 'global' && !CONNECTION_GLOBALS.has(ref.name)) return;
      constructions.push({ class: ref, line: node.loc.start.line, column: node.loc.start.column + 1 });
      const candidate = enclosingCandidate(node);
      if (candidate === undefined) return;
      const keeps = keptBy(node, sourceCode);
      if (keeps !== undefined)
        factories.push({ name: candidate.name, class: ref, keeps, line: candidate.fn.loc.start.line });
    },
    // `const metrics = new Metrics(); export function getMetrics() { return metrics; }`: a factory that keeps one instance.
    ReturnStatement(node) {
      const argument = node.argument;
      if (argument?.type !== 'Identifier') return;
      const variable = findVariable(sourceCode.getScope(argument), argument.name);
      if (variable?.defs.length !== 1 || variable.scope.type !== 'module') return;
      const def = variable.defs[0];
      if (def?.type !== 'Variable') return;
      const init = def.node.init;
      if (init?.type !== 'NewExpression' || def.node.id.type !== 'Identifier') return;
      const candidate = enclosingCandidate(node);
      const ref = classRef(originOf(init.callee, sourceCode), filename);
      if (candidate === undefined || ref === undefined || ref.kind === 'global') return;
      factories.push({ name: candidate.name, class: ref, keeps: 'binding', line: candidate.fn.loc.start.line });
    },
    'Program:exit'(program) {
      const defaultName = defaultNameOf(program);
      const facts: FileFacts = {
        declarations: collectDeclarations(program),
        constructions,
        imports: collectImports(program, filename),
        factories,
        ...(containers.registrations.length === 0 ? {} : { registrations: containers.registrations }),
        ...(defaultName === undefined ? {} : { defaultName }),
      };
      context.report({ loc: { line: 1, column: 0 }, messageId: 'facts', data: { json: JSON.stringify(facts) } });
      progress.onFile?.();
    },
  };
}

export const collectorRule: Omit<TSESLint.RuleModule<'facts'>, 'defaultOptions'> = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Record the facts eslint-plugin-ssot audit needs (internal; used only by the audit command)' },
    schema: [],
    messages: { facts: '{{json}}' },
  },
  create: collectorCreate,
};

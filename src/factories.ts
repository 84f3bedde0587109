/**
 * Factory identity: is this callee a service's factory, through every spelling of it — a plain
 * function (`getWebSocketManager`) or a member path (`FrontendComponentFactory.getConversationManager`,
 * `managers.get`) whose first segment is imported renamed, through a namespace, `require()`, a barrel,
 * or declared in the factory's own module?
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  findVariable,
  importDenotes,
  mayMention,
  memberName,
  originOf,
  skipWrappers,
  staticString,
  targetBinding,
  type Origin,
} from './identity.js';
import { localExportNames } from './module-scope.js';
import type { Factory, Registry, Service } from './registry.js';
import { normalizeModulePath } from './resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A service that has a factory. */
export type FactoryService = Service & { readonly factory: Factory };

export function hasFactory(service: Service): service is FactoryService {
  return service.factory !== undefined;
}

/** The services among `services` with a factory whose export this file may mention (see `mayMention`). */
export function mentionedFactories(services: readonly Service[], sourceCode: SourceCode): FactoryService[] {
  return services.filter(
    (service): service is FactoryService => hasFactory(service) && mayMention(sourceCode, service.factory.export),
  );
}

/** Does the export `name` of `specifier` denote the factory's first segment, directly or through barrels (the module graph)? */
export function reachesFactory(
  specifier: string,
  name: string,
  factory: Factory,
  registry: Registry,
  filename: string,
): boolean {
  if (name === factory.export && registry.refersTo(specifier, filename, factory.module)) return true;
  return importDenotes(registry, filename, specifier, name, targetBinding(factory.module, factory.export, registry));
}

/**
 * The local name of a value import of this file that is the factory's first segment, through every
 * spelling: renamed (`import { F as Components }`), from its module or through a barrel. Undefined
 * when the file imports it nowhere (a namespace import does not count: it binds no such name).
 */
export function importedFactoryName(
  factory: Factory,
  registry: Registry,
  program: TSESTree.Program,
  filename: string,
): string | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') continue;
      if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
      const name =
        specifier.type === 'ImportDefaultSpecifier'
          ? 'default'
          : specifier.imported.type === 'Identifier'
            ? specifier.imported.name
            : specifier.imported.value;
      if (reachesFactory(statement.source.value, name, factory, registry, filename)) return specifier.local.name;
    }
  }
  return undefined;
}

const exportsByProgram = new WeakMap<TSESTree.Program, ReadonlyMap<string, ReadonlySet<string>>>();

/** Is the local binding `local` of this file exported as `name`? */
function isExportedAs(program: TSESTree.Program, local: string, name: string): boolean {
  if (local === name) return true;
  let exported = exportsByProgram.get(program);
  if (exported === undefined) {
    exported = localExportNames(program);
    exportsByProgram.set(program, exported);
  }
  return exported.get(local)?.has(name) === true;
}

/** A module-level binding whose value `originOf` does not follow (`export const managers = { get() {…} }`). */
function moduleBinding(node: TSESTree.Node, sourceCode: SourceCode): Origin | undefined {
  if (node.type !== 'Identifier') return undefined;
  const variable = findVariable(sourceCode.getScope(node), node.name);
  const scope = variable?.scope.type;
  return variable?.defs.length === 1 && (scope === 'module' || scope === 'global')
    ? { kind: 'local', name: node.name }
    : undefined;
}

const lastNames = new WeakMap<readonly FactoryService[], ReadonlySet<string>>();

/** The names a call of one of `services`' factories ends with (`getX` of `getX()` and of `F.getX()`). */
function lastNamesOf(services: readonly FactoryService[]): ReadonlySet<string> {
  let names = lastNames.get(services);
  if (names === undefined) {
    names = new Set(services.map(({ factory }) => factory.members.at(-1) ?? factory.export));
    lastNames.set(services, names);
  }
  return names;
}

const aliasesByProgram = new WeakMap<TSESTree.Program, Map<string, ReadonlySet<string>>>();

function addPatternAliases(pattern: TSESTree.Node, exportName: string, aliases: Set<string>): void {
  if (pattern.type !== 'ObjectPattern') return;
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : staticString(property.key);
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (key === exportName && value.type === 'Identifier') aliases.add(value.name);
  }
}

/**
 * The names a module-level binding of this file may give the export `exportName`: the export's own
 * name, import specifiers (`import { getX as connect }`, a default import of `'default'`), `require`
 * destructuring (`const { getX: connect } = require(…)`) and aliases (`const connect = getX`,
 * `const connect = ns.getX`). A call through any other identifier needs no scope lookup.
 */
function aliasesOf(program: TSESTree.Program, exportName: string): ReadonlySet<string> {
  let byExport = aliasesByProgram.get(program);
  if (byExport === undefined) {
    byExport = new Map();
    aliasesByProgram.set(program, byExport);
  }
  let aliases = byExport.get(exportName) as Set<string> | undefined;
  if (aliases !== undefined) return aliases;
  aliases = new Set([exportName]);
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        if (
          specifier.type === 'ImportSpecifier' &&
          (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === exportName
        )
          aliases.add(specifier.local.name);
        else if (specifier.type === 'ImportDefaultSpecifier' && exportName === 'default')
          aliases.add(specifier.local.name);
      }
      continue;
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.init === null) continue;
      addPatternAliases(declarator.id, exportName, aliases);
      const init = skipWrappers(declarator.init);
      const named =
        init.type === 'Identifier' ? init.name : init.type === 'MemberExpression' ? memberName(init) : undefined;
      if (declarator.id.type === 'Identifier' && named !== undefined && aliases.has(named))
        aliases.add(declarator.id.name);
    }
  }
  byExport.set(exportName, aliases);
  return aliases;
}

/** The call text of a factory from the local name of its first segment: `F.getX(args)`. */
export function factoryCallText(factory: Factory, localName: string, args: string): string {
  return `${[localName, ...factory.members].join('.')}(${args})`;
}

/**
 * The service whose factory `callee` is, among `services` (each with a factory). The member path's
 * segments must be spelled as static members (`F.getX`, `F['getX']`); the first segment is then
 * traced by identity to the factory module's export.
 */
export function factoryAt(
  callee: TSESTree.Node,
  services: readonly FactoryService[],
  registry: Registry,
  sourceCode: SourceCode,
  filename: string,
): FactoryService | undefined {
  if (services.length === 0) return undefined;
  const start = skipWrappers(callee);
  // Rule out most calls by their last name before any scope lookup.
  const last = start.type === 'MemberExpression' ? memberName(start) : start.type === 'Identifier' ? undefined : null;
  if (last === null || (last !== undefined && !lastNamesOf(services).has(last))) return undefined;
  if (
    start.type === 'Identifier' &&
    !services.some(
      (service) =>
        service.factory.members.length === 0 && aliasesOf(sourceCode.ast, service.factory.export).has(start.name),
    )
  )
    return undefined;
  let fileId: string | undefined;
  for (const service of services) {
    const { factory } = service;
    let root: TSESTree.Node = start;
    let matches = true;
    for (let index = factory.members.length - 1; index >= 0; index--) {
      if (root.type !== 'MemberExpression' || memberName(root) !== factory.members[index]) {
        matches = false;
        break;
      }
      root = skipWrappers(root.object);
    }
    // `ns.getX` for a plain factory: the module-object case is the origin's.
    if (!matches || (factory.members.length === 0 && last !== undefined && last !== factory.export)) continue;
    if (root.type === 'Identifier' && !aliasesOf(sourceCode.ast, factory.export).has(root.name)) continue;
    const origin = originOf(root, sourceCode) ?? moduleBinding(root, sourceCode);
    if (origin === undefined) continue;
    if (origin.kind === 'export') {
      if (reachesFactory(origin.source, origin.name, factory, registry, filename)) return service;
    } else if (origin.kind === 'local' && factory.module.kind === 'file') {
      fileId ??= normalizeModulePath(filename);
      if (factory.module.id === fileId && isExportedAs(sourceCode.ast, origin.name, factory.export)) return service;
    }
  }
  return undefined;
}

/**
 * Factory identity: is this callee a service's factory, through every spelling of it — a plain
 * function (`getWebSocketManager`) or a member path (`FrontendComponentFactory.getConversationManager`,
 * `managers.get`) whose first segment is imported renamed, through a namespace, `require()`, a barrel,
 * or declared in the factory's own module?
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  factoryWords,
  decodedEscapeLines,
  findVariable,
  importDenotes,
  isNeverReassigned,
  mayMention,
  memberName,
  originOf,
  patternPath,
  skipWrappers,
  staticString,
  targetBinding,
  type Origin,
  moduleExportName,
} from './identity.js';
import { mayCallImport } from './imports.js';
import { isWordAt } from './module-graph.js';
import { localExportNames, outerWrapper } from './module-scope.js';
import type { Factory, Registry, Service } from './registry.js';
import { normalizeModulePath } from './resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A service that has a factory. */
export type FactoryService = Service & { readonly factory: Factory };

function hasFactory(service: Service): service is FactoryService {
  return service.factory !== undefined;
}

/** The services among `services` with a factory whose export this file may mention (see `mayMention`). */
export function mentionedFactories(services: readonly Service[], sourceCode: SourceCode): FactoryService[] {
  return services.filter(
    (service): service is FactoryService => hasFactory(service) && mayMention(sourceCode, service.factory.export),
  );
}

/** Does the export `name` of `specifier` denote the factory's first segment, directly or through barrels (the module graph)? */
function reachesFactory(
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
  // Only a name the factory goes by in its module, or a default export, is followed through the
  // module graph (as for a service's class: `serviceWords`).
  const words = factoryWords(factory, registry);
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') continue;
      if (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type') continue;
      const name = specifier.type === 'ImportDefaultSpecifier' ? 'default' : moduleExportName(specifier.imported);
      if (name !== 'default' && !words.includes(name)) continue;
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

type Variable = TSESLint.Scope.Variable;

const aliasesByProgram = new WeakMap<TSESTree.Program, Map<string, ReadonlySet<string>>>();

/** The per-file part of a cache keyed by file, then by name. */
function fileCache<Value>(
  cache: WeakMap<TSESTree.Program, Map<string, Value>>,
  program: TSESTree.Program,
): Map<string, Value> {
  let byName = cache.get(program);
  if (byName === undefined) {
    byName = new Map();
    cache.set(program, byName);
  }
  return byName;
}

function addPatternAliases(pattern: TSESTree.Node, exportName: string, aliases: Set<string>): void {
  if (pattern.type !== 'ObjectPattern') return;
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key = property.key.type === 'Identifier' ? property.key.name : staticString(property.key);
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (key === exportName && value.type === 'Identifier') aliases.add(value.name);
  }
}

/** Is `init` a module object: `require(M)`, `await import(M)`? */
function isModuleObject(init: TSESTree.Expression): boolean {
  const value = skipWrappers(init);
  if (value.type === 'AwaitExpression') return skipWrappers(value.argument).type === 'ImportExpression';
  return (
    value.type === 'CallExpression' &&
    value.callee.type === 'Identifier' &&
    value.callee.name === 'require' &&
    value.arguments.length === 1
  );
}

/**
 * The variables declared by `declarator` whose value is the property `key` of its initialiser
 * (`const { key: local } = init`), or the initialiser itself when `key` is undefined (`const local = init`).
 */
function declaredFrom(
  declarator: TSESTree.VariableDeclarator,
  key: string | undefined,
  sourceCode: SourceCode,
): readonly Variable[] {
  const { id } = declarator;
  if (key === undefined) return id.type === 'Identifier' ? sourceCode.getDeclaredVariables(declarator) : [];
  if (id.type !== 'ObjectPattern') return [];
  const names = new Set<string>();
  addPatternAliases(id, key, names);
  return names.size === 0
    ? []
    : sourceCode.getDeclaredVariables(declarator).filter((variable) => names.has(variable.name));
}

/** The declarator `node` (through wrappers) initialises, if any. */
function declaratorOf(node: TSESTree.Node): TSESTree.VariableDeclarator | undefined {
  const outer = outerWrapper(node);
  const parent = outer.parent;
  return parent?.type === 'VariableDeclarator' && parent.init === outer ? parent : undefined;
}

/**
 * The names a binding of this file may give the factory whose call starts from the export
 * `exportName` (followed by `head`, the first member of a member path). At module level: the
 * export's own name, import specifiers (`import { getX as connect }`, a default import of
 * `'default'`), `require` destructuring (`const { getX: connect } = require(…)`) and aliases
 * (`const connect = getX`, `const connect = ns.getX`). Inside functions, found from the references of
 * those bindings and of module objects (the scope manager, no walk): `const get = getX`,
 * `const { getX } = ns`, `const get = ns.getX`, and for a member path `const { head } = F`,
 * `const get = F.head` — transitively. A call through any other identifier needs no scope lookup.
 */
function aliasesOf(sourceCode: SourceCode, exportName: string, head: string | undefined): ReadonlySet<string> {
  const program = sourceCode.ast;
  const byExport = fileCache(aliasesByProgram, program);
  const cacheKey = head === undefined ? exportName : `${exportName}.${head}`;
  let aliases = byExport.get(cacheKey) as Set<string> | undefined;
  if (aliases !== undefined) return aliases;
  aliases = new Set([exportName]);
  /** Variables holding the export, and module objects that may hold it as a property. */
  const values: Variable[] = [];
  const modules: Variable[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportNamespaceSpecifier') modules.push(...sourceCode.getDeclaredVariables(specifier));
        else if (
          (specifier.type === 'ImportSpecifier' && moduleExportName(specifier.imported) === exportName) ||
          (specifier.type === 'ImportDefaultSpecifier' && exportName === 'default')
        ) {
          aliases.add(specifier.local.name);
          values.push(...sourceCode.getDeclaredVariables(specifier));
        }
      }
      continue;
    }
    if (statement.type === 'TSImportEqualsDeclaration') {
      modules.push(...sourceCode.getDeclaredVariables(statement));
      continue;
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'ClassDeclaration' || declaration?.type === 'FunctionDeclaration') {
      if (declaration.id?.name === exportName) values.push(...sourceCode.getDeclaredVariables(declaration));
      continue;
    }
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.init === null) continue;
      const before = aliases.size;
      addPatternAliases(declarator.id, exportName, aliases);
      const init = skipWrappers(declarator.init);
      const named =
        init.type === 'Identifier' ? init.name : init.type === 'MemberExpression' ? memberName(init) : undefined;
      if (declarator.id.type === 'Identifier' && named !== undefined && aliases.has(named))
        aliases.add(declarator.id.name);
      if (declarator.id.type === 'Identifier' && isModuleObject(declarator.init))
        modules.push(...sourceCode.getDeclaredVariables(declarator));
      else if (aliases.size > before || (declarator.id.type === 'Identifier' && aliases.has(declarator.id.name)))
        values.push(...sourceCode.getDeclaredVariables(declarator).filter((variable) => aliases.has(variable.name)));
    }
  }
  // Inside functions: follow the references of those bindings to the declarators they initialise.
  const seen = new Set<Variable>();
  const add = (found: readonly Variable[], follow: boolean): void => {
    for (const variable of found) aliases.add(variable.name);
    if (follow) enqueue(found);
  };
  // Module objects first: they only add to `values`, which grows while it is read.
  const queue = [
    ...modules.map((variable) => ({ variable, isModule: true })),
    ...values.map((variable) => ({ variable, isModule: false })),
  ];
  const enqueue = (found: readonly Variable[]): void => {
    for (const variable of found) queue.push({ variable, isModule: false });
  };
  // An array iterator reads the length on every step: entries pushed while iterating are visited too.
  for (const { variable, isModule } of queue) {
    if (seen.has(variable)) continue;
    seen.add(variable);
    // The value (`const get = getX`), or one of its properties (`const { getX } = ns`, `const { head } = F`).
    const key = isModule ? exportName : head;
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const { identifier } = reference;
      // Most references of a module object are members of it other than `key` (`ns.other(…)`): no
      // alias, ruled out before walking up through wrappers.
      const used = identifier.parent;
      if (
        used.type === 'MemberExpression' &&
        used.object === identifier &&
        !used.computed &&
        used.property.type === 'Identifier' &&
        used.property.name !== key
      )
        continue;
      const node = outerWrapper(identifier);
      const direct = declaratorOf(node);
      if (direct !== undefined) {
        if (!isModule) add(declaredFrom(direct, undefined, sourceCode), true);
        if (key !== undefined) add(declaredFrom(direct, key, sourceCode), isModule);
        continue;
      }
      // A member of it: `const get = ns.getX`, `const get = F.head`.
      const parent = node.parent;
      if (
        key === undefined ||
        parent?.type !== 'MemberExpression' ||
        parent.object !== node ||
        memberName(parent) !== key
      )
        continue;
      const member = declaratorOf(parent);
      if (member !== undefined) add(declaredFrom(member, undefined, sourceCode), isModule);
    }
  }
  byExport.set(cacheKey, aliases);
  return aliases;
}

const looseByProgram = new WeakMap<TSESTree.Program, Map<string, boolean>>();

/**
 * Can a binding anywhere in the file take the export `exportName` straight from a module object
 * loaded in place — `const { getX: connect } = await import(M)`, `const connect = require(M).getX`,
 * inside a function too? A text test (the file loads modules in place, with `require` or `import()`,
 * and spells the renaming key `getX:` or the member `).getX`): only then does a call through an
 * identifier the scope manager did not show as an alias need a scope lookup. (`getX:` alone is
 * common: an object literal's key.)
 */
function mayTakeFromLoadedModule(sourceCode: SourceCode, exportName: string): boolean {
  const byExport = fileCache(looseByProgram, sourceCode.ast);
  let found = byExport.get(exportName);
  if (found === undefined) {
    found =
      (mayMention(sourceCode, 'require') || mayCallImport(sourceCode.text)) &&
      (spellsLoadedMember(sourceCode.text, exportName) ||
        spellsLoadedMember(decodedEscapeLines(sourceCode) ?? '', exportName));
    byExport.set(exportName, found);
  }
  return found;
}

/** Is `name` spelled as a renaming key (`name:`, `{ name: get }`) or a member of a call's result (`).name`, `)?.name`)? */
function spellsLoadedMember(text: string, name: string): boolean {
  const skipSpace = (index: number, step: 1 | -1): number => {
    let at = index;
    while (at >= 0 && at < text.length && /\s/.test(text.charAt(at))) at += step;
    return at;
  };
  for (let index = text.indexOf(name); index !== -1; index = text.indexOf(name, index + 1)) {
    const end = index + name.length;
    if (!isWordAt(text, index - 1) && text.charAt(skipSpace(end, 1)) === ':') return true;
    if (isWordAt(text, end)) continue;
    let before = skipSpace(index - 1, -1);
    if (text.charAt(before) !== '.') continue;
    before--;
    if (text.charAt(before) === '?') before--;
    if (text.charAt(skipSpace(before, -1)) === ')') return true;
  }
  return false;
}

const calleesByServices = new WeakMap<readonly FactoryService[], { program: TSESTree.Program; names: Callees }>();

/** The plain names a call can be a factory call through, for these services in this file (`has`), computed once per file. */
interface Callees {
  has(name: string): boolean;
}

/**
 * What a call through a plain identifier must be called to be a factory call: one of the factories'
 * aliases (or a member path's first segment and its aliases), or anything when a factory may be taken
 * from a loaded module inside a function. Computed once per file and list of services, so the many
 * calls of a file are ruled out by one set lookup.
 */
function identifierCallees(services: readonly FactoryService[], sourceCode: SourceCode): Callees {
  const program = sourceCode.ast;
  const known = calleesByServices.get(services);
  if (known?.program === program) return known.names;
  let names: Callees;
  if (
    services.some(
      (service) => service.factory.members.length === 0 && mayTakeFromLoadedModule(sourceCode, service.factory.export),
    )
  )
    names = { has: () => true };
  else {
    const set = new Set<string>();
    for (const { factory } of services)
      for (const alias of aliasesOf(sourceCode, factory.export, factory.members[0])) set.add(alias);
    names = set;
  }
  calleesByServices.set(services, { program, names });
  return names;
}

/**
 * `callee` with a local alias of a member path expanded: `get` of `const get = F.getX` or
 * `const { getX: get } = F` is `F` followed by the members `['getX']`. Otherwise `callee`, no members.
 */
function expandMemberAlias(
  callee: TSESTree.Node,
  sourceCode: SourceCode,
): { readonly root: TSESTree.Node; readonly members: readonly string[] } {
  if (callee.type !== 'Identifier') return { root: callee, members: [] };
  const variable = findVariable(sourceCode.getScope(callee), callee.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (variable === undefined || def?.type !== 'Variable' || def.node.init === null || !isNeverReassigned(variable))
    return { root: callee, members: [] };
  const members = patternPath(def.node.id, def.name);
  return members === undefined || isModuleObject(def.node.init)
    ? { root: callee, members: [] }
    : { root: skipWrappers(def.node.init), members };
}

/** What is left of `start` once its trailing members (and then `virtual`'s) match `members`; undefined when they do not. */
function matchMembers(
  start: TSESTree.Node,
  virtual: readonly string[],
  members: readonly string[],
): TSESTree.Node | undefined {
  let root = start;
  let left = virtual.length;
  for (let index = members.length - 1; index >= 0; index--) {
    if (left > 0) {
      left--;
      if (virtual[left] !== members[index]) return undefined;
      continue;
    }
    if (root.type !== 'MemberExpression' || memberName(root) !== members[index]) return undefined;
    root = skipWrappers(root.object);
  }
  return left === 0 ? root : undefined;
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
  const head = (factory: Factory): string | undefined => factory.members[0];
  /** May `name` be a plain factory's alias (or, for a member path, its first segment's or a member alias)? */
  const mayAlias = (factory: Factory, name: string): boolean =>
    aliasesOf(sourceCode, factory.export, head(factory)).has(name) ||
    (factory.members.length === 0 && mayTakeFromLoadedModule(sourceCode, factory.export));
  if (start.type === 'Identifier' && !identifierCallees(services, sourceCode).has(start.name)) return undefined;
  // A local alias of a member path (`const { getX } = F`): expanded once, when a member factory is a candidate.
  let expanded: ReturnType<typeof expandMemberAlias> | undefined;
  let fileId: string | undefined;
  for (const service of services) {
    const { factory } = service;
    let root: TSESTree.Node | undefined;
    if (start.type === 'Identifier' && factory.members.length > 0) {
      if (!mayAlias(factory, start.name)) continue;
      expanded ??= expandMemberAlias(start, sourceCode);
      root = matchMembers(expanded.root, expanded.members, factory.members);
    } else root = matchMembers(start, [], factory.members);
    // `ns.getX` for a plain factory: the module-object case is the origin's.
    if (root === undefined || (factory.members.length === 0 && last !== undefined && last !== factory.export)) continue;
    if (root.type === 'Identifier' && !mayAlias(factory, root.name)) continue;
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

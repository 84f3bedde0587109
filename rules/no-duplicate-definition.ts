import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { findVariable, memberName, patternPath, requireSource, skipWrappers, staticString } from '../src/identity.js';
import { moduleExportName } from '../src/identity.js';
import { registryOf } from '../src/registry.js';
import { normalizeModulePath } from '../src/resolution.js';
import { sourcesOf, type Source, type Sources } from '../src/sources.js';

export type MessageIds = 'duplicate' | 'exportedAs';
export type Options = [{ exportedOnly: boolean }];

/** Text a file with CommonJS definitions contains: `exports`, `module.exports`, TypeScript's `export =`. */
const COMMONJS_EXPORT = /\bexports\b|\bexport\s*=/;

type Declaration = TSESTree.Node & { type: TSESTree.ProgramStatement['type'] | 'TSDeclareFunction' };

/** The names a top-level statement declares, each with the identifier that declares it. */
function declaredNames(statement: TSESTree.Node): TSESTree.Identifier[] {
  switch (statement.type) {
    case 'ClassDeclaration':
    case 'FunctionDeclaration':
    case 'TSDeclareFunction':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSEnumDeclaration':
      return statement.id === null ? [] : [statement.id];
    case 'TSModuleDeclaration':
      // `namespace N {}` declares N; `declare module 'x' {}` and `declare global {}` declare nothing here.
      return statement.id.type === 'Identifier' && statement.kind === 'namespace' ? [statement.id] : [];
    case 'VariableDeclaration':
      return statement.declarations.flatMap((declarator) => patternIdentifiers(declarator.id));
    default:
      return [];
  }
}

function patternIdentifiers(pattern: TSESTree.Node | null): TSESTree.Identifier[] {
  if (pattern === null) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) =>
        patternIdentifiers(property.type === 'RestElement' ? property.argument : property.value),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => patternIdentifiers(element));
    case 'AssignmentPattern':
      return patternIdentifiers(pattern.left);
    case 'RestElement':
      return patternIdentifiers(pattern.argument);
    default:
      return [];
  }
}

/** Top-level declarations with whether the declaration itself is exported (`export class C`, `export default class C`). */
function topLevelDeclarations(program: TSESTree.Program): { declaration: Declaration; exported: boolean }[] {
  const result: { declaration: Declaration; exported: boolean }[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      if (statement.declaration !== null)
        result.push({ declaration: statement.declaration as Declaration, exported: true });
    } else result.push({ declaration: statement, exported: false });
  }
  return result;
}

/** A CommonJS definition: `exports.X = value`, `module.exports.X = value`, or a property of `module.exports = { … }`. */
interface CommonJsExport {
  readonly name: string;
  /** The property that names it (`X` of `exports.X`, the key of `{ X: … }`). */
  readonly node: TSESTree.Node;
  readonly value: TSESTree.Node;
}

/** `exports` or `module.exports`, where `exports` and `module` are CommonJS's own (not declared in the file). */
function isExportsObject(node: TSESTree.Node, isGlobal: (name: string) => boolean): boolean {
  if (node.type === 'Identifier') return node.name === 'exports' && isGlobal('exports');
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    memberName(node) === 'exports' &&
    isGlobal('module')
  );
}

/** The names a top-level statement defines on the CommonJS exports object (also `export = { … }`). */
function commonJsExports(statement: TSESTree.ProgramStatement, isGlobal: (name: string) => boolean): CommonJsExport[] {
  let object: TSESTree.Node | undefined;
  if (statement.type === 'TSExportAssignment') object = statement.expression;
  else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
    const { left, right, operator } = statement.expression;
    if (operator !== '=') return [];
    if (left.type === 'MemberExpression' && isExportsObject(left.object, isGlobal)) {
      const name = memberName(left);
      return name === undefined ? [] : [{ name, node: left.property, value: right }];
    }
    if (isExportsObject(left, isGlobal)) object = right;
  }
  if (object?.type !== 'ObjectExpression') return [];
  return object.properties.flatMap((property) => {
    if (property.type !== 'Property') return [];
    const name = property.computed
      ? staticString(property.key)
      : property.key.type === 'Identifier'
        ? property.key.name
        : staticString(property.key);
    return name === undefined ? [] : [{ name, node: property.key, value: property.value }];
  });
}

/** `export { a, b as c }` without a source: local names that leave the module. */
function locallyExportedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source === null)
      for (const specifier of statement.specifiers) names.add(moduleExportName(specifier.local));
    else if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier')
      names.add(statement.declaration.name);
    else if (statement.type === 'TSExportAssignment' && statement.expression.type === 'Identifier')
      names.add(statement.expression.name);
  }
  return names;
}

/** CommonJS `exports.X = local`, `module.exports = { X: local }`: locals that leave the module. */
function commonJsExportedNames(exports: readonly CommonJsExport[]): Set<string> {
  return new Set(exports.flatMap(({ value }) => (value.type === 'Identifier' ? [value.name] : [])));
}

export default createRule<Options, MessageIds>({
  name: 'no-duplicate-definition',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a second definition of a name that a source of truth owns',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          exportedOnly: { type: 'boolean', description: 'Report only definitions the module exports.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ exportedOnly: false }],
    messages: {
      duplicate: "{{name}} is defined in '{{source}}'; this second definition splits its source of truth.",
      exportedAs: "{{name}} is defined in '{{source}}'; exporting {{local}} under its name splits its source of truth.",
    },
  },
  create(context, [{ exportedOnly }]) {
    const registry = registryOf(context);
    const sources: Sources = sourcesOf(registry, context.settings.ssot);
    if (sources.list.length === 0) return {};
    const { sourceCode, filename } = context;
    if (!sources.mayMentionOwned(sourceCode.text)) return {};
    const id = normalizeModulePath(filename);
    const relativePath = sources.relativePath(filename);
    const owners = sources.owners;
    const applies = new Map<Source, boolean>();
    /** The source owning `name`, unless this file is that source or `allow`ed to define it. */
    function ownerFor(name: string): Source | undefined {
      const source = owners.get(name);
      if (source === undefined) return undefined;
      let applicable = applies.get(source);
      if (applicable === undefined) {
        applicable = !sources.isSourceModule(source, id) && !source.isAllowed(relativePath);
        applies.set(source, applicable);
      }
      return applicable ? source : undefined;
    }

    /** Where the owned `name` is declared: its origin in the source module. */
    function ownedOrigin(source: Source, name: string): string | undefined {
      return source.file === undefined ? undefined : sources.originOf(source.file, name);
    }

    /**
     * Is the module-scope binding `local` an import of the owned binding (so exporting it re-exports
     * the same thing)? `import { X as local }`, or CommonJS `const { X: local } = require(M)`.
     */
    function importsOwned(local: string, name: string, source: Source, scope: TSESLint.Scope.Scope): boolean {
      const definition = scope.set.get(local)?.defs[0];
      if (definition?.type === 'Variable') {
        const required = definition.node.init === null ? undefined : requiredMember(definition.node.init, scope);
        if (required === undefined) return false;
        // `const { X: local } = require(M)` takes X; `const local = require(M).X` too.
        const path = patternPath(definition.node.id, definition.name);
        const exported =
          required.member === undefined
            ? path?.length === 1
              ? path[0]
              : undefined
            : path?.length === 0
              ? required.member
              : undefined;
        return exported !== undefined && reExportsOwned(required.specifier, exported, name, source);
      }
      if (definition?.type !== 'ImportBinding' || definition.node.type !== 'ImportSpecifier') return false;
      const declaration = definition.parent;
      return (
        declaration.type === 'ImportDeclaration' &&
        reExportsOwned(declaration.source.value, moduleExportName(definition.node.imported), name, source)
      );
    }

    /** `require(M)` / `await import(M)` (the module object) or `require(M).X` with the global `require`. */
    function requiredMember(
      node: TSESTree.Node,
      scope: TSESLint.Scope.Scope,
    ): { specifier: string; member: string | undefined } | undefined {
      const value = skipWrappers(node);
      const call = value.type === 'MemberExpression' ? skipWrappers(value.object) : value;
      const loaded = call.type === 'AwaitExpression' ? skipWrappers(call.argument) : undefined;
      const specifier =
        loaded === undefined
          ? requireSource(call, scope)
          : loaded.type === 'ImportExpression'
            ? staticString(loaded.source)
            : undefined;
      if (specifier === undefined) return undefined;
      if (value === call) return { specifier, member: undefined };
      const member = value.type === 'MemberExpression' ? memberName(value) : undefined;
      return member === undefined ? undefined : { specifier, member };
    }

    /** Is export `exported` of the module `specifier` the owned binding `name`? */
    function reExportsOwned(specifier: string, exported: string, name: string, source: Source): boolean {
      const resolved = sources.resolve(filename, specifier);
      const origin = resolved === undefined ? undefined : sources.originOf(resolved, exported);
      return origin !== undefined && origin === ownedOrigin(source, name);
    }

    return {
      Program(program) {
        // The module's scope only once a definition of an owned name is at stake: most files that
        // spell an owned name define none, and oxlint builds a file's scopes on the first `getScope`.
        let moduleScope: TSESLint.Scope.Scope | undefined;
        const scopeOf = (): TSESLint.Scope.Scope => {
          if (moduleScope === undefined) {
            const globalScope = sourceCode.getScope(program);
            // CommonJS: a function scope around the module; ES modules: the module scope.
            moduleScope =
              globalScope.childScopes.find((child) => child.type === 'module' || child.block === program) ??
              globalScope;
          }
          return moduleScope;
        };
        const isGlobal = (name: string): boolean => (findVariable(scopeOf(), name)?.defs.length ?? 0) === 0;
        const cjs = COMMONJS_EXPORT.test(sourceCode.text)
          ? program.body.flatMap((statement) => commonJsExports(statement, isGlobal))
          : [];
        const exportedLocally = exportedOnly
          ? new Set([...locallyExportedNames(program), ...commonJsExportedNames(cjs)])
          : new Set<string>();
        const reported = new Set<string>();
        for (const { declaration, exported } of topLevelDeclarations(program)) {
          for (const identifier of declaredNames(declaration)) {
            const name = identifier.name;
            if (reported.has(name)) continue; // one report per name: overloads, declaration merging
            const source = ownerFor(name);
            if (source === undefined) continue;
            if (exportedOnly && !exported && !exportedLocally.has(name)) continue;
            // `const { X } = require(M)`: an import of the owned binding, not a definition.
            if (declaration.type === 'VariableDeclaration' && importsOwned(name, name, source, scopeOf())) continue;
            reported.add(name);
            context.report({ node: identifier, messageId: 'duplicate', data: { name, source: source.display } });
          }
        }
        for (const statement of program.body) {
          if (statement.type !== 'ExportNamedDeclaration') continue;
          for (const specifier of statement.specifiers) {
            const name = moduleExportName(specifier.exported);
            const local = moduleExportName(specifier.local);
            if (local === name) continue; // `export { X }`: X's own declaration (reported above) or import is what counts
            const source = ownerFor(name);
            if (source === undefined) continue;
            const same =
              statement.source === null
                ? importsOwned(local, name, source, scopeOf())
                : reExportsOwned(statement.source.value, local, name, source);
            if (same) continue;
            context.report({
              node: specifier.exported,
              messageId: 'exportedAs',
              data: { name, local, source: source.display },
            });
          }
        }
        // CommonJS definitions: `exports.X = …`, `module.exports = { X: … }`.
        for (const { name, node, value } of cjs) {
          if (reported.has(name)) continue; // `module.exports = { X }`: X's own declaration is reported
          const source = ownerFor(name);
          if (source === undefined) continue;
          const unwrapped = skipWrappers(value);
          if (unwrapped.type === 'Identifier') {
            // `exports.X = local`: an import or `require` of the owned binding re-exports it; X's own declaration counts above.
            if (importsOwned(unwrapped.name, name, source, scopeOf())) continue;
            if (unwrapped.name === name && scopeOf().set.has(name)) continue;
            reported.add(name);
            context.report({
              node,
              messageId: 'exportedAs',
              data: { name, local: unwrapped.name, source: source.display },
            });
            continue;
          }
          // `exports.X = require(M).X`: a re-export when it is the owned binding.
          const required = requiredMember(unwrapped, scopeOf());
          if (required?.member !== undefined && reExportsOwned(required.specifier, required.member, name, source))
            continue;
          reported.add(name);
          context.report({ node, messageId: 'duplicate', data: { name, source: source.display } });
        }
      },
    };
  },
});

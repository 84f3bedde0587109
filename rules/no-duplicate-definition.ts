import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { moduleExportName } from '../src/imports.js';
import { registryOf } from '../src/registry.js';
import { normalizeModulePath } from '../src/resolution.js';
import { sourcesOf, type Source, type Sources } from '../src/sources.js';

export type MessageIds = 'duplicate' | 'exportedAs';
export type Options = [{ exportedOnly: boolean }];

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
    const pattern = sources.namePattern;
    const { sourceCode, filename } = context;
    if (pattern === undefined || !(pattern.test(sourceCode.text) || sourceCode.text.includes('\\u'))) return {};
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

    /** Is the module-scope binding `local` an import of the owned binding (so exporting it re-exports the same thing)? */
    function importsOwned(local: string, name: string, source: Source, scope: TSESLint.Scope.Scope): boolean {
      const definition = scope.set.get(local)?.defs[0];
      if (definition?.type !== 'ImportBinding' || definition.node.type !== 'ImportSpecifier') return false;
      const declaration = definition.parent;
      return (
        declaration.type === 'ImportDeclaration' &&
        reExportsOwned(declaration.source.value, moduleExportName(definition.node.imported), name, source)
      );
    }

    /** Is export `exported` of the module `specifier` the owned binding `name`? */
    function reExportsOwned(specifier: string, exported: string, name: string, source: Source): boolean {
      const resolved = sources.resolve(filename, specifier);
      const origin = resolved === undefined ? undefined : sources.originOf(resolved, exported);
      return origin !== undefined && origin === ownedOrigin(source, name);
    }

    return {
      Program(program) {
        const exportedLocally = exportedOnly ? locallyExportedNames(program) : new Set<string>();
        const reported = new Set<string>();
        for (const { declaration, exported } of topLevelDeclarations(program)) {
          for (const identifier of declaredNames(declaration)) {
            const name = identifier.name;
            if (reported.has(name)) continue; // one report per name: overloads, declaration merging
            const source = ownerFor(name);
            if (source === undefined) continue;
            if (exportedOnly && !exported && !exportedLocally.has(name)) continue;
            reported.add(name);
            context.report({ node: identifier, messageId: 'duplicate', data: { name, source: source.display } });
          }
        }
        const globalScope = sourceCode.getScope(program);
        const scope = globalScope.childScopes.find((child) => child.type === 'module') ?? globalScope;
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
                ? importsOwned(local, name, source, scope)
                : reExportsOwned(statement.source.value, local, name, source);
            if (same) continue;
            context.report({
              node: specifier.exported,
              messageId: 'exportedAs',
              data: { name, local, source: source.display },
            });
          }
        }
      },
    };
  },
});

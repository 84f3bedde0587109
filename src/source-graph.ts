/**
 * STOPGAP until src/module-graph.ts (engine, issue 11) lands: the two questions sources ask about
 * other modules — a module's own declared exports, and where an exported name is really declared
 * (through `export … from`, `export *` and imported-then-exported bindings). Replaced by graph queries.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { normalizeModulePath } from './resolution.js';

/** Resolves `specifier` written in `file` to a file. */
export type Resolve = (file: string, specifier: string) => string | undefined;

type Link = { readonly kind: 'local'; readonly name: string } | { readonly kind: 'import'; readonly from: string; readonly name: string };

interface Table {
  readonly stamp: number;
  /** Exported name → where it comes from. */
  readonly exports: ReadonlyMap<string, Link>;
  readonly stars: readonly string[];
  readonly declared: ReadonlySet<string>;
}

const tables = new Map<string, Table>();

function moduleName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

function declaredIds(node: TSESTree.Node): string[] {
  if (node.type === 'VariableDeclaration') {
    const names: string[] = [];
    const visit = (pattern: TSESTree.Node | null): void => {
      if (pattern === null) return;
      if (pattern.type === 'Identifier') names.push(pattern.name);
      else if (pattern.type === 'ObjectPattern') for (const property of pattern.properties) visit(property.type === 'RestElement' ? property.argument : property.value);
      else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) visit(element);
      else if (pattern.type === 'AssignmentPattern') visit(pattern.left);
      else if (pattern.type === 'RestElement') visit(pattern.argument);
    };
    for (const declarator of node.declarations) visit(declarator.id);
    return names;
  }
  if ('id' in node && node.id?.type === 'Identifier') return [node.id.name];
  return [];
}

function tableOf(file: string): Table | undefined {
  let stamp: number;
  try {
    stamp = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const hit = tables.get(file);
  if (hit?.stamp === stamp) return hit;
  let program: TSESTree.Program;
  try {
    program = parse(readFileSync(file, 'utf8'), { jsx: /\.[jt]sx$/.test(file), range: false, loc: false });
  } catch {
    return undefined;
  }
  const imports = new Map<string, Link>();
  const locals = new Set<string>();
  const exports = new Map<string, Link>();
  const stars: string[] = [];
  const declared = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        const name = specifier.type === 'ImportSpecifier' ? moduleName(specifier.imported) : specifier.type === 'ImportDefaultSpecifier' ? 'default' : '*';
        imports.set(specifier.local.name, { kind: 'import', from: statement.source.value, name });
      }
    } else if (statement.type === 'ExportAllDeclaration') {
      if (statement.exported === null) stars.push(statement.source.value);
      else exports.set(moduleName(statement.exported), { kind: 'import', from: statement.source.value, name: '*' });
    } else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration !== null)
        for (const name of declaredIds(statement.declaration)) {
          exports.set(name, { kind: 'local', name });
          declared.add(name);
        }
      for (const specifier of statement.specifiers) {
        const local = moduleName(specifier.local);
        const exported = moduleName(specifier.exported);
        exports.set(exported, statement.source === null ? { kind: 'local', name: local } : { kind: 'import', from: statement.source.value, name: local });
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      exports.set('default', { kind: 'local', name: 'default' });
    } else {
      for (const name of declaredIds(statement)) locals.add(name);
    }
  }
  for (const [exported, link] of exports) {
    if (link.kind !== 'local') continue;
    const imported = imports.get(link.name);
    if (imported !== undefined) exports.set(exported, imported);
    else if (locals.has(link.name) || declared.has(link.name)) declared.add(exported);
  }
  declared.delete('default');
  const table = { stamp, exports, stars, declared };
  if (tables.size > 2000) tables.clear();
  tables.set(file, table);
  return table;
}

/** Names `file` declares itself and exports (not re-exports). */
export function declaredExportNames(file: string): ReadonlySet<string> {
  return tableOf(file)?.declared ?? new Set();
}

/** `id#name` of the declaration `name` exported by `file` comes from; undefined when unknown or ambiguous. */
export function exportOriginOf(file: string, name: string, resolveFrom: Resolve, seen = new Set<string>()): string | undefined {
  const key = `${file}\0${name}`;
  if (seen.has(key) || seen.size > 64) return undefined;
  seen.add(key);
  const table = tableOf(file);
  if (table === undefined) return undefined;
  const link = table.exports.get(name);
  if (link !== undefined) {
    if (link.kind === 'local') return `${normalizeModulePath(file)}#${link.name}`;
    const target = resolveFrom(file, link.from);
    if (target === undefined) return undefined;
    return link.name === '*' ? `${normalizeModulePath(target)}#*` : exportOriginOf(target, link.name, resolveFrom, seen);
  }
  if (name === 'default') return undefined;
  const found = new Set<string>();
  for (const star of table.stars) {
    const target = resolveFrom(file, star);
    const origin = target === undefined ? undefined : exportOriginOf(target, name, resolveFrom, seen);
    if (origin !== undefined) found.add(origin);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

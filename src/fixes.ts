/** Shared fix and suggestion builders: "use the factory instead". */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { importedFactoryName } from './factories.js';
import { findVariable } from './identity.js';
import type { ModuleTarget, Registry, Service } from './registry.js';
import { findTsconfig, isRelativeSpecifier } from './resolution.js';
import { importSpecifiers, spellSpecifier } from './specifier.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A relative specifier already in the file, to copy its extension style (`./x.js` vs `./x`). */
function relativeStyleHint(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && isRelativeSpecifier(statement.source.value))
      return statement.source.value;
  }
  return undefined;
}

/**
 * The tsconfig whose options the file is compiled with: a project's own tsconfig below the
 * registry's (a solution-style root whose `references` build the packages, each extending a base
 * with `module: NodeNext`), else the registry's.
 */
function tsconfigOfFile(registry: Registry, filename: string): string | undefined {
  const root = registry.resolver.tsconfig;
  const nearest = findTsconfig(path.dirname(filename));
  if (root === undefined || nearest === undefined) return root ?? nearest;
  const relative = path.relative(path.dirname(root), path.dirname(nearest));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? nearest : root;
}

/**
 * The specifier `filename` should import `target` by, spelled like the file (src/specifier.ts): the
 * tsconfig alias when its imports use it, the extension Node16/NodeNext (or
 * `allowImportingTsExtensions`) needs even when the file has no other relative import. `previous` is
 * a specifier being replaced, whose style wins. Falls back to the configured spelling.
 */
export function spellModule(
  registry: Registry,
  target: ModuleTarget,
  filename: string,
  program: TSESTree.Program,
  previous?: string,
): string {
  if (target.kind === 'package') return target.name;
  const file = registry.resolver.resolve(path.dirname(target.id), `./${path.basename(target.id)}`);
  const spelled =
    file === undefined
      ? undefined
      : spellSpecifier({
          file: filename,
          target: file,
          tsconfig: tsconfigOfFile(registry, filename),
          previous,
          neighbours: importSpecifiers(program),
        });
  return (
    spelled ??
    registry.specifierFor(
      target,
      filename,
      previous !== undefined && isRelativeSpecifier(previous) ? previous : relativeStyleHint(program),
    )
  );
}

export interface FactoryImport {
  /** The name to call the factory by in this file. */
  readonly localName: string;
  /** Adds the import (none when the file already imports the factory). */
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/**
 * How `node`'s file gets at the service's factory: reuse an existing import of it, or add one
 * (an `import` in modules, a `require` in CommonJS scripts). Undefined when the factory's name is
 * taken by another binding at `node`, so a suggestion would change meaning.
 */
export function factoryImport(
  service: Service,
  registry: Registry,
  sourceCode: SourceCode,
  filename: string,
  node: TSESTree.Node,
): FactoryImport | undefined {
  const factory = service.factory;
  if (factory === undefined) return undefined;
  const program = sourceCode.ast;
  let existingDeclaration: TSESTree.ImportDeclaration | undefined;
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (!registry.refersTo(statement.source.value, filename, factory.module)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
      const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
      if (imported === factory.export) return { localName: specifier.local.name, fix: () => [] };
    }
    if (statement.specifiers.some((specifier) => specifier.type === 'ImportSpecifier')) existingDeclaration = statement;
  }
  // Imported under another name or through a barrel: call it by that name.
  const imported = importedFactoryName(factory, registry, program, filename);
  if (imported !== undefined) {
    // Shadowed where the call goes (`(Components) => …`): that name would call something else.
    const shadowed = findVariable(sourceCode.getScope(node), imported)?.defs[0]?.type !== 'ImportBinding';
    return shadowed ? undefined : { localName: imported, fix: () => [] };
  }
  if (findVariable(sourceCode.getScope(node), factory.export) !== undefined) return undefined;

  const name = factory.export;
  // Every fix that adds the factory's import rewrites (not just inserts next to) an anchor that all
  // such fixes share — the last specifier of the factory's import, the last import, the last
  // directive, the first token — so that suggestions applied together (`oxlint --fix-suggestions`)
  // conflict instead of adding the same import twice; the next pass reuses the added import.
  // A suggestion that also edits the anchor itself (`node`: the class import being replaced, `new C()`
  // first in the file) inserts next to it instead: one report's fixes must not overlap.
  const rewrite = (fixer: TSESLint.RuleFixer, anchor: TSESTree.Node | TSESTree.Token, before: string, after: string) =>
    anchor.range[0] < node.range[1] && node.range[0] < anchor.range[1]
      ? fixer.insertTextAfterRange(
          before === '' ? [anchor.range[1], anchor.range[1]] : [anchor.range[0], anchor.range[0]],
          before === '' ? after : before,
        )
      : fixer.replaceText(anchor, `${before}${sourceCode.getText(anchor)}${after}`);
  if (existingDeclaration !== undefined) {
    const last = existingDeclaration.specifiers.at(-1);
    if (last !== undefined) return { localName: name, fix: (fixer) => [rewrite(fixer, last, '', `, ${name}`)] };
  }
  const specifier = spellModule(registry, factory.module, filename, program);
  const quoted = `'${specifier.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const isScript = program.sourceType !== 'module'; // 'script', or 'commonjs' from espree
  const text = isScript ? `const { ${name} } = require(${quoted});` : `import { ${name} } from ${quoted};`;
  const imports = program.body.filter((statement) => statement.type === 'ImportDeclaration');
  const lastImport = imports.at(-1);
  return {
    localName: name,
    fix: (fixer) => {
      if (lastImport !== undefined) return [rewrite(fixer, lastImport, '', `\n${text}`)];
      const first = program.body[0];
      if (first === undefined) return [fixer.insertTextAfterRange([0, 0], `${text}\n`)];
      // Keep directives ('use client', 'use strict') first.
      const directives = program.body.filter(
        (statement) => statement.type === 'ExpressionStatement' && statement.directive !== undefined,
      );
      const lastDirective = directives.at(-1);
      if (lastDirective !== undefined) return [rewrite(fixer, lastDirective, '', `\n${text}`)];
      const firstToken = sourceCode.getFirstToken(first);
      return firstToken === null
        ? [fixer.insertTextBefore(first, `${text}\n`)]
        : [rewrite(fixer, firstToken, `${text}\n`, '')];
    },
  };
}

/** Source text of a call's arguments, `a, b` (trailing comma dropped). */
export function argumentsText(sourceCode: SourceCode, args: readonly TSESTree.CallExpressionArgument[]): string {
  const first = args[0];
  const last = args.at(-1);
  if (first === undefined || last === undefined) return '';
  return sourceCode.text.slice(first.range[0], last.range[1]);
}

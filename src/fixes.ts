/** Shared fix and suggestion builders: "use the factory instead". */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from './identity.js';
import type { Registry, Service } from './registry.js';
import { isRelativeSpecifier } from './resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A relative specifier already in the file, to copy its extension style (`./x.js` vs `./x`). */
function relativeStyleHint(program: TSESTree.Program): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && isRelativeSpecifier(statement.source.value)) return statement.source.value;
  }
  return undefined;
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
  if (findVariable(sourceCode.getScope(node), factory.export) !== undefined) return undefined;

  const name = factory.export;
  if (existingDeclaration !== undefined) {
    const last = existingDeclaration.specifiers.at(-1);
    if (last !== undefined) return { localName: name, fix: (fixer) => [fixer.insertTextAfter(last, `, ${name}`)] };
  }
  const specifier = registry.specifierFor(factory.module, filename, relativeStyleHint(program));
  const quoted = `'${specifier.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const isScript = program.sourceType !== 'module'; // 'script', or 'commonjs' from espree
  const text = isScript ? `const { ${name} } = require(${quoted});` : `import { ${name} } from ${quoted};`;
  const imports = program.body.filter((statement) => statement.type === 'ImportDeclaration');
  const lastImport = imports.at(-1);
  return {
    localName: name,
    fix: (fixer) => {
      if (lastImport !== undefined) return [fixer.insertTextAfter(lastImport, `\n${text}`)];
      const first = program.body[0];
      if (first === undefined) return [fixer.insertTextAfterRange([0, 0], `${text}\n`)];
      // Keep directives ('use client', 'use strict') first.
      const directives = program.body.filter(
        (statement) => statement.type === 'ExpressionStatement' && statement.directive !== undefined,
      );
      const lastDirective = directives.at(-1);
      return lastDirective === undefined
        ? [fixer.insertTextBefore(first, `${text}\n`)]
        : [fixer.insertTextAfter(lastDirective, `\n${text}`)];
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

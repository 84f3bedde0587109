/**
 * The one home of fix and suggestion builders: "use the factory instead" (import it, call it), and
 * the edits of import and export declarations every rule shares — remove a specifier or a statement,
 * make a specifier type-only, keep the file's semicolon style. Specifiers are spelled (and quoted)
 * by src/specifier.ts.
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { importedFactoryName } from './factories.js';
import { findVariable, moduleExportName } from './identity.js';
import type { Factory, ModuleTarget, Registry, Service } from './registry.js';
import { findTsconfig, isRelativeSpecifier } from './resolution.js';
import { importSpecifiers, quoteSpecifier, spellSpecifier } from './specifier.js';

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

/** The value import of the factory already in the file (`import { getX as get } from '…'`), if any. */
function existingFactoryImport(
  factory: Factory,
  registry: Registry,
  program: TSESTree.Program,
  filename: string,
): TSESTree.ImportSpecifier | undefined {
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
    if (!registry.refersTo(statement.source.value, filename, factory.module)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
      if (moduleExportName(specifier.imported) === factory.export) return specifier;
    }
  }
  return undefined;
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
  const imported = existingFactoryImport(factory, registry, program, filename);
  if (imported !== undefined) return { localName: imported.local.name, fix: () => [] };
  // The last value import of the factory's module with a `{ … }` list, to add the factory to.
  const existingDeclaration = program.body.findLast(
    (statement): statement is TSESTree.ImportDeclaration =>
      statement.type === 'ImportDeclaration' &&
      statement.importKind !== 'type' &&
      statement.specifiers.some((specifier) => specifier.type === 'ImportSpecifier') &&
      registry.refersTo(statement.source.value, filename, factory.module),
  );
  // Imported under another name or through a barrel: call it by that name.
  const importedName = importedFactoryName(factory, registry, program, filename);
  if (importedName !== undefined) {
    // Shadowed where the call goes (`(Components) => …`): that name would call something else.
    const shadowed = findVariable(sourceCode.getScope(node), importedName)?.defs[0]?.type !== 'ImportBinding';
    return shadowed ? undefined : { localName: importedName, fix: () => [] };
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
  const quoted = quoteSpecifier(specifier);
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

/** The call text of a factory from the local name of its first segment: `F.getX(args)`. */
export function factoryCallText(factory: Factory, localName: string, args: string): string {
  return `${[localName, ...factory.members].join('.')}(${args})`;
}

/** Source text of a call's arguments, `a, b` (trailing comma dropped). */
export function argumentsText(sourceCode: SourceCode, args: readonly TSESTree.CallExpressionArgument[]): string {
  const first = args[0];
  const last = args.at(-1);
  if (first === undefined || last === undefined) return '';
  return sourceCode.text.slice(first.range[0], last.range[1]);
}

/** `;` when the statement ends with one: text a fix writes next to it keeps the file's style. */
export function semicolonOf(sourceCode: SourceCode, statement: TSESTree.Node): string {
  return sourceCode.text[statement.range[1] - 1] === ';' ? ';' : '';
}

type ListDeclaration = TSESTree.ImportDeclaration | TSESTree.ExportNamedDeclaration;
type ListSpecifier = TSESTree.ImportClause | TSESTree.ExportSpecifier;

function token(sourceCode: SourceCode, found: TSESTree.Token | null): TSESTree.Token {
  if (found === null) throw new Error('eslint-plugin-ssot: unexpected end of an import or export declaration');
  return found;
}

/** Removes `specifier` from its declaration's list, with its comma (or the whole declaration when it is the only one). */
export function removeSpecifier(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  declaration: ListDeclaration,
  specifier: ListSpecifier,
): TSESLint.RuleFix {
  if (declaration.specifiers.length === 1) return removeStatement(fixer, sourceCode, declaration);
  const isComma = (candidate: TSESTree.Token): boolean => candidate.value === ',';
  if (specifier.type === 'ImportDefaultSpecifier') {
    // `import C, { x }` → `import { x }`
    const comma = token(sourceCode, sourceCode.getTokenAfter(specifier));
    return fixer.removeRange([specifier.range[0], token(sourceCode, sourceCode.getTokenAfter(comma)).range[0]]);
  }
  if (specifier.type === 'ImportNamespaceSpecifier') {
    // `import D, * as ns` → `import D`
    return fixer.removeRange([
      token(sourceCode, sourceCode.getTokenBefore(specifier, { filter: isComma })).range[0],
      specifier.range[1],
    ]);
  }
  const named = (declaration.specifiers as readonly ListSpecifier[]).filter(
    (candidate) => candidate.type === 'ImportSpecifier' || candidate.type === 'ExportSpecifier',
  );
  if (named.length === 1) {
    // `import D, { C }` → `import D`
    const open = token(
      sourceCode,
      sourceCode.getTokenBefore(specifier, { filter: (candidate) => candidate.value === '{' }),
    );
    const close = token(
      sourceCode,
      sourceCode.getTokenAfter(specifier, { filter: (candidate) => candidate.value === '}' }),
    );
    return fixer.removeRange([token(sourceCode, sourceCode.getTokenBefore(open)).range[0], close.range[1]]);
  }
  // From the end of the token before to the end of the comma after: a list written one name per
  // line loses the whole line.
  const before = token(sourceCode, sourceCode.getTokenBefore(specifier));
  const after = token(sourceCode, sourceCode.getTokenAfter(specifier));
  if (isComma(after)) return fixer.removeRange([before.range[1], after.range[1]]);
  return fixer.removeRange([before.range[0], specifier.range[1]]);
}

/** Removes a whole statement, with its line break when it sits on its own line. */
export function removeStatement(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const text = sourceCode.text;
  const [start, end] = statement.range;
  const ownLine =
    (start === 0 || text[start - 1] === '\n') &&
    (end === text.length || text[end] === '\n' || text.startsWith('\r\n', end));
  if (!ownLine) return fixer.remove(statement);
  if (end < text.length) return fixer.removeRange([start, end + (text[end] === '\r' ? 2 : 1)]);
  // The last line: take the line break before it instead.
  return fixer.removeRange([start === 0 ? 0 : start - (text.startsWith('\r\n', start - 2) ? 2 : 1), end]);
}

/**
 * Makes `specifier` type-only: `import type { C }` / `import type C` / `import type * as ns` /
 * `export type { C } from` when it is the declaration's only specifier, `{ type C, x }` when it has
 * company, and a separate `import type C from` when a default or namespace import has company.
 */
export function makeTypeOnly(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  declaration: ListDeclaration | TSESTree.TSImportEqualsDeclaration,
  specifier?: ListSpecifier,
): TSESLint.RuleFix[] {
  const keyword = token(sourceCode, sourceCode.getFirstToken(declaration));
  if (
    declaration.type === 'TSImportEqualsDeclaration' ||
    specifier === undefined ||
    declaration.specifiers.length === 1
  )
    return [fixer.insertTextAfter(keyword, ' type')];
  if (specifier.type === 'ImportSpecifier' || specifier.type === 'ExportSpecifier')
    return [fixer.insertTextBefore(specifier, 'type ')];
  const binding = specifier.type === 'ImportNamespaceSpecifier' ? `* as ${specifier.local.name}` : specifier.local.name;
  const source = declaration.source === null ? '' : sourceCode.getText(declaration.source);
  return [
    fixer.insertTextBefore(
      declaration,
      `import type ${binding} from ${source}${semicolonOf(sourceCode, declaration)}\n`,
    ),
    removeSpecifier(fixer, sourceCode, declaration, specifier),
  ];
}

function isTypeOnly(declaration: ListDeclaration): boolean {
  return declaration.type === 'ImportDeclaration'
    ? declaration.importKind === 'type'
    : declaration.exportKind === 'type';
}

/** Rewrites a specifier's string literal to `specifier`, keeping the literal's quote style. */
export function rewriteSpecifier(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  literal: TSESTree.StringLiteral,
  specifier: string,
): TSESLint.RuleFix {
  return fixer.replaceText(literal, quoteSpecifier(specifier, sourceCode.getText(literal)));
}

/**
 * Moves `specifier` out of `declaration` into an import (or, for a re-export, a re-export) of
 * `target`: merged into `existing` (a declaration of `target` already in the file) when its kind
 * allows, otherwise a new declaration after `declaration` (and after a comment that ends its line).
 * Undefined when `declaration` has import attributes and there is nothing to merge into.
 */
export function moveSpecifier(
  sourceCode: SourceCode,
  declaration: ListDeclaration,
  specifier: TSESTree.ImportSpecifier | TSESTree.ExportSpecifier,
  target: string,
  existing: ListDeclaration | undefined,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  const source = declaration.source;
  if (source === null || (declaration.attributes.length > 0 && existing === undefined)) return undefined;
  const typeOnly = isTypeOnly(declaration);
  const specifierText = sourceCode.getText(specifier);
  const semicolon = semicolonOf(sourceCode, declaration);
  return (fixer) => {
    const fixes = [removeSpecifier(fixer, sourceCode, declaration, specifier)];
    const named = existing?.specifiers.filter(
      (candidate) => candidate.type === 'ImportSpecifier' || candidate.type === 'ExportSpecifier',
    );
    const lastNamed = named?.at(-1);
    if (existing !== undefined && existing !== declaration && !isTypeOnly(existing) && lastNamed !== undefined) {
      fixes.push(
        fixer.insertTextAfter(
          lastNamed,
          `, ${typeOnly && !specifierText.startsWith('type ') ? 'type ' : ''}${specifierText}`,
        ),
      );
    } else if (
      existing !== undefined &&
      existing !== declaration &&
      isTypeOnly(existing) === typeOnly &&
      typeOnly &&
      lastNamed !== undefined
    ) {
      fixes.push(fixer.insertTextAfter(lastNamed, `, ${specifierText}`));
    } else {
      const keyword = declaration.type === 'ImportDeclaration' ? 'import' : 'export';
      const statement = `${keyword} ${typeOnly ? 'type ' : ''}{ ${specifierText} } from ${quoteSpecifier(target, sourceCode.getText(source))}${semicolon}`;
      // After a comment that ends the declaration's line, so the comment stays with it.
      const trailing = sourceCode
        .getCommentsAfter(declaration)
        .find((comment) => comment.loc.start.line === declaration.loc.end.line);
      fixes.push(fixer.insertTextAfter(trailing ?? declaration, `\n${statement}`));
    }
    return fixes;
  };
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import {
  findVariable,
  isTypeWrapper,
  mayMention,
  memberName,
  moduleExportName,
  staticString,
} from '../src/identity.js';
import { moveSpecifier, rewriteSpecifier } from '../src/fixes.js';
import { registryOf } from '../src/registry.js';
import { normalizeModulePath } from '../src/resolution.js';
import { sourcesOf, type Source } from '../src/sources.js';
import { importSpecifiers, spellSpecifier } from '../src/specifier.js';

export type MessageIds = 'nonCanonical' | 'replaced' | 'importFromSource';
export type Options = [];

type ListDeclaration = TSESTree.ImportDeclaration | TSESTree.ExportNamedDeclaration;
type NamedSpecifier = TSESTree.ImportSpecifier | TSESTree.ExportSpecifier;
type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[];

/** A module a specifier resolves to. */
interface ModuleInfo {
  readonly file: string | undefined;
  readonly id: string;
  /** For messages: the path relative to rootDir, or the specifier of an unresolved package. */
  readonly display: string;
}

/** Where a fix sends an owned name: the module, how this file spells it, and an import of it to merge into. */
interface Destination {
  readonly file: string;
  readonly specifier: string;
  readonly existing: ListDeclaration | undefined;
}

/** A name taken from a module object: `const { N } = require(M)`, `(await import(M)).N`. */
interface TakenName {
  readonly name: string;
  readonly node: TSESTree.Node;
}

function kindOf(declaration: ListDeclaration): 'import' | 'export' {
  return declaration.type === 'ImportDeclaration' ? 'import' : 'export';
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent !== undefined && (isTypeWrapper(current.parent) || current.parent.type === 'AwaitExpression'))
    current = current.parent;
  return current;
}

function propertyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  return staticString(property.key);
}

interface Taken {
  names: TakenName[];
  complete: boolean;
}

/**
 * The names the uses of `variable`, a module object (a namespace import, `const m = await import(M)`,
 * `import(M).then((m) => …)`), take from it: `m.N`, `m['N']`, `m.N` in a type (`ns.N`), `const { N } = m`.
 * Complete when every use is one of those (not when the object escapes: `f(m)`, `typeof m`, `m[key]`).
 */
function memberNames(variable: TSESLint.Scope.Variable | undefined): Taken {
  if (variable === undefined) return { names: [], complete: false };
  const names: TakenName[] = [];
  let complete = true;
  for (const reference of variable.references) {
    // The declaration's own initialisation is no use; any other write replaces the module object.
    if (reference.isWrite()) {
      complete &&= reference.init === true;
      continue;
    }
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent.type === 'MemberExpression' && parent.object === identifier) {
      const name = memberName(parent);
      if (name === undefined) complete = false;
      else names.push({ name, node: parent.property });
    } else if (parent.type === 'TSQualifiedName' && parent.left === identifier)
      names.push({ name: parent.right.name, node: parent.right });
    else if (parent.type === 'VariableDeclarator' && parent.init === identifier) {
      const taken = patternNames(parent.id);
      names.push(...taken.names);
      complete &&= taken.complete;
    } else complete = false;
  }
  return { names, complete };
}

/**
 * The names a `require()`/`import()` call takes from its module object, and whether that is all it
 * takes (false when the module object escapes whole, or a rest element or computed key takes more).
 */
function takenNames(call: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): Taken {
  let node = unwrap(call);
  const parent = node.parent;
  if (parent?.type === 'MemberExpression' && parent.object === node && memberName(parent) === 'then') {
    const then = parent.parent;
    const callback = then.type === 'CallExpression' ? then.arguments[0] : undefined;
    if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression')
      return { names: [], complete: false };
    const parameter = callback.params[0];
    if (parameter?.type === 'Identifier')
      return memberNames(
        sourceCode.getDeclaredVariables(callback).find((variable) => variable.name === parameter.name),
      );
    return parameter === undefined ? { names: [], complete: true } : patternNames(parameter);
  }
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    const name = memberName(parent);
    return name === undefined
      ? { names: [], complete: false }
      : { names: [{ name, node: parent.property }], complete: true };
  }
  if (parent?.type === 'VariableDeclarator' && parent.init === node)
    return parent.id.type === 'Identifier' && parent.parent.kind === 'const'
      ? memberNames(sourceCode.getDeclaredVariables(parent)[0])
      : patternNames(parent.id);
  node = parent ?? node;
  return { names: [], complete: node.type === 'ExpressionStatement' };
}

function patternNames(pattern: TSESTree.Node): Taken {
  if (pattern.type !== 'ObjectPattern') return { names: [], complete: false };
  const names: TakenName[] = [];
  let complete = true;
  for (const property of pattern.properties) {
    const name = property.type === 'Property' ? propertyName(property) : undefined;
    if (name === undefined || property.type !== 'Property') complete = false;
    else names.push({ name, node: property.key });
  }
  return { names, complete };
}

export default createRule<Options, MessageIds>({
  name: 'canonical-import',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce importing each owned name from its source of truth',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      nonCanonical: "Import {{name}} from '{{source}}' (its source of truth), not through '{{through}}'.",
      replaced: "Module '{{module}}' is replaced by '{{source}}'.",
      importFromSource: "Import {{name}} from '{{specifier}}' instead.",
    },
  },
  create(context) {
    const registry = registryOf(context);
    const sources = sourcesOf(registry, context.settings.ssot);
    if (sources.list.length === 0) return {};
    const { sourceCode, filename } = context;
    const text = sourceCode.text;
    const mentionsOwned = sources.mayMentionOwned(text);
    const mayImportReplaced = sources.mayImportReplaced(text);
    if (!mentionsOwned && !mayImportReplaced) return {};
    /** Can this specifier reach a replaced module? (Resolving every import of every file is the expensive part.) */
    const mayReplace = (specifier: string): boolean => mayImportReplaced && sources.mayReachReplaced(specifier);
    const owners = sources.owners;
    let fileId: string | undefined;
    const program = sourceCode.ast;

    const modules = new Map<string, ModuleInfo | null>();
    function moduleOf(specifier: string): ModuleInfo | undefined {
      let info = modules.get(specifier);
      if (info === undefined) {
        const file = sources.resolve(filename, specifier);
        if (file !== undefined) info = { file, id: normalizeModulePath(file), display: sources.relativePath(file) };
        else {
          const source = sources.list.find(
            (candidate) => candidate.module.kind === 'package' && candidate.module.name === specifier,
          );
          info = source === undefined ? null : { file: undefined, id: `package:${specifier}`, display: specifier };
        }
        modules.set(specifier, info);
      }
      return info ?? undefined;
    }

    function replacedBy(info: ModuleInfo): Source | undefined {
      return sources.replacing.find(
        (source) => source.isReplaced(info.id, info.display) && !sources.isSourceModule(source, info.id),
      );
    }

    /** The source `name` must come from, when `info` is neither it nor one of its entries. */
    function misplaced(name: string, info: ModuleInfo): Source | undefined {
      const source = owners.get(name);
      if (source === undefined || sources.isSourceModule(source, info.id) || source.isEntry(info.id, info.display))
        return undefined;
      // The source itself may import its names' pieces from anywhere (it owns them).
      return sources.isSourceModule(source, (fileId ??= normalizeModulePath(filename))) ? undefined : source;
    }

    const proofs = new Map<string, boolean>();
    /** Does export `name` of `to` provably come from the same declaration as export `name` of `from`? */
    function sameBinding(from: ModuleInfo, to: string, name: string): boolean {
      if (from.file === undefined) return false;
      const key = `${from.file}\0${to}\0${name}`;
      let same = proofs.get(key);
      if (same === undefined) {
        const origin = sources.originOf(from.file, name);
        same = origin !== undefined && origin === sources.originOf(to, name);
        proofs.set(key, same);
      }
      return same;
    }

    // For fixes only: the file's module specifiers and its import and export lists, read on first need.
    let neighbours: readonly string[] | undefined;
    let declarations: readonly ListDeclaration[] | undefined;

    const destinationLists = new Map<string, Destination[]>();
    /** Where the owned names of `source` go: an entry the file already imports from, else the source. */
    function destinations(source: Source, kind: 'import' | 'export', previous: string): Destination[] {
      const key = `${String(source.index)}\0${kind}\0${previous}`;
      let result = destinationLists.get(key);
      if (result === undefined) {
        result = findDestinations(source, kind, previous);
        destinationLists.set(key, result);
      }
      return result;
    }

    function findDestinations(source: Source, kind: 'import' | 'export', previous: string): Destination[] {
      const result: Destination[] = [];
      let existingSource: ListDeclaration | undefined;
      declarations ??= program.body.filter(
        (statement): statement is ListDeclaration =>
          (statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration') &&
          statement.source !== null,
      );
      for (const declaration of declarations) {
        const specifier = declaration.source?.value;
        if (specifier === undefined) continue;
        const info = moduleOf(specifier);
        if (info?.file === undefined) continue;
        if (source.isEntry(info.id, info.display)) {
          if (!result.some((destination) => destination.file === info.file))
            result.push({
              file: info.file,
              specifier,
              existing: kindOf(declaration) === kind ? declaration : undefined,
            });
        } else if (
          sources.isSourceModule(source, info.id) &&
          (existingSource === undefined || kindOf(declaration) === kind)
        )
          existingSource = declaration;
      }
      if (source.file === undefined) return result;
      if (existingSource?.source != null)
        result.push({
          file: source.file,
          specifier: existingSource.source.value,
          existing: kindOf(existingSource) === kind ? existingSource : undefined,
        });
      else {
        const specifier =
          source.packageSpecifier ??
          spellSpecifier({
            file: filename,
            target: source.file,
            tsconfig: registry.resolver.tsconfig,
            previous,
            neighbours: (neighbours ??= importSpecifiers(program)),
          });
        if (specifier !== undefined) result.push({ file: source.file, specifier, existing: undefined });
      }
      return result;
    }

    /** Moves `specifier` out of `declaration` into an import (or re-export) from `destination`. */
    function moveFix(
      declaration: ListDeclaration,
      specifier: NamedSpecifier,
      destination: Destination,
    ): Fix | undefined {
      return moveSpecifier(sourceCode, declaration, specifier, destination.specifier, destination.existing);
    }

    function report(
      node: TSESTree.Node,
      name: string,
      source: Source,
      through: ModuleInfo,
      fix: Fix | undefined,
      suggestion: { fix: Fix; specifier: string } | undefined,
    ): void {
      context.report({
        node,
        messageId: 'nonCanonical',
        data: { name, source: source.display, through: through.display },
        ...(fix === undefined ? {} : { fix }),
        suggest:
          suggestion === undefined
            ? []
            : [{ messageId: 'importFromSource', data: { name, specifier: suggestion.specifier }, fix: suggestion.fix }],
      });
    }

    /** `import { … } from`, `export { … } from`: each misplaced name, fixed by rewriting the specifier or moving the name. */
    function checkList(declaration: ListDeclaration, info: ModuleInfo): void {
      const literal = declaration.source;
      if (literal === null) return;
      const named = (declaration.specifiers as readonly (TSESTree.ImportClause | TSESTree.ExportSpecifier)[]).filter(
        (specifier): specifier is NamedSpecifier =>
          specifier.type === 'ImportSpecifier' || specifier.type === 'ExportSpecifier',
      );
      const misplacedNames = named.flatMap((specifier) => {
        const name = moduleExportName(specifier.type === 'ImportSpecifier' ? specifier.imported : specifier.local);
        const source = misplaced(name, info);
        return source === undefined ? [] : [{ specifier, name, source }];
      });
      const first = misplacedNames[0];
      if (first === undefined) return;
      // Every specifier owned by one source: rewrite the specifier, to a destination that provably
      // exports the same binding for every name.
      const whole =
        misplacedNames.length === declaration.specifiers.length &&
        misplacedNames.every((entry) => entry.source === first.source)
          ? destinations(first.source, kindOf(declaration), literal.value)
          : [];
      const rewriteTo = whole.find((destination) =>
        misplacedNames.every((entry) => sameBinding(info, destination.file, entry.name)),
      );
      const rewrite =
        (destination: Destination): Fix =>
        (fixer) =>
          rewriteSpecifier(fixer, sourceCode, literal, destination.specifier);
      for (const { specifier, name, source } of misplacedNames) {
        if (rewriteTo !== undefined) {
          report(specifier, name, source, info, rewrite(rewriteTo), undefined);
          continue;
        }
        const candidates = whole.length > 0 ? whole : destinations(source, kindOf(declaration), literal.value);
        const proven = candidates.find((destination) => sameBinding(info, destination.file, name));
        if (proven !== undefined) {
          report(specifier, name, source, info, moveFix(declaration, specifier, proven), undefined);
          continue;
        }
        // Not provably the same binding (another declaration of the name, or an export we cannot read): a suggestion.
        const destination = candidates[0];
        const fix =
          destination === undefined
            ? undefined
            : whole.length > 0
              ? rewrite(destination)
              : moveFix(declaration, specifier, destination);
        report(
          specifier,
          name,
          source,
          info,
          undefined,
          fix === undefined || destination === undefined ? undefined : { fix, specifier: destination.specifier },
        );
      }
    }

    function takesOwnedName(declaration: ListDeclaration): boolean {
      for (const specifier of declaration.specifiers as readonly (TSESTree.ImportClause | TSESTree.ExportSpecifier)[]) {
        if (
          specifier.type === 'ImportSpecifier'
            ? owners.has(moduleExportName(specifier.imported))
            : specifier.type === 'ExportSpecifier' && owners.has(moduleExportName(specifier.local))
        )
          return true;
      }
      return false;
    }

    function reportReplaced(node: TSESTree.Node, info: ModuleInfo, source: Source): void {
      context.report({ node, messageId: 'replaced', data: { module: info.display, source: source.display } });
    }

    /** Reports a replaced module (then nothing else), or returns the module for the per-name checks. */
    function visitSource(literal: TSESTree.Node, specifier: string): ModuleInfo | undefined {
      const info = moduleOf(specifier);
      if (info === undefined) return undefined;
      const replacing = mayImportReplaced ? replacedBy(info) : undefined;
      if (replacing !== undefined) {
        reportReplaced(literal, info, replacing);
        return undefined;
      }
      return mentionsOwned ? info : undefined;
    }

    /**
     * A module object — `require(M)`, `import(M)`, a namespace import, `import X = require(M)` — and
     * the names taken from it: each misplaced one is reported; a fix rewrites M when every name is
     * owned by one source and provably the same binding there, otherwise a suggestion.
     */
    function checkModuleObject(literal: TSESTree.StringLiteral, { names, complete }: Taken): void {
      if (!mayReplace(literal.value) && !names.some((taken) => owners.has(taken.name))) return;
      const info = visitSource(literal, literal.value);
      if (info === undefined) return;
      const found = names.flatMap((taken) => {
        const source = misplaced(taken.name, info);
        return source === undefined ? [] : [{ ...taken, source }];
      });
      const first = found[0];
      if (first === undefined) return;
      const all = complete && found.length === names.length && found.every((entry) => entry.source === first.source);
      const candidates = all ? destinations(first.source, 'import', literal.value) : [];
      const proven = candidates.find((destination) =>
        found.every((entry) => sameBinding(info, destination.file, entry.name)),
      );
      const destination = proven ?? candidates[0];
      for (const entry of found) {
        const fix: Fix | undefined =
          destination === undefined
            ? undefined
            : (fixer) => rewriteSpecifier(fixer, sourceCode, literal, destination.specifier);
        if (proven !== undefined) report(entry.node, entry.name, entry.source, info, fix, undefined);
        else
          report(
            entry.node,
            entry.name,
            entry.source,
            info,
            undefined,
            fix === undefined || destination === undefined ? undefined : { fix, specifier: destination.specifier },
          );
      }
    }

    const listener: TSESLint.RuleListener = {
      ImportDeclaration(node) {
        // A namespace import (never with named specifiers): the names its members take
        // (`ns.WebSocketStatus`), read from its references.
        const namespace = node.specifiers.find((specifier) => specifier.type === 'ImportNamespaceSpecifier');
        if (namespace !== undefined) {
          if (mentionsOwned) checkModuleObject(node.source, memberNames(sourceCode.getDeclaredVariables(namespace)[0]));
          else if (mayReplace(node.source.value)) visitSource(node.source, node.source.value);
          return;
        }
        // Resolving is the expensive part: only for a declaration that names an owned name, or when
        // some module is replaced (any import may reach it).
        if (!mayReplace(node.source.value) && !takesOwnedName(node)) return;
        const info = visitSource(node.source, node.source.value);
        if (info !== undefined) checkList(node, info);
      },
      ExportNamedDeclaration(node) {
        if (node.source === null || (!mayReplace(node.source.value) && !takesOwnedName(node))) return;
        const info = visitSource(node.source, node.source.value);
        if (info !== undefined) checkList(node, info);
      },
      ExportAllDeclaration(node) {
        if (mayReplace(node.source.value)) visitSource(node.source, node.source.value);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type !== 'TSExternalModuleReference') return;
        const literal = node.moduleReference.expression;
        if (mentionsOwned) checkModuleObject(literal, memberNames(sourceCode.getDeclaredVariables(node)[0]));
        else if (mayReplace(literal.value)) visitSource(literal, literal.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string')
          checkModuleObject(node.source, takenNames(node, sourceCode));
      },
    };
    // `require()` spells the word (the calls of a file that never does need no listener).
    if (!mayMention(sourceCode, 'require')) return listener;
    return {
      ...listener,
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || node.arguments.length !== 1) return;
        const argument = node.arguments[0];
        if (argument?.type !== 'Literal' || typeof argument.value !== 'string') return;
        // A local `require` is not the module loader (CommonJS's own is a global without definitions).
        if ((findVariable(sourceCode.getScope(node), 'require')?.defs.length ?? 0) > 0) return;
        checkModuleObject(argument, takenNames(node, sourceCode));
      },
    };
  },
});

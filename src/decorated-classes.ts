/**
 * Decorated classes of another module: their class decorators and constructor injections, for
 * - opt-in decorator-based discovery (`settings.ssot.discover.decorators`): `@Injectable({ scope:
 *   Scope.REQUEST })` on a class a file imports makes it a scoped service, `@Injectable({ providedIn:
 *   'root' })` an application-wide one, without listing it in `services`;
 * - composition roots: `bind(C).toSelf().inSingletonScope()` of a class declared elsewhere is captive
 *   when C's constructor injects a scoped service.
 *
 * The cost: the class's module is resolved through the module graph (barrels followed) and parsed
 * with oxc-parser once per module record (the graph's cache: bounded, re-read when the file's size or
 * mtime changes). Only the decorators' callees, their first argument's static properties and the
 * constructor parameters' tokens are kept, with the modules they are imported from, so identity is
 * checked as in the linted file.
 */
import { readFileSync } from 'node:fs';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaredLifetime } from './containers.js';
import { findVariable, type Origin } from './identity.js';
import { countedParse, countedRead, oxcParser } from './lazy.js';
import { moduleGraphFor, moduleRecordOf, type ModuleRecord } from './module-graph.js';
import type { Registry } from './registry.js';
import type { ResolverHandle } from './resolution.js';

/** A static option of a decorator: a string literal, or `Enum.MEMBER` with the module `Enum` is imported from. */
export interface DecoratorOption {
  readonly text: string;
  readonly source: string | undefined;
}

/** One class decorator read from another module: `@Injectable({ scope: Scope.REQUEST })` from `@nestjs/common`. */
export interface ForeignDecorator {
  /** The module the decorator is imported from, and its exported name there. */
  readonly source: string;
  readonly name: string;
  /** The first argument's static properties (`scope` → `Scope.REQUEST`, `providedIn` → `root`). */
  readonly options: ReadonlyMap<string, DecoratorOption>;
}

/** A constructor parameter of a class read from another module: what the container injects into it. */
export interface ForeignInjection {
  /** The parameter (`session`, or `this.session` for a parameter property), for messages. */
  readonly target: string;
  readonly line: number;
  /** The parameter decorator's callee (`@inject(T)`), as imported, and the import of its first argument. */
  readonly decorator: Imported | undefined;
  readonly token: Imported | undefined;
  /** The import of the parameter's type name (`session: SessionContext`). */
  readonly type: Imported | undefined;
}

/** A top-level class of another module: its class decorators and constructor injections. */
export interface ForeignClass {
  readonly file: string;
  readonly decorators: readonly ForeignDecorator[];
  readonly injections: readonly ForeignInjection[];
}

interface OxcNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A name imported in another module: the specifier and the export. */
export interface Imported {
  readonly specifier: string;
  readonly name: string;
}

const MAX_DEPTH = 8;

function optionOf(value: OxcNode, imports: ReadonlyMap<string, Imported>): DecoratorOption | undefined {
  if (value.type === 'Literal' && typeof value.value === 'string') return { text: value.value, source: undefined };
  const object = value.object as OxcNode | undefined;
  const property = value.property as OxcNode | undefined;
  if (
    value.type !== 'MemberExpression' ||
    value.computed === true ||
    object?.type !== 'Identifier' ||
    property?.type !== 'Identifier'
  )
    return undefined;
  const imported = imports.get(object.name as string);
  return imported === undefined
    ? undefined
    : { text: `${imported.name}.${property.name as string}`, source: imported.specifier };
}

function decoratorOf(decorator: OxcNode, imports: ReadonlyMap<string, Imported>): ForeignDecorator | undefined {
  let expression = decorator.expression as OxcNode;
  const call = expression.type === 'CallExpression' ? expression : undefined;
  if (call !== undefined) expression = call.callee as OxcNode;
  if (expression.type !== 'Identifier') return undefined;
  const imported = imports.get(expression.name as string);
  if (imported === undefined) return undefined;
  const options = new Map<string, DecoratorOption>();
  const [first] = (call?.arguments ?? []) as OxcNode[];
  if (first?.type === 'ObjectExpression') {
    for (const property of first.properties as OxcNode[]) {
      const key = property.key as OxcNode | undefined;
      if (property.type !== 'Property' || property.computed === true || key?.type !== 'Identifier') continue;
      const option = optionOf(property.value as OxcNode, imports);
      if (option !== undefined) options.set(key.name as string, option);
    }
  }
  return { source: imported.specifier, name: imported.name, options };
}

function importedName(node: OxcNode | undefined, imports: ReadonlyMap<string, Imported>): Imported | undefined {
  return node?.type === 'Identifier' ? imports.get(node.name as string) : undefined;
}

/** The constructor parameters of a class declaration, with their injection tokens as imported. */
function injectionsOf(
  declaration: OxcNode,
  imports: ReadonlyMap<string, Imported>,
  lineOf: (offset: number) => number,
): ForeignInjection[] {
  const body = (declaration.body as OxcNode).body as OxcNode[];
  const constructor = body.find((member) => member.type === 'MethodDefinition' && member.kind === 'constructor');
  const params = ((constructor?.value as OxcNode | undefined)?.params ?? []) as OxcNode[];
  const injections: ForeignInjection[] = [];
  for (const param of params) {
    const property = param.type === 'TSParameterProperty';
    const inner = property ? (param.parameter as OxcNode) : param;
    const binding = inner.type === 'AssignmentPattern' ? (inner.left as OxcNode) : inner;
    if (binding.type !== 'Identifier') continue;
    const decorators = [
      ...((property ? param.decorators : []) as OxcNode[]),
      ...((binding.decorators ?? []) as OxcNode[]),
    ];
    const call = decorators
      .map((decorator) => decorator.expression as OxcNode)
      .find((expression) => expression.type === 'CallExpression');
    const annotation = (binding.typeAnnotation as OxcNode | null)?.typeAnnotation as OxcNode | undefined;
    injections.push({
      target: property ? `this.${binding.name as string}` : (binding.name as string),
      line: lineOf(param.start as number),
      decorator: importedName(call?.callee as OxcNode | undefined, imports),
      token: importedName((call?.arguments as OxcNode[] | undefined)?.[0], imports),
      type: annotation?.type === 'TSTypeReference' ? importedName(annotation.typeName as OxcNode, imports) : undefined,
    });
  }
  return injections;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/**
 * The decorated classes read from each module record. The graph's records are the freshness check
 * (size + mtime) and the bound: a changed file gets a new record, and a record evicted from the
 * graph's bounded cache takes its entry here with it.
 */
const classesByRecord = new WeakMap<ModuleRecord, ReadonlyMap<string, ForeignClass>>();

/** The decorated top-level classes of `file` by local name (`default` for an anonymous default export). */
function decoratedClasses(file: string): ReadonlyMap<string, ForeignClass> {
  const record = moduleRecordOf(file);
  if (record === undefined) return new Map();
  const cached = classesByRecord.get(record);
  if (cached !== undefined) return cached;
  const classes = new Map<string, ForeignClass>();
  try {
    const text = countedRead(() => readFileSync(file, 'utf8'));
    // A file with no decorator syntax, or no imports to take one from, declares nothing to read.
    if (text.includes('@') && record.imports.size > 0) {
      countedParse(() => {
        const { program } = oxcParser().parseSync(file, text);
        for (const statement of program.body as unknown as OxcNode[]) {
          const declaration =
            statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
              ? (statement.declaration as OxcNode | null)
              : statement;
          if (declaration?.type !== 'ClassDeclaration') continue;
          const decorators = ((declaration.decorators ?? []) as OxcNode[])
            .map((decorator) => decoratorOf(decorator, record.imports))
            .filter((decorator) => decorator !== undefined);
          const id = declaration.id as OxcNode | null;
          if (decorators.length === 0) continue;
          const injections = injectionsOf(declaration, record.imports, (offset) => lineOf(text, offset));
          classes.set(id === null ? 'default' : (id.name as string), { file, decorators, injections });
        }
      });
    }
  } catch {
    // Unreadable or unparsable: nothing read (the file's own lint run reports its syntax).
  }
  classesByRecord.set(record, classes);
  return classes;
}

/**
 * The class decorators of the class the module `specifier`, imported in `filename`, exports as `name`,
 * followed through re-exports and imports to the declaring module; undefined when it cannot be read.
 */
export function importedClassDecorators(
  resolver: ResolverHandle,
  filename: string,
  specifier: string,
  name: string,
): readonly ForeignDecorator[] | undefined {
  return importedClass(resolver, filename, specifier, name)?.decorators;
}

/**
 * The decorated class the module `specifier`, imported in `filename`, exports as `name` — its
 * decorators and constructor injections — read from its declaring module; undefined when it cannot be read.
 */
export function importedClass(
  resolver: ResolverHandle,
  filename: string,
  specifier: string,
  name: string,
): ForeignClass | undefined {
  const graph = moduleGraphFor(resolver);
  const exportedBy = (file: string | undefined, exported: string, depth: number): ForeignClass | undefined => {
    if (file === undefined || depth > MAX_DEPTH) return undefined;
    const record = moduleRecordOf(file);
    if (record === undefined) return undefined;
    const entry = record.exports.get(exported);
    if (entry === undefined) {
      // `export *` (never the default export).
      if (exported === 'default') return undefined;
      for (const star of record.stars) {
        const found = exportedBy(graph.resolve(file, star), exported, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (!('local' in entry)) return exportedBy(graph.resolve(file, entry.specifier), entry.name, depth + 1);
    const imported = record.imports.get(entry.local);
    if (imported === undefined) return decoratedClasses(file).get(entry.local);
    return exportedBy(graph.resolve(file, imported.specifier), imported.name, depth + 1);
  };
  return exportedBy(graph.resolve(filename, specifier), name, 0);
}

/** What discovery trusts a class's decorator to declare, and for which framework. */
export interface Discovered {
  readonly lifetime: 'scoped' | 'singleton';
  readonly container: 'nestjs' | 'angular';
}

/**
 * What the built-in frameworks' decorators read from another module declare, for discovery: NestJS
 * `@Injectable({ scope: Scope.REQUEST })` (and `@Controller`) is scoped, Angular
 * `@Injectable({ providedIn: 'root' | 'platform' })` is application-wide; anything else is not a
 * declaration discovery trusts (NestJS's default singleton bubbles to request scope).
 */
export function discoveredLifetime(decorators: readonly ForeignDecorator[]): Discovered | undefined {
  for (const { source, name, options } of decorators) {
    if (source === '@nestjs/common' && (name === 'Injectable' || name === 'Controller')) {
      const scope = options.get('scope');
      if (scope?.source === '@nestjs/common' && scope.text === 'Scope.REQUEST')
        return { lifetime: 'scoped', container: 'nestjs' };
    }
    if (source === '@angular/core' && name === 'Injectable') {
      const providedIn = options.get('providedIn');
      if (providedIn?.source === undefined && (providedIn?.text === 'root' || providedIn?.text === 'platform'))
        return { lifetime: 'singleton', container: 'angular' };
    }
  }
  return undefined;
}

/**
 * With `settings.ssot.discover.decorators`: what the declaration of the class `origin` names says —
 * a class of this file (`at` is where it is named) by its container decorator, an imported one by
 * its module's decorators, read through the module graph. Undefined when discovery is off.
 */
export function discoveredAt(
  origin: Origin | undefined,
  at: TSESTree.Node,
  registry: Registry,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
): Discovered | undefined {
  if (!registry.discoverDecorators) return undefined;
  if (origin?.kind === 'export') {
    const decorators = importedClassDecorators(registry.resolver, filename, origin.source, origin.name);
    return decorators === undefined ? undefined : discoveredLifetime(decorators);
  }
  if (origin?.kind !== 'local') return undefined;
  const def = findVariable(sourceCode.getScope(at), origin.name)?.defs[0];
  if (def?.type !== 'ClassName' || !Array.isArray(def.node.decorators)) return undefined;
  const declared = declaredLifetime(def.node, registry.containers, sourceCode);
  if (declared === undefined || declared.lifetime === 'transient') return undefined;
  const container = declared.spec.name;
  return container === 'nestjs' || container === 'angular' ? { lifetime: declared.lifetime, container } : undefined;
}

/**
 * The module graph: what a module exports under a name, followed to the module that declares it.
 *
 * A rule sees one file; a service reaches it through barrels (`export { C } from './c'`,
 * `export *`), package entries, built workspace packages, default exports, `export =` and CommonJS
 * `module.exports`. For a resolved file this module reads its export table with oxc-parser (its
 * `module` record lists static imports and exports without a walk of the AST; only files that can
 * hold `export =` or CommonJS exports have their top-level statements read) and follows each name to
 * a {@link Binding}: the declaring module and the name of the binding there. Two spellings denote
 * the same class exactly when their bindings are equal.
 *
 * Records are cached per process (bounded, validated by file size and mtime on every use, so an
 * edited barrel is seen without a restart). Built workspace packages map back to their sources
 * (declaration maps, else the package tsconfig's `outDir`/`declarationDir` → `rootDir`), also when
 * the build output does not exist yet. See docs/module-graph.md.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BoundedMap } from './bounded-map.js';
import { countedRead, graphStats, oxcParser } from './lazy.js';

export { graphStats, type GraphStats } from './lazy.js';
import {
  fileStamp,
  isRelativeSpecifier,
  looksLikePackage,
  normalizeModulePath,
  packageNameOf,
  type ResolverHandle,
} from './resolution.js';

/**
 * Where a value really comes from: the declaring module (normalised id, see `normalizeModulePath`;
 * `pkg:<specifier>` for a module that cannot be resolved) and the binding's name there. `name` is
 * `'default'` for an anonymous default export, `'='` for an anonymous `export =`/`module.exports`,
 * `'*'` for a module namespace object.
 */
export interface Binding {
  readonly module: string;
  readonly name: string;
}

/** A stable string for a binding (map keys, equality). */
export function bindingKey(binding: Binding): string {
  return `${binding.module}#${binding.name}`;
}

export function sameBinding(a: Binding | undefined, b: Binding | undefined): boolean {
  return a !== undefined && a.module === b?.module && a.name === b.name;
}

/** Name `name` (`'default'`, `'='` for the module object, `'*'` for the namespace) of the module `specifier`. */
interface Reexport {
  readonly specifier: string;
  readonly name: string;
}

type ExportEntry = { readonly local: string } | Reexport;

/** What one file exports, as read from its text. */
export interface ModuleRecord {
  /** Export name (`'default'`, `'='` for `export =`/`module.exports =`) → local binding or re-export. */
  readonly exports: ReadonlyMap<string, ExportEntry>;
  /** `export * from` specifiers (they carry every name but `default`). */
  readonly stars: readonly string[];
  /** Type-only exports (`export type X =`, `export type { X }`, `export { type X }`): no value, but a name sources own. */
  readonly typeExports: ReadonlyMap<string, ExportEntry>;
  /** `export type * from` specifiers. */
  readonly typeStars: readonly string[];
  /** Local binding → what it imports (`import`, `import X = require()`, top-level `require()`). */
  readonly imports: ReadonlyMap<string, Reexport>;
}

interface CachedRecord {
  readonly size: number;
  readonly mtimeMs: number;
  /** The export table, read on first need (undefined: not read yet; null: unreadable or unparsable). */
  record: ModuleRecord | null | undefined;
  /** How the text may export a name (asked names only), and can it re-export names it does not spell (`export *`)? Read before any parse. */
  readonly spells: Map<string, TextVerdict>;
  starExport: boolean | undefined;
  /** When size and mtime were last compared with the file (`Date.now()`). */
  checkedAt: number;
}

/**
 * How long a record is trusted without a `stat`. A lint run asks for the same barrels once per import
 * of every file — through `export *`, once per star — and a `stat` each time cost more than reading the
 * graph itself (docs/performance.md). A long-lived process (an editor) sees an edited module within
 * this interval, as it sees an edited tsconfig (src/resolution.ts).
 */
const FRESHNESS_INTERVAL_MS = 1000;

const MAX_RECORDS = 5000;
const MAX_ANSWERS = 20_000;
const MAX_DEPTH = 32;
const records = new BoundedMap<string, CachedRecord>(MAX_RECORDS);

/** Text that may hold `export =`, `module.exports`, `exports.X` or a top-level `require()`: the only reasons to read statements. */
const NEEDS_STATEMENTS = /\bexport\s*=|\bexports\b|\brequire\s*\(/;

function name(node: { type: string; name?: string; value?: unknown } | null | undefined): string | undefined {
  if (node == null) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

interface OxcNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

function isRequireCall(node: OxcNode | null | undefined): string | undefined {
  if (node?.type !== 'CallExpression') return undefined;
  const callee = node.callee as OxcNode;
  const args = node.arguments as OxcNode[];
  if (callee.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return undefined;
  const argument = args[0];
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
}

/** `module.exports`, `exports`: the CommonJS export object (with the property path after it). */
function exportsPath(node: OxcNode): string[] | undefined {
  const segments: string[] = [];
  let current = node;
  while (current.type === 'MemberExpression') {
    const property = current.property as OxcNode;
    const key =
      current.computed === true
        ? property.type === 'Literal' && typeof property.value === 'string'
          ? property.value
          : undefined
        : name(property);
    if (key === undefined) return undefined;
    segments.unshift(key);
    current = current.object as OxcNode;
  }
  if (current.type !== 'Identifier') return undefined;
  if (current.name === 'exports') return segments;
  if (current.name === 'module' && segments[0] === 'exports') return segments.slice(1);
  return undefined;
}

/** `export =`, `import X = require()`, CommonJS exports and top-level `require()` bindings. */
function readStatements(
  body: readonly OxcNode[],
  exports: Map<string, ExportEntry>,
  imports: Map<string, Reexport>,
): void {
  const valueEntry = (value: OxcNode, fallback: string): ExportEntry => {
    const source = isRequireCall(value);
    if (source !== undefined) return { specifier: source, name: '=' };
    const local =
      value.type === 'Identifier'
        ? (value.name as string)
        : value.type === 'ClassExpression' || value.type === 'FunctionExpression'
          ? name(value.id as never)
          : undefined;
    return { local: local ?? fallback };
  };
  for (const statement of body) {
    if (statement.type === 'TSExportAssignment') {
      exports.set('=', valueEntry(statement.expression as OxcNode, '='));
    } else if (statement.type === 'TSImportEqualsDeclaration') {
      const reference = statement.moduleReference as OxcNode;
      const local = name(statement.id as never);
      const expression = reference.expression as OxcNode | undefined;
      if (reference.type === 'TSExternalModuleReference' && local !== undefined && expression?.type === 'Literal')
        imports.set(local, { specifier: String(expression.value), name: '=' });
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations as OxcNode[]) {
        const source = isRequireCall(declarator.init as OxcNode | null);
        if (source === undefined) continue;
        const id = declarator.id as OxcNode;
        if (id.type === 'Identifier') imports.set(id.name as string, { specifier: source, name: '=' });
        else if (id.type === 'ObjectPattern') {
          for (const property of id.properties as OxcNode[]) {
            if (property.type !== 'Property' || property.computed === true) continue;
            const key = name(property.key as never);
            const value = property.value as OxcNode;
            if (key !== undefined && value.type === 'Identifier')
              imports.set(value.name as string, { specifier: source, name: key });
          }
        }
      }
    } else if (
      statement.type === 'ExpressionStatement' &&
      (statement.expression as OxcNode).type === 'AssignmentExpression'
    ) {
      const assignment = statement.expression as OxcNode;
      if (assignment.operator !== '=') continue;
      const target = exportsPath(assignment.left as OxcNode);
      const value = assignment.right as OxcNode;
      if (target === undefined) continue;
      if (target.length === 0) {
        if (value.type === 'ObjectExpression') {
          // `module.exports = { A, B: C }`: named exports (and the object itself, which no class is).
          for (const property of value.properties as OxcNode[]) {
            if (property.type !== 'Property' || property.computed === true) continue;
            const key = name(property.key as never);
            if (key !== undefined) exports.set(key, valueEntry(property.value as OxcNode, key));
          }
        } else exports.set('=', valueEntry(value, '='));
      } else if (target.length === 1 && target[0] !== undefined) exports.set(target[0], valueEntry(value, target[0]));
    }
  }
}

/** Reads the export table of a module's text (exported for tests). */
export function readModuleRecord(filename: string, text: string): ModuleRecord {
  const started = performance.now();
  const result = oxcParser().parseSync(filename, text, {
    lang: /\.d\.[cm]?ts$/.test(filename) ? 'dts' : undefined,
  } as never);
  const exports = new Map<string, ExportEntry>();
  const imports = new Map<string, Reexport>();
  const stars: string[] = [];
  const typeExports = new Map<string, ExportEntry>();
  const typeStars: string[] = [];
  const { module } = result;
  for (const declaration of module.staticImports) {
    const specifier = declaration.moduleRequest.value;
    for (const entry of declaration.entries) {
      const imported =
        entry.importName.kind === 'Default'
          ? 'default'
          : entry.importName.kind === 'NamespaceObject'
            ? '*'
            : (entry.importName.name ?? '*');
      imports.set(entry.localName.value, { specifier, name: imported });
    }
  }
  for (const declaration of module.staticExports) {
    // `export type { X } from`, `export type *`: types only, never a class value (kept apart, for sources of truth).
    const typeOnly = /^export\s+type\b/.test(text.slice(declaration.start, declaration.start + 12));
    for (const entry of declaration.entries) {
      const isType = typeOnly || (entry.isType && text.startsWith('type ', entry.start));
      const exported = entry.exportName.kind === 'Default' ? 'default' : (entry.exportName.name ?? undefined);
      const request = entry.moduleRequest?.value;
      if (request !== undefined) {
        if (entry.importName.kind === 'AllButDefault') (isType ? typeStars : stars).push(request);
        else if (exported !== undefined) {
          const imported = entry.importName.kind === 'All' ? '*' : (entry.importName.name ?? 'default');
          (isType ? typeExports : exports).set(exported, { specifier: request, name: imported });
        }
        continue;
      }
      if (exported === undefined) continue;
      (isType ? typeExports : exports).set(exported, { local: entry.localName.name ?? exported });
    }
  }
  if (NEEDS_STATEMENTS.test(text)) readStatements(result.program.body as unknown as OxcNode[], exports, imports);
  graphStats.parsed++;
  graphStats.parseMs += performance.now() - started;
  return { exports, stars, imports, typeExports, typeStars };
}

/** The cache entry of `file`, its size and mtime compared at most once per {@link FRESHNESS_INTERVAL_MS}; undefined when it does not exist. */
function cachedEntry(file: string): CachedRecord | undefined {
  const cached = records.get(file);
  const now = Date.now();
  if (cached !== undefined && now - cached.checkedAt < FRESHNESS_INTERVAL_MS) return cached;
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) {
    records.delete(file);
    return undefined;
  }
  if (cached?.size === stat.size && cached.mtimeMs === stat.mtimeMs) {
    cached.checkedAt = now;
    return cached;
  }
  const entry: CachedRecord = {
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    record: undefined,
    spells: new Map(),
    starExport: undefined,
    checkedAt: now,
  };
  records.set(file, entry);
  return entry;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The export table of `file`, read once and re-read when its size or mtime changes (compared at most
 * once per {@link FRESHNESS_INTERVAL_MS}); undefined when unreadable.
 */
export function moduleRecordOf(file: string): ModuleRecord | undefined {
  const entry = cachedEntry(file);
  if (entry === undefined) return undefined;
  if (entry.record === undefined)
    readInto(
      entry,
      file,
      countedRead(() => readText(file)),
    );
  return entry.record ?? undefined;
}

/** Parses `text` (the file's, undefined when unreadable) into the entry's export table. */
function readInto(entry: CachedRecord, file: string, text: string | undefined): void {
  try {
    entry.record = text === undefined ? null : readModuleRecord(file, text);
  } catch {
    entry.record = null;
  }
}

/** `export *` (also `export type *`, `export * as ns`, with comments between): a module that may export names its text never spells. */
const STAR_EXPORT = /\bexport(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*(?:type\b(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*)?\*/;

/**
 * Can `file` export `name` at all? A module exports a name only by spelling it in an export
 * (`export class N`, `export { x as N }`, `exports.N =`: {@link mayExportByName}) or through
 * `export *`: when its text has neither, the answer is no without parsing it. Most modules a
 * namespace import or an `export *` reaches are ruled out this way; a service's own module, which
 * exports the class only by declaring it, is not parsed either (`'class'`). `'may'`: parse to know
 * (or already parsed).
 */
function exportVerdict(file: string, name: string): TextVerdict {
  const entry = cachedEntry(file);
  if (entry === undefined || entry.record !== undefined) return 'may';
  let verdict = entry.spells.get(name);
  if (verdict === undefined) {
    const started = performance.now();
    const parseMsBefore = graphStats.parseMs;
    const text = readText(file);
    graphStats.read++;
    if (text === undefined) return 'may';
    entry.starExport ??= STAR_EXPORT.test(text);
    askedNames.set(name, true);
    const heads = entry.starExport ? [] : exportHeads(text);
    verdict = entry.starExport ? 'may' : exportedHow(text, name, heads);
    // The caller parses next when the name may be exported: with the text in hand, not read twice
    // (the export table then answers every name).
    if (verdict === 'may') readInto(entry, file, text);
    else {
      // The rules ask about a few names (the services' classes) in many files: one read answers all
      // names asked so far, so a file is read once however many services there are.
      for (const asked of askedNames.keys())
        entry.spells.set(asked, asked === name ? verdict : exportedHow(text, asked, heads));
    }
    graphStats.readMs += performance.now() - started - (graphStats.parseMs - parseMsBefore);
  }
  return verdict;
}

/**
 * Is `name` exported by `file` only as the class it declares under that name (`export class N`,
 * nothing else exporting `N`, no `export *`, CommonJS or `export =`)? Then the export is that local
 * class and the module exports it under no other name, known from the text without parsing it.
 */
export function exportedOnlyAsDeclaredClass(file: string, name: string): boolean {
  return exportVerdict(file, name) === 'class';
}

/**
 * A token that changes when `file` changes (its size or mtime, compared at most once per
 * {@link FRESHNESS_INTERVAL_MS}): what was computed from the file is still good while it is the same.
 */
export function moduleVersion(file: string): object | undefined {
  return cachedEntry(file);
}

/** CommonJS exports and `export =`: a module that may export a name without an `export` statement naming it. */
const ASSIGNED_EXPORTS = /\bexports\b|\bexport\s*=/;
/** `export const a = f(x), N = 2`, `export let { a: N } = o`: an exported variable may follow any initialiser or pattern. */
const VARIABLE_HEAD = /(?:declare\s+)?(?:const(?!\s+enum\b)|let|var|using|await\s+using)\b/y;

/**
 * An `export` statement's head: from the keyword to the first character an export head cannot
 * contain. A name spelled before `end` may be what the statement exports; after it, only when `may`.
 */
interface ExportHead {
  readonly start: number;
  readonly end: number;
  readonly may: boolean;
  /** A variable statement: after `end`, a name may be exported where a declarator's name can stand. */
  readonly variable?: true;
}

/**
 * Can a module with this text export `name` by its own statements (`export *` aside)? Only an
 * `export` statement, CommonJS or `export =` exports a name, and an `export` statement spells the
 * name after its `export` with nothing but keywords, names, comments, `{`, `,` and `*` between (a
 * variable statement excepted): `export class N`, `export { a, b as N }`, `export * as N from`. So
 * an occurrence of the name whose nearest `export` before it is followed by anything else (`export
 * function f(N`, `export type T = N`, or no `export` at all: `import { N }`, `new N()`) cannot be
 * the exported name. Conservative: strings, decorators, escapes and non-ASCII text in a head count
 * as "may", and so does any module with CommonJS exports or `export =`. A "may" only costs a parse.
 */
export function mayExportByName(text: string, name: string, heads: readonly ExportHead[] = exportHeads(text)): boolean {
  return exportedHow(text, name, heads) !== 'no';
}

/**
 * How a module with this text may export `name` by its own statements (`export *` aside), read
 * without parsing it (see {@link mayExportByName}): `'no'`; `'class'` when the only statement that
 * spells it is the class's own declaration (`export class N`, `export declare abstract class N`),
 * so the export is that local class under its own name and nothing else exports it; else `'may'`.
 */
export function exportedHow(text: string, name: string, heads: readonly ExportHead[] = exportHeads(text)): TextVerdict {
  if (!isAsciiWord(name)) return text.includes(name) ? 'may' : 'no';
  let assigned: boolean | undefined;
  let verdict: TextVerdict = 'no';
  for (let index = text.indexOf(name); index !== -1; index = text.indexOf(name, index + 1)) {
    if (isWordAt(text, index - 1) || isWordAt(text, index + name.length)) continue;
    if ((assigned ??= ASSIGNED_EXPORTS.test(text))) return 'may';
    const head = headBefore(heads, index);
    if (head === undefined) continue;
    if (index <= head.end) {
      if (verdict === 'no' && CLASS_HEAD.test(text.slice(head.start, index))) verdict = 'class';
      else return 'may';
    } else if (head.variable === true ? mayDeclareAt(text, index) : head.may) return 'may';
  }
  return verdict;
}

/** How a module's text may export a name: not at all, only as its own class declaration, or possibly otherwise (then only parsing tells). */
type TextVerdict = 'no' | 'class' | 'may';

/** The head of a class declaration exported under its own name, up to the name (plain spacing, no comments). */
const CLASS_HEAD = /^export\s+(?:declare\s+)?(?:abstract\s+)?class\s+$/;

/**
 * Can a variable statement declare the name at `index`? A declarator's name follows `const`/`let`/
 * `var`/`using`, a `,`, or in a pattern `{`, `[`, `:` or `...`; a comment before it counts as "may".
 */
function mayDeclareAt(text: string, index: number): boolean {
  let before = index - 1;
  let newline = false;
  while (before >= 0 && isSpace(text.charCodeAt(before))) {
    if (text.charCodeAt(before) === 10) newline = true;
    before--;
  }
  if (before < 0) return true;
  // A line comment ends the line before: its text says nothing about what follows.
  if (newline && text.lastIndexOf('//', before) > text.lastIndexOf('\n', before)) return true;
  const code = text.charCodeAt(before);
  if (code === 44 || code === 123 || code === 91 || code === 58 || code === 46 || code === 47) return true;
  if (!isAsciiIdentifierPart(code)) return false;
  let wordStart = before;
  while (wordStart > 0 && isAsciiIdentifierPart(text.charCodeAt(wordStart - 1))) wordStart--;
  return /^(?:const|let|var|using)$/.test(text.slice(wordStart, before + 1));
}

/** The last head that starts before `index` (binary search: `heads` is in text order). */
function headBefore(heads: readonly ExportHead[], index: number): ExportHead | undefined {
  let low = 0;
  let high = heads.length - 1;
  let found: ExportHead | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const head = heads[middle];
    if (head === undefined) break;
    if (head.start + 'export'.length <= index) {
      found = head;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Every `export` keyword of the text with its head, in text order (see {@link ExportHead}). */
export function exportHeads(text: string): ExportHead[] {
  const heads: ExportHead[] = [];
  for (let at = text.indexOf('export'); at !== -1; at = text.indexOf('export', at + 1)) {
    const end = at + 'export'.length;
    if (isWordAt(text, at - 1) || isWordAt(text, end) || !isKeywordPosition(text, at, end)) continue;
    heads.push(headFrom(text, at, end));
  }
  return heads;
}

/** Scans an `export` statement's head from the end of the keyword (comments skipped). */
function headFrom(text: string, start: number, from: number): ExportHead {
  let at = from;
  let first = true;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 47 /* / */) {
      const next = text.charCodeAt(at + 1);
      const close =
        next === 42 /* * */ ? text.indexOf('*/', at + 2) + 2 : next === 47 ? text.indexOf('\n', at + 2) + 1 : -1;
      // A comment is skipped (a name inside it lies within the head: "may", conservatively); one
      // that never closes ends the head. Any other `/` (a regular expression) is opaque.
      if (close > 0) {
        at = close;
        continue;
      }
      return { start, end: at, may: next !== 42 && next !== 47 };
    }
    if (first && !isSpace(code)) {
      first = false;
      VARIABLE_HEAD.lastIndex = at;
      if (VARIABLE_HEAD.test(text)) return { start, end: at, may: true, variable: true };
    }
    if (
      isSpace(code) ||
      isAsciiIdentifierPart(code) ||
      code === 44 /* , */ ||
      code === 123 /* { */ ||
      code === 42 /* * */
    ) {
      at++;
      continue;
    }
    // Strings, decorators, escapes and non-ASCII names: the test cannot see through them.
    const opaque = code > 127 || code === 34 || code === 39 || code === 96 || code === 64 || code === 92;
    return { start, end: at, may: opaque };
  }
  return { start, end: at, may: false };
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** `[A-Za-z0-9_$]`: a character that continues an ASCII identifier. */
function isAsciiIdentifierPart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 36 ||
    code === 95
  );
}

/** Is `name` made of ASCII identifier characters only (what the text tests can search for as a whole word)? */
export function isAsciiWord(name: string): boolean {
  return ASCII_WORD.test(name);
}
const ASCII_WORD = /^[\w$]+$/;

/** Is the character at `index` an ASCII identifier character (false outside the text)? The text tests of src/identity.ts and src/factories.ts use it too. */
export function isWordAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isAsciiIdentifierPart(text.charCodeAt(index));
}

/**
 * Is the `export` at `start` the keyword? A property named `export` (`x.export`, `{ export: 1 }`,
 * `export() {}`) is not: the keyword is never after a `.` on its line and is followed by a name,
 * `{`, `*`, `@` or a comment.
 */
function isKeywordPosition(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && (text.charAt(before) === ' ' || text.charAt(before) === '\t')) before--;
  if (text.charAt(before) === '.') return false;
  let after = end;
  while (after < text.length && isSpace(text.charCodeAt(after))) after++;
  return /[\w${*/@]/.test(text.charAt(after));
}

const MAX_ASKED_NAMES = 64;
/** Names `exportVerdict` has been asked about lately, or will be (the services' class names, mostly). */
const askedNames = new BoundedMap<string, true>(MAX_ASKED_NAMES);

/**
 * Names the rules are about to ask whether modules export (a service's class, and the other names
 * its module exports it as): a module's text, once read, then answers them all, and is not read
 * again for the next one.
 */
export function expectExportNames(names: readonly string[]): void {
  for (const name of names) askedNames.set(name, true);
}

// ---------------------------------------------------------------------------------------------
// Built workspace packages: build output → source.

/** `.ts`, `.tsx`, `.mts`, `.cts` (declaration files are told apart by `DECLARATION`). */
const TS_SOURCE = /\.[cm]?tsx?$/;
const DECLARATION = /\.d(?:\.[^./\\]+)?\.[cm]?ts$/;

const SOURCE_FOR_OUTPUT: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\.d\.ts$|\.js$/, ['.ts', '.tsx', '.js', '.jsx']],
  [/\.d\.mts$|\.mjs$/, ['.mts', '.mjs']],
  [/\.d\.cts$|\.cjs$/, ['.cts', '.cjs']],
];

interface BuildLayout {
  /** Absolute output directories (outDir, declarationDir). */
  readonly outDirs: readonly string[];
  readonly rootDir: string;
}

const layouts = new BoundedMap<string, { readonly stamp: string; readonly layout: BuildLayout | undefined }>(500);
const sources = new BoundedMap<string, string>(20_000);

/** JSON with comments and trailing commas (tsconfig): parsed, or undefined. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      for (index++; index < text.length && text[index] !== '"'; index++) if (text[index] === '\\') index++;
      out += text.slice(start, index + 1);
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      out += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      index = text.indexOf('*/', index + 2);
      if (index === -1) break;
      index++;
    } else out += char ?? '';
  }
  try {
    return JSON.parse(out.replaceAll(/,(\s*[}\]])/g, '$1')) as unknown;
  } catch {
    return undefined;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value = parseJsonc(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** outDir/declarationDir/rootDir of a package's tsconfig (following relative `extends`). */
function buildLayoutOf(packageDir: string): BuildLayout | undefined {
  const tsconfig = path.join(packageDir, 'tsconfig.json');
  const stamp = fileStamp(tsconfig);
  const cached = layouts.get(packageDir);
  if (cached?.stamp === stamp) return cached.layout;
  const options: Record<string, string> = {};
  let file: string | undefined = stamp === '' ? undefined : tsconfig;
  for (let depth = 0; file !== undefined && depth < 8; depth++) {
    const json = readJson(file);
    const compilerOptions = (json?.compilerOptions ?? {}) as Record<string, unknown>;
    for (const key of ['outDir', 'declarationDir', 'rootDir'])
      if (options[key] === undefined && typeof compilerOptions[key] === 'string')
        options[key] = path.resolve(path.dirname(file), compilerOptions[key]);
    const extended = json?.extends;
    file =
      typeof extended === 'string' && (isRelativeSpecifier(extended) || path.isAbsolute(extended))
        ? path.resolve(path.dirname(file), extended.endsWith('.json') ? extended : `${extended}.json`)
        : undefined;
  }
  const outDirs = [options.outDir, options.declarationDir].filter((dir): dir is string => dir !== undefined);
  const rootDir =
    options.rootDir ?? (existsSync(path.join(packageDir, 'src')) ? path.join(packageDir, 'src') : packageDir);
  const layout = outDirs.length === 0 ? undefined : { outDirs, rootDir };
  layouts.set(packageDir, { stamp, layout });
  return layout;
}

function nearestPackageDir(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isInside(file: string, directory: string): boolean {
  return file.startsWith(directory.endsWith(path.sep) ? directory : `${directory}${path.sep}`);
}

/** The source file an output path of the package at `packageDir` was built from (the output need not exist). */
function sourceByLayout(file: string, packageDir: string): string | undefined {
  const layout = buildLayoutOf(packageDir);
  if (layout === undefined) return undefined;
  for (const outDir of layout.outDirs) {
    if (!isInside(file, outDir)) continue;
    const relative = path.relative(outDir, file);
    for (const [pattern, extensions] of SOURCE_FOR_OUTPUT) {
      if (!pattern.test(relative)) continue;
      const stem = path.join(layout.rootDir, relative.replace(pattern, ''));
      for (const extension of extensions) if (existsSync(`${stem}${extension}`)) return `${stem}${extension}`;
    }
  }
  return undefined;
}

function sourceByDeclarationMap(file: string): string | undefined {
  if (!/\.d\.[cm]?ts$/.test(file) || !existsSync(`${file}.map`)) return undefined;
  const map = readJson(`${file}.map`);
  const first = Array.isArray(map?.sources) ? (map.sources as unknown[])[0] : undefined;
  if (typeof first !== 'string') return undefined;
  const root = typeof map?.sourceRoot === 'string' ? map.sourceRoot : '';
  const source = path.resolve(path.dirname(file), root, first);
  return existsSync(source) ? source : undefined;
}

/**
 * The source file behind a workspace package's build output (`dist/manager.d.ts` →
 * `src/manager.ts`): its declaration map when present, else the package tsconfig's
 * `outDir`/`declarationDir` → `rootDir`. Files under node_modules and sources map to themselves.
 */
export function sourceFileOf(file: string): string {
  if (file.includes(`${path.sep}node_modules${path.sep}`) || file.includes('/node_modules/')) return file;
  // A TypeScript source (not a declaration file) is never build output.
  if (TS_SOURCE.test(file) && !DECLARATION.test(file)) return file;
  const cached = sources.get(file);
  if (cached !== undefined) return cached;
  let source = sourceByDeclarationMap(file);
  if (source === undefined) {
    const packageDir = nearestPackageDir(file);
    source = packageDir === undefined ? undefined : sourceByLayout(file, packageDir);
  }
  sources.set(file, source ?? file);
  return source ?? file;
}

const CONDITIONS = ['types', 'import', 'require', 'node', 'default'];

function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = conditionTarget(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const condition of CONDITIONS) if (condition in record) return conditionTarget(record[condition]);
  return undefined;
}

/** The `exports` target of `subpath` (`.` or `./x`), with `*` patterns. */
function exportsTarget(exportsField: unknown, subpath: string): string | undefined {
  if (typeof exportsField === 'string' || Array.isArray(exportsField))
    return subpath === '.' ? conditionTarget(exportsField) : undefined;
  if (typeof exportsField !== 'object' || exportsField === null) return undefined;
  const map = exportsField as Record<string, unknown>;
  if (!Object.keys(map).some((key) => key.startsWith('.'))) return subpath === '.' ? conditionTarget(map) : undefined;
  if (subpath in map) return conditionTarget(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const target = conditionTarget(value);
      return target?.replaceAll('*', subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return undefined;
}

/**
 * A workspace package whose build output does not exist yet: find it (`node_modules/<name>` at or
 * above `directory`, a symlink for workspaces), read its `exports`/`types`/`main` for the subpath,
 * and map the output path to its source through the package tsconfig.
 */
function resolveUnbuilt(directory: string, specifier: string): string | undefined {
  const packageName = packageNameOf(specifier);
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', packageName);
    if (existsSync(path.join(candidate, 'package.json'))) {
      let packageDir: string;
      try {
        packageDir = realpathSync(candidate);
      } catch {
        return undefined;
      }
      if (packageDir.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const manifest = readJson(path.join(packageDir, 'package.json'));
      const subpath = specifier === packageName ? '.' : `.${specifier.slice(packageName.length)}`;
      let target = manifest?.exports === undefined ? undefined : exportsTarget(manifest.exports, subpath);
      if (target === undefined && manifest?.exports === undefined) {
        const main = [manifest?.types, manifest?.typings, manifest?.module, manifest?.main].find(
          (field) => typeof field === 'string',
        );
        target = subpath === '.' ? (typeof main === 'string' ? main : './index.js') : subpath;
      }
      if (target === undefined) return undefined;
      const file = path.resolve(packageDir, target);
      if (existsSync(file) && statSync(file).isFile()) return sourceFileOf(file);
      return sourceByLayout(file, packageDir);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

const unbuilt = new BoundedMap<string, string | null>(5000);

/**
 * The file `specifier`, written in `file`, resolves to — mapped from a workspace package's build
 * output to its source, and found through the package's tsconfig when that output is not built yet.
 */
export function resolveModuleFile(resolver: ResolverHandle, file: string, specifier: string): string | undefined {
  const resolved = resolver.resolveFile(file, specifier);
  if (resolved !== undefined) return sourceFileOf(resolved);
  if (isRelativeSpecifier(specifier) || !looksLikePackage(specifier)) return undefined;
  const directory = path.dirname(file);
  const key = `${directory}\0${specifier}`;
  let found = unbuilt.get(key);
  if (found === undefined) {
    found = resolveUnbuilt(directory, specifier) ?? null;
    unbuilt.set(key, found);
  }
  return found ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// Following names.

function unresolved(file: string, specifier: string, name: string): Binding {
  const module = isRelativeSpecifier(specifier)
    ? normalizeModulePath(path.resolve(path.dirname(file), specifier))
    : `pkg:${specifier}`;
  return { module, name };
}

/**
 * A module graph over one resolver: export names followed to their declaring module. One per
 * resolver (tsconfig), shared by every rule and file; its records are the process-wide cache above.
 */
export interface ModuleGraph {
  /** The file `specifier` in `file` resolves to (build output mapped to source). */
  resolve(file: string, specifier: string): string | undefined;
  /** What the module `specifier`, imported in `file`, exports as `name` (`'='` for the module object itself). */
  importBinding(file: string, specifier: string, name: string): Binding | undefined;
  /** What the module at `moduleFile` exports as `name`; with `types`, type-only exports count too. */
  exportBinding(moduleFile: string, name: string, types?: boolean): Binding | undefined;
  /** Every name `moduleFile` exports (own, re-exported and through `export *`), for pre-filters and tests; with `types`, type-only ones too. */
  exportNames(moduleFile: string, types?: boolean): ReadonlySet<string>;
}

const graphs = new WeakMap<ResolverHandle, ModuleGraph>();

export function moduleGraphFor(resolver: ResolverHandle): ModuleGraph {
  let graph = graphs.get(resolver);
  if (graph === undefined) {
    graph = createGraph(resolver);
    graphs.set(resolver, graph);
  }
  return graph;
}

function createGraph(resolver: ResolverHandle): ModuleGraph {
  const resolve = (file: string, specifier: string): string | undefined => resolveModuleFile(resolver, file, specifier);
  // Answers to "what does module M export as N", shared by every file of the run: the files of a
  // project import the same barrels, and through `export *` one answer reads many records. Trusted
  // for as long as the records they were read from (FRESHNESS_INTERVAL_MS).
  const answers = new BoundedMap<string, { readonly at: number; readonly binding: Binding | undefined }>(MAX_ANSWERS);

  /** `exportOf` from the top of a chain (nothing seen yet), remembered for the freshness interval. */
  function exportAnswer(file: string, name: string, types: boolean): Binding | undefined {
    const key = `${types ? 't' : 'v'}\0${file}\0${name}`;
    const now = Date.now();
    const known = answers.get(key);
    if (known !== undefined && now - known.at < FRESHNESS_INTERVAL_MS) return known.binding;
    const binding = exportOf(file, name, new Set(), types);
    answers.set(key, { at: now, binding });
    return binding;
  }

  function follow(
    file: string,
    specifier: string,
    name: string,
    seen: Set<string>,
    types = false,
  ): Binding | undefined {
    const target = resolve(file, specifier);
    if (target === undefined) return unresolved(file, specifier, name);
    if (name === '*') return { module: normalizeModulePath(target), name: '*' };
    if (name === '=') {
      // The module object: its `export =`/`module.exports =` value, else its namespace.
      const whole = seen.size === 0 ? exportAnswer(target, '=', false) : exportOf(target, '=', seen);
      return whole ?? { module: normalizeModulePath(target), name: '*' };
    }
    return seen.size === 0 ? exportAnswer(target, name, types) : exportOf(target, name, seen, types);
  }

  function localBinding(
    file: string,
    record: ModuleRecord,
    local: string,
    seen: Set<string>,
    types = false,
  ): Binding | undefined {
    const imported = record.imports.get(local);
    if (imported !== undefined) return follow(file, imported.specifier, imported.name, seen, types);
    return { module: normalizeModulePath(file), name: local };
  }

  function exportOf(file: string, name: string, seen: Set<string>, types = false): Binding | undefined {
    const key = `${file}\0${name}`;
    if (seen.has(key) || seen.size > MAX_DEPTH * 4) return undefined;
    seen.add(key);
    if (name !== 'default' && name !== '=') {
      const verdict = exportVerdict(file, name);
      if (verdict === 'no') return undefined;
      if (verdict === 'class') return { module: normalizeModulePath(file), name };
    }
    const record = moduleRecordOf(file);
    if (record === undefined) return { module: normalizeModulePath(file), name };
    const entry = record.exports.get(name) ?? (types ? record.typeExports.get(name) : undefined);
    if (entry !== undefined) {
      return 'local' in entry
        ? localBinding(file, record, entry.local, seen, types)
        : follow(file, entry.specifier, entry.name, seen, types);
    }
    const whole = record.exports.get('=');
    if (whole !== undefined) {
      // `export =`/`module.exports = C`: the default import (interop) and the name `C` itself are that value.
      if (name === 'default' || ('local' in whole && whole.local === name)) return exportOf(file, '=', seen);
    }
    if (name === 'default' || name === '=') return undefined;
    // `export *`: a name found through two stars with different bindings is ambiguous, so not exported.
    let found: Binding | undefined;
    for (const star of types ? [...record.stars, ...record.typeStars] : record.stars) {
      const target = resolve(file, star);
      if (target === undefined) continue;
      const binding = exportOf(target, name, new Set(seen), types);
      if (binding === undefined) continue;
      if (found !== undefined && !sameBinding(found, binding)) return undefined;
      found = binding;
    }
    return found;
  }

  function exportNames(file: string, seen = new Set<string>(), types = false): Set<string> {
    const names = new Set<string>();
    if (seen.has(file)) return names;
    seen.add(file);
    const record = moduleRecordOf(file);
    if (record === undefined) return names;
    for (const exported of record.exports.keys()) names.add(exported);
    if (types) for (const exported of record.typeExports.keys()) names.add(exported);
    for (const star of types ? [...record.stars, ...record.typeStars] : record.stars) {
      const target = resolve(file, star);
      if (target !== undefined)
        for (const inner of exportNames(target, seen, types)) if (inner !== 'default') names.add(inner);
    }
    return names;
  }

  return {
    resolve,
    importBinding: (file, specifier, name) => follow(file, specifier, name, new Set()),
    exportBinding: (moduleFile, name, types = false) => exportAnswer(moduleFile, name, types),
    exportNames: (moduleFile, types = false) => exportNames(moduleFile, new Set(), types),
  };
}

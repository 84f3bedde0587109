/**
 * Spelling a module specifier the way the file would: for a fix that rewrites an import's specifier
 * or inserts a new import. The tsconfig `paths` alias when the replaced specifier (or, for a new
 * import, one of the file's other imports) uses one — and only when exactly one `paths` pattern maps
 * to the target, so the choice is never a guess — a relative path otherwise; the file extension
 * `moduleResolution` requires (Node16/NodeNext ESM: always, `.js` for `.ts`, or the source extension
 * with `allowImportingTsExtensions` when the file already writes them) or the file's own habit;
 * POSIX separators on every OS. Every spelling is checked to resolve back to the target.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { BoundedMap } from './bounded-map.js';
import { parseJsonc } from './module-graph.js';
import { fileStamp, getResolver, isRelativeSpecifier, normalizeModulePath } from './resolution.js';

export interface SpellRequest {
  /** Absolute path of the (possibly virtual) file the specifier is written in. */
  readonly file: string;
  /** Absolute path of the module file the specifier must reach (a project file, not a package). */
  readonly target: string;
  /** The tsconfig that applies to `file` (its `paths` and module options), if any. */
  readonly tsconfig: string | undefined;
  /** The specifier being replaced: its style (alias or relative, extension, `/index`) wins. */
  readonly previous?: string | undefined;
  /** The file's other import specifiers (see `importSpecifiers`): the style when there is no `previous`. */
  readonly neighbours?: readonly string[] | undefined;
}

/** How a file writes extensions: none (`./a`), output ones (`./a.js`) or source ones (`./a.ts`). */
type ExtensionStyle = 'none' | 'output' | 'source';

interface PathsPattern {
  readonly key: string;
  /** Absolute substitutions, POSIX separators. */
  readonly substitutions: readonly string[];
}

interface CompilerFacts {
  readonly paths: readonly PathsPattern[];
  /** Node16/NodeNext resolution: relative (and mapped) ESM imports need a file extension. */
  readonly nodeNext: boolean;
  readonly allowTsExtensions: boolean;
  readonly jsxPreserve: boolean;
  /** Decorators emit `design:type` metadata: a class in a decorated signature is a runtime reference. */
  readonly emitDecoratorMetadata: boolean;
}

const NO_FACTS: CompilerFacts = {
  paths: [],
  nodeNext: false,
  allowTsExtensions: false,
  jsxPreserve: false,
  emitDecoratorMetadata: false,
};

const OUTPUT_EXTENSION: Readonly<Record<string, string>> = {
  '.d.ts': '.js',
  '.d.mts': '.mjs',
  '.d.cts': '.cjs',
  '.ts': '.js',
  '.tsx': '.js',
  '.mts': '.mjs',
  '.cts': '.cjs',
  '.js': '.js',
  '.jsx': '.jsx',
  '.mjs': '.mjs',
  '.cjs': '.cjs',
};
const EXTENSIONS = Object.keys(OUTPUT_EXTENSION);
const TS_SOURCE = /\.[cm]?tsx?$/;

function toPosix(file: string): string {
  return file.replaceAll('\\', '/');
}

function extensionOf(file: string): string | undefined {
  return EXTENSIONS.find((extension) => file.endsWith(extension));
}

/** The file extension a specifier is written with (`.js`, `.ts`, …), if any. */
function writtenExtension(specifier: string): string | undefined {
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  return /\.[cm]?[jt]sx?$/.exec(last)?.[0];
}

function styleOf(specifier: string): ExtensionStyle {
  const extension = writtenExtension(specifier);
  if (extension === undefined) return 'none';
  return extension.includes('t') ? 'source' : 'output';
}

// ---------------------------------------------------------------------------------------------
// tsconfig facts: `paths` (relative to `baseUrl`, or to the config that declares them), module
// resolution mode, `allowImportingTsExtensions`, `jsx`. Read once per tsconfig, fresh by mtime.

interface RawConfig {
  readonly file: string;
  readonly extends?: unknown;
  readonly compilerOptions?: Record<string, unknown>;
}

function readConfig(file: string): RawConfig | undefined {
  try {
    const json = parseJsonc(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    return typeof json === 'object' && json !== null ? { ...json, file } : undefined;
  } catch {
    return undefined;
  }
}

function resolveExtends(from: string, reference: string): string | undefined {
  if (isRelativeSpecifier(reference) || path.isAbsolute(reference)) {
    const resolved = path.resolve(path.dirname(from), reference);
    return resolved.endsWith('.json') ? resolved : `${resolved}.json`;
  }
  const require = createRequire(from);
  for (const candidate of [reference, `${reference}/tsconfig.json`, `${reference}.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/** The compiler options of `tsconfig` after `extends`, each with the config file that set it. */
function effectiveOptions(tsconfig: string, seen = new Set<string>()): Map<string, { value: unknown; file: string }> {
  const options = new Map<string, { value: unknown; file: string }>();
  if (seen.has(tsconfig)) return options;
  seen.add(tsconfig);
  const config = readConfig(tsconfig);
  if (config === undefined) return options;
  const bases =
    config.extends === undefined
      ? []
      : Array.isArray(config.extends)
        ? (config.extends as unknown[])
        : [config.extends];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    const file = resolveExtends(tsconfig, base);
    if (file !== undefined) for (const [key, value] of effectiveOptions(file, seen)) options.set(key, value);
  }
  for (const [key, value] of Object.entries(config.compilerOptions ?? {})) options.set(key, { value, file: tsconfig });
  return options;
}

function compilerFacts(tsconfig: string): CompilerFacts {
  const options = effectiveOptions(tsconfig);
  const text = (key: string): string => {
    const value = options.get(key)?.value;
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const moduleKind = text('module');
  const resolution = text('moduleResolution') || (/^node(?:16|18|20|next)$/.test(moduleKind) ? moduleKind : '');
  const baseUrl = options.get('baseUrl');
  const pathsOption = options.get('paths');
  const paths: PathsPattern[] = [];
  if (typeof pathsOption?.value === 'object' && pathsOption.value !== null) {
    const base =
      typeof baseUrl?.value === 'string'
        ? path.resolve(path.dirname(baseUrl.file), baseUrl.value)
        : path.dirname(pathsOption.file);
    for (const [key, substitutions] of Object.entries(pathsOption.value as Record<string, unknown>)) {
      if (!Array.isArray(substitutions)) continue;
      const absolute = substitutions
        .filter((item): item is string => typeof item === 'string')
        .map((item) => toPosix(path.resolve(base, item)));
      paths.push({ key, substitutions: absolute });
    }
  }
  return {
    paths,
    nodeNext: /^node(?:16|18|20|next)$/.test(resolution),
    allowTsExtensions:
      options.get('allowImportingTsExtensions')?.value === true ||
      options.get('rewriteRelativeImportExtensions')?.value === true,
    jsxPreserve: text('jsx') === 'preserve',
    emitDecoratorMetadata: options.get('emitDecoratorMetadata')?.value === true,
  };
}

const MAX_ENTRIES = 500;
/** How long a tsconfig's facts are trusted without a `stat` (every file asks; an edit is seen within this). */
const FACTS_FRESHNESS_MS = 1000;
const factsCache = new BoundedMap<string, { stamp: string; checkedAt: number; facts: CompilerFacts }>(MAX_ENTRIES);

/** Facts of a tsconfig, re-read when the file changes (its size or mtime, compared at most once a second: an editor session that adds an alias). */
function factsOf(tsconfig: string | undefined): CompilerFacts {
  if (tsconfig === undefined) return NO_FACTS;
  const hit = factsCache.get(tsconfig);
  const now = Date.now();
  if (hit !== undefined && now - hit.checkedAt < FACTS_FRESHNESS_MS) return hit.facts;
  const stamp = fileStamp(tsconfig);
  if (hit?.stamp === stamp) {
    hit.checkedAt = now;
    return hit.facts;
  }
  const facts = compilerFacts(tsconfig);
  factsCache.set(tsconfig, { stamp, checkedAt: now, facts });
  return facts;
}

const packageTypes = new BoundedMap<string, boolean>(MAX_ENTRIES);

/** Is a `.ts`/`.js` file in `directory` an ES module (nearest package.json says `"type": "module"`)? */
function isModuleDirectory(directory: string): boolean {
  const hit = packageTypes.get(directory);
  if (hit !== undefined) return hit;
  let result = false;
  try {
    const json = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { type?: unknown };
    result = json.type === 'module';
  } catch (error) {
    const parent = path.dirname(directory);
    if ((error as { code?: unknown }).code === 'ENOENT' && parent !== directory) result = isModuleDirectory(parent);
  }
  packageTypes.set(directory, result);
  return result;
}

function isEsmFile(file: string): boolean {
  if (/\.m[jt]sx?$/.test(file)) return true;
  if (/\.c[jt]sx?$/.test(file)) return false;
  return isModuleDirectory(path.dirname(file));
}

// ---------------------------------------------------------------------------------------------

function matchesPattern(specifier: string, key: string): boolean {
  const star = key.indexOf('*');
  if (star === -1) return specifier === key;
  return (
    specifier.length >= key.length - 1 &&
    specifier.startsWith(key.slice(0, star)) &&
    specifier.endsWith(key.slice(star + 1))
  );
}

function isAlias(specifier: string, facts: CompilerFacts): boolean {
  return !isRelativeSpecifier(specifier) && facts.paths.some((pattern) => matchesPattern(specifier, pattern.key));
}

/** The alias that reaches one of `forms` (absolute POSIX spellings of the target) through `pattern`. */
function aliasThrough(pattern: PathsPattern, forms: readonly string[], targetId: string): string | undefined {
  const star = pattern.key.indexOf('*');
  for (const substitution of pattern.substitutions) {
    const subStar = substitution.indexOf('*');
    if (star === -1 || subStar === -1) {
      // An exact mapping (`"@ws": ["src/websocket/manager.ts"]`): the key itself, when it names the target.
      if (star === -1 && subStar === -1 && normalizeModulePath(substitution) === targetId) return pattern.key;
      continue;
    }
    const prefix = substitution.slice(0, subStar);
    const suffix = substitution.slice(subStar + 1);
    for (const form of forms) {
      if (form.length < prefix.length + suffix.length || !form.startsWith(prefix) || !form.endsWith(suffix)) continue;
      const middle = form.slice(prefix.length, form.length - suffix.length);
      if (middle.length > 0) return `${pattern.key.slice(0, star)}${middle}${pattern.key.slice(star + 1)}`;
    }
  }
  return undefined;
}

function relativeSpelling(file: string, form: string): string {
  const relative = path.posix.relative(toPosix(path.dirname(file)), form);
  if (relative === '') return '.';
  return relative.startsWith('../') || relative === '..' ? relative : `./${relative}`;
}

/** Does `tsconfig` (after `extends`) set `emitDecoratorMetadata`, as NestJS and Angular projects do? */
export function emitsDecoratorMetadata(tsconfig: string | undefined): boolean {
  return factsOf(tsconfig).emitDecoratorMetadata;
}

/** Is `specifier` a tsconfig `paths` alias (it matches a pattern of the tsconfig's `paths`)? */
export function isPathAlias(specifier: string, tsconfig: string | undefined): boolean {
  return isAlias(specifier, factsOf(tsconfig));
}

/**
 * The specifier `file` should use to import `target`, spelled like the file (see the module
 * comment), or undefined when no spelling provably resolves to `target`.
 */
export function spellSpecifier(request: SpellRequest): string | undefined {
  const { file, tsconfig, previous } = request;
  const target = toPosix(request.target);
  const facts = factsOf(tsconfig);
  const neighbours = (request.neighbours ?? []).filter(
    (specifier) => isRelativeSpecifier(specifier) || isAlias(specifier, facts),
  );
  const hints =
    previous !== undefined && (isRelativeSpecifier(previous) || isAlias(previous, facts)) ? [previous] : neighbours;

  const sourceExtension = extensionOf(target) ?? '';
  const stem = target.slice(0, target.length - sourceExtension.length);
  const isIndex = stem.endsWith('/index');
  const typeScriptFile = TS_SOURCE.test(file);
  // Which extension style the file writes: the replaced specifier's, else the most common one.
  const counts = { none: 0, output: 0, source: 0 };
  for (const hint of hints) counts[styleOf(hint)]++;
  let style: ExtensionStyle =
    counts.source > 0 && counts.source >= counts.output ? 'source' : counts.output > 0 ? 'output' : 'none';
  if (style === 'none' && facts.nodeNext && isEsmFile(file)) style = 'output';
  // `.ts` in a specifier needs `allowImportingTsExtensions`; a declaration file is never imported by its own name.
  if (
    style === 'source' &&
    ((typeScriptFile && !facts.allowTsExtensions && TS_SOURCE.test(target)) || /\.d\.[cm]?ts$/.test(target))
  )
    style = 'output';
  const output =
    sourceExtension === '.tsx' && facts.jsxPreserve ? '.jsx' : (OUTPUT_EXTENSION[sourceExtension] ?? sourceExtension);
  const keepsIndex = previous !== undefined && /\/index(?:\.[cm]?[jt]sx?)?$/.test(previous);
  const preferred =
    style === 'source'
      ? target
      : style === 'output'
        ? `${stem}${output}`
        : isIndex && !keepsIndex
          ? stem.slice(0, -'/index'.length)
          : stem;
  // Other spellings an alias pattern may need (`"#ws/*": ["src/ws/*.ts"]` wants the stem).
  const forms = [...new Set([preferred, target, stem])];

  const resolver = getResolver(tsconfig);
  const targetId = normalizeModulePath(target);
  const reaches = (specifier: string): boolean => {
    const resolved = resolver.resolveFile(file, specifier);
    return resolved !== undefined && normalizeModulePath(resolved) === targetId;
  };

  const wantsAlias = hints.some((hint) => !isRelativeSpecifier(hint));
  if (wantsAlias) {
    const aliases = facts.paths.flatMap((pattern) => {
      const alias = aliasThrough(pattern, forms, targetId);
      return alias === undefined ? [] : [alias];
    });
    const alias = aliases[0];
    if (aliases.length === 1 && alias !== undefined && reaches(alias)) return alias;
  }
  const relative = relativeSpelling(file, preferred);
  return reaches(relative) ? relative : undefined;
}

/**
 * The module specifiers a file already writes — static imports and re-exports, `import x =
 * require()`, top-level `require()` declarations — to pass as `neighbours`.
 */
export function importSpecifiers(program: TSESTree.Program): string[] {
  const specifiers: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration')
      specifiers.push(statement.source.value);
    else if (statement.type === 'ExportNamedDeclaration' && statement.source !== null)
      specifiers.push(statement.source.value);
    else if (
      statement.type === 'TSImportEqualsDeclaration' &&
      statement.moduleReference.type === 'TSExternalModuleReference'
    )
      specifiers.push(statement.moduleReference.expression.value);
    else if (statement.type === 'VariableDeclaration')
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require')
          continue;
        const argument = init.arguments[0];
        if (argument?.type === 'Literal' && typeof argument.value === 'string') specifiers.push(argument.value);
      }
  }
  return specifiers;
}

/** `specifier` as a string literal in the quote style of `like` (a literal's raw text), single quotes by default. */
export function quoteSpecifier(specifier: string, like?: string): string {
  const quote = like?.startsWith('"') === true ? '"' : "'";
  const escaped = specifier.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

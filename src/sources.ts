/**
 * Sources of truth (`settings.ssot.sources`): the one module that defines each name, the barrels
 * (`entries`) that may re-export it, the deprecated modules it `replaces`, and the files `allow`ed a
 * second definition. Built once per registry; which names a source owns when `names` is omitted,
 * and whether two modules export the same binding, are questions for the module graph
 * (src/module-graph.ts), asked only through `graphQueries` below.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compileGlobs, rootRelative } from './paths.js';
import { classifyModule, type ModuleTarget, type Registry } from './registry.js';
import { isRelativeSpecifier, looksLikePackage, normalizeModulePath, packageNameOf } from './resolution.js';
import { parseSettings, SsotConfigError } from './settings.js';
import { bindingKey, moduleGraphFor, moduleRecordOf, type ModuleGraph, type ModuleRecord } from './module-graph.js';
import { isPathAlias } from './specifier.js';
import { specifiersInText } from './imports.js';
import { escapeRegExp } from './identity.js';
import { picomatch } from './lazy.js';

export interface Source {
  readonly index: number;
  /** The module as configured, for messages. */
  readonly display: string;
  readonly module: ModuleTarget;
  /** The resolved file of the module (a package's entry file), if it resolves. */
  readonly file: string | undefined;
  /** How every file spells the module when it is a package (not a path or a tsconfig alias): as configured. */
  readonly packageSpecifier: string | undefined;
  /** The names listed in the settings; undefined: every name the module declares and exports. */
  readonly listedNames: ReadonlySet<string> | undefined;
  /** Is this module id (normalised, see `normalizeModulePath`) one of the source's entries? */
  readonly isEntry: ModuleMatcher;
  /** Is this module one the source replaces? (`stems`: see `mayReachReplaced`.) */
  readonly isReplaced: ModuleMatcher;
  /** May this file (relative to rootDir) define the source's names again? */
  readonly isAllowed: (relativePath: string) => boolean;
}

/** Where an export really comes from: the declaring module's id and its local export name. */
export type ExportOrigin = string;

export interface Sources {
  readonly registry: Registry;
  readonly list: readonly Source[];
  /** Every owned name, mapped to its source. */
  readonly owners: ReadonlyMap<string, Source>;
  /**
   * Can this text refer to an owned name? A pre-filter: it spells one as a whole word (comments and
   * strings included), or has a `\u` escape. False when nothing is owned. Both rules of sources ask
   * it of every file: the answer for the last text is kept.
   */
  mayMentionOwned(text: string): boolean;
  /** Sources with `replaces`. */
  readonly replacing: readonly Source[];
  /**
   * Can `specifier` resolve to a replaced module? False only when it provably cannot, when every
   * `replaces` entry is a project file: a relative specifier whose last segment names none of the
   * replaced files (nor, for an `index` file, its directory), or an installed package that no
   * `paths` alias shadows. Spares resolving every import of every file.
   */
  mayReachReplaced(specifier: string): boolean;
  /**
   * Can this text import a replaced module, that is, may some module specifier it holds
   * (`specifiersInText`) reach one? A file that cannot gets no listener from canonical-import for
   * replaced modules (and under oxlint, with no owned name either, no AST). The answer for the last
   * text is kept.
   */
  mayImportReplaced(text: string): boolean;
  /** `file` relative to rootDir, POSIX separators. */
  relativePath(file: string): string;
  /** Does the module `id` (normalised) belong to `source` itself? */
  isSourceModule(source: Source, id: string): boolean;
  /** Where `name`, exported by `file`, is declared (through re-export chains); undefined when it is not exported. */
  originOf(file: string, name: string): ExportOrigin | undefined;
  /** The file `specifier`, written in `file`, resolves to (a workspace package's build output mapped to its source). */
  resolve(file: string, specifier: string): string | undefined;
}

const GLOB = /[*?[\]{}()!]/;

/**
 * A matcher for `entries`/`replaces`: globs match the module's path relative to rootDir (with or
 * without its extension); a plain path, alias or package is resolved once and compared by identity.
 */
/**
 * Does a module match `entries` or `replaces`? By identity (module id) or by glob. `stems`: the
 * names a relative specifier can end with to reach one of the listed files — the file's name, and
 * its directory's for an `index` file — or undefined when a glob, a package or a file under
 * node_modules is listed (then any specifier may). A symlink under another name is not followed.
 */
interface ModuleMatcher {
  (id: string, relativePath: string): boolean;
  readonly stems: ReadonlySet<string> | undefined;
}

function moduleMatcher(patterns: readonly string[], registry: Registry, where: string, owner: string): ModuleMatcher {
  if (patterns.length === 0) return Object.assign(() => false, { stems: new Set<string>() });
  const globs = patterns.filter((pattern) => GLOB.test(pattern));
  const ids = new Set<string>();
  let stems: Set<string> | undefined = globs.length === 0 ? new Set() : undefined;
  patterns.forEach((pattern, index) => {
    if (GLOB.test(pattern)) return;
    const target = classifyModule(pattern, registry.rootDir, registry.resolver, `${where}[${String(index)}]`, owner);
    if (target.kind === 'file') {
      ids.add(target.id);
      // An installed package's file: its package name reaches it, whatever the file is called.
      if (/[\\/]node_modules[\\/]/.test(target.file)) stems = undefined;
      const stem = fileStem(target.file);
      stems?.add(stem);
      if (stem === 'index') stems?.add(path.basename(path.dirname(target.file)).toLowerCase());
    } else {
      stems = undefined;
      const resolved = registry.resolver.resolve(registry.rootDir, target.name);
      ids.add(resolved === undefined ? `package:${target.name}` : normalizeModulePath(resolved));
    }
  });
  const glob = globs.length === 0 ? undefined : picomatch()(globs, { dot: true });
  return Object.assign(
    (id: string, relativePath: string) =>
      ids.has(id) || (glob !== undefined && (glob(relativePath) || glob(relativePath.replace(/\.[cm]?[jt]sx?$/, '')))),
    { stems },
  );
}

/** A module file's extension; names are compared lower-cased (file systems may ignore case). */
const EXTENSION = /\.(?:d\.)?[cm]?[jt]sx?$/;

/** The last segment of a relative specifier without its extension; undefined for `.`, `..` or a trailing `/`. */
function specifierStem(specifier: string): string | undefined {
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  if (last === '' || last === '.' || last === '..') return undefined;
  return last.replace(EXTENSION, '').toLowerCase();
}

function fileStem(file: string): string {
  return path.basename(file).replace(EXTENSION, '').toLowerCase();
}

/**
 * The questions sources ask the module graph: where a specifier leads, where an exported name is
 * declared, and which names a module declares and exports itself.
 */
function graphQueries(graph: ModuleGraph) {
  return {
    resolve: (file: string, specifier: string): string | undefined => graph.resolve(file, specifier),
    origin(file: string, name: string): ExportOrigin | undefined {
      const binding = graph.exportBinding(file, name, true);
      return binding === undefined ? undefined : bindingKey(binding);
    },
    /**
     * Exported names declared in `file` itself (not re-exported from elsewhere): its own export
     * table is enough (a local export that is not an import), no walk through other modules. The
     * same set object while the file is unchanged.
     */
    declared(file: string): ReadonlySet<string> {
      const record = moduleRecordOf(file);
      if (record === undefined) return NO_NAMES;
      const cached = declaredByRecord.get(record);
      if (cached !== undefined) return cached;
      const names = new Set<string>();
      for (const table of [record.exports, record.typeExports])
        for (const [name, entry] of table)
          if (name !== 'default' && name !== '=' && 'local' in entry && !record.imports.has(entry.local))
            names.add(name);
      declaredByRecord.set(record, names);
      return names;
    },
  };
}

const NO_NAMES: ReadonlySet<string> = new Set();
const declaredByRecord = new WeakMap<ModuleRecord, ReadonlySet<string>>();

type GraphQueries = ReturnType<typeof graphQueries>;

function buildSources(registry: Registry, raw: unknown): Sources {
  const settings = parseSettings(raw);
  const graph = graphQueries(moduleGraphFor(registry.resolver));
  const rootDir = registry.rootDir;
  // Symlink-proof, and `../…` outside rootDir (see src/paths.ts).
  const relativePath = rootRelative(rootDir);

  const list = (settings.sources ?? []).map((source, index): Source => {
    const where = `settings.ssot.sources[${String(index)}]`;
    const owner = `source '${source.module}'`;
    const module = classifyModule(source.module, rootDir, registry.resolver, `${where}.module`, owner);
    // As the graph sees it: a workspace package's build output maps to its source.
    const from = path.join(rootDir, 'eslint.config.js');
    const file = graph.resolve(from, module.kind === 'file' ? `./${relativePath(module.id)}` : module.name);
    const allow = source.allow ?? [];
    return {
      index,
      display: source.module,
      module,
      file,
      packageSpecifier:
        module.kind === 'package' ||
        (looksLikePackage(source.module) &&
          !isPathAlias(source.module, registry.resolver.tsconfig) &&
          !existsSync(path.join(rootDir, packageNameOf(source.module))))
          ? source.module
          : undefined,
      listedNames: source.names === undefined ? undefined : new Set(source.names),
      isEntry: moduleMatcher(source.entries ?? [], registry, `${where}.entries`, owner),
      isReplaced: moduleMatcher(source.replaces ?? [], registry, `${where}.replaces`, owner),
      isAllowed: compileGlobs(allow),
    };
  });

  const moduleIds = new Map(list.map((source) => [source, idOf(source)]));
  const listed = new Map<string, Source>();
  for (const source of list)
    for (const name of source.listedNames ?? []) if (!listed.has(name)) listed.set(name, source);
  const derived = list.filter((source) => source.listedNames === undefined);
  // Names of sources without `names` come from their files, re-read when a file changes (checked
  // every couple of seconds at most, like the tsconfig): an editor session sees a new export.
  let owned = {
    owners: listed as ReadonlyMap<string, Source>,
    pattern: patternOf(listed),
    tables: [] as readonly ReadonlySet<string>[],
  };
  let checkedAt = -Infinity;
  function current(): typeof owned {
    if (derived.length === 0) return owned;
    const now = Date.now();
    if (now - checkedAt < FRESHNESS_INTERVAL_MS) return owned;
    checkedAt = now;
    const tables = derived.map((source) => ownNames(source, graph));
    if (tables.length === owned.tables.length && tables.every((table, index) => table === owned.tables[index]))
      return owned;
    // A name listed by a source belongs to it (a declaration elsewhere is a duplicate, even in
    // another source's module); two sources without `names` that both declare it are ambiguous.
    const owners = new Map(listed);
    const derivedOwners = new Map<string, Source>();
    derived.forEach((source, index) => {
      for (const name of tables[index] ?? []) {
        const other = derivedOwners.get(name);
        if (other !== undefined)
          throw new SsotConfigError(
            `settings.ssot.sources[${String(source.index)}].module: '${source.display}' and sources[${String(other.index)}] ('${other.display}') both declare ${JSON.stringify(name)}, so neither owns it by default; list \`names\` for one of them.`,
          );
        derivedOwners.set(name, source);
        if (!owners.has(name)) owners.set(name, source);
      }
    });
    owned = { owners, pattern: patternOf(owners), tables };
    return owned;
  }

  const replacing = list.filter((source) => (settings.sources?.[source.index]?.replaces?.length ?? 0) > 0);
  let lastMention: { text: string; pattern: RegExp | undefined; found: boolean } | undefined;
  let lastImport: { text: string; found: boolean } | undefined;
  // Undefined when some replaced module can be reached by any specifier (a glob, a package, a file under node_modules).
  const replacedStems = replacing.every((source) => source.isReplaced.stems !== undefined)
    ? new Set(replacing.flatMap((source) => [...(source.isReplaced.stems ?? [])]))
    : undefined;
  function mayReachReplaced(specifier: string): boolean {
    if (replacing.length === 0) return false;
    if (replacedStems === undefined) return true;
    if (!isRelativeSpecifier(specifier)) return registry.mayReachProjectFile(specifier);
    const stem = specifierStem(specifier);
    return stem === undefined || replacedStems.has(stem);
  }
  return {
    registry,
    list,
    get owners() {
      return current().owners;
    },
    mayMentionOwned(text) {
      const { pattern } = current();
      if (lastMention?.text !== text || lastMention.pattern !== pattern)
        lastMention = { text, pattern, found: pattern !== undefined && (pattern.test(text) || text.includes('\\u')) };
      return lastMention.found;
    },
    replacing,
    mayReachReplaced,
    mayImportReplaced(text) {
      if (lastImport?.text !== text) {
        const specifiers = replacing.length === 0 ? [] : specifiersInText(text);
        lastImport = { text, found: specifiers === undefined || specifiers.some(mayReachReplaced) };
      }
      return lastImport.found;
    },
    relativePath,
    isSourceModule: (source, id) => moduleIds.get(source) === id,
    originOf: (file, name) => graph.origin(file, name),
    resolve: (file, specifier) => graph.resolve(file, specifier),
  };
}

const FRESHNESS_INTERVAL_MS = 2000;

/**
 * Does a text spell one of the owned names as a whole word (comments and strings included)? A
 * pre-filter: it may say yes for a text that does not (the rules then look at each name), never no
 * for one that does. When every name is of ASCII word characters, `\b` stands for the boundary
 * (`$` is no word character to it, so `$Name` passes too): a third faster on the bench corpus than
 * the lookbehind, which keeps the search from skipping ahead.
 */
function patternOf(owners: ReadonlyMap<string, Source>): RegExp | undefined {
  const names = [...owners.keys()];
  if (names.length === 0) return undefined;
  const alternation = names.map(escapeRegExp).join('|');
  return names.every((name) => /^\w+$/.test(name))
    ? new RegExp(String.raw`\b(?:${alternation})\b`)
    : new RegExp(String.raw`(?<![\w$])(?:${alternation})(?![\w$])`);
}

function idOf(source: Source): string {
  if (source.module.kind === 'file') return source.module.id;
  return source.file === undefined ? `package:${source.module.name}` : normalizeModulePath(source.file);
}

/** The names a source owns when `names` is omitted: its own declared exports (the module graph). */
function ownNames(source: Source, graph: GraphQueries): ReadonlySet<string> {
  if (source.file === undefined) {
    const display = source.display;
    const hint = looksLikePackage(display) ? ` (is '${packageNameOf(display)}' installed?)` : '';
    throw new SsotConfigError(
      `settings.ssot.sources[${String(source.index)}].module: cannot read '${display}'${hint} to find the names it declares; list them in \`names\`.`,
    );
  }
  return graph.declared(source.file);
}

const cache = new WeakMap<Registry, Sources>();

/** The sources of `settings.ssot` (already validated by the registry), built once per registry. */
export function sourcesOf(registry: Registry, raw: unknown): Sources {
  let sources = cache.get(registry);
  if (sources === undefined) {
    sources = buildSources(registry, raw);
    cache.set(registry, sources);
  }
  return sources;
}

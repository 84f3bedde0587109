/**
 * Module resolution shared by every rule: does a specifier written in a file refer to a service's
 * module? One oxc-resolver per tsconfig for the whole process, a bounded cache keyed by
 * (directory, specifier) — by (file, specifier) when the tsconfig has project references, since the
 * owning project decides which paths apply — cheap pre-filters before any resolution, and path
 * normalisation when a file does not exist on disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolveResult } from 'oxc-resolver';
import { BoundedMap } from './bounded-map.js';
import { oxcResolver } from './lazy.js';
import { SsotConfigError } from './settings.js';

const SOURCE_EXTENSIONS = [
  '.d.ts',
  '.d.mts',
  '.d.cts',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
] as const;

/** `/a/b/index.ts` → `/a/b`, `/a/b/c.js` → `/a/b/c`: the identity of a module file, extension-free. */
export function normalizeModulePath(file: string): string {
  let result = file.replaceAll('\\', '/');
  for (const extension of SOURCE_EXTENSIONS) {
    if (result.endsWith(extension)) {
      result = result.slice(0, -extension.length);
      break;
    }
  }
  return result.endsWith('/index') ? result.slice(0, -'/index'.length) : result;
}

export function hasSourceExtension(specifier: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => specifier.endsWith(extension));
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

const PACKAGE_NAME = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*(?:\/.*)?$/i;

/** `socket.io-client`, `@scope/pkg`, `pkg/sub`: could be an npm package (or subpath). */
export function looksLikePackage(specifier: string): boolean {
  return PACKAGE_NAME.test(specifier) && !specifier.startsWith('node:');
}

/** The package name part of a bare specifier: `@a/b/c` → `@a/b`, `x/y` → `x`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Last path segment without extension: what a specifier must end with to reach a file (`./a/` → `a`). */
export function lastSegment(specifier: string): string {
  const trimmed = specifier.endsWith('/') ? specifier.slice(0, -1) : specifier;
  const segment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  for (const extension of SOURCE_EXTENSIONS)
    if (segment.endsWith(extension)) return segment.slice(0, -extension.length);
  return segment;
}

export interface ResolverHandle {
  /** Absolute resolved file (real path) of `specifier` written in `directory`, or undefined when it does not resolve. */
  resolve(directory: string, specifier: string): string | undefined;
  /**
   * Like `resolve`, as seen from the (possibly virtual) file `file`: with project references, the
   * paths of the referenced project that owns the file apply (falls back to `resolve`).
   */
  resolveFile(file: string, specifier: string): string | undefined;
  readonly tsconfig: string | undefined;
}

const MAX_CACHE_ENTRIES = 20_000;
/** One resolver per tsconfig; a monorepo has a few hundred at most. */
const resolvers = new BoundedMap<string, ResolverHandle>(500);

/** Does the tsconfig (not its `extends`: TypeScript does not inherit `references`) declare project references? */
function hasReferences(tsconfig: string | undefined): boolean {
  if (tsconfig === undefined) return false;
  try {
    return /"references"\s*:/.test(readFileSync(tsconfig, 'utf8'));
  } catch {
    return false;
  }
}

const RESOLVE_OPTIONS = {
  conditionNames: ['types', 'import', 'require', 'node', 'default'],
  mainFields: ['types', 'module', 'main'],
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
  extensionAlias: {
    '.js': ['.ts', '.tsx', '.d.ts', '.js'],
    '.jsx': ['.tsx', '.jsx'],
    '.mjs': ['.mts', '.mjs'],
    '.cjs': ['.cts', '.cjs'],
  },
};

/** How often a long-lived process (an editor's ESLint server) looks whether the tsconfig changed. */
const FRESHNESS_INTERVAL_MS = 2000;

/**
 * A file's size and mtime as one value, different whenever either changes; `''` when the file cannot be
 * read. What every cache of a file's contents (tsconfigs, build layouts) compares to stay fresh.
 */
export function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${String(stat.size)}:${String(stat.mtimeMs)}`;
  } catch {
    return '';
  }
}

/** oxc-resolver's words when the tsconfig itself cannot be read: invalid JSON, a missing or circular `extends`. */
const TSCONFIG_ERROR = /^(?:Failed to load tsconfig|Tsconfig not found|Tsconfig extends configs circularly)|tsconfig/i;

/**
 * The resolved path, or null when the specifier does not resolve. A broken tsconfig breaks every
 * resolution: that is thrown (with the resolver's message) instead of reading as "does not resolve",
 * which would drop every finding — or blame a service module that exists.
 */
function pathOf(result: ResolveResult, tsconfig: string | undefined): string | null {
  if (result.path !== undefined) return result.path;
  if (tsconfig !== undefined && result.error !== undefined && TSCONFIG_ERROR.test(result.error))
    throw new SsotConfigError(
      `tsconfig ${tsconfig} cannot be used to resolve modules: ${result.error}. Fix it (or point settings.ssot.tsconfig to another one).`,
    );
  return null;
}

function createResolver(tsconfig: string | undefined): ResolverHandle {
  const newFactory = () =>
    new (oxcResolver().ResolverFactory)({
      ...(tsconfig === undefined ? {} : { tsconfig: { configFile: tsconfig, references: 'auto' as const } }),
      ...RESOLVE_OPTIONS,
    });
  let factory = newFactory();
  // With project references, which paths apply depends on the project owning the file (its
  // include/exclude), so results are cached per file; otherwise one tsconfig applies everywhere
  // and results are shared by every file of a directory.
  let perFile = hasReferences(tsconfig);
  const cache = new BoundedMap<string, string | null>(MAX_CACHE_ENTRIES);
  // The tsconfig is read once; an editor session that edits it (a new `paths` alias) gets a fresh
  // resolver and cache on the next lint, found by one stat every couple of seconds at most.
  let stamp = tsconfig === undefined ? '' : fileStamp(tsconfig);
  let checkedAt = Date.now();
  function ensureFresh(): void {
    if (tsconfig === undefined) return;
    const now = Date.now();
    if (now - checkedAt < FRESHNESS_INTERVAL_MS) return;
    checkedAt = now;
    const current = fileStamp(tsconfig);
    if (current === stamp) return;
    stamp = current;
    factory = newFactory();
    perFile = hasReferences(tsconfig);
    cache.clear();
  }
  function cached(key: string, compute: () => string | null): string | undefined {
    const hit = cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const resolved = compute();
    cache.set(key, resolved);
    return resolved ?? undefined;
  }
  const resolve = (directory: string, specifier: string): string | undefined => {
    ensureFresh();
    return cached(`${directory}\0${specifier}`, () => pathOf(factory.sync(directory, specifier), tsconfig));
  };
  return {
    tsconfig,
    resolve,
    resolveFile(file, specifier) {
      ensureFresh();
      if (!perFile) return resolve(path.dirname(file), specifier);
      return cached(
        `${file}\0\0${specifier}`,
        () =>
          pathOf(factory.resolveFileSync(file, specifier), tsconfig) ?? resolve(path.dirname(file), specifier) ?? null,
      );
    },
  };
}

/** One resolver per tsconfig for the whole process (tsconfig is read once, never per file). */
export function getResolver(tsconfig: string | undefined): ResolverHandle {
  return resolvers.getOrCompute(tsconfig ?? '', () => createResolver(tsconfig));
}

const nearestTsconfigs = new BoundedMap<string, { readonly at: number; readonly tsconfig: string | undefined }>(2000);

/**
 * The nearest `tsconfig.json` at or above `directory`. Asked for every linted file: the answer is
 * kept per directory for {@link FRESHNESS_INTERVAL_MS}, like the tsconfig's own freshness check.
 */
export function findTsconfig(directory: string): string | undefined {
  const now = Date.now();
  const known = nearestTsconfigs.get(directory);
  if (known !== undefined && now - known.at < FRESHNESS_INTERVAL_MS) return known.tsconfig;
  let tsconfig: string | undefined;
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) {
      tsconfig = candidate;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  nearestTsconfigs.set(directory, { at: now, tsconfig });
  return tsconfig;
}

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Module resolution shared by every rule: does a specifier written in a file refer to a service's
 * module? One oxc-resolver per (rootDir, tsconfig) for the whole process, a bounded cache keyed by
 * (directory, specifier), cheap pre-filters before any resolution, and path normalisation when a
 * file does not exist on disk.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ResolverFactory } from 'oxc-resolver';

const SOURCE_EXTENSIONS = ['.d.ts', '.d.mts', '.d.cts', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

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

/** Last path segment without extension: what a specifier must end with to reach a file. */
export function lastSegment(specifier: string): string {
  const segment = specifier.slice(specifier.lastIndexOf('/') + 1);
  for (const extension of SOURCE_EXTENSIONS) if (segment.endsWith(extension)) return segment.slice(0, -extension.length);
  return segment;
}

export interface ResolverHandle {
  /** Absolute resolved file (real path), or undefined when it does not resolve. */
  resolve(directory: string, specifier: string): string | undefined;
  readonly tsconfig: string | undefined;
}

const MAX_CACHE_ENTRIES = 20_000;
const resolvers = new Map<string, ResolverHandle>();

function createResolver(tsconfig: string | undefined): ResolverHandle {
  const factory = new ResolverFactory({
    ...(tsconfig === undefined ? {} : { tsconfig: { configFile: tsconfig, references: 'auto' as const } }),
    conditionNames: ['types', 'import', 'require', 'node', 'default'],
    mainFields: ['types', 'module', 'main'],
    extensions: ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.d.ts', '.js'], '.jsx': ['.tsx', '.jsx'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
  });
  const cache = new Map<string, string | null>();
  return {
    tsconfig,
    resolve(directory, specifier) {
      const key = `${directory}\0${specifier}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const result = factory.sync(directory, specifier);
      const resolved = result.path ?? null;
      if (cache.size >= MAX_CACHE_ENTRIES) {
        // Drop the oldest entry (Map keeps insertion order): a bounded cache for long editor sessions.
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      cache.set(key, resolved);
      return resolved ?? undefined;
    },
  };
}

/** One resolver per tsconfig for the whole process (tsconfig is read once, never per file). */
export function getResolver(tsconfig: string | undefined): ResolverHandle {
  const key = tsconfig ?? '';
  let resolver = resolvers.get(key);
  if (resolver === undefined) {
    resolver = createResolver(tsconfig);
    resolvers.set(key, resolver);
  }
  return resolver;
}

/** The nearest `tsconfig.json` at or above `directory`. */
export function findTsconfig(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

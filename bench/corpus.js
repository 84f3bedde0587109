// @ts-check
// The benchmark corpus: TypeScript sources shipped inside real npm packages (dev dependencies),
// copied under bench/.work/ so linters treat them as project files (node_modules is ignored).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @import { Service, Source } from './types.js' */

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** @typedef {{ library: string, from: string, to: string }} CorpusFile */

/** Packages whose `src/` we lint, by the short directory name they get in the corpus. */
export const LIBRARIES = [
  { dir: 'effect', pkg: 'effect' },
  { dir: 'zod', pkg: 'zod' },
  { dir: 'rxjs', pkg: 'rxjs' },
  { dir: 'mobx', pkg: 'mobx' },
  { dir: 'query-core', pkg: '@tanstack/query-core' },
];

const SOURCE = /\.(?:[cm]?ts|tsx)$/;
const DECLARATION = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/;
const TEST_FILE = /\.(?:test|spec|test-d|bench)\.[cm]?tsx?$/;
const TEST_DIRECTORY = new Set(['test', 'tests', '__tests__', 'dtslint', '__snapshots__']);

/**
 * Root directory of an installed (dev) dependency.
 * @param {string} pkg
 */
export function packageRoot(pkg) {
  return path.join(repoRoot, 'node_modules', pkg);
}

/** @param {string} pkg @returns {string} */
export function packageVersion(pkg) {
  return /** @type {{ version: string }} */ (
    JSON.parse(readFileSync(path.join(packageRoot(pkg), 'package.json'), 'utf8'))
  ).version;
}

/**
 * Non-declaration, non-test TypeScript files under `directory` (relative paths, sorted).
 * @param {string} directory
 * @returns {string[]}
 */
function sourceFiles(directory, prefix = '') {
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!TEST_DIRECTORY.has(entry.name) && entry.name !== 'node_modules')
        files.push(...sourceFiles(path.join(directory, entry.name), relative));
    } else if (
      entry.isFile() &&
      SOURCE.test(entry.name) &&
      !DECLARATION.test(entry.name) &&
      !TEST_FILE.test(entry.name)
    ) {
      files.push(relative);
    }
  }
  return files;
}

/**
 * Every corpus file: `{ library, from (absolute), to (relative to a copy root) }`.
 * @returns {CorpusFile[]}
 */
export function corpusFiles() {
  /** @type {CorpusFile[]} */
  const files = [];
  for (const library of LIBRARIES) {
    const src = path.join(packageRoot(library.pkg), 'src');
    if (!existsSync(src)) throw new Error(`bench: ${library.pkg} ships no src/ directory (${src})`);
    for (const file of sourceFiles(src))
      files.push({ library: library.dir, from: path.join(src, file), to: `${library.dir}/src/${file}` });
  }
  return files;
}

/**
 * Writes `scale` copies of the corpus to `<root>/c0 … c<scale-1>` (fresh), plus a `tsconfig.json`
 * at `<root>` covering them. Returns the number of files written.
 * @param {string} root
 * @param {number} scale
 * @param {readonly CorpusFile[]} files
 */
export function writeCorpus(root, scale, files) {
  rmSync(root, { recursive: true, force: true });
  for (let copy = 0; copy < scale; copy++) {
    for (const file of files) {
      const target = path.join(root, `c${copy}`, file.to);
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(file.from, target);
    }
  }
  writeFileSync(
    path.join(root, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          allowImportingTsExtensions: true,
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ['ES2022', 'DOM'],
        },
        include: ['c*/**/*.ts', 'c*/**/*.tsx', 'c*/**/*.mts', 'c*/**/*.cts'],
      },
      null,
      2,
    )}\n`,
  );
  return files.length * scale;
}

/**
 * Real classes of the corpus registered as services (paths relative to rootDir = the first copy).
 * Chosen so that every rule has real work and real findings: constructions outside the factory,
 * module-level instances, subclasses and imports around the factory.
 */
/** @type {readonly Service[]} */
export const SERVICES = [
  {
    name: 'Subject',
    class: 'Subject',
    module: 'rxjs/src/internal/Subject.ts',
    factory: { name: 'share', module: 'rxjs/src/internal/operators/share.ts' },
    allow: ['rxjs/src/internal/*Subject.ts', 'rxjs/src/internal/testing/**'],
  },
  {
    name: 'BehaviorSubject',
    class: 'BehaviorSubject',
    module: 'rxjs/src/internal/BehaviorSubject.ts',
    factory: { name: 'publishBehavior', module: 'rxjs/src/internal/operators/publishBehavior.ts' },
  },
  {
    name: 'AsyncScheduler',
    class: 'AsyncScheduler',
    module: 'rxjs/src/internal/scheduler/AsyncScheduler.ts',
    lifetime: 'singleton',
    allow: ['rxjs/src/internal/scheduler/*Scheduler.ts'],
  },
  {
    name: 'WebSocket',
    class: 'WebSocket',
    global: true,
    allow: ['rxjs/src/internal/observable/dom/**'],
  },
  {
    name: 'Reaction',
    class: 'Reaction',
    module: 'mobx/src/core/reaction.ts',
    factory: { name: 'autorun', module: 'mobx/src/api/autorun.ts' },
    allow: ['mobx/src/core/**'],
  },
  {
    name: 'MobXGlobals',
    class: 'MobXGlobals',
    module: 'mobx/src/core/globalstate.ts',
    lifetime: 'singleton',
  },
  {
    name: 'QueryClient',
    class: 'QueryClient',
    module: 'query-core/src/queryClient.ts',
    allow: ['query-core/src/index.ts'],
  },
  {
    name: 'QueryCache',
    class: 'QueryCache',
    module: 'query-core/src/queryCache.ts',
    allow: ['query-core/src/queryClient.ts', 'query-core/src/index.ts'],
  },
  {
    name: 'FocusManager',
    class: 'FocusManager',
    module: 'query-core/src/focusManager.ts',
  },
  {
    name: 'FiberRuntime',
    class: 'FiberRuntime',
    module: 'effect/src/internal/fiberRuntime.ts',
    factory: { name: 'unsafeFork', module: 'effect/src/internal/runtime.ts' },
  },
  {
    name: 'ZodError',
    class: 'ZodError',
    module: 'zod/src/v3/ZodError.ts',
    allow: ['zod/src/v3/types.ts', 'zod/src/v3/index.ts', 'zod/src/v3/external.ts'],
  },
];

/**
 * The library a service belongs to: the first segment of its module (or of its first allow glob).
 * @param {Service} service
 */
function libraryOf(service) {
  return (service.module ?? service.allow?.[0] ?? '').split('/')[0] ?? '';
}

/**
 * The services whose library is in the corpus written at `root` (all of them unless BENCH_LIBRARIES narrowed it).
 * @param {string} root
 */
export function servicesIn(root) {
  return SERVICES.filter((service) => existsSync(path.join(root, 'c0', libraryOf(service))));
}

/**
 * Sources of truth of the corpus (`settings.ssot.sources`), for the rules that read them: modules that
 * own every name they declare (read from disk), names owned by one module, and a deprecated module.
 * @type {readonly Source[]}
 */
export const SOURCES = [
  { module: 'query-core/src/utils.ts', entries: ['query-core/src/index.ts'] },
  { module: 'rxjs/src/internal/util/isFunction.ts' },
  { module: 'rxjs/src/internal/Observable.ts', names: ['Observable'], entries: ['rxjs/src/index.ts'] },
  {
    module: 'rxjs/src/internal/operators/mergeMap.ts',
    names: ['mergeMap'],
    replaces: ['rxjs/src/internal/operators/flatMap.ts'],
  },
];

/** The rules that read `settings.ssot.sources`: a build without them (an older one) gets no `sources`, which it would reject. */
const SOURCE_RULES = ['no-duplicate-definition', 'canonical-import'];

/**
 * `settings.ssot` for a corpus written at `root` (absolute rootDir and tsconfig), for a plugin with the
 * rules `ruleNames`.
 * @param {string} root
 * @param {readonly string[]} ruleNames
 */
export function ssotSettings(root, ruleNames) {
  const sources = ruleNames.some((name) => SOURCE_RULES.includes(name))
    ? SOURCES.filter((source) => existsSync(path.join(root, 'c0', source.module)))
    : [];
  return {
    rootDir: path.join(root, 'c0'),
    tsconfig: path.join(root, 'tsconfig.json'),
    services: servicesIn(root),
    ...(sources.length > 0 ? { sources } : {}),
  };
}

/** The public entry module of each library (its package's `exports['.']` source). */
export const PUBLIC_ENTRIES = [
  'effect/src/index.ts',
  'zod/src/index.ts',
  'rxjs/src/index.ts',
  'mobx/src/mobx.ts',
  'query-core/src/index.ts',
];

/**
 * `settings.ssot` with `sources` listing the public entry modules of the libraries in the corpus, each
 * owning every name it declares and exports itself (`names` omitted: read from disk): the configuration
 * the sources-of-truth rules are budgeted against.
 * @param {string} root
 * @param {readonly string[]} ruleNames
 */
export function entrySettings(root, ruleNames) {
  const settings = { ...ssotSettings(root, ruleNames) };
  delete settings.sources;
  if (!ruleNames.some((name) => SOURCE_RULES.includes(name))) return settings;
  const sources = PUBLIC_ENTRIES.filter((module) => existsSync(path.join(root, 'c0', module))).map((module) => ({
    module,
  }));
  return { ...settings, ...(sources.length > 0 ? { sources } : {}) };
}

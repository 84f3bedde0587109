/**
 * The registry every rule reads: validated `settings.ssot`, with each service's module and factory
 * resolved once, allow globs compiled once, and the questions rules ask ("is this file exempt?",
 * "does this specifier reach that module?") answered from caches.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BoundedMap } from './bounded-map.js';
import { compileGlobs, realFiles, rootRelative } from './paths.js';
import {
  findTsconfig,
  getResolver,
  hasSourceExtension,
  isDirectory,
  isRelativeSpecifier,
  lastSegment,
  looksLikePackage,
  normalizeModulePath,
  packageNameOf,
  type ResolverHandle,
} from './resolution.js';
import { containerSpecs, type ContainerSpec } from './containers.js';
import { expectExportNames, resolveModuleFile, sourceFileOf } from './module-graph.js';
import { parseSettings, SsotConfigError, type ParsedService } from './settings.js';
import { isPathAlias } from './specifier.js';

/** Where a service (or its factory) lives. */
export type ModuleTarget =
  | {
      readonly kind: 'file';
      /** As configured, for messages. */
      readonly display: string;
      /** Normalised absolute path (no extension, no `/index`). */
      readonly id: string;
      /** Segments a specifier may end with to reach it (cheap pre-filter). */
      readonly segments: ReadonlySet<string>;
      /** The file itself (source, not build output), for the module graph. */
      readonly file: string;
    }
  | { readonly kind: 'package'; readonly display: string; readonly name: string };

/** The one sanctioned way to get a service's instance. */
export interface Factory {
  /** As configured: an export name or a member path (`'Factory.getX'`), for messages. */
  readonly name: string;
  /** The export of `module` the call starts from: the first segment of `name`. */
  readonly export: string;
  /** The member path after the export (`['getX']` for `'Factory.getX'`; empty for a plain function). */
  readonly members: readonly string[];
  readonly module: ModuleTarget;
  /** Set when the factory is per user or request: which argument carries it, and what it is called in messages. */
  readonly scope: { readonly argument: number; readonly name: string } | undefined;
}

export interface Service {
  readonly index: number;
  readonly name: string;
  readonly className: string;
  readonly global: boolean;
  readonly construct: 'new' | 'call';
  readonly lifetime: 'scoped' | 'singleton';
  readonly module: ModuleTarget | undefined;
  readonly factory: Factory | undefined;
  /** `factory: { container }`: the DI container that creates the service (then `factory` is undefined). */
  readonly container: ContainerSpec | undefined;
  /** Files (normalised ids) that may construct and import the service: own module, factory module. */
  readonly homeIds: ReadonlySet<string>;
  readonly isAllowedPath: (relativePath: string) => boolean;
  /** The `allow` globs as configured, for messages. */
  readonly allowGlobs: readonly string[];
}

export interface Registry {
  readonly rootDir: string;
  readonly services: readonly Service[];
  readonly resolver: ResolverHandle;
  /** The DI containers whose APIs the rules recognise: the four built in and `settings.ssot.containers`. */
  readonly containers: readonly ContainerSpec[];
  /** `settings.ssot.discover.decorators`: classes a framework decorator declares count without being listed (off by default). */
  readonly discoverDecorators: boolean;
  /** Services whose construction/import is restricted in this file (exempt ones removed). */
  servicesFor(filename: string): readonly Service[];
  /** Does `specifier`, written in `filename`, refer to `target`? */
  refersTo(specifier: string, filename: string, target: ModuleTarget): boolean;
  /**
   * Can the bare specifier `specifier` resolve to a file outside node_modules? False for a package
   * installed under node_modules whose name no tsconfig `paths` pattern matches (remembered per package).
   */
  mayReachProjectFile(specifier: string): boolean;
  /** The specifier a file should use to import `target` (relative path, alias or package as configured). */
  specifierFor(target: ModuleTarget, filename: string, styleHint: string | undefined): string;
}

/** Resolves a configured module (path relative to rootDir, alias or package); `owner` names its user in errors (`service "X"`). */
export function classifyModule(
  spec: string,
  rootDir: string,
  resolver: ResolverHandle,
  where: string,
  owner: string,
): ModuleTarget {
  const toFile = (resolved: string): ModuleTarget => {
    // A workspace package's build output (`dist/x.d.ts`) stands for its source.
    const file = sourceFileOf(resolved);
    const id = normalizeModulePath(file);
    const segments = new Set([path.posix.basename(id)]);
    if (/\/index\.[cm]?[jt]sx?$/.test(file.replaceAll('\\', '/'))) segments.add('index');
    return { kind: 'file', display: spec, id, segments, file };
  };
  if (path.isAbsolute(spec)) {
    const resolved = resolver.resolve(rootDir, spec);
    if (resolved === undefined)
      throw new SsotConfigError(
        `${where}: '${spec}' of ${owner} does not exist (an absolute path, looked up with and without extensions and /index).`,
      );
    return toFile(resolved);
  }
  const relative = isRelativeSpecifier(spec) ? spec : `./${spec}`;
  const asPath = resolver.resolve(rootDir, relative);
  if (asPath !== undefined) return toFile(asPath);
  if (!isRelativeSpecifier(spec)) {
    const resolved = resolver.resolve(rootDir, spec);
    if (resolved !== undefined)
      return /[\\/]node_modules[\\/]/.test(resolved)
        ? { kind: 'package', display: spec, name: spec }
        : toFile(resolved);
    // A workspace package that is not built yet: its source, through the package's tsconfig.
    const unbuilt = resolveModuleFile(resolver, path.join(rootDir, 'package.json'), spec);
    if (unbuilt !== undefined && !/[\\/]node_modules[\\/]/.test(unbuilt)) return toFile(unbuilt);
  }
  // A path that names no file is a typo (or a module not written yet): never match nothing silently.
  const firstSegment = spec.split('/')[0] ?? spec;
  if (isRelativeSpecifier(spec) || hasSourceExtension(spec) || isDirectory(path.join(rootDir, firstSegment)))
    throw new SsotConfigError(
      `${where}: '${spec}' of ${owner} does not exist (looked in rootDir '${rootDir}', with and without extensions and /index). Check the path, or set settings.ssot.rootDir.`,
    );
  if (looksLikePackage(spec)) return { kind: 'package', display: spec, name: spec };
  throw new SsotConfigError(
    `${where}: cannot resolve '${spec}' for ${owner} from rootDir '${rootDir}'` +
      (resolver.tsconfig === undefined
        ? ' (no tsconfig found for path aliases)'
        : ` (tsconfig: ${resolver.tsconfig})`) +
      '. Use a path relative to rootDir, a tsconfig alias or a package name.',
  );
}

interface SpecifierShape {
  readonly specifier: string;
  readonly relative: boolean;
  /** `.`, `..`, `./`, `../x/..`: names a directory (its index file), not a file by its last segment. */
  readonly directory: boolean;
  readonly segment: string;
}

function shapeOf(specifier: string): SpecifierShape {
  return {
    specifier,
    relative: isRelativeSpecifier(specifier) || specifier.startsWith('/'),
    directory: /(?:^|\/)\.\.?\/?$/.test(specifier),
    segment: lastSegment(specifier),
  };
}

function toPosix(file: string): string {
  return file.replaceAll('\\', '/');
}

function buildRegistry(raw: unknown, cwd: string): Registry {
  const settings = parseSettings(raw);
  const rootDir = path.resolve(cwd, settings.rootDir ?? '.');
  if (settings.rootDir !== undefined) checkRootDir(rootDir);
  let tsconfig: string | undefined;
  if (settings.tsconfig === undefined) tsconfig = findTsconfig(rootDir);
  else {
    tsconfig = path.resolve(rootDir, settings.tsconfig);
    if (!existsSync(tsconfig)) {
      const users = settings.services.filter(
        (service) => service.module !== undefined || service.factory !== undefined,
      );
      const names = users.map((service) => JSON.stringify(service.name)).join(', ');
      const needed =
        users.length === 0
          ? ''
          : ` (it resolves the modules of ${users.length === 1 ? 'service' : 'services'} ${names})`;
      throw new SsotConfigError(`settings.ssot.tsconfig: file not found: ${tsconfig}${needed}`);
    }
  }
  const resolver = getResolver(tsconfig);
  const containers = containerSpecs(settings.containers);

  const services = settings.services.map((service: ParsedService, index): Service => {
    const where = `settings.ssot.services[${String(index)}]`;
    const module =
      service.module === undefined
        ? undefined
        : classifyModule(
            service.module,
            rootDir,
            resolver,
            `${where}.module`,
            `service ${JSON.stringify(service.name)}`,
          );
    const factory =
      service.factory?.module === undefined
        ? undefined
        : {
            name: service.factory.name,
            export: service.factory.name.split('.')[0] ?? service.factory.name,
            members: service.factory.name.split('.').slice(1),
            module: classifyModule(
              service.factory.module,
              rootDir,
              resolver,
              `${where}.factory.module`,
              `service ${JSON.stringify(service.name)}`,
            ),
            scope:
              service.factory.scope === undefined
                ? undefined
                : {
                    argument: service.factory.scope.argument ?? 0,
                    name: service.factory.scope.name ?? 'user or request context',
                  },
          };
    const containerName = service.factory?.container;
    const container = containerName === undefined ? undefined : containers.find((spec) => spec.name === containerName);
    const homeIds = new Set<string>();
    if (module?.kind === 'file') homeIds.add(module.id);
    if (factory?.module.kind === 'file') homeIds.add(factory.module.id);
    const allow = service.allow ?? [];
    const isAllowedPath = compileGlobs(allow);
    return {
      index,
      name: service.name,
      className: service.class,
      global: service.global ?? false,
      construct: service.construct ?? 'new',
      lifetime: service.lifetime ?? 'scoped',
      module,
      factory,
      container,
      homeIds,
      isAllowedPath,
      allowGlobs: allow,
    };
  });

  checkDuplicateServices(services);
  // The rules ask modules whether they export these: each module's text is then read once for all.
  expectExportNames(
    services.flatMap((service) =>
      service.module === undefined ? [] : [service.className, ...(service.factory ? [service.factory.export] : [])],
    ),
  );

  const servicesByFile = new BoundedMap<string, readonly Service[]>(5000);
  let shape = shapeOf('');
  const realFile = realFiles();
  const relativePath = rootRelative(rootDir, realFile);

  const registry: Registry = {
    rootDir,
    services,
    resolver,
    containers,
    discoverDecorators: settings.discover?.decorators ?? false,
    servicesFor(filename) {
      let result = servicesByFile.get(filename);
      if (result === undefined) {
        const relative = relativePath(filename);
        const id = normalizeModulePath(filename);
        // Resolved modules are real paths; the file may be reached through a symlink.
        const realId = normalizeModulePath(realFile(filename));
        result = services.filter(
          (service) => !service.homeIds.has(id) && !service.homeIds.has(realId) && !service.isAllowedPath(relative),
        );
        servicesByFile.set(filename, result);
      }
      return result;
    },
    refersTo(specifier, filename, target) {
      if (target.kind === 'package') return specifier === target.name || specifier.startsWith(`${target.name}/`);
      // Callers ask about one specifier for several targets in a row: its shape is computed once.
      if (specifier !== shape.specifier) shape = shapeOf(specifier);
      const { relative, segment } = shape;
      // Cheap pre-filter: a relative path can only reach the file through its last segment.
      if (relative && !target.segments.has(segment) && !shape.directory) return false;
      if (!relative && !target.segments.has(segment) && !registry.mayReachProjectFile(specifier)) return false;
      const resolved = resolveModuleFile(resolver, filename, specifier);
      if (resolved !== undefined) return normalizeModulePath(resolved) === target.id;
      // The file is not on disk (virtual file, generated code): compare normalised paths.
      return relative && normalizeModulePath(path.resolve(path.dirname(filename), specifier)) === target.id;
    },
    mayReachProjectFile: (specifier) =>
      !looksLikePackage(specifier) ||
      isPathAlias(specifier, resolver.tsconfig) ||
      !isExternal(packageNameOf(specifier)),
    specifierFor(target, filename, styleHint) {
      if (target.kind === 'package') return target.name;
      const configured = target.display;
      // A tsconfig alias stays an alias; a path relative to rootDir becomes relative to the file.
      if (
        !isRelativeSpecifier(configured) &&
        !path.isAbsolute(configured) &&
        !existsOnDiskRelative(rootDir, configured)
      )
        return configured;
      let relativePath = toPosix(path.relative(path.dirname(filename), target.id));
      if (!relativePath.startsWith('.')) relativePath = `./${relativePath}`;
      const extension = styleHint === undefined ? '' : (/\.(?:[cm]?[jt]sx?)$/.exec(styleHint)?.[0] ?? '');
      return `${relativePath}${extension}`;
    },
  };

  // A bare specifier whose package is installed under node_modules (and is not a path alias) can
  // never reach a project file; remember that per package name, so `react` is resolved once.
  const externalPackages = new BoundedMap<string, boolean>(5000);
  function isExternal(packageName: string): boolean {
    let external = externalPackages.get(packageName);
    if (external === undefined) {
      const resolved = resolver.resolve(rootDir, `${packageName}/package.json`);
      external = resolved !== undefined && /[\\/]node_modules[\\/]/.test(resolved);
      externalPackages.set(packageName, external);
    }
    return external;
  }

  return registry;
}

function checkRootDir(rootDir: string): void {
  let isDirectoryPath: boolean;
  try {
    isDirectoryPath = statSync(rootDir).isDirectory();
  } catch {
    throw new SsotConfigError(
      `settings.ssot.rootDir: '${rootDir}' does not exist (relative paths resolve against ESLint's cwd).`,
    );
  }
  if (!isDirectoryPath) throw new SsotConfigError(`settings.ssot.rootDir: '${rootDir}' is a file, not a directory.`);
}

/** Two services for one class of one module (under different names) would report each use twice. */
function checkDuplicateServices(services: readonly Service[]): void {
  const seen = new Map<string, Service>();
  for (const service of services) {
    const where = service.global
      ? 'global'
      : service.module === undefined
        ? 'loose'
        : service.module.kind === 'file'
          ? service.module.id
          : service.module.name;
    const key = `${service.className}\0${where}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, service);
    else
      throw new SsotConfigError(
        `settings.ssot.services[${String(service.index)}]: service ${JSON.stringify(service.name)} registers the same class '${service.className}'` +
          `${service.module === undefined ? '' : ` of '${service.module.display}'`} as services[${String(first.index)}] (${JSON.stringify(first.name)}); keep one of them.`,
      );
  }
}

function existsOnDiskRelative(rootDir: string, configured: string): boolean {
  return isDirectory(path.join(rootDir, configured.split('/')[0] ?? configured)) || hasSourceExtension(configured);
}

/** The settings as JSON text; settings that are not JSON (a circular reference) fail validation first. */
function settingsJson(raw: object): string {
  try {
    return JSON.stringify(raw);
  } catch (error) {
    parseSettings(raw);
    throw error;
  }
}

const registries = new WeakMap<object, BoundedMap<string, Registry>>();
const registriesByJson = new BoundedMap<string, Registry>(50);

/**
 * The registry for `settings.ssot` as seen from `cwd`. Validated once per settings object (and, for
 * hosts that hand out a fresh settings object per file, once per distinct JSON text).
 */
export function getRegistry(raw: unknown, cwd: string): Registry {
  if (typeof raw === 'object' && raw !== null) {
    let byCwd = registries.get(raw);
    if (byCwd === undefined) {
      byCwd = new BoundedMap(50);
      registries.set(raw, byCwd);
    }
    let registry = byCwd.get(cwd);
    if (registry === undefined) {
      const key = `${cwd}\0${settingsJson(raw)}`;
      registry = registriesByJson.get(key) ?? buildRegistry(raw, cwd);
      registriesByJson.set(key, registry);
      byCwd.set(cwd, registry);
    }
    return registry;
  }
  return buildRegistry(raw, cwd);
}

interface RuleContextLike {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly cwd: string;
  readonly filename: string;
}

/**
 * The registry for the file being linted, read from `settings.ssot`. Missing settings are an error
 * (a rule that cannot know the services must not pass silently) unless `optional` is set.
 */
export function registryOf(context: RuleContextLike): Registry;
export function registryOf(context: RuleContextLike, optional: true): Registry | undefined;
export function registryOf(context: RuleContextLike, optional = false): Registry | undefined {
  const raw = context.settings.ssot;
  if (raw === undefined) {
    if (optional) return undefined;
    throw new SsotConfigError(
      'settings.ssot is missing: describe your services with `ssot.configure({ services: [...] })` or `settings: { ssot: { services: [...] } }` in your ESLint config.',
    );
  }
  return getRegistry(raw, context.cwd);
}

/**
 * The `settings.ssot` registry: one valibot schema that validates the user's JSON settings and yields
 * the TypeScript types `ssot.configure(...)` is typed with. Every ESLint worker and editor session
 * validates the settings once; valid settings of the usual shapes are vouched for by a fast check
 * ({@link isKnownValid}) without loading valibot, which then only words the errors.
 */
import type * as V from 'valibot';
import { valibot } from './lazy.js';
import {
  circularPath,
  classNameCheck,
  factoryNameCheck,
  globCheck,
  isFactoryName,
  isIdentifier,
  isPlainGlob,
  isPosixModulePath,
  modulePathCheck,
} from './settings-checks.js';

type Message = (issue: V.BaseIssue<unknown>) => string;

function typeMessage(expected: string): Message {
  return (issue) =>
    issue.input === undefined
      ? `required ${expected} is missing`
      : `expected ${expected}, got ${describe(issue.input)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function nonEmpty(what: string, description: string) {
  return v.pipe(
    v.string(typeMessage('string')),
    v.minLength(1, `${what} must not be empty`),
    v.description(description),
  );
}

/** An object without unknown keys; a missing key is reported with its own schema's message (`required string is missing`). */
function strictObject<const Entries extends V.ObjectEntries>(entries: Entries) {
  const objectMessage = typeMessage('object');
  return v.strictObject(entries, (issue) => {
    const item = issue.path?.[0];
    if (item?.type !== 'object' || item.origin !== 'key' || issue.expected === 'never') return objectMessage(issue);
    const entry = entries[item.key];
    return (
      (entry === undefined ? undefined : v.safeParse(entry, undefined).issues?.[0].message) ??
      `required key '${item.key}' is missing`
    );
  });
}

function oneOf<const Options extends readonly [string, ...string[]]>(options: Options) {
  return v.picklist(
    options,
    (issue) => `expected ${options.map((option) => `'${option}'`).join(' or ')}, got ${describe(issue.input)}`,
  );
}

/** A path item for an issue raised by a cross-field check on `input`. */
function at(input: Record<string, unknown>, key: string): [V.ObjectPathItem] {
  return [{ type: 'object', origin: 'value', input, key, value: input[key] }];
}

/**
 * valibot, set by {@link schemaLibrary} before any schema below is built: the plugin loads it only
 * for settings the fast check ({@link isKnownValid}) cannot vouch for, and for the docs and the audit.
 */
let v: typeof V;

function schemaLibrary(): void {
  v = valibot();
}

// Every schema below is built on first validation (getSettingsSchema), not when the plugin loads:
// each ESLint process, --concurrency worker and editor session loads the plugin, and most never see
// a settings error. The builders take no arguments, so the schemas and messages are the same as ever.

const factoryEntries = () => ({
  name: v.optional(
    v.pipe(
      nonEmpty(
        'factory name',
        "Name of the exported factory function (`getWebSocketManager`), or a member path whose first segment is the export: a static method (`'FrontendComponentFactory.getConversationManager'`) or a method of an exported object (`'managers.get'`).",
      ),
      factoryNameCheck(),
    ),
  ),
  module: v.optional(
    v.pipe(
      nonEmpty(
        'factory module',
        'Module that exports the factory (its first segment, for a member path): a path relative to `rootDir`, a tsconfig alias, or a package name.',
      ),
      modulePathCheck(),
    ),
  ),
  scope: v.optional(
    v.pipe(
      strictObject({
        argument: v.optional(
          v.pipe(
            v.number(typeMessage('integer')),
            v.integer('expected an integer (the 0-based position of the argument)'),
            v.minValue(0, 'expected 0 or more (the 0-based position of the argument)'),
            v.description('0-based position of the argument that carries the user or request (default 0).'),
          ),
        ),
        name: v.optional(
          nonEmpty(
            'scope name',
            "What the argument is, for messages (default `'user or request context'`), e.g. `'user context'`.",
          ),
        ),
      }),
      v.description(
        'The factory is per user or request: every call must pass a real one (`ssot/require-scope-argument`).',
      ),
    ),
  ),
  container: v.optional(
    nonEmpty(
      'factory container',
      "The dependency-injection container that creates the service instead of a factory function: `'nestjs'`, `'angular'`, `'tsyringe'`, `'inversify'` or a key of `containers`.",
    ),
  ),
});

/** A factory function (`name` + `module`) or a DI container that creates the service. */
export type FactorySettings =
  | { name: string; module: string; scope?: { argument?: number; name?: string }; container?: never }
  | { container: string; name?: never; module?: never; scope?: never };

/**
 * `{ name, module }` (a factory function) or `{ container }` (a DI container), never a mix. One object
 * schema checked across fields (so every error names its key), typed as the union it accepts.
 */
const factorySchema = () =>
  v.pipe(
    strictObject(factoryEntries()),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const factory = dataset.value;
      if (factory.container !== undefined) {
        for (const key of ['name', 'module', 'scope'] as const)
          if (factory[key] !== undefined)
            addIssue({
              message: `a container factory has no ${key} (use either \`container\` or \`name\` and \`module\`)`,
              path: at(factory, key),
            });
        return;
      }
      for (const key of ['name', 'module'] as const)
        if (factory[key] === undefined) addIssue({ message: 'required string is missing', path: at(factory, key) });
    }),
  ) as unknown as V.GenericSchema<FactorySettings>;

const containerNames = () =>
  v.pipe(
    v.array(nonEmpty('name', 'An exported name or method name.'), typeMessage('array of names')),
    v.description('Names (see the container reference in docs/frameworks).'),
  );

/** `settings.ssot.containers.<name>`: a DI container other than the four built in, described as JSON. */
const containerEntries = () => ({
  label: v.optional(nonEmpty('label', 'Name used in messages, e.g. `Awilix`.')),
  module: nonEmpty('container module', "Package (or module) whose exports make up the container's API."),
  objects: v.optional(containerNames()),
  classes: v.optional(containerNames()),
  factories: v.optional(containerNames()),
  resolve: v.optional(containerNames()),
  resolveFunctions: v.optional(containerNames()),
  singleton: v.optional(containerNames()),
  inject: v.optional(containerNames()),
  singletonDecorators: v.optional(containerNames()),
  scopedDecorators: v.optional(containerNames()),
  transientDecorators: v.optional(containerNames()),
});

const serviceEntries = () => ({
  name: nonEmpty('service name', 'Human name used in messages.'),
  class: v.pipe(
    nonEmpty('class', "Exported name of the managed class or constructor function; `'default'` for a default export."),
    classNameCheck(),
  ),
  module: v.optional(
    v.pipe(
      nonEmpty(
        'module',
        'Where the class is defined: a path relative to `rootDir`, a tsconfig alias, or a package name. Omitted (and not `global`): match by binding name wherever it comes from.',
      ),
      modulePathCheck(),
    ),
  ),
  global: v.optional(
    v.pipe(
      v.boolean(typeMessage('boolean')),
      v.description('The constructor is a global such as `WebSocket` (then `module` must be absent).'),
    ),
  ),
  construct: v.optional(
    v.pipe(
      oneOf(['new', 'call']),
      v.description("How instances are made: `new C()` (default) or a plain call such as socket.io's `io()`."),
    ),
  ),
  factory: v.optional(
    v.pipe(
      factorySchema(),
      v.description('The one sanctioned way to get an instance: a factory function or a DI container.'),
    ),
  ),
  allow: v.optional(
    v.pipe(
      v.array(
        v.pipe(nonEmpty('allow glob', 'A glob relative to `rootDir`; `!glob` excludes.'), globCheck()),
        typeMessage('array of globs'),
      ),
      v.description(
        "Globs (relative to `rootDir`) of files where direct construction and imports are also fine; the service's own module and its factory module are always allowed.",
      ),
    ),
  ),
  lifetime: v.optional(
    v.pipe(
      oneOf(['scoped', 'singleton']),
      v.description(
        "`'scoped'` (default): no module-level instance anywhere; `'singleton'`: exactly one module-level instance, only in the factory module (or the service module when there is no factory).",
      ),
    ),
  ),
});

const serviceSchema = () =>
  v.pipe(
    strictObject(serviceEntries()),
    v.title('Service'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const service = dataset.value;
      for (const { message, key } of serviceFieldProblems(service)) addIssue({ message, path: at(service, key) });
    }),
  );

/** The checks across a service's fields, each problem with the key it is reported at (the schema's and the fast check's). */
function serviceFieldProblems(service: {
  readonly class: unknown;
  readonly module?: unknown;
  readonly global?: unknown;
}): { message: string; key: 'module' | 'class' }[] {
  const problems: { message: string; key: 'module' | 'class' }[] = [];
  if (service.global === true && service.module !== undefined)
    problems.push({ message: 'a global service must not have a module (remove `module` or `global`)', key: 'module' });
  if (service.global === true && service.class === 'default')
    problems.push({ message: "a global service cannot use class 'default'", key: 'class' });
  if (service.class === 'default' && service.module === undefined && service.global !== true)
    problems.push({ message: "class 'default' needs the module whose default export it is", key: 'module' });
  return problems;
}

const globList = (what: string, description: string) =>
  v.optional(
    v.pipe(
      v.array(
        v.pipe(nonEmpty(what, 'A path or glob relative to `rootDir`.'), globCheck()),
        typeMessage('array of globs'),
      ),
      v.description(description),
    ),
  );

const sourceEntries = () => ({
  module: nonEmpty(
    'source module',
    'The one module that defines these names: a path relative to `rootDir`, a tsconfig alias, or a package name (subpaths too).',
  ),
  names: v.optional(
    v.pipe(
      v.array(nonEmpty('name', 'An exported name.'), typeMessage('array of names')),
      v.description(
        'The names it owns. Omitted: every name the module itself declares and exports (not what it re-exports).',
      ),
    ),
  ),
  entries: globList(
    'entry',
    'Modules (paths, aliases, packages or globs relative to `rootDir`) that may re-export these names and be imported from: public barrels.',
  ),
  replaces: globList(
    'replaced module',
    'Deprecated modules (paths, aliases, packages or globs relative to `rootDir`): importing them at all is reported.',
  ),
  allow: globList(
    'allow glob',
    'Files (globs relative to `rootDir`) where a second definition is fine: tests, mocks, generated code.',
  ),
});

const sourceSchema = () => v.pipe(strictObject(sourceEntries()), v.title('Source'));

const settingsEntries = () => ({
  rootDir: v.optional(
    nonEmpty('rootDir', "Directory that relative paths and globs resolve against; default: ESLint's cwd."),
  ),
  tsconfig: v.optional(
    nonEmpty(
      'tsconfig',
      'tsconfig used to resolve path aliases; default: the nearest `tsconfig.json` at or above `rootDir`, if any.',
    ),
  ),
  services: v.pipe(v.array(serviceSchema(), typeMessage('array of services')), v.description('The managed services.')),
  containers: v.optional(
    v.pipe(
      v.record(v.string(), strictObject(containerEntries()), typeMessage('object')),
      v.description(
        'DI containers besides nestjs, angular, tsyringe and inversify, by the name `factory.container` uses.',
      ),
    ),
  ),
  discover: v.optional(
    v.pipe(
      strictObject({
        decorators: v.optional(
          v.pipe(
            v.boolean(typeMessage('boolean')),
            v.description(
              "Off by default. Classes a framework decorator declares count unlisted: NestJS `Scope.REQUEST` as scoped, Angular `providedIn: 'root'` as singleton. Cost: their modules are read (see [Discovery](#decorator-based-discovery)).",
            ),
          ),
        ),
      }),
      v.description('Opt-in discovery of services the registry does not list.'),
    ),
  ),
  sources: v.optional(
    v.pipe(
      v.array(sourceSchema(), typeMessage('array of sources')),
      v.description(
        'Sources of truth: the one module that defines each name, for `ssot/no-duplicate-definition` and `ssot/canonical-import` (see [Sources of truth](#sources-of-truth)).',
      ),
    ),
  ),
});

/** The DI containers built into the plugin (src/containers.ts), by the name `factory.container` uses. */
export const BUILTIN_CONTAINERS = ['nestjs', 'angular', 'tsyringe', 'inversify'] as const;

const buildSettingsSchema = () =>
  v.pipe(
    strictObject(settingsEntries()),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const settings = dataset.value;
      const custom = Object.keys(settings.containers ?? {});
      for (const name of custom)
        if ((BUILTIN_CONTAINERS as readonly string[]).includes(name))
          addIssue({
            message: `'${name}' is built in; give your container another name`,
            path: [
              ...at(settings, 'containers'),
              {
                type: 'object',
                origin: 'key',
                input: settings.containers ?? {},
                key: name,
                value: settings.containers?.[name],
              },
            ],
          });
      const known = [...BUILTIN_CONTAINERS, ...custom];
      settings.services.forEach((service, index) => {
        const container = service.factory?.container;
        if (container === undefined || service.factory === undefined || known.includes(container)) return;
        addIssue({
          message: `unknown container ${JSON.stringify(container)} (expected ${known.map((name) => `'${name}'`).join(', ')}, or describe it in settings.ssot.containers)`,
          path: [
            ...at(settings, 'services'),
            { type: 'array', origin: 'value', input: settings.services, key: index, value: service },
            ...at(service, 'factory'),
            ...at(service.factory, 'container'),
          ],
        });
      });
      const seen = new Map<string, number>();
      settings.services.forEach((service, index) => {
        const first = seen.get(service.name);
        if (first === undefined) seen.set(service.name, index);
        else
          addIssue({
            message: `duplicate service name ${JSON.stringify(service.name)} (also services[${String(first)}].name)`,
            path: [
              ...at(settings, 'services'),
              { type: 'array', origin: 'value', input: settings.services, key: index, value: service },
              ...at(service, 'name'),
            ],
          });
      });
      checkSourceOwners(settings.sources ?? [], (message, index, key) => {
        const sources = settings.sources ?? [];
        const source = sources[index];
        if (source === undefined) return;
        addIssue({
          message,
          path: [
            ...at(settings, 'sources'),
            { type: 'array', origin: 'value', input: sources, key: index, value: source },
            ...at(source, key),
          ],
        });
      });
    }),
  );

/**
 * A name has one source: the same name listed by two sources, or one module listed twice while
 * one of them owns all its declared names (`names` omitted), is reported at the later source.
 */
function checkSourceOwners(
  sources: readonly { readonly module: string; readonly names?: readonly string[] | undefined }[],
  report: (message: string, index: number, key: 'names' | 'module') => void,
): void {
  const owners = new Map<string, number>();
  const modules = new Map<string, number>();
  sources.forEach((source, index) => {
    const first = modules.get(source.module);
    if (first === undefined) modules.set(source.module, index);
    else if (source.names === undefined || sources[first]?.names === undefined)
      report(
        `module '${source.module}' is already the source at sources[${String(first)}], which owns every name it declares; list the names of each source instead`,
        index,
        'module',
      );
    for (const name of new Set(source.names ?? [])) {
      const owner = owners.get(name);
      if (owner === undefined) owners.set(name, index);
      else if (sources[owner]?.module !== source.module)
        report(
          `name ${JSON.stringify(name)} is owned by two sources: also sources[${String(owner)}] ('${sources[owner]?.module ?? ''}')`,
          index,
          'names',
        );
    }
  });
}

/** What users write in `settings.ssot` (and pass to `ssot.configure`). */
export type SsotSettings = V.InferInput<ReturnType<typeof buildSettingsSchema>>;
export type ServiceSettings = V.InferInput<ReturnType<typeof serviceSchema>>;

/** A configuration error: bad settings, bad options, an unresolvable module. Prints without a stack. */
export class SsotConfigError extends Error {
  override name = 'SsotConfigError';
  constructor(message: string) {
    super(message);
    // ESLint prints `error.stack` for fatal errors; a user needs the message, not our call stack.
    Object.defineProperty(this, 'stack', { get: () => `${this.name}: ${this.message}`, configurable: true });
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${String(key)}]` : `.${key}`)).join('');
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** Closest valid key, if it is close enough to be a typo. */
function closest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const distance = levenshtein(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

let settingsSchema: ReturnType<typeof buildSettingsSchema> | undefined;

/** The `settings.ssot` schema, built on first use. */
export function getSettingsSchema(): ReturnType<typeof buildSettingsSchema> {
  schemaLibrary();
  return (settingsSchema ??= buildSettingsSchema());
}

/** The keys an object at `path` may have (only asked when a key is unknown). */
function keysAt(path: readonly (string | number)[]): readonly string[] {
  schemaLibrary();
  if (path.length === 0) return Object.keys(settingsEntries());
  if (path.length === 2 && path[0] === 'containers') return Object.keys(containerEntries());
  if (path.length === 1 && path[0] === 'discover') return ['decorators'];
  if (path[0] === 'sources') return Object.keys(sourceEntries());
  if (path.at(-1) === 'factory') return Object.keys(factoryEntries());
  if (path.at(-1) === 'scope') return ['argument', 'name'];
  return Object.keys(serviceEntries());
}

/** Turns valibot issues into `settings.ssot.services[1].class: required string is missing` lines. */
export function formatIssues(issues: readonly V.BaseIssue<unknown>[], prefix = 'settings.ssot'): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const items = issue.path ?? [];
    const path = items.map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
    const last = items.at(-1);
    if (issue.type === 'strict_object' && issue.expected === 'never' && last?.type === 'object') {
      // valibot stops at the first unknown key: list all of them, each with the closest valid key.
      const parent = path.slice(0, -1);
      const valid = keysAt(parent);
      for (const key of Object.keys(last.input).filter((candidate) => !valid.includes(candidate))) {
        const suggestion = closest(key, valid);
        lines.push(
          `${prefix}${formatPath([...parent, key])}: unknown key${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`} (valid keys: ${valid.join(', ')})`,
        );
      }
    } else {
      lines.push(`${prefix}${formatPath(path)}: ${issue.message}`);
    }
  }
  return lines;
}

type Checked = Readonly<Record<string, unknown>>;

/** A plain object (JSON's, or a frozen copy of it) with no key outside `keys`. */
function isObjectOf(value: unknown, keys: readonly string[]): value is Checked {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}

/** An array whose every item passes `check` (a hole is `undefined` to both `for…of` and the schema). */
function isListOf(value: unknown, check: (item: unknown) => boolean): value is readonly unknown[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isModulePath = (value: unknown): boolean => isText(value) && isPosixModulePath(value);
const isGlobList = (value: unknown): boolean =>
  value === undefined || isListOf(value, (glob) => typeof glob === 'string' && isPlainGlob(glob));
const isTextList = (value: unknown): boolean => value === undefined || isListOf(value, isText);

function isKnownValidScope(scope: unknown): boolean {
  if (!isObjectOf(scope, ['argument', 'name'])) return false;
  const { argument, name } = scope;
  return (
    (argument === undefined || (typeof argument === 'number' && Number.isInteger(argument) && argument >= 0)) &&
    (name === undefined || isText(name))
  );
}

/** A factory function; a `container` factory is left to the schema (its name is checked against `containers`). */
function isKnownValidFactory(factory: unknown): boolean {
  if (!isObjectOf(factory, ['name', 'module', 'scope'])) return false;
  const { name, module, scope } = factory;
  return (
    isText(name) && isFactoryName(name) && isModulePath(module) && (scope === undefined || isKnownValidScope(scope))
  );
}

function isKnownValidService(service: unknown): boolean {
  if (!isObjectOf(service, ['name', 'class', 'module', 'global', 'construct', 'factory', 'allow', 'lifetime']))
    return false;
  const { name, class: className, module, global, construct, factory, allow, lifetime } = service;
  return (
    isText(name) &&
    isText(className) &&
    isIdentifier(className) &&
    (module === undefined || isModulePath(module)) &&
    (global === undefined || typeof global === 'boolean') &&
    (construct === undefined || construct === 'new' || construct === 'call') &&
    (lifetime === undefined || lifetime === 'scoped' || lifetime === 'singleton') &&
    isGlobList(allow) &&
    (factory === undefined || isKnownValidFactory(factory)) &&
    serviceFieldProblems({ class: className, module, global }).length === 0
  );
}

function isKnownValidSource(source: unknown): boolean {
  if (!isObjectOf(source, ['module', 'names', 'entries', 'replaces', 'allow'])) return false;
  const { module, names, entries, replaces, allow } = source;
  return isText(module) && isTextList(names) && isGlobList(entries) && isGlobList(replaces) && isGlobList(allow);
}

/**
 * Settings the schema certainly accepts, known without it: the common shapes, with plain globs and
 * without `containers` or container factories. Whatever this does not vouch for (a mistake, an
 * unusual glob, a container) goes to the schema, which alone words the errors; so valibot and
 * picomatch load only then. Never true for settings the schema rejects (test/settings-fast.test.ts
 * checks that on thousands of altered settings).
 */
export function isKnownValid(raw: unknown): boolean {
  if (!isObjectOf(raw, ['rootDir', 'tsconfig', 'services', 'discover', 'sources'])) return false;
  const { rootDir, tsconfig, services, discover, sources } = raw;
  if (!(rootDir === undefined || isText(rootDir)) || !(tsconfig === undefined || isText(tsconfig))) return false;
  if (!isListOf(services, isKnownValidService)) return false;
  if (
    discover !== undefined &&
    !(
      isObjectOf(discover, ['decorators']) &&
      (discover.decorators === undefined || typeof discover.decorators === 'boolean')
    )
  )
    return false;
  if (sources !== undefined && !isListOf(sources, isKnownValidSource)) return false;
  // The schema's checks across the settings (buildSettingsSchema): unique service names, one owner per name.
  if (new Set(services.map((service) => (service as Checked).name)).size !== services.length) return false;
  let owned = true;
  checkSourceOwners((sources ?? []) as readonly ParsedSource[], () => {
    owned = false;
  });
  return owned;
}

/** Validates `settings.ssot`; throws one `SsotConfigError` listing every problem with its exact path. */
export function parseSettings(raw: unknown): ParsedSettings {
  // Valid settings are what the schema would return: the same data.
  if (isKnownValid(raw)) return raw as ParsedSettings;
  const circular = circularPath(raw);
  if (circular !== undefined)
    throw new SsotConfigError(
      `Invalid eslint-plugin-ssot settings:\n  settings.ssot${circular}: circular reference (settings must be plain JSON data)`,
    );
  // valibot's object schema takes an array for an object (and then reports its missing keys).
  if (Array.isArray(raw))
    throw new SsotConfigError('Invalid eslint-plugin-ssot settings:\n  settings.ssot: expected object, got an array');
  const schema = getSettingsSchema();
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  const lines = formatIssues(result.issues);
  throw new SsotConfigError(`Invalid eslint-plugin-ssot settings:\n  ${lines.join('\n  ')}`);
}

export type ParsedSettings = V.InferOutput<ReturnType<typeof buildSettingsSchema>>;
export type ParsedService = ParsedSettings['services'][number];
export type ParsedSource = NonNullable<ParsedSettings['sources']>[number];
export type SourceSettings = V.InferInput<ReturnType<typeof sourceSchema>>;

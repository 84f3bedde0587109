/**
 * Turns the scanned facts and rule messages into the audit report: singletons, duplicated names,
 * constructions, factory candidates, competing entries, violations, and the proposed `settings.ssot`.
 * Everything is sorted and every path is relative to the root with POSIX separators, so the JSON is
 * byte-identical across runs and machines.
 */
import path from 'node:path';
import { packageInfo } from '../package-info.js';
import type { ClassRef, DeclarationKind, FileFacts } from './facts.js';
import { createModuleIndex, type DefinitionKey } from './module-index.js';
import type { RawMessage, ScanResult } from './scan.js';
import { SHAPES_RULE } from './facts.js';
import { containerProposal, type ContainerRegistration } from './containers.js';

export type Shape = 'eager' | 'lazy' | 'memoized' | 'static';

export interface Site {
  readonly file: string;
  readonly line: number;
}

export interface Singleton {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly class: string;
  /** The class's defining module (root-relative, or a package), when the construction could be traced. */
  readonly module?: string;
  readonly shape: Shape;
  /** Where the instance is kept (`presenceSocket`, `NotificationCenter.socket`), for lazy and static shapes. */
  readonly target?: string;
}

export interface Definition extends Site {
  readonly kind: DeclarationKind;
  readonly exported: boolean;
  /** How many modules import this definition (directly or through re-exports). */
  readonly importers: number;
}

export interface Duplicate {
  readonly name: string;
  /** The declarations' kind, or `'mixed'`. */
  readonly kind: DeclarationKind | 'mixed';
  readonly definitions: readonly Definition[];
}

export interface Construction {
  readonly class: string;
  /** The class's defining module (a root-relative path, or the package specifier); absent for globals. */
  readonly module?: string;
  readonly global?: true;
  readonly sites: readonly Site[];
}

export interface Factory {
  readonly name: string;
  readonly module: string;
  readonly line: number;
  readonly class: string;
  readonly classModule?: string;
  readonly keeps: 'map' | 'binding' | 'static';
  readonly exported: boolean;
}

export interface Entry {
  readonly name: string;
  readonly definition: Site;
  /** Modules that export it (the defining one and each re-exporting one), with the name they export it as. */
  readonly modules: readonly { readonly file: string; readonly as: string }[];
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
}

export interface ServiceStatus {
  readonly name: string;
  readonly violations: number;
}

export interface ProposedService {
  name: string;
  class: string;
  module?: string;
  global?: boolean;
  factory?: { name: string; module: string } | { container: string };
  allow?: string[];
  lifetime?: 'singleton';
}

export interface ProposedSource {
  module: string;
  names: string[];
  entries?: string[];
}

/** One proposed service as the graphs draw it. */
export interface ServiceUsage {
  readonly service: string;
  readonly class: string;
  readonly module?: string;
  readonly global?: true;
  readonly factory?: string;
  readonly factoryModule?: string;
  readonly lifetime: 'scoped' | 'singleton';
  /** Modules that construct it (sorted), with whether that construction goes around the proposal. */
  readonly constructedIn: readonly { readonly file: string; readonly outside: boolean }[];
  /** Modules that import its class (project classes only). */
  readonly importedBy: readonly string[];
  /** Constructions outside its module, factory and allowed files, plus module-level instances of a scoped service. */
  readonly issues: number;
}

export interface AuditReport {
  readonly version: string;
  readonly root: string;
  readonly files: number;
  readonly errors: readonly { readonly file: string; readonly message: string }[];
  readonly singletons: readonly Singleton[];
  readonly duplicates: readonly Duplicate[];
  readonly constructions: readonly Construction[];
  readonly factories: readonly Factory[];
  readonly entries: readonly Entry[];
  readonly violations: readonly Violation[];
  /** Registered services (when `settings.ssot` exists) with their number of violations; 0 = none left. */
  readonly services: readonly ServiceStatus[];
  readonly proposal: { readonly services: readonly ProposedService[]; readonly sources: readonly ProposedSource[] };
  /** Per proposed service: where it is constructed and imported (what the Markdown and HTML graphs draw). */
  readonly usage: readonly ServiceUsage[];
  /** DI container registrations and decorated classes with the lifetime each declares (absent when there are none). */
  readonly registrations?: readonly ContainerRegistration[];
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySite = (a: Site, b: Site) => compareStrings(a.file, b.file) || a.line - b.line;

const SHAPE_OF_MESSAGE: Readonly<Record<string, Shape>> = {
  eager: 'eager',
  eagerNoFactory: 'eager',
  lazy: 'lazy',
  lazyNoFactory: 'lazy',
  memoized: 'memoized',
  memoizedNoFactory: 'memoized',
};
/** `{{service}} is created …` and `… kept in \`{{target}}\``: the rule's message templates, read back. */
const SUBJECT = /^(.+?) is created /;
const TARGET = /kept in `([^`]+)`/;

function singletonOf(file: string, message: RawMessage): Singleton | undefined {
  const shape = message.messageId === undefined ? undefined : SHAPE_OF_MESSAGE[message.messageId];
  const subject = SUBJECT.exec(message.message)?.[1];
  if (shape === undefined || subject === undefined) return undefined;
  const target = TARGET.exec(message.message)?.[1];
  const isStatic = shape === 'lazy' && target?.includes('.') === true;
  return {
    file,
    line: message.line,
    column: message.column,
    // `realtime.WebSocketManager` (a namespace member) is the class WebSocketManager.
    class: subject.slice(subject.lastIndexOf('.') + 1),
    shape: isStatic ? 'static' : shape,
    ...(target === undefined ? {} : { target }),
  };
}

interface ClassIdentity {
  readonly name: string;
  /** Absolute file for project classes, the specifier for package classes, undefined for globals. */
  readonly module: string | undefined;
  readonly global: boolean;
  readonly local: boolean;
}

export function analyze(scanned: ScanResult, root: string, displayRoot: string): AuditReport {
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const facts = new Map<string, FileFacts>();
  for (const file of scanned.files) if (file.facts !== undefined) facts.set(file.file, file.facts);
  const index = createModuleIndex(facts);

  const identify = (file: string, ref: ClassRef): ClassIdentity => {
    if (ref.kind === 'global') return { name: ref.name, module: undefined, global: true, local: false };
    if (ref.kind === 'local') return { name: ref.name, module: file, global: false, local: true };
    if (ref.file === undefined) return { name: ref.name, module: ref.specifier, global: false, local: false };
    const definition = index.resolveExport(ref.file, ref.name);
    return definition === undefined
      ? { name: ref.name, module: ref.file, global: false, local: true }
      : { name: definition.name, module: definition.file, global: false, local: true };
  };
  const moduleLabel = (identity: ClassIdentity) =>
    identity.module === undefined ? undefined : identity.local ? relative(identity.module) : identity.module;

  // Singletons: the shapes no-module-singleton knows, with checkAllClasses.
  const singletons: Singleton[] = [];
  const violations: Violation[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const file of scanned.files) {
    const rel = relative(file.file);
    if (file.error !== undefined) errors.push({ file: rel, message: file.error });
    for (const message of file.messages) {
      if (message.ruleId === SHAPES_RULE) {
        const singleton = singletonOf(rel, message);
        if (singleton !== undefined) singletons.push(singleton);
      } else if (message.ruleId.startsWith('ssot/'))
        violations.push({
          file: rel,
          line: message.line,
          column: message.column,
          rule: message.ruleId,
          message: message.message,
        });
    }
  }
  singletons.sort((a, b) => bySite(a, b) || a.column - b.column);
  // Which class: the construction the rule reported (eager, memoized) or the one stored on that line (lazy, static).
  for (const [index, singleton] of singletons.entries()) {
    const fileFacts = facts.get(path.resolve(root, singleton.file));
    const candidates = (fileFacts?.constructions ?? []).filter(
      (c) => c.line === singleton.line && c.column >= singleton.column,
    );
    const construction = candidates.find((c) => c.column === singleton.column) ?? candidates[0];
    if (construction === undefined) continue;
    const identity = identify(path.resolve(root, singleton.file), construction.class);
    const module = moduleLabel(identity);
    if (identity.name === singleton.class && module !== undefined) singletons[index] = { ...singleton, module };
  }
  violations.sort(
    (a, b) =>
      bySite(a, b) || a.column - b.column || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message),
  );

  // Constructions: classes constructed in several modules, and connection-like globals.
  const constructed = new Map<string, { identity: ClassIdentity; sites: Site[]; files: Set<string> }>();
  for (const [file, fileFacts] of facts) {
    for (const construction of fileFacts.constructions) {
      const identity = identify(file, construction.class);
      const key = `${identity.global ? 'global' : (identity.module ?? '')}\0${identity.name}`;
      let entry = constructed.get(key);
      if (entry === undefined) constructed.set(key, (entry = { identity, sites: [], files: new Set() }));
      entry.sites.push({ file: relative(file), line: construction.line });
      entry.files.add(file);
    }
  }
  const constructions: Construction[] = [...constructed.values()]
    .filter((entry) => entry.identity.global || entry.files.size > 1)
    .map((entry) => {
      const module = moduleLabel(entry.identity);
      return {
        class: entry.identity.name,
        ...(module === undefined ? {} : { module }),
        ...(entry.identity.global ? { global: true as const } : {}),
        sites: entry.sites.sort(bySite),
      };
    })
    .sort((a, b) => compareStrings(a.class, b.class) || compareStrings(a.module ?? '', b.module ?? ''));

  // Factory candidates.
  const factories: Factory[] = [];
  const seenFactories = new Set<string>();
  for (const [file, fileFacts] of facts) {
    const exportedNames = new Set(fileFacts.declarations.filter((d) => d.exported).map((d) => d.name));
    for (const factory of fileFacts.factories) {
      const identity = identify(file, factory.class);
      if (identity.global) continue;
      const key = `${file}\0${factory.name}\0${identity.module ?? ''}\0${identity.name}`;
      if (seenFactories.has(key)) continue;
      seenFactories.add(key);
      const classModule = moduleLabel(identity);
      factories.push({
        name: factory.name,
        module: relative(file),
        line: factory.line,
        class: identity.name,
        ...(classModule === undefined ? {} : { classModule }),
        keeps: factory.keeps,
        exported: exportedNames.has(factory.name.split('.')[0] ?? factory.name),
      });
    }
  }
  factories.sort(
    (a, b) =>
      compareStrings(a.module, b.module) ||
      a.line - b.line ||
      compareStrings(a.name, b.name) ||
      compareStrings(a.class, b.class),
  );

  // Duplicates: the same top-level name declared in several modules, at least one of which exports it
  // (a private copy of a shared name is drift; private helpers that happen to share a name are not).
  const byName = new Map<
    string,
    { file: string; definition: DefinitionKey; kind: DeclarationKind; line: number; exported: boolean }[]
  >();
  for (const [file, fileFacts] of facts) {
    if (/\.d\.[cm]?ts$/.test(file)) continue;
    const seen = new Set<string>();
    for (const declaration of fileFacts.declarations) {
      // Declaration merging (interface + class, overloads) in one module is one definition.
      if (seen.has(declaration.name)) continue;
      seen.add(declaration.name);
      const list = byName.get(declaration.name) ?? [];
      list.push({
        file,
        definition: { file, name: declaration.name },
        kind: declaration.kind,
        line: declaration.line,
        exported: declaration.exported,
      });
      byName.set(declaration.name, list);
    }
  }
  const duplicates: Duplicate[] = [...byName]
    .filter(([, list]) => list.length > 1 && list.some((entry) => entry.exported || entry.kind === 'class'))
    .map(([name, list]) => {
      const kinds = new Set(list.map((entry) => entry.kind));
      const [only] = kinds;
      return {
        name,
        kind: kinds.size === 1 && only !== undefined ? only : ('mixed' as const),
        definitions: list
          .map((entry) => ({
            file: relative(entry.file),
            line: entry.line,
            kind: entry.kind,
            exported: entry.exported,
            importers: index.importersOf(entry.definition).size,
          }))
          .sort(bySite),
      };
    })
    .sort((a, b) => compareStrings(a.name, b.name));

  // Competing entries: one definition exported by several modules.
  const entries: Entry[] = [];
  for (const [file, fileFacts] of facts) {
    for (const declaration of fileFacts.declarations) {
      if (!declaration.exported) continue;
      const exporters = index.exportersOf({ file, name: declaration.name });
      if (exporters.size < 2) continue;
      entries.push({
        name: declaration.name,
        definition: { file: relative(file), line: declaration.line },
        modules: [...exporters]
          .map(([module, as]) => ({ file: relative(module), as }))
          .sort((a, b) => compareStrings(a.file, b.file)),
      });
    }
  }
  const uniqueEntries = [
    ...new Map(entries.map((entry) => [`${entry.definition.file}\0${entry.name}`, entry])).values(),
  ].sort((a, b) => compareStrings(a.name, b.name) || bySite(a.definition, b.definition));

  // DI container registrations and declared lifetimes.
  const registrations: ContainerRegistration[] = [];
  const defaults = new Set<ContainerRegistration>();
  for (const [file, fileFacts] of facts) {
    for (const fact of fileFacts.registrations ?? []) {
      const identity = identify(file, fact.class);
      const module = moduleLabel(identity);
      const registration: ContainerRegistration = {
        file: relative(file),
        line: fact.line,
        class: identity.name,
        ...(module === undefined ? {} : { module }),
        container: fact.container,
        lifetime: fact.lifetime,
        how: fact.how,
      };
      registrations.push(registration);
      if (fact.byDefault) defaults.add(registration);
    }
  }
  registrations.sort((a, b) => bySite(a, b) || compareStrings(a.class, b.class));

  const services = registeredServices(scanned.settings, violations);
  const proposal = propose({
    containers: containerProposal(registrations, defaults),
    constructions,
    factories,
    singletons,
    duplicates,
    entries: uniqueEntries,
    moduleImporters: (file) => index.moduleImporters(path.resolve(root, file)),
  });

  const usage = proposal.services.map((service): ServiceUsage => {
    const construction = [...constructed.values()].find(({ identity }) =>
      service.global === true
        ? identity.global && identity.name === service.class
        : identity.name === service.class && moduleLabel(identity) === service.module,
    );
    const files = [...new Set((construction?.sites ?? []).map((site) => site.file))].sort(compareStrings);
    const factoryModule =
      service.factory !== undefined && 'module' in service.factory ? service.factory.module : undefined;
    const home = new Set([
      service.module,
      factoryModule,
      ...(service.allow ?? []).filter((glob) => !glob.includes('*')),
    ]);
    const allowedTest = (service.allow ?? []).includes(TEST_GLOB);
    const constructedIn = files.map((file) => ({
      file,
      outside: !home.has(file) && !(allowedTest && TEST_FILE.test(file)),
    }));
    const importedBy =
      service.module === undefined
        ? []
        : [...index.importersOf({ file: path.resolve(root, service.module), name: service.class })]
            .map(relative)
            .sort(compareStrings);
    const held =
      service.lifetime === 'singleton'
        ? []
        : singletons.filter(
            (singleton) =>
              singleton.class === service.class && (service.global === true || singleton.module === service.module),
          );
    return {
      service: service.name,
      class: service.class,
      ...(service.module === undefined ? {} : { module: service.module }),
      ...(service.global === true ? { global: true as const } : {}),
      ...(service.factory === undefined || !('name' in service.factory)
        ? {}
        : { factory: service.factory.name, factoryModule: service.factory.module }),
      lifetime: service.lifetime ?? 'scoped',
      constructedIn,
      importedBy,
      issues: constructedIn.filter((entry) => entry.outside).length + held.length,
    };
  });

  return {
    version: packageInfo.version,
    root: displayRoot,
    files: facts.size,
    errors: errors.sort((a, b) => compareStrings(a.file, b.file)),
    singletons,
    duplicates,
    constructions,
    factories,
    entries: uniqueEntries,
    violations,
    services,
    proposal,
    usage,
    ...(registrations.length === 0 ? {} : { registrations }),
  };
}

function registeredServices(settings: unknown, violations: readonly Violation[]): ServiceStatus[] {
  if (
    typeof settings !== 'object' ||
    settings === null ||
    !('services' in settings) ||
    !Array.isArray(settings.services)
  )
    return [];
  const names = (settings.services as unknown[])
    .map((service) =>
      typeof service === 'object' && service !== null && 'name' in service && typeof service.name === 'string'
        ? service.name
        : undefined,
    )
    .filter((name): name is string => name !== undefined);
  // Messages name their service; attribute each violation to the longest service name it mentions.
  const longestFirst = [...names].sort((a, b) => b.length - a.length);
  const counts = new Map(names.map((name) => [name, 0]));
  for (const violation of violations) {
    const name = longestFirst.find((candidate) => violation.message.includes(candidate));
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return names.map((name) => ({ name, violations: counts.get(name) ?? 0 }));
}

interface ProposalInput {
  readonly constructions: readonly Construction[];
  readonly factories: readonly Factory[];
  readonly singletons: readonly Singleton[];
  readonly duplicates: readonly Duplicate[];
  readonly entries: readonly Entry[];
  /** How many modules import the (root-relative) file. */
  readonly moduleImporters: (file: string) => number;
  /** Lifetimes DI containers declare explicitly, by `module\0class`. */
  readonly containers?: ReadonlyMap<string, { readonly container: string; readonly lifetime: 'singleton' | 'scoped' }>;
}

const TEST_FILE = /(?:^|\/)__tests__\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;
/** The allow glob a proposal gives a service constructed in tests. */
const TEST_GLOB = '**/*.{test,spec}.*';

/**
 * Which factory candidate a class's service gets: a function or the class's own static method
 * (`AuthService.getInstance`) first, then a static method of another class — which often keeps its
 * own copy of the instance (`NotificationCenter.getInstance` holding a `WebSocketManager`).
 */
function factoryRank(factory: Factory): number {
  const dot = factory.name.indexOf('.');
  return dot === -1 || factory.name.slice(0, dot) === factory.class ? 0 : 1;
}

/** Services for classes with a factory candidate or constructed in several modules; globals; sources. */
export function propose(input: ProposalInput): { services: ProposedService[]; sources: ProposedSource[] } {
  const candidates = new Map<string, { class: string; module: string; factory?: Factory }>();
  for (const factory of input.factories) {
    // The registry's factory is exported: a function (`getManager`) or, as a member path, a static
    // method of an exported class (`Registry.getInstance`).
    if (factory.classModule === undefined) continue;
    const key = `${factory.classModule}\0${factory.class}`;
    const usable = factory.exported ? factory : undefined;
    const existing = candidates.get(key);
    if (existing === undefined)
      candidates.set(key, {
        class: factory.class,
        module: factory.classModule,
        ...(usable === undefined ? {} : { factory: usable }),
      });
    else if (
      usable !== undefined &&
      (existing.factory === undefined || factoryRank(usable) < factoryRank(existing.factory))
    )
      existing.factory = usable;
  }
  for (const construction of input.constructions) {
    if (construction.global === true || construction.module === undefined) continue;
    const key = `${construction.module}\0${construction.class}`;
    if (!candidates.has(key)) candidates.set(key, { class: construction.class, module: construction.module });
  }
  // Classes a container declares a lifetime for are services too; the container is their factory unless a function is.
  for (const key of input.containers?.keys() ?? []) {
    const [module = '', name = ''] = key.split('\0');
    if (!candidates.has(key)) candidates.set(key, { class: name, module });
  }
  const classCounts = new Map<string, number>();
  for (const candidate of candidates.values())
    classCounts.set(candidate.class, (classCounts.get(candidate.class) ?? 0) + 1);

  const services: ProposedService[] = [];
  for (const candidate of candidates.values()) {
    const factory = candidate.factory;
    const held = input.singletons.filter(
      (singleton) => singleton.class === candidate.class && singleton.module === candidate.module,
    );
    // The code already keeps its instance in the class's own module or in the factory that hands it out.
    // A factory keeping it in a map hands out one per key: not a singleton.
    const keepsOne = factory?.keeps !== 'map';
    const homes = new Set([candidate.module, ...(factory !== undefined && keepsOne ? [factory.module] : [])]);
    const singleton = held.length > 0 && held.every((entry) => homes.has(entry.file)) && keepsOne;
    const service: ProposedService = {
      name: (classCounts.get(candidate.class) ?? 0) > 1 ? `${candidate.class} (${candidate.module})` : candidate.class,
      class: candidate.class,
      module: candidate.module,
    };
    // A factory keeping instances in a map hands out one per key: per user or request, so every call
    // must pass the key's source (ssot/require-scope-argument; the first argument unless told otherwise).
    if (factory !== undefined)
      service.factory = { name: factory.name, module: factory.module, ...(keepsOne ? {} : { scope: {} }) };
    const sites =
      input.constructions.find((entry) => entry.class === candidate.class && entry.module === candidate.module)
        ?.sites ?? [];
    if (sites.some((site) => TEST_FILE.test(site.file))) service.allow = [TEST_GLOB];
    if (singleton) service.lifetime = 'singleton';
    const declared = input.containers?.get(`${candidate.module}\0${candidate.class}`);
    if (declared !== undefined) {
      service.factory ??= { container: declared.container };
      if (declared.lifetime === 'singleton') service.lifetime = 'singleton';
      else delete service.lifetime;
    }
    services.push(service);
  }
  for (const construction of input.constructions) {
    if (construction.global !== true) continue;
    // The module that constructs it most often owns it (ties: the first path).
    const perFile = new Map<string, number>();
    for (const site of construction.sites) perFile.set(site.file, (perFile.get(site.file) ?? 0) + 1);
    // The module that constructs it most often owns it; ties: the most imported one (a shared transport,
    // not a leaf that opened its own socket), then the first path.
    const [owner] = [...perFile].sort(
      ([a, countA], [b, countB]) =>
        countB - countA || input.moduleImporters(b) - input.moduleImporters(a) || compareStrings(a, b),
    );
    services.push({
      name: `global ${construction.class}`,
      class: construction.class,
      global: true,
      ...(owner === undefined ? {} : { allow: [owner[0]] }),
    });
  }
  services.sort((a, b) => compareStrings(a.name, b.name));

  // Sources: for each duplicated name, the most-imported definition.
  const byModule = new Map<string, Set<string>>();
  for (const duplicate of input.duplicates) {
    const [source] = [...duplicate.definitions].sort((a, b) => b.importers - a.importers || bySite(a, b));
    if (source === undefined) continue;
    const names = byModule.get(source.file) ?? new Set();
    names.add(duplicate.name);
    byModule.set(source.file, names);
  }
  const sources: ProposedSource[] = [...byModule]
    .map(([module, names]) => {
      const entries = new Set<string>();
      for (const entry of input.entries)
        if (entry.definition.file === module && names.has(entry.name))
          for (const exporter of entry.modules) if (exporter.file !== module) entries.add(exporter.file);
      return {
        module,
        names: [...names].sort(compareStrings),
        ...(entries.size === 0 ? {} : { entries: [...entries].sort(compareStrings) }),
      };
    })
    .sort((a, b) => compareStrings(a.module, b.module));
  return { services, sources };
}

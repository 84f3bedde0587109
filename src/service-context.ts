/**
 * The per-file service context: everything the rules ask about services in one file, answered once
 * and shared by every rule that lints the file. Build it with {@link serviceContextOf} in a rule's
 * `create`; read {@link ServiceContext.mentioned} first (a text test, no AST) and return no
 * listeners when it is empty — most files end there.
 *
 * ```ts
 * create(context) {
 *   const services = serviceContextOf(context);
 *   if (services.applicable.length === 0) return {};
 *   return serviceVisitor(services, { construct: ({ node, service }) => … });
 * }
 * ```
 */
import path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { BoundedMap } from './bounded-map.js';
import { messageDataOf, type ServiceMessageData } from './messages.js';
import { factoryAt as factoryOf, mentionedFactories, type FactoryService } from './factories.js';
import { importedBinding, mentionedServices, originOf, serviceBinding, serviceOf, serviceWords } from './identity.js';
import { sameBinding, type Binding } from './module-graph.js';
import { localExportNames } from './module-scope.js';
import { getRegistry, registryOf, type Registry, type Service } from './registry.js';
import { normalizeModulePath } from './resolution.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

interface RuleContextLike {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly cwd: string;
  readonly filename: string;
  readonly sourceCode: SourceCode;
}

/** The service behind a module reference, and the name it is taken by (`'*'`: the whole module object). */
export interface ServiceContext {
  readonly registry: Registry;
  readonly filename: string;
  readonly sourceCode: SourceCode;
  /** Every registered service whose class this file may spell, by any name its module exports it as (a text test: no AST). */
  readonly mentioned: readonly Service[];
  /** `mentioned` minus the services this file is home to or `allow`ed for: the ones whose use here is restricted. */
  readonly applicable: readonly Service[];
  /** Services whose own module or factory module this file is. */
  readonly homes: readonly Service[];
  /** Scoped services with a factory whose name the file may spell (a text test). */
  readonly factoryServices: readonly Service[];
  /** Is this file the service's own module or its factory module? */
  isHome(service: Service): boolean;
  /** Is this file exempt for the service (home or `allow`ed)? */
  isExempt(service: Service): boolean;
  /**
   * The service whose class `node` (a callee, a superclass, a `Reflect.construct` target) is, among
   * `candidates` (default: `applicable`): by identity through imports, barrels, packages and
   * CommonJS; in the service's own module, its local class when the module exports it.
   */
  serviceAt(node: TSESTree.Node, candidates?: readonly Service[]): Service | undefined;
  /** The scoped service whose factory `callee` is (imported directly or through barrels, or declared here). */
  factoryAt(callee: TSESTree.Node): Service | undefined;
  /** Services (applicable here) whose own module `specifier` is. */
  servicesReachedBy(specifier: string): readonly Service[];
  /** Services (applicable here) whose class the export `name` of `specifier` is (`'='`: the module object), whichever module re-exports it. */
  servicesImportedAs(specifier: string, name: string): readonly Service[];
  /** Message placeholders for `service` (one shape for every rule). */
  messageData(service: Service): ServiceMessageData;
}

const emptyRegistries = new BoundedMap<string, Registry>(50);

/**
 * The registry of `settings.ssot`, or — with `optional` and no settings — an empty one (no
 * services), so a rule never branches on a missing registry.
 */
function registryOrEmpty(
  context: Omit<RuleContextLike, 'sourceCode' | 'filename'> & { readonly filename: string },
  optional: boolean,
): Registry {
  if (!optional || context.settings.ssot !== undefined) return registryOf(context);
  return emptyRegistries.getOrCompute(context.cwd, () => getRegistry({ services: [] }, context.cwd));
}

let current:
  | {
      readonly sourceCode: SourceCode;
      readonly text: string;
      readonly registry: Registry;
      readonly filename: string;
      readonly context: ServiceContext;
    }
  | undefined;

/**
 * The service context of the file `context` lints, built once per file and registry and shared by
 * every rule (oxlint and ESLint lint one file at a time per thread). `optional`: without
 * `settings.ssot`, an empty registry instead of a configuration error.
 */
export function serviceContextOf(context: RuleContextLike, optional = false): ServiceContext {
  const registry = registryOrEmpty(context, optional);
  const { sourceCode, filename } = context;
  const { text } = sourceCode;
  if (
    current?.sourceCode === sourceCode &&
    current.text === text &&
    current.registry === registry &&
    current.filename === filename
  )
    return current.context;
  const built = createServiceContext(registry, sourceCode, filename);
  current = { sourceCode, text, registry, filename, context: built };
  return built;
}

function createServiceContext(registry: Registry, sourceCode: SourceCode, filename: string): ServiceContext {
  // Computed on first need: most files never ask (no service mentioned).
  let fileId: string | undefined;
  const idOfFile = (): string => (fileId ??= normalizeModulePath(filename));
  let mentioned: readonly Service[] | undefined;
  let applicable: readonly Service[] | undefined;
  let homes: readonly Service[] | undefined;
  let factoryServices: readonly FactoryService[] | undefined;
  let exempt: readonly Service[] | undefined;
  let exportsOfFile: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  let reachedBy: Map<string, readonly Service[]> | undefined;
  let importedAs: Map<string, readonly Service[]> | undefined;

  const isHome = (service: Service): boolean => service.homeIds.has(idOfFile());
  const allowedHere = (): readonly Service[] => (exempt ??= registry.servicesFor(filename));
  const exportedAs = (local: string, name: string): boolean => {
    exportsOfFile ??= localExportNames(sourceCode.ast);
    return local === name || exportsOfFile.get(local)?.has(name) === true;
  };

  const self: ServiceContext = {
    registry,
    filename,
    sourceCode,
    get mentioned() {
      return (mentioned ??= mentionedServices(registry.services, sourceCode, registry));
    },
    get applicable() {
      if (applicable === undefined) {
        const restricted = this.mentioned.length === 0 ? [] : allowedHere();
        applicable = this.mentioned.filter((service) => restricted.includes(service));
      }
      return applicable;
    },
    get homes() {
      return (homes ??= registry.services.filter(isHome));
    },
    get factoryServices() {
      return (factoryServices ??= mentionedFactories(registry.services, sourceCode).filter(
        (service) => service.lifetime === 'scoped',
      ));
    },
    isHome,
    isExempt: (service) => !allowedHere().includes(service),
    serviceAt(node, candidates = self.applicable) {
      if (candidates.length === 0) return undefined;
      const found = serviceOf(node, candidates, registry, sourceCode, filename);
      if (found !== undefined) return found;
      // In the service's own module, the class is a local binding the module exports.
      const own = candidates.filter((service) => service.module?.kind === 'file' && service.module.id === idOfFile());
      if (own.length === 0) return undefined;
      const origin = originOf(node, sourceCode);
      if (origin?.kind !== 'local') return undefined;
      return own.find((service) => exportedAs(origin.name, service.className));
    },
    factoryAt(callee) {
      // Every spelling of the factory, member paths (`Factory.getX`) too: src/factories.ts.
      return factoryOf(
        callee,
        (factoryServices ??= mentionedFactories(registry.services, sourceCode).filter(
          (service) => service.lifetime === 'scoped',
        )),
        registry,
        sourceCode,
        filename,
      );
    },
    servicesReachedBy(specifier) {
      reachedBy ??= new Map();
      let result = reachedBy.get(specifier);
      if (result === undefined) {
        const reached = registry.services.filter(
          (service) => service.module !== undefined && registry.refersTo(specifier, filename, service.module),
        );
        const restricted = reached.length === 0 ? reached : allowedHere();
        result = reached.filter((service) => restricted.includes(service));
        reachedBy.set(specifier, result);
      }
      return result;
    },
    servicesImportedAs(specifier, name) {
      const key = `${specifier}\0${name}`;
      importedAs ??= new Map();
      let result = importedAs.get(key);
      if (result === undefined) {
        const direct = self.servicesReachedBy(specifier);
        // Only a name the class goes by (`serviceWords`, the rules' pre-filter) or the module's
        // default or `export =` value is followed through the module graph, once for all services.
        let imported: Binding | undefined;
        let asked = false;
        const found = registry.services.filter((service) => {
          if (service.module === undefined) return false;
          if (name === service.className && direct.includes(service)) return true;
          if (name !== 'default' && name !== '=' && !serviceWords(service, registry).includes(name)) return false;
          if (!asked) {
            imported = importedBinding(registry, filename, specifier, name);
            asked = true;
          }
          return sameBinding(imported, serviceBinding(service, registry, sourceCode));
        });
        const restricted = found.length === 0 ? found : allowedHere();
        result = found.filter((service) => restricted.includes(service));
        importedAs.set(key, result);
      }
      return result;
    },
    messageData: messageDataOf,
  };
  return self;
}

/** Is `filename` (relative to rootDir) matched by the service's `allow` globs? */
export function isAllowedFile(service: Service, registry: Registry, filename: string): boolean {
  return service.isAllowedPath(path.relative(registry.rootDir, filename).replaceAll('\\', '/'));
}

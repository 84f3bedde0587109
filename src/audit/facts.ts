/**
 * What the audit's collector rule records about one file. The facts travel as one ESLint message per
 * file (JSON in the message text), so they survive `--concurrency` (ESLint's worker threads) and any
 * host that only hands back lint results.
 */

/** Where a constructed class (or a stored instance's class) comes from, as seen from the file. */
export type ClassRef =
  /** Declared in this file. */
  | { readonly kind: 'local'; readonly name: string }
  /** Imported: `file` is the resolved absolute path (undefined when the specifier does not resolve). */
  | { readonly kind: 'import'; readonly name: string; readonly specifier: string; readonly file?: string }
  /** A global constructor (`WebSocket`, `window.Worker`). */
  | { readonly kind: 'global'; readonly name: string };

export type DeclarationKind = 'class' | 'function' | 'const' | 'let' | 'var' | 'type' | 'interface' | 'enum';

export interface DeclarationFact {
  readonly name: string;
  readonly kind: DeclarationKind;
  readonly line: number;
  readonly exported: boolean;
}

export interface ConstructionFact {
  readonly class: ClassRef;
  readonly line: number;
  readonly column: number;
}

export interface ImportFact {
  readonly specifier: string;
  /** Resolved absolute path; undefined for packages and unresolved specifiers. */
  readonly file?: string;
  /** Export names imported for the module's own use (`'*'`: a namespace import); empty for `export … from`. */
  readonly names: readonly string[];
  /** Names re-exported (`export … from`, or `export { x }` of an imported `x`): `[imported, exportedAs]`; `['*', '*']` for `export *`. */
  readonly reexports: readonly (readonly [string, string])[];
  readonly typeOnly: boolean;
}

export interface FactoryFact {
  /** `getManager` or `Registry.getInstance`. */
  readonly name: string;
  readonly class: ClassRef;
  /** How the instance is kept: in a Map-like `.set(key, …)`, a module binding, or a static member. */
  readonly keeps: 'map' | 'binding' | 'static';
  readonly line: number;
}

/** A DI container's lifetime for a class: a registration (`registerSingleton(C)`, `bind(C)…inRequestScope()`) or a class decorator. */
export interface RegistrationFact {
  readonly class: ClassRef;
  /** `nestjs`, `angular`, `tsyringe`, `inversify`. */
  readonly container: string;
  readonly lifetime: 'singleton' | 'scoped' | 'transient';
  /** The framework's default (NestJS `@Injectable()`), not an explicit choice. */
  readonly byDefault: boolean;
  /** `registerSingleton()`, `@Injectable({ scope: Scope.REQUEST })`. */
  readonly how: string;
  readonly line: number;
}

export interface FileFacts {
  readonly declarations: readonly DeclarationFact[];
  readonly constructions: readonly ConstructionFact[];
  readonly imports: readonly ImportFact[];
  readonly factories: readonly FactoryFact[];
  /** Container registrations and declared lifetimes (absent when the file has none). */
  readonly registrations?: readonly RegistrationFact[];
  /** The local name of `export default class X` / `export default X`, when it has one. */
  readonly defaultName?: string;
}

/** The rule id the collector runs under; its messages carry the facts. */
export const COLLECTOR_NAMESPACE = 'ssot-audit';
export const COLLECTOR_RULE = `${COLLECTOR_NAMESPACE}/collect`;
/** `no-module-singleton` with `checkAllClasses`, registered a second time under the audit's namespace. */
export const SHAPES_RULE = `${COLLECTOR_NAMESPACE}/singleton-shapes`;

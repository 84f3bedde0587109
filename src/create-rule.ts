import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { BoundedMap } from './bounded-map.js';
import { SsotConfigError } from './settings.js';

/** Where each rule's documentation lives; `docs.url` is derived from the rule name. */
const DOCS_BASE_URL = 'https://github.com/eslint-plugin-ssot/eslint-plugin-ssot/blob/main/docs/rules';

export interface SsotRuleDocs {
  /** Part of `ssot/recommended` (and so of `ssot.configure(...)`). */
  recommended?: boolean;
  /** Part of `ssot/strict`; every recommended rule is strict too. */
  strict?: boolean;
  /** Options the rule gets in `ssot/strict` (defaults otherwise). */
  strictOptions?: readonly unknown[];
}

/** A rule as `createRule` returns it: typescript-eslint's `RuleModule` with its name. */
export type SsotRule<Options extends readonly unknown[], MessageIds extends string> = RuleModule<
  MessageIds,
  Options,
  SsotRuleDocs
> & { name: string };

/**
 * The shape typescript-eslint's `RuleCreator` gives a rule (docs URL from the rule name, typed options
 * and messages), built here without its runtime: its per-file options merge is not needed — ESLint
 * (9.15 and later, all this plugin supports) and oxlint already merge `meta.defaultOptions` into
 * `context.options`, and the wrapper structured-cloned the defaults again for every rule and file
 * (about a quarter of the rules' time on the benchmark corpus) — and importing it cost every process
 * loading the plugin a few milliseconds (docs/performance.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, SsotRuleDocs>>,
): SsotRule<Options, MessageIds> {
  return {
    name: rule.name,
    // typescript-eslint's `RuleModule` type still declares the ESLint 8 copy of the defaults.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- set so the type (and ESLint 8-era tools) see the defaults
    defaultOptions: rule.meta.defaultOptions ?? ([] as unknown as Options),
    meta: {
      ...rule.meta,
      docs: { ...rule.meta.docs, url: `${DOCS_BASE_URL}/${rule.name}.md` },
      // ESLint ≥ 10 then refuses to run the rule on JSON, Markdown or CSS (with an error naming the language).
      languages: JS_LANGUAGES,
    } as SsotRule<Options, MessageIds>['meta'],
    create(context) {
      // ESLint 9 ignores `meta.languages`: a rule given another language's source code does nothing.
      // Declaration files construct and import nothing at run time.
      if (!isJavaScriptSourceCode(context.sourceCode) || isDeclarationFile(context.filename)) return {};
      try {
        return rule.create(context, context.options);
      } catch (error) {
        if (reportedBefore(error, context.settings)) return {};
        throw error;
      }
    },
  };
}

const reportedErrors = new BoundedMap<string, true>(100);

/**
 * Has this configuration error been thrown before in this process, to a host that lints on after a
 * rule throws? oxlint prints a rule's error for every file and goes on (one settings typo, 65 copies
 * on 66 files), handing each file a fresh deep-frozen JSON copy of the settings: there, an error is
 * reported once per process, on the first file. ESLint stops at the first error (the CLI) or shows it
 * for the file being linted (editors); its settings are not frozen, and it gets the error every time.
 */
function reportedBefore(error: unknown, settings: unknown): boolean {
  if (!(error instanceof SsotConfigError) || !Object.isFrozen(settings)) return false;
  if (reportedErrors.has(error.message)) return true;
  reportedErrors.set(error.message, true);
  return false;
}

/** The languages every rule supports: ESLint's JavaScript language (espree, `@typescript-eslint/parser`, …). */
const JS_LANGUAGES: readonly string[] = ['js/js'];

/**
 * Is this JavaScript's `SourceCode` (ESLint's or oxlint's), with a scope manager? Markdown, JSON and
 * CSS source codes have neither `getScope` nor `getAllComments`. Asked without touching the AST,
 * which oxlint deserialises only on demand.
 */
export function isJavaScriptSourceCode(sourceCode: unknown): boolean {
  // `in`, not a property read: the question is what kind of SourceCode this is, and reading nothing
  // keeps the "no AST, no scopes for files that cannot refer to a service" guarantee checkable.
  return (
    typeof sourceCode === 'object' && sourceCode !== null && 'getScope' in sourceCode && 'getAllComments' in sourceCode
  );
}

/** `x.d.ts`, `x.d.mts`, `x.d.cts`, and TypeScript's `x.d.json.ts`-style `x.d.<ext>.ts`. */
export function isDeclarationFile(filename: string): boolean {
  return filename.includes('.d.') && /\.d(?:\.[^./\\]+)?\.[cm]?ts$/.test(filename);
}

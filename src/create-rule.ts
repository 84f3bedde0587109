import { RuleCreator, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** Where each rule's documentation lives; `docs.url` is derived from the rule name. */
export const DOCS_BASE_URL = 'https://github.com/eslint-plugin-ssot/eslint-plugin-ssot/blob/main/docs/rules';

export interface SsotRuleDocs {
  /** Part of `ssot/recommended` (and so of `ssot.configure(...)`). */
  recommended?: boolean;
  /** Part of `ssot/strict`; every recommended rule is strict too. */
  strict?: boolean;
  /** Options the rule gets in `ssot/strict` (defaults otherwise). */
  strictOptions?: readonly unknown[];
}

const ruleCreator = RuleCreator<SsotRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);

/**
 * typescript-eslint's `RuleCreator` (docs URL from the rule name, typed options and messages), minus
 * its per-file options merge: ESLint (9.15 and later, all this plugin supports) and oxlint already
 * merge `meta.defaultOptions` into `context.options`, and typescript-eslint's wrapper structured-clones
 * the defaults again for every rule and file, which took about a quarter of the rules' time on the
 * benchmark corpus (docs/performance.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, SsotRuleDocs>>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  return { ...ruleCreator(rule), create: (context) => rule.create(context, context.options) };
}

import { RuleCreator, applyDefault, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

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
 * typescript-eslint's `RuleCreator` (docs URL from the rule name, typed options and messages), with
 * `meta.defaultOptions` merged into the options once per distinct options instead of on every file:
 * its own `create` structured-clones the defaults for each rule and file, which took about a quarter
 * of the rules' time on the benchmark corpus (docs/performance.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, SsotRuleDocs>>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const created = ruleCreator(rule);
  const defaults = rule.meta.defaultOptions;
  const merged = new Map<string, Options>();
  return {
    ...created,
    create(context) {
      if (defaults === undefined) return rule.create(context, context.options);
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        options = applyDefault<Options, Options>(defaults, context.options);
        if (merged.size >= 100) merged.clear();
        merged.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}

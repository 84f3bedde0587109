import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

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

export const createRule = RuleCreator<SsotRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);

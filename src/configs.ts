/** `ssot/recommended` and `ssot/strict`, computed from rule metadata (never hand-listed). */
import type { TSESLint } from '@typescript-eslint/utils';
import type { SsotRuleDocs } from './create-rule.js';

export interface RuleWithDocs {
  readonly meta: { readonly docs?: SsotRuleDocs };
}

export type RulesConfig = Record<string, TSESLint.SharedConfig.RuleEntry>;

/** Rules in `recommended` (as errors), or in `strict` (every recommended rule too, with its strict options). */
export function rulesFor(rules: Readonly<Record<string, RuleWithDocs>>, level: 'recommended' | 'strict'): RulesConfig {
  const result: RulesConfig = {};
  for (const [name, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const docs = rule.meta.docs;
    if (docs === undefined) continue;
    if (level === 'recommended' && docs.recommended === true) result[`ssot/${name}`] = 'error';
    if (level === 'strict' && (docs.recommended === true || docs.strict === true)) {
      result[`ssot/${name}`] = docs.strictOptions === undefined ? 'error' : ['error', ...docs.strictOptions];
    }
  }
  return result;
}

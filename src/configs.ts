/** `ssot/recommended` and `ssot/strict`, computed from rule metadata (never hand-listed). */
import type { ESLint, Linter } from 'eslint';
import type { SsotRuleDocs } from './create-rule.js';

export interface RuleWithDocs {
  readonly meta: { readonly docs?: SsotRuleDocs };
}

/** Rules in `recommended` (as errors), or in `strict` (every recommended rule too, with its strict options). */
export function rulesFor(
  rules: Readonly<Record<string, RuleWithDocs>>,
  level: 'recommended' | 'strict',
): Linter.RulesRecord {
  const result: Linter.RulesRecord = {};
  // Code-unit order, not `localeCompare`: the first `localeCompare` of a process sets up the ICU collator
  // (milliseconds of CPU), which every ESLint process, `--concurrency` worker and editor would pay when
  // loading the plugin. Rule names are ASCII kebab-case, so both orders agree.
  for (const [name, rule] of Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const docs = rule.meta.docs;
    if (docs === undefined) continue;
    if (level === 'recommended' && docs.recommended === true) result[`ssot/${name}`] = 'error';
    if (level === 'strict' && (docs.recommended === true || docs.strict === true)) {
      result[`ssot/${name}`] = docs.strictOptions === undefined ? 'error' : ['error', ...docs.strictOptions];
    }
  }
  return result;
}

/**
 * Our rules as ESLint's own `Plugin['rules']` type. typescript-eslint's `RuleModule` describes the
 * same runtime objects with a richer context type that ESLint's declarations do not structurally
 * match (a known gap between the two type packages), so the public plugin type uses ESLint's view.
 */
export function asEslintRules(rules: Readonly<Record<string, RuleWithDocs>>): NonNullable<ESLint.Plugin['rules']> {
  return rules as unknown as NonNullable<ESLint.Plugin['rules']>;
}

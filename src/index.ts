/**
 * eslint-plugin-ssot: keeps a codebase's single source of truth intact. Managed services are created
 * only by their factory, never kept as module-level singletons, and never imported around the factory.
 */
import type { ESLint, Linter } from 'eslint';
import { rules } from '../rules/index.js';
import { asEslintRules, rulesFor } from './configs.js';
import { packageInfo } from './package-info.js';
import { parseSettings, type SsotSettings } from './settings.js';

export type { ServiceSettings, SourceSettings, SsotSettings } from './settings.js';

/** A flat-config object carrying the plugin (and, from `configure`, `settings.ssot`). */
export interface SsotFlatConfig extends Linter.Config {
  name: string;
  plugins: Record<string, ESLint.Plugin>;
  rules: Linter.RulesRecord;
}

export interface SsotPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: 'ssot' };
  rules: NonNullable<ESLint.Plugin['rules']>;
  configs: { recommended: SsotFlatConfig; strict: SsotFlatConfig };
  /**
   * One flat-config object: the plugin, the recommended rules and `settings.ssot`.
   * The settings are validated now, so a typo fails when the config loads.
   */
  configure(settings: SsotSettings): SsotFlatConfig & { settings: { ssot: SsotSettings } };
}

/**
 * The files every config applies to: JavaScript and TypeScript. Other languages (`@eslint/json`,
 * `@eslint/markdown`, `@eslint/css`) never reach a rule; other files parsed as JavaScript (`.vue`,
 * `.svelte`, `.astro`) are added with `{ ...ssot.configure(settings), files: [...] }`.
 */
export const JS_TS_FILES: string[] = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

const recommendedRules = rulesFor(rules, 'recommended');
const strictRules = rulesFor(rules, 'strict');

const plugin: SsotPlugin = {
  meta: { name: packageInfo.name, version: packageInfo.version, namespace: 'ssot' },
  rules: asEslintRules(rules),
  configs: {
    recommended: { name: 'ssot/recommended', files: JS_TS_FILES, plugins: {}, rules: recommendedRules },
    strict: { name: 'ssot/strict', files: JS_TS_FILES, plugins: {}, rules: strictRules },
  },
  configure(settings) {
    parseSettings(settings);
    return {
      name: 'ssot/configured',
      files: JS_TS_FILES,
      plugins: { ssot: plugin },
      rules: { ...recommendedRules },
      settings: { ssot: settings },
    };
  },
};
// Each config registers the plugin under `ssot` (it must exist before it can refer to itself).
plugin.configs.recommended.plugins.ssot = plugin;
plugin.configs.strict.plugins.ssot = plugin;

export default plugin;
// `require('eslint-plugin-ssot')` (CommonJS configs, Node's require(esm)) returns the plugin itself.
export { plugin as 'module.exports' };

// @ts-check
// Judge: the performance targets as data, and the verdict of each on a run's Metrics (bench/analyze.js).

/** @import { Metrics } from './analyze.js' */
/** @import { Mode } from './types.js' */

/**
 * One target: what it says, which figure it is judged on, the limit, and whether lower or higher passes.
 * `measure` picks the figure (and the context shown beside it) from the metrics; a figure that is not
 * finite (a rule or a run missing from the bench) gives no verdict.
 * @typedef {object} Target
 * @property {string} id
 * @property {string} text
 * @property {number} limit
 * @property {'at-most' | 'at-least'} kind
 * @property {(metrics: Metrics) => { value: number, shown: string }} measure
 */

/** @typedef {{ id: string, text: string, value: number, shown: string, pass: boolean | undefined }} Verdict */

const ms = (/** @type {number} */ value, digits = 0) => `${Number.isFinite(value) ? value.toFixed(digits) : 'n/a'} ms`;
const pct = (/** @type {number} */ ratio, digits = 1) =>
  Number.isFinite(ratio) ? `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(digits)}%` : 'n/a';
const MODES = /** @type {const} */ (['default', 'strict']);

/** @param {Mode} mode */
const perMode = (mode) =>
  /** @type {Target[]} */ ([
    {
      id: `process-${mode}`,
      text: `ESLint + ssot (${mode}): whole-process CPU time within noise of the floor`,
      // Cost in units of the noise: the median per-round CPU cost over the floor ÷ half the floor's own range.
      // The plugin adds work to the floor's, so a cost below minus the noise means the machine's load
      // moved between the runs more than the floor's own range shows: no verdict then, not a pass.
      limit: 1,
      kind: 'at-most',
      measure: (m) => {
        const { cpuCost } = m.modes[mode].process;
        const floor = m.cpu.floor?.median ?? Number.NaN;
        const inNoise = cpuCost.median / floor / m.noise;
        const shown = `${pct(cpuCost.median / floor)} (${ms(cpuCost.median)} CPU; per round ${ms(cpuCost.min)} to ${ms(cpuCost.max)}); noise ±${(m.noise * 100).toFixed(1)}%`;
        return inNoise < -1
          ? {
              value: Number.NaN,
              shown: `${shown}: below the floor by more than the noise, so the runs were disturbed; not judged`,
            }
          : { value: inNoise, shown };
      },
    },
    {
      id: `rules-share-${mode}`,
      text: `ssot rules (${mode}) ≤ 1% of lint time (--stats)`,
      limit: 0.01,
      kind: 'at-most',
      measure: (m) => {
        const { rules } = m.modes[mode];
        return {
          value: rules.share,
          shown: `${(rules.share * 100).toFixed(2)}% (${ms(rules.ms)} of ${ms(rules.lintMs)})`,
        };
      },
    },
    {
      id: `rules-per-file-${mode}`,
      text: `ssot rules (${mode}) ≤ 0.1 ms per file (--stats)`,
      limit: 0.1,
      kind: 'at-most',
      measure: (m) => ({
        value: m.modes[mode].rules.perFileMs,
        shown: `${m.modes[mode].rules.perFileMs.toFixed(3)} ms/file`,
      }),
    },
    {
      id: `oxlint-${mode}`,
      text: `oxlint + ssot (${mode}) ≥ 10× faster than ESLint + ssot (${mode}), wall time`,
      limit: 10,
      kind: 'at-least',
      measure: (m) => {
        const { speedup, speedupCpu } = m.modes[mode].oxlintRun;
        return { value: speedup, shown: `${speedup.toFixed(1)}× (CPU time ${speedupCpu.toFixed(1)}×)` };
      },
    },
  ]);

/**
 * A group of rules an issue budgets per file, judged without the first file (which pays the plugin's
 * one-time set-up in whichever rule runs first); the figure with it is shown beside.
 * @param {string} id
 * @param {string} rules
 * @param {(metrics: Metrics) => Metrics['lifetimeRules']} groupOf
 * @returns {Target}
 */
function groupTarget(id, rules, groupOf) {
  return {
    id,
    text: `${rules} ≤ 0.05 ms per file (--stats; the first file, which pays the plugin's one-time set-up, apart)`,
    limit: 0.05,
    kind: 'at-most',
    measure: (m) => {
      const group = groupOf(m);
      return {
        value: group.afterFirstMs / m.files,
        shown: `${(group.afterFirstMs / m.files).toFixed(3)} ms/file (${ms(group.afterFirstMs)}); first file ${ms(group.firstMs, 1)}, with it ${(group.ms / m.files).toFixed(3)} ms/file`,
      };
    },
  };
}

/** @type {readonly Target[]} */
export const TARGETS = [
  ...MODES.flatMap((mode) => perMode(mode)),
  groupTarget(
    'lifetime-rules',
    '`ssot/no-scoped-in-singleton` + `ssot/require-scope-argument` (default)',
    (m) => m.lifetimeRules,
  ),
  groupTarget(
    'source-rules',
    "`ssot/canonical-import` + `ssot/no-duplicate-definition` with `sources` = the libraries' public entries (run 10)",
    (m) => m.sourceRules,
  ),
  {
    id: 'original-rules',
    text: "The three original rules ≤ 1.2× their time in the baseline build (--stats, run 11; this build's module graph cold build apart, shown beside)",
    limit: 1.2,
    kind: 'at-most',
    measure: (m) => {
      const { original } = m;
      return {
        value: original.ratio,
        shown:
          original.runs === 0
            ? 'not measured (no baseline build)'
            : `${original.ratio.toFixed(2)}× (${ms(original.withoutGraphMs)} against ${ms(original.baselineMs)}); cold graph build ${ms(original.graphMs)} (${ms(original.deferredLoadMs)} of it loading what v0.1 loaded with the plugin), with it ${original.ratioWithGraph.toFixed(2)}×`,
      };
    },
  },
  {
    id: 'audit',
    text: '`eslint-plugin-ssot audit` ≤ 1.5× plain ESLint with the parser and no rules, same files and config (wall time)',
    // Per round (the two ran back to back), the median of the ratios.
    limit: 1.5,
    kind: 'at-most',
    measure: (m) => {
      const { wall, cpu } = m.audit;
      return {
        value: wall.ratio.median,
        shown: `${wall.ratio.median.toFixed(2)}× (${ms(wall.difference.median)} more per round; per round ${wall.ratio.min.toFixed(2)}× to ${wall.ratio.max.toFixed(2)}×; CPU ${cpu.ratio.median.toFixed(2)}×)`,
      };
    },
  },
  {
    id: 'load-time',
    text: 'Loading the plugin and validating its settings ≤ 15 ms (CPU time)',
    limit: 15,
    kind: 'at-most',
    measure: (m) => ({
      value: m.pluginLoad.cpuMs,
      shown: `${ms(m.pluginLoad.cpuMs, 1)} CPU (import ${ms(m.pluginLoad.importCpuMs, 1)}, settings ${ms(m.pluginLoad.configureCpuMs, 1)}; wall ${ms(m.pluginLoad.ms, 1)}); with the users' baseline loaded ${ms(m.pluginLoadRecommended.cpuMs, 1)} CPU`,
    }),
  },
  {
    id: 'load-memory',
    text: 'Loading the plugin adds ≤ 4 MiB resident memory',
    limit: 4 * 1024,
    kind: 'at-most',
    measure: (m) => ({ value: m.pluginLoad.rssKb, shown: `${(m.pluginLoad.rssKb / 1024).toFixed(1)} MiB` }),
  },
  {
    id: 'rss',
    text: 'Peak RSS of ESLint + ssot (strict) within 5% of the floor',
    limit: 0.05,
    kind: 'at-most',
    measure: (m) => {
      const ratio = m.modes.strict.rss.ratio.median - 1;
      return { value: ratio, shown: `${pct(ratio)} per round (median)` };
    },
  },
  {
    id: 'bypass-vs-peer',
    text: '`ssot/no-factory-bypass` ≤ ½ of `import-x/no-restricted-paths` (--stats)',
    limit: 0.5,
    kind: 'at-most',
    measure: (m) => {
      const bypass = m.modes.default.rules.perRule['ssot/no-factory-bypass']?.median ?? Number.NaN;
      const peer = m.peerRules['import-x/no-restricted-paths']?.median ?? Number.NaN;
      return { value: bypass / peer, shown: `${ms(bypass)} vs ${ms(peer)} (${(bypass / peer).toFixed(3)}×)` };
    },
  },
  {
    id: 'linear',
    text: 'Linear: ssot rule time per file (strict) at the largest scale ≤ 1.2 × at ×1',
    limit: 1.2,
    kind: 'at-most',
    measure: (m) => ({
      value: m.scaleRows.length > 1 ? m.worstGrowth : Number.NaN,
      shown:
        m.scaleRows.length > 1
          ? `${m.scaleRows.map((row) => `×${String(row.scale)} ${row.rulesPerFile.toFixed(3)}`).join(', ')} ms/file (worst ${m.worstGrowth.toFixed(2)}×)`
          : 'not measured (one scale)',
    }),
  },
];

/**
 * @param {Metrics} metrics
 * @param {readonly Target[]} [targets]
 * @returns {Verdict[]}
 */
export function judge(metrics, targets = TARGETS) {
  return targets.map((target) => {
    const { value, shown } = target.measure(metrics);
    const pass = Number.isFinite(value)
      ? target.kind === 'at-most'
        ? value <= target.limit
        : value >= target.limit
      : undefined;
    return { id: target.id, text: target.text, value, shown, pass };
  });
}

// @ts-check
// Compute: turns the raw samples of bench/run.js (Results) into the figures the targets are judged on
// and the page shows (Metrics). No formatting and no verdicts here.

/** @import { Mode, Results, Sample, Spread } from './types.js' */

/** @param {readonly number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * @param {readonly number[]} values
 * @returns {Spread}
 */
export function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export const isSsot = (/** @type {string} */ id) => id.startsWith('ssot/');

/**
 * The time `--stats` gives the rules matching `filter` in one run (ms, all files).
 * @param {Sample} sample
 * @param {(id: string) => boolean} filter
 */
export function rulesTime(sample, filter) {
  return Object.entries(sample.stats?.rules ?? {}).reduce((sum, [id, time]) => (filter(id) ? sum + time : sum), 0);
}

/**
 * The rules `ids` together in `--stats` runs: their time over all files, and without the first file
 * (which pays the plugin's one-time set-up in whichever rule runs first), medians over the runs (ms).
 * @param {readonly Sample[]} samples
 * @param {readonly string[]} ids
 */
export function ruleGroup(samples, ids) {
  const total = (/** @type {Readonly<Record<string, number>> | undefined} */ times) =>
    ids.reduce((sum, id) => sum + (times?.[id] ?? 0), 0);
  return {
    ms: median(samples.map((sample) => total(sample.stats?.rules))),
    afterFirstMs: median(samples.map((sample) => total(sample.stats?.rules) - total(sample.stats?.first))),
    firstMs: median(samples.map((sample) => total(sample.stats?.first))),
  };
}

/**
 * Per-round comparison of two interleaved variants: `a − b` and `a / b` within each round (both ran
 * back to back, so load that drifts during the bench cancels out), their medians and ranges.
 * @param {readonly Sample[]} a
 * @param {readonly Sample[]} b
 * @param {'cpuMs' | 'wallMs' | 'rssKb'} key
 */
function paired(a, b, key) {
  const rounds = Math.min(a.length, b.length);
  const differences = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const x = /** @type {Sample} */ (a[round])[key];
    const y = /** @type {Sample} */ (b[round])[key];
    differences.push(x - y);
    ratios.push(x / y);
  }
  return { difference: spread(differences), ratio: spread(ratios) };
}

/** @param {Results} results */
export function analyze(results) {
  const { corpus, main, stats, scaling } = results;
  const files = corpus.files;
  const samplesOf = (/** @type {string} */ variant) => main[variant] ?? [];
  /** @param {'wallMs' | 'cpuMs' | 'rssKb'} key */
  const spreads = (key) =>
    Object.fromEntries(
      Object.entries(main).map(([variant, samples]) => [variant, spread(samples.map((sample) => sample[key]))]),
    );
  const wall = spreads('wallMs');
  const cpu = spreads('cpuMs');
  const rss = spreads('rssKb');
  const get = (/** @type {Record<string, Spread>} */ table, /** @type {string} */ variant) =>
    table[variant] ?? spread([]);

  // How noisy the machine was: the floor's own run-to-run range, and the load average during the runs.
  const floorCpu = get(cpu, 'floor');
  const noise = (floorCpu.max - floorCpu.min) / 2 / floorCpu.median;
  const loads = Object.values(main).flatMap((samples) => samples.map((sample) => sample.load));

  /** @param {string} variant */
  const eslintOf = (variant) => {
    const cost = paired(samplesOf(variant), samplesOf('floor'), 'cpuMs');
    const wallCost = paired(samplesOf(variant), samplesOf('floor'), 'wallMs');
    return { cpuCost: cost.difference, cpuRatio: cost.ratio, wallCost: wallCost.difference, wallRatio: wallCost.ratio };
  };
  /** @param {Mode} mode */
  const variantOf = (mode, /** @type {'eslint' | 'oxlint'} */ tool) =>
    Object.entries(results.variants).find(
      ([, variant]) => variant.tool === tool && variant.adds === 'ssot' && variant.mode === mode,
    )?.[0] ?? '';

  /** @param {Mode} mode */
  const modeMetrics = (mode) => {
    const eslint = variantOf(mode, 'eslint');
    const oxlint = variantOf(mode, 'oxlint');
    const statSamples = stats[eslint] ?? [];
    const rules = median(statSamples.map((sample) => rulesTime(sample, isSsot)));
    const lint = median(statSamples.map((sample) => sample.stats?.lint ?? Number.NaN));
    const share = median(statSamples.map((sample) => rulesTime(sample, isSsot) / (sample.stats?.lint ?? Number.NaN)));
    /** @type {Record<string, Spread>} */
    const perRule = {};
    const ssotIds = [
      ...new Set(statSamples.flatMap((sample) => Object.keys(sample.stats?.rules ?? {}).filter(isSsot))),
    ];
    for (const id of ssotIds) perRule[id] = spread(statSamples.map((sample) => sample.stats?.rules[id] ?? 0));
    const graphSamples = statSamples.flatMap((sample) => (sample.graph === undefined ? [] : [sample.graph]));
    return {
      eslint,
      oxlint,
      // The module graph's cold build per ESLint process (files parsed, parse time), from the --stats runs.
      graph:
        graphSamples.length === 0
          ? undefined
          : {
              parsed: median(graphSamples.map((graph) => graph.parsed)),
              parseMs: median(graphSamples.map((graph) => graph.parseMs)),
            },
      process: eslintOf(eslint),
      rules: {
        ms: rules,
        perFileMs: rules / files,
        lintMs: lint,
        share,
        perRule,
        group: ruleGroup(statSamples, ssotIds),
      },
      oxlintRun: {
        // The plugin's cost under oxlint, over the do-nothing JS plugin and over bare oxlint (per round).
        overFloor: paired(samplesOf(oxlint), samplesOf('oxlint-floor'), 'wallMs'),
        overFloorCpu: paired(samplesOf(oxlint), samplesOf('oxlint-floor'), 'cpuMs'),
        overBare: paired(samplesOf(oxlint), samplesOf('oxlint'), 'wallMs'),
        // How much faster than ESLint with the same rules.
        speedup: get(wall, eslint).median / get(wall, oxlint).median,
        speedupCpu: get(cpu, eslint).median / get(cpu, oxlint).median,
      },
      rss: paired(samplesOf(eslint), samplesOf('floor'), 'rssKb'),
    };
  };
  const modes = { default: modeMetrics('default'), strict: modeMetrics('strict') };

  const peerSamples = stats.peers ?? [];
  /** @type {Record<string, Spread>} */
  const peerRules = {};
  for (const id of new Set(peerSamples.flatMap((sample) => Object.keys(sample.stats?.rules ?? {})))) {
    if (['no-restricted-syntax', 'import-x/no-restricted-paths', 'boundaries/dependencies'].includes(id))
      peerRules[id] = spread(peerSamples.map((sample) => sample.stats?.rules[id] ?? 0));
  }

  // Rule groups an issue budgets on their own, per file: the lifetime rules in the default run, the
  // sources-of-truth rules with the libraries' public entries as their sources.
  const lifetimeRules = ruleGroup(stats.ssot ?? [], ['ssot/no-scoped-in-singleton', 'ssot/require-scope-argument']);
  const sourceRules = ruleGroup(stats['ssot-entries'] ?? [], ['ssot/canonical-import', 'ssot/no-duplicate-definition']);

  // The three original rules of this build against the baseline build (the module graph's issue), same
  // parser and files: their time, the module graph's cold build inside it (other modules read and parsed),
  // and the ratio with that build taken out. Medians over the runs.
  const originalSamples = stats.original ?? [];
  const baselineSamples = stats['original-baseline'] ?? [];
  // oxc-resolver's load counts as cold start too: v0.1 loaded it with the plugin, outside rule time.
  const graphBuildOf = (/** @type {Sample} */ sample) =>
    (sample.graph?.parseMs ?? 0) + (sample.graph?.readMs ?? 0) + (sample.graph?.deferredLoadMs ?? 0);
  const originalMs = median(originalSamples.map((sample) => rulesTime(sample, isSsot)));
  const originalWithoutGraphMs = median(
    originalSamples.map((sample) => rulesTime(sample, isSsot) - graphBuildOf(sample)),
  );
  const originalBaselineMs = median(baselineSamples.map((sample) => rulesTime(sample, isSsot)));
  const original = {
    runs: Math.min(originalSamples.length, baselineSamples.length),
    ms: originalMs,
    graphMs: median(originalSamples.map(graphBuildOf)),
    parsed: median(originalSamples.map((sample) => sample.graph?.parsed ?? 0)),
    read: median(originalSamples.map((sample) => sample.graph?.read ?? 0)),
    deferredLoadMs: median(originalSamples.map((sample) => sample.graph?.deferredLoadMs ?? 0)),
    withoutGraphMs: originalWithoutGraphMs,
    baselineMs: originalBaselineMs,
    ratio: originalWithoutGraphMs / originalBaselineMs,
    ratioWithGraph: originalMs / originalBaselineMs,
  };

  const scaleRows = Object.entries(scaling).map(([scale, samples]) => {
    const scaleFiles = files * Number(scale);
    const rules = median(samples.ssot.map((sample) => rulesTime(sample, isSsot)));
    return {
      scale: Number(scale),
      files: scaleFiles,
      floor: median(samples.floor.map((sample) => sample.wallMs)),
      ssot: median(samples.ssot.map((sample) => sample.wallMs)),
      rules,
      rulesPerFile: rules / scaleFiles,
      runs: samples.ssot.length,
    };
  });
  const firstScale = scaleRows[0];
  const worstGrowth =
    firstScale === undefined
      ? Number.NaN
      : Math.max(...scaleRows.map((row) => row.rulesPerFile / firstScale.rulesPerFile));

  /** @param {readonly import('./types.js').LoadSample[]} samples */
  const loadOf = (samples) => ({
    ms: median(samples.map((sample) => sample.loadMs)),
    cpuMs: median(samples.map((sample) => sample.cpuMs ?? Number.NaN)),
    importCpuMs: median(samples.map((sample) => sample.importCpuMs ?? Number.NaN)),
    configureCpuMs: median(samples.map((sample) => sample.configureCpuMs ?? Number.NaN)),
    rssKb: median(samples.map((sample) => sample.rssKb)),
    cpuRange: spread(samples.map((sample) => sample.cpuMs ?? Number.NaN)),
    range: spread(samples.map((sample) => sample.loadMs)),
  });
  const load = loadOf(results.load);

  return {
    files,
    wall,
    cpu,
    rss,
    noise,
    load: { during: spread(loads), before: results.machine.loadBefore, after: results.machine.loadAfter },
    floorOverRecommended: paired(samplesOf('floor'), samplesOf('recommended'), 'cpuMs'),
    // `eslint-plugin-ssot audit` over ESLint with the same config (the parser, no rules), per round.
    audit: {
      wall: paired(samplesOf('audit'), samplesOf('parser'), 'wallMs'),
      cpu: paired(samplesOf('audit'), samplesOf('parser'), 'cpuMs'),
    },
    modes,
    lifetimeRules,
    sourceRules,
    original,
    entriesRuns: (stats['ssot-entries'] ?? []).length,
    peerRules,
    scaleRows,
    worstGrowth,
    pluginLoad: load,
    pluginLoadRecommended: loadOf(results.loadRecommended ?? []),
  };
}

/** @typedef {ReturnType<typeof analyze>} Metrics */

// @ts-check
// `npm run bench`: lints the TypeScript sources of real npm packages with ESLint and oxlint — the users'
// baseline, a do-nothing plugin (the floor), the ssot rules in default and strict mode, the peer rules a
// user would pick instead — each run in a fresh process, interleaved; checks that ESLint and oxlint find
// the same; times the three original rules against the build before the module graph (bench/baseline.js, from
// git history); writes the raw samples to bench/.work/results.json and docs/performance.md from them.
//
// `node bench/run.js --render` rewrites the page from the last run's raw samples without linting.
// `npm run bench:smoke` (`--smoke`): one library, one run of each variant, no scaling and no profiles; the
// page goes to bench/.work/smoke.md (CI runs it so the bench cannot rot).
// `node bench/run.js --findings`: only one ESLint and one oxlint run per mode, to record the findings
// (BENCH_OUT, default bench/.work/findings.json) and compare them with `node bench/findings.js a.json b.json`.
//
// Environment: BENCH_RUNS (timed runs per variant, default 5), BENCH_STATS_RUNS (--stats runs,
// default 3), BENCH_SCALE_RUNS (runs per scale on 2× and 4× the corpus, default 2), BENCH_SCALES
// (default 1,2,4), BENCH_LIBRARIES (corpus subset, e.g. mobx,query-core), BENCH_NO_GNU_TIME (measure RSS
// in-process instead of with /usr/bin/time), BENCH_DIST (the build to measure, default dist/; it is
// copied to bench/.work/dist first), BENCH_OUT (raw samples file, default bench/.work/results.json),
// BENCH_BUDGET_MINUTES (on a busy machine: stop adding main rounds after 70% of the budget, once 2 are
// done, and --stats rounds after 85%, once 1 is done; the page gives the rounds actually run).
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { BASELINE, buildBaseline } from './baseline.js';
import { VARIANTS, loadPlugin, pluginDir, pluginEntry, ssotRules, writeConfigs } from './configs.js';
import {
  LIBRARIES,
  corpusFiles,
  packageRoot,
  packageVersion,
  servicesIn,
  ssotSettings,
  writeCorpus,
} from './corpus.js';
import { assertSameFindings, readOutput } from './findings.js';
import { measure, rssMethod } from './measure.js';
import { profileIn, summarizeProfile } from './profile.js';
import { publish } from './render.js';

/** @import { Finding, LoadSample, Mode, ProfileSummary, Results, Sample } from './types.js' */
/** @typedef {{ root: string, files: string[], configs: Record<string, string> }} Corpus */

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const workDir = path.join(repoRoot, 'bench', '.work');
const SMOKE = process.argv.includes('--smoke');
const FINDINGS_ONLY = process.argv.includes('--findings');
const resultsFile = path.resolve(
  process.env.BENCH_OUT ?? path.join(workDir, SMOKE ? 'smoke.json' : FINDINGS_ONLY ? 'findings.json' : 'results.json'),
);
const docsFile = SMOKE ? path.join(workDir, 'smoke.md') : path.join(repoRoot, 'docs', 'performance.md');

/**
 * @param {string} name
 * @param {number} fallback
 * @param {number} minimum
 */
function intFromEnv(name, fallback, minimum) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < minimum)
    throw new Error(`bench: ${name} must be an integer ≥ ${String(minimum)}, got ${String(raw)}`);
  return value;
}

const RUNS = SMOKE ? 1 : intFromEnv('BENCH_RUNS', 5, 1);
const STATS_RUNS = SMOKE ? 1 : intFromEnv('BENCH_STATS_RUNS', 3, 1);
const SCALE_RUNS = SMOKE ? 1 : intFromEnv('BENCH_SCALE_RUNS', 2, 1);
const SCALES = (SMOKE ? '1' : (process.env.BENCH_SCALES ?? '1,2,4')).split(',').map(Number);
if (SCALES[0] !== 1 || SCALES.some((scale) => !Number.isInteger(scale) || scale < 1))
  throw new Error('bench: BENCH_SCALES must start with 1, e.g. 1,2,4');
const LIBRARY_FILTER = SMOKE ? ['query-core'] : process.env.BENCH_LIBRARIES?.split(',');
const MODES = /** @type {const} */ (['default', 'strict']);
const BUDGET_MS = intFromEnv('BENCH_BUDGET_MINUTES', 0, 0) * 60_000;
const benchStarted = Date.now();
/** Has the bench used `share` of its time budget (never, without a budget)? */
const overBudget = (/** @type {number} */ share) => BUDGET_MS > 0 && Date.now() - benchStarted > BUDGET_MS * share;

const eslintBin = path.join(packageRoot('eslint'), 'bin', 'eslint.js');
const oxlintBin = path.join(packageRoot('oxlint'), 'bin', 'oxlint');
const loadProbe = path.join(repoRoot, 'bench', 'load-probe.js');
/** The audit command of the build being measured (the snapshot in bench/.work/dist). */
const auditBin = path.join(pluginDir, 'src', 'audit', 'cli.js');

const log = (/** @type {string} */ line = '') => {
  process.stdout.write(`${line}\n`);
};

/** @param {number} scale */
function copies(scale) {
  return Array.from({ length: scale }, (_, index) => `c${String(index)}`);
}

/**
 * The ssot findings of each variant's first run, then checked against every later run of it (the rules
 * are deterministic, so a difference is a bug).
 * @type {Map<string, Finding[]>}
 */
const findingsOf = new Map();

/**
 * One lint of the corpus at `scale` with `variant`, in a fresh process.
 * @param {Record<number, Corpus>} corpus
 * @param {string} variant
 * @param {number} scale
 * @param {{ stats?: boolean, nodeArgs?: string[] }} [options]
 * @returns {Sample}
 */
function runOnce(corpus, variant, scale, { stats = false, nodeArgs = /** @type {string[]} */ ([]) } = {}) {
  const { root, configs, files } = /** @type {Corpus} */ (corpus[scale]);
  const { tool } = /** @type {import('./types.js').Variant} */ (VARIANTS[variant]);
  const config = /** @type {string} */ (configs[variant]);
  const outFile = path.join(root, `out.${variant}.json`);
  const graphFile = path.join(root, `graph.${variant}.json`);
  rmSync(graphFile, { force: true });
  if (tool === 'audit' && scale !== 1)
    throw new Error(`bench: the audit is timed on the ×1 corpus only, not ×${String(scale)}`);
  const run =
    tool === 'eslint'
      ? measure(
          eslintBin,
          ['-c', config, '-f', 'json', '-o', outFile, ...(stats ? ['--stats'] : []), ...copies(scale)],
          { cwd: root, nodeArgs, env: { BENCH_GRAPH_STATS: graphFile } },
        )
      : tool === 'audit'
        ? // The directory of the ×1 corpus (c0, the files ESLint lints), so nothing else in the root is audited.
          measure(auditBin, ['audit', 'c0', '-c', config, '--format', 'json', '-o', outFile], { cwd: root, nodeArgs })
        : // oxlint skips git-ignored directories (bench/.work is), so it gets the file list.
          measure(oxlintBin, ['-c', config, '-f', 'json', ...files], { cwd: root, stdoutFile: outFile, nodeArgs });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`bench: ${variant} ×${String(scale)} exited with ${String(run.status)}:\n${run.stderr}`);
  const graph = existsSync(graphFile)
    ? /** @type {import('./types.js').GraphSample & { firstFile?: string }} */ (
        JSON.parse(readFileSync(graphFile, 'utf8'))
      )
    : undefined;
  const output = tool === 'audit' ? readAudit(outFile) : readOutput(tool, outFile, root, graph?.firstFile);
  if (output.files !== files.length)
    throw new Error(
      `bench: ${variant} ×${String(scale)} linted ${String(output.files)} files, expected ${String(files.length)}`,
    );
  if (output.fatal > 0)
    throw new Error(`bench: ${variant} ×${String(scale)} had ${String(output.fatal)} fatal parse errors`);
  const key = `${variant} ×${String(scale)}`;
  const previous = findingsOf.get(key);
  if (previous === undefined) findingsOf.set(key, output.findings);
  else assertSameFindings(`findings of two runs of ${key}`, previous, output.findings);
  const load = os.loadavg()[0] ?? Number.NaN;
  log(
    `  ${variant.padEnd(18)} ×${String(scale)}${stats ? ' --stats' : '        '}  ${(run.wallMs / 1000).toFixed(2).padStart(7)} s  cpu ${(run.cpuMs / 1000).toFixed(2).padStart(7)} s  ${(run.rssKb / 1024).toFixed(0).padStart(5)} MB  load ${load.toFixed(1)}`,
  );
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    rssKb: run.rssKb,
    load,
    counts: output.counts,
    ...(output.stats === undefined ? {} : { stats: output.stats }),
    ...(graph === undefined
      ? {}
      : {
          graph: {
            parsed: graph.parsed,
            parseMs: graph.parseMs,
            ...(graph.read === undefined ? {} : { read: graph.read, readMs: graph.readMs }),
            ...(graph.deferredLoadMs === undefined ? {} : { deferredLoadMs: graph.deferredLoadMs }),
          },
        }),
  };
}

/**
 * The audit's JSON report, in the shape of a lint's output: files scanned, files it could not parse or
 * lint (`errors`: a crash or a parse error, which the bench refuses), its findings per kind.
 * @param {string} outFile
 * @returns {{ files: number, fatal: number, counts: Record<string, number>, findings: Finding[], stats: undefined }}
 */
function readAudit(outFile) {
  const report =
    /** @type {{ files: number, errors: { file: string, message: string }[], singletons: unknown[], duplicates: unknown[], constructions: unknown[], factories: unknown[], violations: unknown[] }} */ (
      JSON.parse(readFileSync(outFile, 'utf8'))
    );
  for (const error of report.errors) log(`  audit could not read ${error.file}: ${error.message}`);
  const counts = {
    singletons: report.singletons.length,
    duplicates: report.duplicates.length,
    constructions: report.constructions.length,
    factories: report.factories.length,
    violations: report.violations.length,
  };
  return { files: report.files, fatal: report.errors.length, counts, findings: [], stats: undefined };
}

/**
 * Runs each variant `rounds` times, interleaved (A B C A B C …, each round starting one later); with a
 * time budget, no new round starts once `budget.share` of it is used and `budget.minimum` rounds are done.
 * @param {Record<number, Corpus>} corpus
 * @param {readonly string[]} variants
 * @param {number} scale
 * @param {number} rounds
 * @param {{ stats?: boolean }} [options]
 * @param {{ share: number, minimum: number }} [budget]
 */
function interleave(corpus, variants, scale, rounds, options, budget = { share: 1, minimum: rounds }) {
  /** @type {Record<string, Sample[]>} */
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    if (round >= budget.minimum && overBudget(budget.share)) {
      log(`  (time budget: stopping after ${String(round)} rounds)`);
      break;
    }
    for (let index = 0; index < variants.length; index++) {
      const variant = /** @type {string} */ (variants[(index + round) % variants.length]);
      samples[variant]?.push(runOnce(corpus, variant, scale, options));
    }
  }
  return samples;
}

/** @param {string[]} args */
function git(...args) {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** @param {readonly { from: string }[]} files */
function countLines(files) {
  let lines = 0;
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(file.from, 'utf8');
    bytes += Buffer.byteLength(text);
    lines += text.split('\n').length;
  }
  return { lines, bytes };
}

/** Copies the build to bench/.work/dist, so a rebuild during a long bench cannot change what is measured. */
function snapshotPlugin() {
  const source = path.resolve(repoRoot, process.env.BENCH_DIST ?? 'dist');
  for (let attempt = 0; ; attempt++) {
    rmSync(pluginDir, { recursive: true, force: true });
    if (existsSync(path.join(source, 'src', 'index.js')) && existsSync(path.join(source, 'rules', 'index.js'))) {
      cpSync(source, pluginDir, { recursive: true });
      if (existsSync(pluginEntry)) return source;
    }
    if (attempt === 10) throw new Error(`bench: no build at ${source} (run \`npm run build\`)`);
    execFileSync('sleep', ['1']);
  }
}

/**
 * The ssot findings of each mode: those of the ESLint run, after checking that oxlint found exactly the same.
 * @returns {Record<Mode, Finding[]>}
 */
function findingsPerMode() {
  /** @type {Partial<Record<Mode, Finding[]>>} */
  const result = {};
  for (const mode of MODES) {
    const variants = Object.entries(VARIANTS).filter(([, variant]) => variant.adds === 'ssot' && variant.mode === mode);
    const [first, ...rest] = variants.map(([variant]) => ({
      variant,
      findings: findingsOf.get(`${variant} ×1`) ?? [],
    }));
    if (first === undefined) throw new Error(`bench: no ssot run in ${mode} mode`);
    for (const other of rest)
      assertSameFindings(
        `${mode}-mode findings of ${first.variant} and ${other.variant}`,
        first.findings,
        other.findings,
      );
    result[mode] = first.findings;
  }
  return /** @type {Record<Mode, Finding[]>} */ (result);
}

async function main() {
  const started = Date.now();
  const buildDir = snapshotPlugin();
  const plugin = await loadPlugin();
  const ruleNames = Object.keys(plugin.rules).sort();
  log(`eslint-plugin-ssot bench (${path.relative(repoRoot, buildDir)}): rules ${ruleNames.join(', ')}`);
  log(
    `runs ${String(RUNS)} per variant, ${String(STATS_RUNS)} --stats runs, ${String(SCALE_RUNS)} per scale; peak RSS via ${rssMethod}`,
  );

  const sources = corpusFiles().filter((file) => LIBRARY_FILTER === undefined || LIBRARY_FILTER.includes(file.library));
  if (sources.length === 0)
    throw new Error(
      `bench: BENCH_LIBRARIES=${String(LIBRARY_FILTER)} selects no file (libraries: ${LIBRARIES.map((library) => library.dir).join(', ')})`,
    );
  /** @type {Record<number, Corpus>} */
  const corpus = {};
  mkdirSync(workDir, { recursive: true });
  for (const scale of SCALES) {
    const root = path.join(workDir, SMOKE ? 'smoke' : `x${String(scale)}`);
    writeCorpus(root, scale, sources);
    const files = copies(scale).flatMap((copy) => sources.map((file) => `${copy}/${file.to}`));
    corpus[scale] = { root, files, configs: await writeConfigs(root) };
  }
  const root1 = /** @type {Corpus} */ (corpus[1]).root;
  const perLibrary = Object.fromEntries(
    LIBRARIES.map((library) => [library.dir, sources.filter((file) => file.library === library.dir).length]),
  );
  log(
    `corpus: ${String(sources.length)} files (${Object.entries(perLibrary)
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `${name} ${String(count)}`)
      .join(', ')})`,
  );

  if (FINDINGS_ONLY) {
    for (const [variant] of Object.entries(VARIANTS).filter(([, { adds }]) => adds === 'ssot'))
      runOnce(corpus, variant, 1);
    const findings = findingsPerMode();
    writeFileSync(resultsFile, `${JSON.stringify({ build: path.relative(repoRoot, buildDir), findings }, null, 2)}\n`);
    log(
      `findings identical under ESLint and oxlint: ${MODES.map((mode) => `${mode} ${String(findings[mode].length)}`).join(', ')}; wrote ${path.relative(process.cwd(), resultsFile)}`,
    );
    return;
  }

  // The baseline the three original rules are compared with (the module graph's issue), built from git history.
  const baselineProblem = await buildBaseline();
  log(
    baselineProblem === undefined
      ? `baseline ${BASELINE.label} (${BASELINE.commit.slice(0, 7)}) built for the comparison of the original rules`
      : `baseline ${BASELINE.label}: not built (${baselineProblem}); the comparison of the original rules is left out`,
  );

  const loadBefore = os.loadavg();
  const variants = Object.keys(VARIANTS).filter((variant) => VARIANTS[variant]?.statsOnly !== true);
  // Reads every corpus file once, so the first timed run does not pay for a cold disk cache.
  runOnce(corpus, 'oxlint', 1);

  log(`\nmain runs: ${String(RUNS)} rounds, interleaved`);
  const main = interleave(corpus, variants, 1, RUNS, {}, { share: 0.7, minimum: Math.min(2, RUNS) });

  // The ssot runs (their rules' time and the lint time) and the peers (their rules' time).
  const statsVariants = Object.keys(VARIANTS).filter(
    (variant) =>
      VARIANTS[variant]?.tool === 'eslint' &&
      [
        'ssot',
        'peers',
        'ssot-entries',
        ...(baselineProblem === undefined ? ['original', 'original-baseline'] : []),
      ].includes(VARIANTS[variant].adds),
  );
  log(`\nper-rule time: ${String(STATS_RUNS)} rounds of ESLint --stats`);
  const stats = interleave(corpus, statsVariants, 1, STATS_RUNS, { stats: true }, { share: 0.85, minimum: 1 });

  /** @type {Record<string, { floor: Sample[], ssot: Sample[] }>} */
  const scaling = { 1: { floor: [...(main.floor ?? [])], ssot: [...(stats['ssot-strict'] ?? [])] } };
  for (const scale of SCALES.filter((value) => value !== 1)) {
    if (overBudget(0.85)) {
      log(`\nscaling ×${String(scale)}: skipped (time budget)`);
      break;
    }
    log(`\nscaling ×${String(scale)}: ${String(SCALE_RUNS)} rounds`);
    /** @type {Sample[]} */
    const floor = [];
    /** @type {Sample[]} */
    const ssot = [];
    for (let round = 0; round < SCALE_RUNS; round++) {
      const pair = [
        () => floor.push(runOnce(corpus, 'floor', scale)),
        () => ssot.push(runOnce(corpus, 'ssot-strict', scale, { stats: true })),
      ];
      if (round % 2 === 1) pair.reverse();
      for (const run of pair) run();
    }
    scaling[scale] = { floor, ssot };
  }
  const loadAfter = os.loadavg();

  const probes = Math.max(RUNS, SMOKE ? 1 : 10);
  log(`\nplugin load: ${String(probes)} fresh processes`);
  const settingsFile = path.join(workDir, 'settings.json');
  const settingsUsed = ssotSettings(root1, ruleNames);
  writeFileSync(settingsFile, JSON.stringify(settingsUsed));
  /** @type {LoadSample[]} */
  const load = [];
  /** @type {LoadSample[]} */
  const loadRecommended = [];
  for (let run = 0; run < probes; run++) {
    for (const [preload, samples] of /** @type {const} */ ([
      ['parser', load],
      ['recommended', loadRecommended],
    ])) {
      const sample = /** @type {LoadSample} */ (
        JSON.parse(
          execFileSync(process.execPath, [loadProbe, pluginEntry, settingsFile, preload], {
            cwd: repoRoot,
            encoding: 'utf8',
          }),
        )
      );
      samples.push(sample);
      log(
        `  load (${preload.padEnd(11)}) ${sample.loadMs.toFixed(1).padStart(6)} ms, CPU ${sample.cpuMs.toFixed(1).padStart(6)} ms (import ${sample.importCpuMs.toFixed(1)}, settings ${sample.configureCpuMs.toFixed(1)})  +${(sample.rssKb / 1024).toFixed(1)} MB RSS`,
      );
    }
  }

  /** @type {Record<string, ProfileSummary>} */
  const profiles = {};
  if (SMOKE || overBudget(0.95)) log(SMOKE ? '' : '\nprofiles: skipped (time budget)');
  else {
    log('\nprofiles (--cpu-prof; not timed)');
    for (const variant of ['ssot-strict', 'oxlint-ssot-strict']) {
      const directory = path.join(workDir, 'profile', variant);
      rmSync(directory, { recursive: true, force: true });
      runOnce(corpus, variant, 1, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`] });
      profiles[variant] = summarizeProfile(profileIn(directory), `${pluginDir}${path.sep}`);
    }
  }

  const cpus = os.cpus();
  const dirty = git('status', '--porcelain', '--', 'src', 'rules') !== '';
  /** @type {Results} */
  const results = {
    date: new Date().toISOString(),
    durationS: (Date.now() - started) / 1000,
    smoke: SMOKE,
    // The rounds actually run (a time budget may have cut them short).
    settings: {
      runs: main.floor?.length ?? 0,
      statsRuns: stats['ssot-strict']?.length ?? 0,
      scaleRuns: SCALE_RUNS,
      scales: SCALES,
      rssMethod,
    },
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGb: os.totalmem() / 1024 ** 3,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadBefore,
      loadAfter,
    },
    versions: {
      'eslint-plugin-ssot': `${plugin.meta.version} (${process.env.BENCH_DIST === undefined ? git('rev-parse', '--short', 'HEAD') || 'unknown commit' : `build ${process.env.BENCH_DIST}`}${dirty && process.env.BENCH_DIST === undefined ? ', uncommitted changes in src/ or rules/' : ''})`,
      ...Object.fromEntries(
        [
          'eslint',
          '@eslint/js',
          'typescript-eslint',
          'oxlint',
          'eslint-plugin-import-x',
          'eslint-import-resolver-typescript',
          'eslint-plugin-boundaries',
        ].map((name) => [name, packageVersion(name)]),
      ),
    },
    corpus: {
      files: sources.length,
      ...countLines(sources),
      libraries: LIBRARIES.filter((library) => (perLibrary[library.dir] ?? 0) > 0).map((library) => ({
        name: library.pkg,
        version: packageVersion(library.pkg),
        files: perLibrary[library.dir] ?? 0,
      })),
      services: servicesIn(root1),
      ...(settingsUsed.sources === undefined ? {} : { sources: settingsUsed.sources }),
    },
    rules: ruleNames,
    baseline: {
      label: BASELINE.label,
      commit: BASELINE.commit,
      rules: BASELINE.rules,
      ...(baselineProblem === undefined ? {} : { problem: baselineProblem }),
    },
    modes: { default: ssotRules(plugin, 'default'), strict: ssotRules(plugin, 'strict') },
    variants: VARIANTS,
    main,
    stats,
    scaling,
    load,
    loadRecommended,
    profiles,
    findings: findingsPerMode(),
    pluginEntry: path.relative(repoRoot, pluginEntry),
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(
    `\nfindings identical under ESLint and oxlint: ${MODES.map((mode) => `${mode} ${String(results.findings[mode].length)}`).join(', ')}`,
  );
  log(publish(results, docsFile, resultsFile));
  if (SMOKE) checkSmoke(results);
}

/**
 * The smoke run's own checks: the rules found something in both modes, every variant ran, and the page
 * has no hole (`NaN`, `undefined`, `[object Object]`) where a figure should be.
 * @param {Results} results
 */
function checkSmoke(results) {
  const problems = [];
  for (const mode of MODES) if (results.findings[mode].length === 0) problems.push(`no ssot finding in ${mode} mode`);
  for (const [variant, { statsOnly, adds }] of Object.entries(VARIANTS)) {
    // Without git history there is no baseline to compare with: the page says so instead.
    if (results.baseline?.problem !== undefined && (adds === 'original' || adds === 'original-baseline')) continue;
    if (((statsOnly === true ? results.stats : results.main)[variant]?.length ?? 0) === 0)
      problems.push(`variant ${variant} did not run`);
  }
  const page = readFileSync(docsFile, 'utf8');
  for (const hole of ['NaN', 'undefined', '[object Object]'])
    if (page.includes(hole)) problems.push(`the page contains ${hole}`);
  if (problems.length > 0) throw new Error(`bench smoke: ${problems.join('; ')}`);
  log('bench smoke: OK');
}

if (process.argv.includes('--render'))
  log(publish(/** @type {Results} */ (JSON.parse(readFileSync(resultsFile, 'utf8'))), docsFile, resultsFile));
else await main();

// `npm run bench`: lints the TypeScript sources of real npm packages with ESLint (no rules, every ssot
// rule, the peer rules a user would pick instead) and oxlint (with and without the plugin), each run
// in a fresh process, interleaved; prints the results and writes docs/performance.md.
//
// `node bench/run.js --render` rewrites the page from the last run's raw samples without linting.
//
// Environment: BENCH_RUNS (timed runs per variant, default 5), BENCH_STATS_RUNS (--stats runs,
// default 3), BENCH_SCALE_RUNS (runs per scale on 2× and 4× the corpus, default 3),
// BENCH_NO_GNU_TIME (measure RSS in-process instead of with /usr/bin/time), BENCH_DIST (the build to
// measure, default dist/; it is copied to bench/.work/dist first). For quick checks of the
// harness only: BENCH_SCALES (default 1,2,4), BENCH_LIBRARIES (corpus subset, e.g. mobx,query-core).
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { writeConfigs, loadPlugin, pluginDir, pluginEntry } from './configs.js';
import { LIBRARIES, corpusFiles, packageRoot, packageVersion, servicesIn, ssotSettings, writeCorpus } from './corpus.js';
import { measure, rssMethod } from './measure.js';
import { profileIn, summarizeProfile } from './profile.js';
import { renderReport } from './report.js';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const workDir = path.join(repoRoot, 'bench', '.work');
const resultsFile = path.join(workDir, 'results.json');
const docsFile = path.join(repoRoot, 'docs', 'performance.md');

function intFromEnv(name, fallback, minimum) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`bench: ${name} must be an integer ≥ ${String(minimum)}, got ${String(raw)}`);
  return value;
}

const RUNS = intFromEnv('BENCH_RUNS', 5, 1);
const STATS_RUNS = intFromEnv('BENCH_STATS_RUNS', 3, 1);
const SCALE_RUNS = intFromEnv('BENCH_SCALE_RUNS', 3, 1);
const SCALES = (process.env.BENCH_SCALES ?? '1,2,4').split(',').map(Number);
if (SCALES[0] !== 1 || SCALES.some((scale) => !Number.isInteger(scale) || scale < 1)) throw new Error('bench: BENCH_SCALES must start with 1, e.g. 1,2,4');
const LIBRARY_FILTER = process.env.BENCH_LIBRARIES?.split(',');

const eslintBin = path.join(packageRoot('eslint'), 'bin', 'eslint.js');
const oxlintBin = path.join(packageRoot('oxlint'), 'bin', 'oxlint');
const loadProbe = path.join(repoRoot, 'bench', 'load-probe.js');

export const VARIANTS = {
  baseline: { tool: 'eslint', label: '1. ESLint + @typescript-eslint/parser, no rules' },
  ssot: { tool: 'eslint', label: '2. ESLint + every ssot rule' },
  peers: { tool: 'eslint', label: '3. ESLint + peers (no-restricted-syntax, import-x/no-restricted-paths, boundaries/dependencies)' },
  'oxlint-ssot': { tool: 'oxlint', label: '4. oxlint + ssot as JS plugin' },
  'oxlint-bare': { tool: 'oxlint', label: '4b. oxlint, no rules' },
};

const log = (line = '') => {
  process.stdout.write(`${line}\n`);
};

/** Aggregates ESLint's `--stats` (summed over files and passes): parse time and time per rule. */
function eslintStats(results) {
  const rules = {};
  let parse = 0;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) rules[ruleId] = (rules[ruleId] ?? 0) + time.total;
    }
  }
  return { parse, rules };
}

/** Findings per rule in one run's JSON output, plus files linted and fatal (parse) errors. */
function readOutput(tool, outFile) {
  const json = JSON.parse(readFileSync(outFile, 'utf8'));
  const findings = {};
  const count = (ruleId) => {
    findings[ruleId] = (findings[ruleId] ?? 0) + 1;
  };
  if (tool === 'oxlint') {
    for (const diagnostic of json.diagnostics) count(diagnostic.code.replace(/^(.+)\((.+)\)$/, '$1/$2'));
    return { files: json.number_of_files, fatal: 0, findings, stats: undefined };
  }
  let fatal = 0;
  for (const result of json) {
    for (const message of result.messages) {
      if (message.fatal === true) fatal++;
      // Inline `eslint-disable` comments naming rules that are not loaded (the corpus's own lint setup).
      else if (message.ruleId !== null && !message.message.startsWith('Definition for rule')) count(message.ruleId);
    }
  }
  return { files: json.length, fatal, findings, stats: eslintStats(json) };
}

function copies(scale) {
  return Array.from({ length: scale }, (_, index) => `c${String(index)}`);
}

/** One lint of the corpus at `scale` with `variant`, in a fresh process. */
function runOnce(corpus, variant, scale, { stats = false, nodeArgs = [] } = {}) {
  const { root, configs, files } = corpus[scale];
  const tool = VARIANTS[variant].tool;
  const outFile = path.join(root, `out.${variant}.json`);
  const run =
    tool === 'eslint'
      ? measure(eslintBin, ['-c', configs[variant], '-f', 'json', '-o', outFile, ...(stats ? ['--stats'] : []), ...copies(scale)], { cwd: root, nodeArgs })
      : // oxlint skips git-ignored directories (bench/.work is), so it gets the file list.
        measure(oxlintBin, ['-c', configs[variant], '-f', 'json', ...files], { cwd: root, stdoutFile: outFile, nodeArgs });
  if (run.status !== 0 && run.status !== 1) throw new Error(`bench: ${variant} ×${String(scale)} exited with ${String(run.status)}:\n${run.stderr}`);
  const output = readOutput(tool, outFile);
  if (output.files !== files.length) throw new Error(`bench: ${variant} ×${String(scale)} linted ${String(output.files)} files, expected ${String(files.length)}`);
  if (output.fatal > 0) throw new Error(`bench: ${variant} ×${String(scale)} had ${String(output.fatal)} fatal parse errors`);
  log(
    `  ${variant.padEnd(12)} ×${String(scale)}${stats ? ' --stats' : '        '}  ${(run.wallMs / 1000).toFixed(2).padStart(7)} s  cpu ${(run.cpuMs / 1000).toFixed(2).padStart(7)} s  ${(run.rssKb / 1024).toFixed(0).padStart(5)} MB`,
  );
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, rssKb: run.rssKb, findings: output.findings, stats: output.stats };
}

/** Runs each variant `rounds` times, interleaved (A B C A B C …, each round starting one later). */
function interleave(corpus, variants, scale, rounds, options) {
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < variants.length; index++) {
      const variant = variants[(index + round) % variants.length];
      samples[variant].push(runOnce(corpus, variant, scale, options));
    }
  }
  return samples;
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

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

async function main() {
  const started = Date.now();
  const buildDir = snapshotPlugin();
  const plugin = await loadPlugin();
  const ruleNames = Object.keys(plugin.rules).sort();
  log(`eslint-plugin-ssot bench (${path.relative(repoRoot, buildDir)}): rules ${ruleNames.join(', ')}`);
  log(`runs ${String(RUNS)} per variant, ${String(STATS_RUNS)} --stats runs, ${String(SCALE_RUNS)} per scale; peak RSS via ${rssMethod}`);

  const sources = corpusFiles().filter((file) => LIBRARY_FILTER === undefined || LIBRARY_FILTER.includes(file.library));
  const corpus = {};
  mkdirSync(workDir, { recursive: true });
  for (const scale of SCALES) {
    const root = path.join(workDir, `x${String(scale)}`);
    writeCorpus(root, scale, sources);
    const files = copies(scale).flatMap((copy) => sources.map((file) => `${copy}/${file.to}`));
    corpus[scale] = { root, files, configs: await writeConfigs(root) };
  }
  const perLibrary = Object.fromEntries(LIBRARIES.map((library) => [library.dir, sources.filter((file) => file.library === library.dir).length]));
  log(`corpus: ${String(sources.length)} files (${Object.entries(perLibrary).filter(([, count]) => count > 0).map(([name, count]) => `${name} ${String(count)}`).join(', ')})`);

  const loadBefore = os.loadavg();
  const mainVariants = Object.keys(VARIANTS);
  log('\nwarm-up (untimed; findings are taken from it)');
  const warmup = Object.fromEntries(mainVariants.map((variant) => [variant, runOnce(corpus, variant, 1)]));

  log(`\nmain runs: ${String(RUNS)} rounds, interleaved`);
  const main = interleave(corpus, mainVariants, 1, RUNS);

  log(`\nper-rule time: ${String(STATS_RUNS)} rounds of ESLint --stats`);
  const stats = interleave(corpus, ['ssot', 'peers'], 1, STATS_RUNS, { stats: true });

  const scaling = { 1: { baseline: main.baseline, ssot: stats.ssot } };
  for (const scale of SCALES.filter((value) => value !== 1)) {
    log(`\nscaling ×${String(scale)}: ${String(SCALE_RUNS)} rounds`);
    const baseline = [];
    const ssot = [];
    for (let round = 0; round < SCALE_RUNS; round++) {
      const pair = [
        () => baseline.push(runOnce(corpus, 'baseline', scale)),
        () => ssot.push(runOnce(corpus, 'ssot', scale, { stats: true })),
      ];
      if (round % 2 === 1) pair.reverse();
      for (const run of pair) run();
    }
    scaling[scale] = { baseline, ssot };
  }
  const loadAfter = os.loadavg();

  log(`\nplugin load: ${String(RUNS)} fresh processes`);
  const settingsFile = path.join(workDir, 'settings.json');
  writeFileSync(settingsFile, JSON.stringify(ssotSettings(corpus[1].root)));
  const load = [];
  for (let run = 0; run < RUNS; run++) {
    const output = execFileSync(process.execPath, [loadProbe, pluginEntry, settingsFile], { cwd: repoRoot, encoding: 'utf8' });
    load.push(JSON.parse(output));
    log(`  load ${load[run].loadMs.toFixed(0).padStart(5)} ms  +${(load[run].rssKb / 1024).toFixed(1)} MB RSS`);
  }

  log('\nprofiles (--cpu-prof; not timed)');
  const profiles = {};
  for (const variant of ['ssot', 'oxlint-ssot']) {
    const directory = path.join(workDir, 'profile', variant);
    rmSync(directory, { recursive: true, force: true });
    runOnce(corpus, variant, 1, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`] });
    profiles[variant] = summarizeProfile(profileIn(directory), `${pluginDir}${path.sep}`);
  }

  const cpus = os.cpus();
  const dirty = git('status', '--porcelain', '--', 'src', 'rules') !== '';
  const results = {
    date: new Date().toISOString(),
    durationS: (Date.now() - started) / 1000,
    settings: { runs: RUNS, statsRuns: STATS_RUNS, scaleRuns: SCALE_RUNS, scales: SCALES, rssMethod },
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
      'eslint-plugin-ssot': `${plugin.meta.version} (${git('rev-parse', '--short', 'HEAD') || 'unknown commit'}${dirty ? ', uncommitted changes in src/ or rules/' : ''})`,
      ...Object.fromEntries(
        ['eslint', '@typescript-eslint/parser', 'oxlint', 'eslint-plugin-import-x', 'eslint-import-resolver-typescript', 'eslint-plugin-boundaries'].map((name) => [
          name,
          packageVersion(name),
        ]),
      ),
    },
    corpus: {
      files: sources.length,
      ...countLines(sources),
      libraries: LIBRARIES.filter((library) => perLibrary[library.dir] > 0).map((library) => ({ name: library.pkg, version: packageVersion(library.pkg), files: perLibrary[library.dir] })),
      services: servicesIn(corpus[1].root),
    },
    rules: ruleNames,
    variants: VARIANTS,
    warmup,
    main,
    stats,
    scaling,
    load,
    profiles,
    pluginEntry: path.relative(repoRoot, pluginEntry),
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  publish(results);
}

/** Writes docs/performance.md from `results` and prints the summary. */
function publish(results) {
  const { markdown, summary } = renderReport(results);
  writeFileSync(docsFile, markdown);
  log(`\n${summary}`);
  log(`wrote ${path.relative(process.cwd(), docsFile)} (raw samples: ${path.relative(process.cwd(), resultsFile)})`);
}

// `node bench/run.js --render`: rewrites the page from the last run's raw samples.
if (process.argv.includes('--render')) publish(JSON.parse(readFileSync(resultsFile, 'utf8')));
else await main();

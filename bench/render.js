// @ts-check
// Render: docs/performance.md and the console summary from a run's Results, its Metrics
// (bench/analyze.js) and the verdicts on the targets (bench/targets.js). Every number on the page is
// computed there from the measured samples; this file only formats.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { analyze } from './analyze.js';
import { TARGETS, judge } from './targets.js';

/** @import { Metrics } from './analyze.js' */
/** @import { Verdict } from './targets.js' */
/** @import { Mode, Results, Spread } from './types.js' */

const fixed = (/** @type {number} */ value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const seconds = (/** @type {number} */ ms) => `${fixed(ms / 1000)} s`;
const megabytes = (/** @type {number} */ kb) => `${fixed(kb / 1024, 0)} MB`;
const ms = (/** @type {number} */ value, digits = 0) => `${fixed(value, digits)} ms`;
const signedMs = (/** @type {number} */ value) => `${value >= 0 ? '+' : ''}${fixed(value, 0)} ms`;
const pct = (/** @type {number} */ ratio) =>
  Number.isFinite(ratio) ? `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%` : 'n/a';
const range = (/** @type {Spread} */ value, /** @type {(n: number) => string} */ format) =>
  `${format(value.min)}–${format(value.max)}`;
const word = (/** @type {boolean | undefined} */ pass) => (pass === undefined ? 'N/A ' : pass ? 'PASS' : 'MISS');
const MODES = /** @type {const} */ (['default', 'strict']);

/**
 * @param {readonly string[]} headers
 * @param {readonly (readonly string[])[]} rows
 */
function table(headers, rows) {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/**
 * @param {Results} results
 * @param {Metrics} m
 */
function noiseSentence(results, m) {
  const floor = m.cpu.floor ?? { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return `load average ${fixed(m.load.during.median, 1)} (${range(m.load.during, (value) => fixed(value, 1))}) on ${String(results.machine.cores)} cores during the timed runs; the floor's CPU time ranged ${range(floor, seconds)} over ${String(results.settings.runs)} runs (±${fixed(m.noise * 100, 1)}% around its median)`;
}

/**
 * @param {Results} results
 * @param {Metrics} m
 * @param {readonly Verdict[]} verdicts
 */
export function renderSummary(results, m, verdicts) {
  return [
    'Targets',
    ...verdicts.map((verdict) => `  ${word(verdict.pass)}  ${verdict.text.replaceAll('`', '')}: ${verdict.shown}`),
    `Machine: ${noiseSentence(results, m)}`,
    '',
    ...Object.keys(results.variants).flatMap((variant) => {
      const wall = m.wall[variant];
      const cpu = m.cpu[variant];
      const rss = m.rss[variant];
      if (wall === undefined || cpu === undefined || rss === undefined) return [];
      return `  ${results.variants[variant]?.label ?? variant}: wall ${seconds(wall.median)} (${range(wall, seconds)}), CPU ${seconds(cpu.median)} (${range(cpu, seconds)}), RSS ${megabytes(rss.median)}`;
    }),
    ...MODES.map((mode) => {
      const { rules, process, oxlintRun } = m.modes[mode];
      return `  ${mode}: plugin cost over the floor ${signedMs(process.cpuCost.median)} CPU per round (${range(process.cpuCost, signedMs)}); rules ${ms(rules.ms)} (${fixed(rules.share * 100, 2)}% of lint time, ${fixed(rules.perFileMs, 3)} ms/file); oxlint ${fixed(oxlintRun.speedup, 1)}× ESLint, ${signedMs(oxlintRun.overFloor.difference.median)} wall over its floor`;
    }),
    ...MODES.flatMap((mode) => {
      const { graph } = m.modes[mode];
      return graph === undefined
        ? []
        : [
            `  ${mode}: module graph cold build ${fixed(graph.parsed, 0)} files parsed in ${ms(graph.parseMs)} per ESLint process`,
          ];
    }),
    ...(m.original.runs > 0
      ? [
          `  original rules: ${fixed(m.original.ratio, 2)}× the baseline without the cold graph build (${ms(m.original.withoutGraphMs)} against ${ms(m.original.baselineMs)}; graph build ${ms(m.original.graphMs)}: ${fixed(m.original.read, 0)} read, ${fixed(m.original.parsed, 0)} parsed)`,
        ]
      : []),
    `  findings (identical under ESLint and oxlint): ${MODES.map((mode) => `${mode} ${String(results.findings[mode].length)}`).join(', ')}`,
  ].join('\n');
}

/**
 * @param {Results} results
 * @param {Metrics} m
 * @param {readonly Verdict[]} verdicts
 */
export function renderMarkdown(results, m, verdicts) {
  const { corpus, settings, machine } = results;
  const files = m.files;
  const label = (/** @type {string} */ variant) => results.variants[variant]?.label ?? variant;
  const variants = Object.keys(results.variants).filter((variant) => m.wall[variant] !== undefined);
  const floorCpu = m.cpu.floor?.median ?? Number.NaN;

  const findingCounts = MODES.flatMap((mode) => {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const line of results.findings[mode]) {
      const rule = line.split(' ')[1] ?? '?';
      counts[rule] = (counts[rule] ?? 0) + 1;
    }
    return results.rules.map((rule) => [mode, `\`ssot/${rule}\``, String(counts[`ssot/${rule}`] ?? 0)]);
  });
  const strictOptions = Object.entries(results.modes.strict).filter(
    ([, entry]) => Array.isArray(entry) && entry.length > 1,
  );

  return `# Performance

<!-- Generated by \`npm run bench\` (bench/run.js). Do not edit by hand: every number on this page comes from the script. -->

Measured on ${results.date.slice(0, 10)} by \`npm run bench\` (${fixed(results.durationS / 60, 1)} minutes): ESLint and oxlint lint the
TypeScript sources of ${String(corpus.libraries.length)} real npm packages (${String(files)} files, ${corpus.lines.toLocaleString('en-US')} lines), each run in a fresh
Node.js process, the runs interleaved (A B C … A B C …, each round starting one later), ${String(settings.runs)} timed runs per variant.

**How noisy the machine was:** ${noiseSentence(results, m)}. Figures from whole processes are medians of
interleaved runs; compare them only with that noise in mind. The figures from inside the process (\`--stats\`, the
load probe) do not depend on other processes as much.

## Targets

${table(
  ['Target', 'Measured (medians)', 'Result'],
  verdicts.map((verdict) => [
    verdict.text,
    verdict.shown,
    verdict.pass === undefined ? 'n/a' : `**${word(verdict.pass)}**`,
  ]),
)}

"Within noise" is judged on CPU time (user + system), steadier than wall time on a shared machine: the plugin's cost
is the median over rounds of (ESLint + ssot − floor), and it passes when it is no larger than half the floor's own
min–max range (the noise above). The rule shares and times per file come from ESLint's \`--stats\` (medians of
${String(settings.statsRuns)} runs; lint time is the time ESLint spent on the files: parsing, every rule, fixes).
${strictOptions.length === 0 ? 'No rule declares strict options yet, so strict mode runs every rule at its defaults.' : `Strict mode is every rule with the options \`ssot/strict\` gives it (${strictOptions.map(([id, entry]) => `\`${id}\`: \`${JSON.stringify(/** @type {unknown[]} */ (entry).slice(1))}\``).join(', ')}).`}

## What the plugin costs under ESLint

Everything is measured on top of what users run anyway: \`@eslint/js\` recommended and typescript-eslint
recommended (untyped). ESLint charges any enabled rule, even one with no listener, for a rule context per file; the
floor is that cost for a plugin with as many rules as ssot (${String(results.rules.length)}), none listening. The plugin's own cost is ssot − floor.

${table(
  ['Run', 'CPU (median)', 'Cost over the floor, per round (median)', 'Per round (min … max)', 'ms/file'],
  [
    [
      label('floor'),
      seconds(floorCpu),
      `${signedMs(m.floorOverRecommended.difference.median)} over run 1 (${pct(m.floorOverRecommended.ratio.median - 1)})`,
      range(m.floorOverRecommended.difference, signedMs),
      fixed(m.floorOverRecommended.difference.median / files, 3),
    ],
    ...MODES.map((mode) => {
      const { process, eslint } = m.modes[mode];
      return [
        label(eslint),
        seconds(m.cpu[eslint]?.median ?? Number.NaN),
        `${signedMs(process.cpuCost.median)} (${pct(process.cpuRatio.median - 1)})`,
        range(process.cpuCost, signedMs),
        fixed(process.cpuCost.median / files, 3),
      ];
    }),
  ],
)}

From inside the process (\`--stats\`, medians of ${String(settings.statsRuns)} runs):

${table(
  ['Mode', 'ssot rules', 'Lint time', 'Share', 'ms/file'],
  MODES.map((mode) => {
    const { rules } = m.modes[mode];
    return [mode, ms(rules.ms), ms(rules.lintMs), `${fixed(rules.share * 100, 2)}%`, fixed(rules.perFileMs, 3)];
  }),
)}

${
  MODES.some((mode) => m.modes[mode].graph !== undefined)
    ? `The module graph's cold build, which every ESLint process (and \`--concurrency\` worker) pays once: files whose
export table (or, for the suggestion that calls a factory, parameters) oxc-parser read, and the time that took (\`graphStats\` of src/module-graph.ts, medians of the \`--stats\` runs;
part of the rules' time above).

${table(
  ['Mode', 'Files parsed', 'Parse time', "Share of the ssot rules' time"],
  MODES.map((mode) => {
    const { graph, rules } = m.modes[mode];
    return [
      mode,
      graph === undefined ? 'n/a' : fixed(graph.parsed, 0),
      graph === undefined ? 'n/a' : ms(graph.parseMs),
      graph === undefined ? 'n/a' : `${fixed((100 * graph.parseMs) / rules.ms, 1)}%`,
    ];
  }),
)}
`
    : 'This build of the plugin has no module graph to report on.\n'
}
## oxlint

The same rules as an oxlint JS plugin, per mode, over oxlint's default rules. oxlint parses natively on all
${String(machine.cores)} cores; a JS plugin's rules run in JavaScript on one thread, and oxlint only deserialises a file's AST
and builds its scopes for JavaScript when a rule listens to that file (so files the rules skip cost almost nothing).
The floor is a JS plugin with as many rules, none listening.

${table(
  [
    'Run',
    'Wall (median)',
    'Wall (min–max)',
    'CPU (median)',
    'Over the floor (wall, per round)',
    'Over bare oxlint (wall, per round)',
    'vs ESLint, same rules',
  ],
  variants
    .filter((variant) => results.variants[variant]?.tool === 'oxlint')
    .map((variant) => {
      const mode = MODES.find((candidate) => m.modes[candidate].oxlint === variant);
      const run = mode === undefined ? undefined : m.modes[mode].oxlintRun;
      const wall = m.wall[variant] ?? { median: Number.NaN, min: Number.NaN, max: Number.NaN };
      return [
        label(variant),
        seconds(wall.median),
        range(wall, seconds),
        seconds(m.cpu[variant]?.median ?? Number.NaN),
        run === undefined
          ? ''
          : `${signedMs(run.overFloor.difference.median)} (${pct(run.overFloor.ratio.median - 1)})`,
        run === undefined ? '' : `${signedMs(run.overBare.difference.median)} (×${fixed(run.overBare.ratio.median)})`,
        run === undefined ? '' : `${fixed(run.speedup, 1)}× faster (CPU ${fixed(run.speedupCpu, 1)}×)`,
      ];
    }),
)}

## Every run

${String(settings.runs)} runs each; wall time of the whole process (start-up, config loading, parsing, rules, output), its CPU time
(user + system, all threads), peak resident set size.

${table(
  [
    'Run',
    'Wall (median)',
    'Wall (min–max)',
    'ms/file',
    'CPU (median)',
    'CPU (min–max)',
    'Peak RSS (median)',
    'Peak RSS (min–max)',
  ],
  variants.map((variant) => {
    const wall = m.wall[variant] ?? { median: Number.NaN, min: Number.NaN, max: Number.NaN };
    const cpu = m.cpu[variant] ?? wall;
    const rss = m.rss[variant] ?? wall;
    return [
      label(variant),
      seconds(wall.median),
      range(wall, seconds),
      fixed(wall.median / files),
      seconds(cpu.median),
      range(cpu, seconds),
      megabytes(rss.median),
      range(rss, megabytes),
    ];
  }),
)}

## Time per rule

From ESLint's \`--stats\` (time in each rule's listeners and \`create\`, summed over all ${String(files)} files), medians of ${String(settings.statsRuns)} runs.
The first file linted pays the plugin's one-time set-up (validating the settings, building the registry, loading
oxc-resolver and oxc-parser, the export tables the services and sources need) in whichever rule runs first:
${ms(m.modes.default.rules.group.firstMs)} of the ssot rules' time in default mode, ${ms(m.modes.strict.rules.group.firstMs)} in strict mode.

${table(
  ['Rule', 'Default', 'Strict', 'ms/file (strict)'],
  Object.keys(m.modes.strict.rules.perRule)
    .sort()
    .map((id) => [
      `\`${id}\``,
      ms(m.modes.default.rules.perRule[id]?.median ?? Number.NaN),
      ms(m.modes.strict.rules.perRule[id]?.median ?? Number.NaN),
      fixed((m.modes.strict.rules.perRule[id]?.median ?? Number.NaN) / files, 3),
    ]),
)}

With \`sources\` listing the libraries' public entry modules (each owning the names it declares itself; ${label('ssot-entries')}, --stats, ${String(m.entriesRuns)} runs), \`ssot/canonical-import\` and \`ssot/no-duplicate-definition\` take ${ms(m.sourceRules.ms)} together (${fixed(m.sourceRules.ms / files, 3)} ms/file), ${ms(m.sourceRules.afterFirstMs)} without the first file (${fixed(m.sourceRules.afterFirstMs / files, 3)} ms/file).

${
  results.baseline === undefined
    ? ''
    : results.baseline.problem === undefined
      ? `The three original rules (${results.baseline.rules.map((rule) => `\`ssot/${rule}\``).join(', ')}) against the same rules in
${results.baseline.label} (${results.baseline.commit.slice(0, 7)}, the plugin before the module graph, built from git history by bench/baseline.js),
each with \`@typescript-eslint/parser\` and no other rule (runs 11 and 11b below; --stats, ${String(m.original.runs)} runs each,
interleaved). The module graph's cold build is the time this build spent reading other modules (${fixed(m.original.read, 0)} texts read for the
export-head test), parsing them (${fixed(m.original.parsed, 0)} modules: export tables, and a factory's and a class's parameters for the suggestion
that calls the factory; loading oxc-parser included) and loading oxc-resolver and picomatch on their first use
(${ms(m.original.deferredLoadMs)}; v0.1 loaded both with the plugin, outside its rules' time), medians per process:

${table(
  ['Build', 'Rules', 'Cold graph build', 'Rules without it', 'ms/file (without it)', 'Ratio to the baseline'],
  [
    [
      'this build',
      ms(m.original.ms),
      ms(m.original.graphMs),
      ms(m.original.withoutGraphMs),
      fixed(m.original.withoutGraphMs / files, 3),
      `${fixed(m.original.ratio, 2)}× (${fixed(m.original.ratioWithGraph, 2)}× with the build)`,
    ],
    [
      results.baseline.label,
      ms(m.original.baselineMs),
      'none',
      ms(m.original.baselineMs),
      fixed(m.original.baselineMs / files, 3),
      '1.00×',
    ],
  ],
)}

`
      : `The comparison of the three original rules with ${results.baseline.label} was left out: ${results.baseline.problem}.

`
}The peer rules a user would configure instead (${label('peers')}):

${table(
  ['Rule', 'Median', 'Min–max', 'ms/file'],
  Object.entries(m.peerRules).map(([id, time]) => [
    `\`${id}\``,
    ms(time.median),
    range(time, (value) => ms(value)),
    fixed(time.median / files, 3),
  ]),
)}

## Loading the plugin

\`bench/load-probe.js\` in ${String(results.load.length)} fresh processes that have loaded ESLint and \`@typescript-eslint/parser\` already (as
every ESLint process and every \`--concurrency\` worker has), medians; CPU time is the figure judged (wall time
on a busy machine mostly measures the other processes).

${table(
  [
    'Process has loaded',
    'Import (CPU)',
    'Settings (CPU)',
    'Together (CPU)',
    'CPU min–max',
    'Together (wall)',
    'RSS added',
  ],
  /** @type {[string, Metrics['pluginLoad']][]} */ ([
    ['ESLint + parser', m.pluginLoad],
    ["+ typescript-eslint, @eslint/js (the users' baseline)", m.pluginLoadRecommended],
  ]).map(([what, l]) => [
    what,
    ms(l.importCpuMs, 1),
    ms(l.configureCpuMs, 1),
    ms(l.cpuMs, 1),
    range(l.cpuRange, (value) => ms(value, 1)),
    ms(l.ms, 1),
    `+${fixed(l.rssKb / 1024, 1)} MiB`,
  ]),
)}

## Scaling

The corpus copied ${m.scaleRows.map((row) => `${String(row.scale)}×`).join(', ')} (the services stay registered in the first copy, so the extra copies are
checked but have no findings): the ESLint floor and ESLint + ssot (strict) with \`--stats\`, medians of ${String(settings.scaleRuns)} runs
(×1: the runs above).

${table(
  ['Corpus', 'Files', 'Floor wall', 'ssot (strict, --stats) wall', 'ssot rules', 'ssot rules ms/file'],
  m.scaleRows.map((row) => [
    `×${String(row.scale)}`,
    String(row.files),
    seconds(row.floor),
    seconds(row.ssot),
    ms(row.rules),
    fixed(row.rulesPerFile, 3),
  ]),
)}

## Where the plugin's time goes

${
  Object.keys(results.profiles).length === 0
    ? 'Not profiled in this run.'
    : `One more run of each with \`node --cpu-prof\` (not timed). Samples with plugin code (\`rules/\`, \`src/\`) on the
stack, including the library code it calls (scope manager, resolver, picomatch); module loading is not included.
Under oxlint this also counts the work oxlint does lazily for JS plugins when a rule first touches
\`sourceCode.ast\` (deserialising the AST) or calls \`getScope\` (scope analysis).

${Object.entries(results.profiles)
  .map(
    ([
      variant,
      profile,
    ]) => `${label(variant)}: plugin code on the stack in ${ms(profile.pluginMs)} of ${ms(profile.totalMs)} sampled (${fixed((100 * profile.pluginMs) / profile.totalMs, 1)}%).

${table(
  ['Function (inclusive)', 'ms', '% of run', 'self ms'],
  profile.functions.map((entry) => [
    `\`${entry.name}\``,
    fixed(entry.inclusiveMs, 0),
    fixed((100 * entry.inclusiveMs) / profile.totalMs, 2),
    fixed(entry.selfMs, 0),
  ]),
)}`,
  )
  .join('\n\n')}`
}

## Findings

The ssot findings of each mode, checked line by line (file, line, column, rule, message) to be identical under ESLint
and oxlint, and in every run of a variant. \`node bench/findings.js <before.json> <after.json>\` compares two runs'
findings (e.g. before and after a change to the rules).

${table(['Mode', 'Rule', 'Findings'], findingCounts)}

## Corpus

${table(
  ['Package', 'Version', 'Files'],
  corpus.libraries.map((library) => [`\`${library.name}\``, library.version, String(library.files)]),
)}

\`src/**\` of each package, without declaration files and tests (\`*.test.ts\`, \`*.spec.ts\`, \`test/\`, \`tests/\`, \`__tests__/\`, \`dtslint/\`):
${String(files)} files, ${corpus.lines.toLocaleString('en-US')} lines, ${fixed(corpus.bytes / 1024 ** 2, 1)} MB, copied to \`bench/.work/\` so they are linted as project files.
The services registered (\`settings.ssot\`; \`rootDir\` is the corpus copy, paths relative to it):

\`\`\`json
${JSON.stringify({ rootDir: '<corpus copy>', tsconfig: '<corpus>/tsconfig.json', services: corpus.services, ...(corpus.sources === undefined ? {} : { sources: corpus.sources }) }, null, 2)}
\`\`\`

## Runs compared

${Object.entries(results.variants)
  .map(
    ([variant, { statsOnly }]) =>
      `- **${label(variant)}**${statsOnly === true ? " (only in the `--stats` rounds: too slow to time in every round, and only its rules' times are compared)" : ''}`,
  )
  .join('\n')}

ESLint runs: \`@typescript-eslint/parser\` for the TypeScript files with \`@eslint/js\` recommended and typescript-eslint
recommended (no type information); the ssot runs add every rule of the plugin (${results.rules.map((rule) => `\`ssot/${rule}\``).join(', ')}) as
warnings; the peers add \`no-restricted-syntax\` selectors for constructions, subclasses and module-level instances of the
same classes, \`import-x/no-restricted-paths\` (one zone per service module, \`eslint-import-resolver-typescript\`) and
\`boundaries/dependencies\` (one file category per service module). ESLint runs on one thread (no \`--concurrency\`).
Run 8 is ESLint with only \`@typescript-eslint/parser\` for the TypeScript files and no rule; run 9 is
\`eslint-plugin-ssot audit c0 -c <the config of 8> --format json -o <file>\` on the same files, in the same rounds.
oxlint runs: oxlint's default rules, plus \`${results.pluginEntry}\` (or the floor plugin) as a JS plugin with the same settings.

Each run is a new \`node\` process; wall time is measured around it, CPU time and peak RSS with ${
    settings.rssMethod === 'gnu-time' ? 'GNU `/usr/bin/time` (`%U`, `%S`, `%M`)' : '`process.resourceUsage()` at exit'
  }. ESLint writes JSON (\`-f json -o\`); oxlint writes JSON to a file.

## Machine and versions

- ${machine.cpu}, ${String(machine.cores)} logical CPUs, ${fixed(machine.memoryGb, 1)} GB memory, ${machine.os}
- Node.js ${machine.node}; load average ${machine.loadBefore.map((value) => fixed(value)).join(' / ')} before the timed runs, ${machine.loadAfter.map((value) => fixed(value)).join(' / ')} after
${Object.entries(results.versions)
  .map(([name, version]) => `- \`${name}\` ${version}`)
  .join('\n')}

## Reproduce

\`\`\`sh
npm run bench                      # BENCH_RUNS=5 BENCH_STATS_RUNS=3 BENCH_SCALE_RUNS=2 BENCH_SCALES=1,2,4 by default
BENCH_RUNS=10 npm run bench        # more runs per variant
npm run bench:smoke                # one library, one run of each: checks the bench itself (CI runs it)
\`\`\`

Raw samples of the last run are in \`bench/.work/results.json\` (git-ignored); \`node bench/run.js --render\` rewrites this
page from them.
`;
}

/**
 * Judges `results`, writes the page to `docsFile` and returns the console summary.
 * @param {Results} results
 * @param {string} docsFile
 * @param {string} resultsFile
 */
export function publish(results, docsFile, resultsFile) {
  const metrics = analyze(results);
  const verdicts = judge(metrics, TARGETS);
  writeFileSync(docsFile, renderMarkdown(results, metrics, verdicts));
  return `\n${renderSummary(results, metrics, verdicts)}\nwrote ${path.relative(process.cwd(), docsFile)} (raw samples: ${path.relative(process.cwd(), resultsFile)})`;
}

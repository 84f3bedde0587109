// Turns the raw samples of bench/run.js into the console summary and docs/performance.md.
// Every number in the page is computed here from the measured samples.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const percent = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

function table(headers, rows) {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Median time of each rule over `--stats` runs (ms, summed over all files). */
function ruleTimes(samples, filter) {
  const ids = new Set(samples.flatMap((sample) => Object.keys(sample.stats?.rules ?? {})).filter(filter));
  return Object.fromEntries([...ids].sort().map((id) => [id, spread(samples.map((sample) => sample.stats?.rules[id] ?? 0))]));
}

const isSsot = (id) => id.startsWith('ssot/');
const sumOf = (sample, filter) => Object.entries(sample.stats?.rules ?? {}).reduce((sum, [id, time]) => (filter(id) ? sum + time : sum), 0);

export function renderReport(results) {
  const { corpus, main, stats, scaling, machine, versions, settings } = results;
  const files = corpus.files;
  const wall = Object.fromEntries(Object.entries(main).map(([variant, samples]) => [variant, spread(samples.map((sample) => sample.wallMs))]));
  const cpu = Object.fromEntries(Object.entries(main).map(([variant, samples]) => [variant, spread(samples.map((sample) => sample.cpuMs))]));
  const rss = Object.fromEntries(Object.entries(main).map(([variant, samples]) => [variant, spread(samples.map((sample) => sample.rssKb))]));

  const ratio21 = wall.ssot.median / wall.baseline.median;
  const ratio23 = wall.ssot.median / wall.peers.median;
  const ratio42 = wall['oxlint-ssot'].median / wall.ssot.median;
  const addedMsPerFile = (wall.ssot.median - wall.baseline.median) / files;
  const rssRatio = rss.ssot.median / rss.baseline.median;
  // Runs are interleaved in rounds: the ratio within each round, then its median, is less sensitive to
  // load that drifts during the bench than the ratio of medians.
  const paired = (a, b, key = 'wallMs') => median(main[a].map((sample, round) => sample[key] / main[b][round][key]));
  const cpuRatio21 = cpu.ssot.median / cpu.baseline.median;
  const cpuAddedMsPerFile = (cpu.ssot.median - cpu.baseline.median) / files;

  const ssotTimes = ruleTimes(stats.ssot, isSsot);
  const peerTimes = ruleTimes(stats.peers, (id) => !isSsot(id));
  const ssotRulesMs = median(stats.ssot.map((sample) => sumOf(sample, isSsot)));
  const bypass = ssotTimes['ssot/no-factory-bypass'];
  const restrictedPaths = peerTimes['import-x/no-restricted-paths'];

  const scaleRows = Object.entries(scaling).map(([scale, samples]) => {
    const scaleFiles = files * Number(scale);
    const baseline = median(samples.baseline.map((sample) => sample.wallMs));
    const ssot = median(samples.ssot.map((sample) => sample.wallMs));
    const rules = median(samples.ssot.map((sample) => sumOf(sample, isSsot)));
    return { scale: Number(scale), files: scaleFiles, baseline, ssot, rules, rulesPerFile: rules / scaleFiles, runs: samples.ssot.length };
  });
  const first = scaleRows[0];
  const largest = scaleRows[scaleRows.length - 1];
  const worstGrowth = Math.max(...scaleRows.map((row) => row.rulesPerFile / first.rulesPerFile));

  // From inside the process, free of the machine's run-to-run noise: the rules' own time (--stats) plus
  // loading the plugin and validating its settings (bench/load-probe.js), and the memory that loading adds.
  const load = { ms: median(results.load.map((sample) => sample.loadMs)), rssKb: median(results.load.map((sample) => sample.rssKb)) };
  const insideMs = ssotRulesMs + load.ms;
  const insideRatio = 1 + insideMs / wall.baseline.median;
  const insideRss = 1 + load.rssKb / rss.baseline.median;
  const noise = (wall.baseline.max - wall.baseline.min) / wall.baseline.median;

  const word = (pass) => (pass === undefined ? 'N/A ' : pass ? 'PASS' : 'MISS');
  const verdict = (pass) => (pass === undefined ? 'n/a' : `**${word(pass)}**`);
  const targets = [
    {
      target: 'All ssot rules add ≤ 5% to run 1',
      measured: `${percent(ratio21)} (${seconds(wall.ssot.median)} vs ${seconds(wall.baseline.median)})`,
      pass: ratio21 <= 1.05,
      cpu: `${percent(cpuRatio21)} (${seconds(cpu.ssot.median)} vs ${seconds(cpu.baseline.median)})`,
      inside: `${percent(insideRatio)} (${fixed(ssotRulesMs, 0)} ms rules + ${fixed(load.ms, 0)} ms load)`,
      insidePass: insideRatio <= 1.05,
    },
    {
      target: 'All ssot rules add ≤ 0.5 ms per file',
      measured: `${fixed(addedMsPerFile, 3)} ms/file`,
      pass: addedMsPerFile <= 0.5,
      cpu: `${fixed(cpuAddedMsPerFile, 3)} ms/file`,
      inside: `${fixed(insideMs / files, 3)} ms/file`,
      insidePass: insideMs / files <= 0.5,
    },
    {
      target: '`ssot/no-factory-bypass` ≤ ½ of `import-x/no-restricted-paths` (--stats)',
      measured:
        bypass === undefined || restrictedPaths === undefined
          ? 'rule not in the plugin yet'
          : `${fixed(bypass.median, 0)} ms vs ${fixed(restrictedPaths.median, 0)} ms (${fixed(bypass.median / restrictedPaths.median, 3)}×)`,
      pass: bypass === undefined || restrictedPaths === undefined ? undefined : bypass.median <= restrictedPaths.median / 2,
    },
    {
      target: 'Peak RSS of run 2 within 5% of run 1',
      measured: `${percent(rssRatio)} (${megabytes(rss.ssot.median)} vs ${megabytes(rss.baseline.median)})`,
      pass: rssRatio <= 1.05,
      inside: `${percent(insideRss)} (loading the plugin adds ${megabytes(load.rssKb)})`,
      insidePass: insideRss <= 1.05,
    },
    {
      target: `Linear: ssot rule time per file at ×${String(largest.scale)} ≤ 1.2 × at ×1 (--stats)`,
      measured: `${scaleRows.map((row) => `×${String(row.scale)} ${fixed(row.rulesPerFile, 3)}`).join(', ')} ms/file (worst ${fixed(worstGrowth)}×)`,
      pass: worstGrowth <= 1.2,
    },
    {
      target: 'oxlint + plugin ≥ 5× faster than ESLint run 2',
      measured: `${fixed(1 / ratio42, 1)}× (${seconds(wall['oxlint-ssot'].median)} vs ${seconds(wall.ssot.median)})`,
      pass: ratio42 <= 0.2,
      cpu: `${fixed(cpu.ssot.median / cpu['oxlint-ssot'].median, 1)}× (${seconds(cpu['oxlint-ssot'].median)} vs ${seconds(cpu.ssot.median)})`,
    },
  ];

  const findingsRows = Object.entries(results.warmup).flatMap(([variant, run]) =>
    Object.entries(run.findings)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ruleId, count]) => [results.variants[variant].label, `\`${ruleId}\``, String(count)]),
  );

  const settingsBlock = {
    rootDir: '<corpus copy>',
    tsconfig: '<corpus>/tsconfig.json',
    services: corpus.services,
  };

  const summary = [
    'Targets',
    ...targets.map(
      (entry) =>
        `  ${word(entry.pass)}  ${entry.target.replaceAll('`', '')}: ${entry.measured}` +
        (entry.cpu === undefined ? '' : ` [CPU time: ${entry.cpu}]`) +
        (entry.inside === undefined ? '' : `\n        inside the process: ${word(entry.insidePass)} ${entry.inside}`),
    ),
    `  (run 1's own wall time varied by ${fixed(noise * 100, 0)}% between runs)`,
    '',
    `Ratios (wall-time medians): 2/1 ${fixed(ratio21, 3)}, 2/3 ${fixed(ratio23, 3)}, 4/2 ${fixed(ratio42, 3)}; CPU time 2/1 ${fixed(cpuRatio21, 3)}`,
    `Ratios per round (medians): 2/1 ${fixed(paired('ssot', 'baseline'), 3)}, 2/3 ${fixed(paired('ssot', 'peers'), 3)}, 4/2 ${fixed(paired('oxlint-ssot', 'ssot'), 3)}; CPU time 2/1 ${fixed(paired('ssot', 'baseline', 'cpuMs'), 3)}`,
    ...Object.entries(wall).map(
      ([variant, time]) =>
        `  ${results.variants[variant].label}: ${seconds(time.median)} (${seconds(time.min)}–${seconds(time.max)}), ${fixed(time.median / files)} ms/file, CPU ${seconds(cpu[variant].median)}, RSS ${megabytes(rss[variant].median)}`,
    ),
    `Per rule (--stats medians): ${Object.entries({ ...ssotTimes, ...peerTimes })
      .map(([id, time]) => `${id} ${fixed(time.median, 0)} ms`)
      .join(', ')}`,
  ].join('\n');

  const markdown = `# Performance

<!-- Generated by \`npm run bench\` (bench/run.js). Do not edit by hand: every number on this page comes from the script. -->

Measured on ${results.date.slice(0, 10)} by \`npm run bench\` (${fixed(results.durationS / 60, 1)} minutes): ESLint and oxlint lint the
TypeScript sources of ${String(corpus.libraries.length)} real npm packages (${String(files)} files, ${corpus.lines.toLocaleString('en-US')} lines), each run in a fresh
Node.js process, runs interleaved (A B C … A B C …), ${String(settings.runs)} timed runs per variant after one untimed warm-up.

## Targets

${table(
  ['Target', 'Measured (medians)', 'Result', 'CPU time', 'Inside the process', 'Result'],
  targets.map((entry) => [entry.target, entry.measured, verdict(entry.pass), entry.cpu ?? '', entry.inside ?? '', entry.inside === undefined ? '' : verdict(entry.insidePass)]),
)}

The targets are judged first on what they name: wall time and peak RSS of whole runs (medians of
${String(settings.runs)}). On this machine run 1's own wall time varied by ${fixed(noise * 100, 0)}% between runs
(${seconds(wall.baseline.min)}–${seconds(wall.baseline.max)}), and peak RSS varies with when the garbage collector runs, so
differences of a few percent between whole runs are within noise. Beside them: CPU time (user + system, all
threads; on a shared virtual machine it drifts with wall time), and, free of that noise, from inside the process the time
ESLint's \`--stats\` gives the ssot rules (medians of ${String(settings.statsRuns)} runs; it adds its own timing overhead) plus
loading the plugin and validating its settings in a process that already has ESLint and the parser
(\`bench/load-probe.js\`, ${String(results.load.length)} fresh processes), and the resident memory that loading adds.

## Runs

${String(settings.runs)} runs each; wall time of the whole process (start-up, config loading, parsing, rules, output), its CPU time
(user + system), peak resident set size.

${table(
  ['Run', 'Wall (median)', 'Wall (min–max)', 'ms/file', 'CPU (median)', 'CPU (min–max)', 'Peak RSS (median)', 'Peak RSS (min–max)'],
  Object.keys(wall).map((variant) => [
    results.variants[variant].label,
    seconds(wall[variant].median),
    `${seconds(wall[variant].min)}–${seconds(wall[variant].max)}`,
    fixed(wall[variant].median / files),
    seconds(cpu[variant].median),
    `${seconds(cpu[variant].min)}–${seconds(cpu[variant].max)}`,
    megabytes(rss[variant].median),
    `${megabytes(rss[variant].min)}–${megabytes(rss[variant].max)}`,
  ]),
)}

Wall-time ratios (medians):

- 2/1 (ssot rules on top of bare ESLint): **${fixed(ratio21, 3)}** — ${percent(ratio21)}, ${fixed(addedMsPerFile, 3)} ms per file (CPU time: ${fixed(cpuRatio21, 3)}, ${fixed(cpuAddedMsPerFile, 3)} ms per file)
- 2/3 (ssot rules vs the peer rules doing the nearest job): **${fixed(ratio23, 3)}**
- 4/2 (oxlint + ssot JS plugin vs ESLint + ssot): **${fixed(ratio42, 3)}** — oxlint is ${fixed(1 / ratio42, 1)}× faster
- Per round (median of the ratio within each round of interleaved runs): 2/1 ${fixed(paired('ssot', 'baseline'), 3)}, 2/3 ${fixed(paired('ssot', 'peers'), 3)}, 4/2 ${fixed(paired('oxlint-ssot', 'ssot'), 3)}; CPU time 2/1 ${fixed(paired('ssot', 'baseline', 'cpuMs'), 3)}
- oxlint + plugin vs bare oxlint: ${fixed(wall['oxlint-ssot'].median / wall['oxlint-bare'].median, 2)}× (the plugin's rules run in JavaScript; parsing is native)

## Time per rule

From ESLint's \`--stats\` (time spent in each rule's listeners, summed over all ${String(files)} files), median of
${String(settings.statsRuns)} runs each of run 2 and run 3 with \`--stats\`.

${table(
  ['Rule', 'Median', 'Min–max', 'ms/file'],
  Object.entries({ ...ssotTimes, ...peerTimes }).map(([id, time]) => [
    `\`${id}\``,
    `${fixed(time.median, 0)} ms`,
    `${fixed(time.min, 0)}–${fixed(time.max, 0)} ms`,
    fixed(time.median / files, 3),
  ]),
)}

All ssot rules together: ${fixed(ssotRulesMs, 0)} ms, ${fixed(ssotRulesMs / files, 3)} ms per file.
${
  bypass === undefined || restrictedPaths === undefined
    ? '`ssot/no-factory-bypass` is not in the plugin yet, so it cannot be compared with `import-x/no-restricted-paths`.'
    : `\`ssot/no-factory-bypass\` takes ${fixed(bypass.median, 0)} ms where \`import-x/no-restricted-paths\` (with \`eslint-import-resolver-typescript\`) takes ${fixed(restrictedPaths.median, 0)} ms: ${fixed(bypass.median / restrictedPaths.median, 3)}×.`
}

## Scaling

The corpus copied 1×, 2× and 4× (the services stay registered in the first copy, so the extra copies are
checked but have no findings). Bare ESLint (run 1) and ESLint + ssot with \`--stats\` (run 2, which
yields the ssot rules' own time), medians of ${String(settings.scaleRuns)} runs (×1: the runs above).

${table(
  ['Corpus', 'Files', 'Run 1 wall', 'Run 2 wall (--stats)', 'ssot rules', 'ssot rules ms/file', 'Run 2 ms/file'],
  scaleRows.map((row) => [
    `×${String(row.scale)}`,
    String(row.files),
    seconds(row.baseline),
    seconds(row.ssot),
    `${fixed(row.rules, 0)} ms`,
    fixed(row.rulesPerFile, 3),
    fixed(row.ssot / row.files),
  ]),
)}

From ×1 to ×${String(largest.scale)}: files ×${String(largest.scale)}, run 1 wall ×${fixed(largest.baseline / first.baseline)}, run 2 wall ×${fixed(largest.ssot / first.ssot)}, ssot rule time ×${fixed(largest.rules / first.rules)}.

## Where the plugin's time goes

One more run of each with \`node --cpu-prof\` (not timed). Samples with plugin code (\`rules/\`, \`src/\`) on the
stack, including the library code it calls (scope manager, resolver, picomatch); module loading is not included.
Under oxlint this also counts the work oxlint does lazily for JS plugins when a rule first touches
\`sourceCode.ast\` (deserialising the AST) or calls \`getScope\` (scope analysis).

${Object.entries(results.profiles)
  .map(
    ([variant, profile]) => `${results.variants[variant].label}: plugin code on the stack in ${fixed(profile.pluginMs, 0)} ms of ${fixed(profile.totalMs, 0)} ms sampled (${fixed((100 * profile.pluginMs) / profile.totalMs, 1)}%).

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
  .join('\n\n')}

## Findings

What each rule reported in the warm-up run (the rules do real work on this corpus). Messages about
rules unknown to the config (the packages' own \`eslint-disable\` comments) are left out.

${table(['Run', 'Rule', 'Findings'], findingsRows)}

## Corpus

${table(
  ['Package', 'Version', 'Files'],
  corpus.libraries.map((library) => [`\`${library.name}\``, library.version, String(library.files)]),
)}

\`src/**\` of each package, without declaration files and tests (\`*.test.ts\`, \`*.spec.ts\`, \`test/\`, \`tests/\`, \`__tests__/\`, \`dtslint/\`):
${String(files)} files, ${corpus.lines.toLocaleString('en-US')} lines, ${fixed(corpus.bytes / 1024 ** 2, 1)} MB, copied to \`bench/.work/\` so they are linted as project files.
The services registered (\`settings.ssot\`; \`rootDir\` is the corpus copy, paths relative to it):

\`\`\`json
${JSON.stringify(settingsBlock, null, 2)}
\`\`\`

## Runs compared

1. **Baseline**: ESLint with \`@typescript-eslint/parser\` for \`.ts\` files and no rules.
2. **ssot**: the baseline plus every rule of the plugin (${results.rules.map((rule) => `\`ssot/${rule}\``).join(', ')}) with default options
   (\`checkAllClasses\` off), as warnings.
3. **Peers**: the baseline plus what a user would configure instead: \`no-restricted-syntax\` selectors for
   constructions, subclasses and module-level instances of the same classes, \`import-x/no-restricted-paths\`
   (one zone per service module, \`eslint-import-resolver-typescript\`) and \`boundaries/dependencies\` (one file
   category per service module) for the imports.
4. **oxlint + plugin**: oxlint with \`${results.pluginEntry}\` as a JS plugin, the same settings, every ssot rule, built-in rules off;
   **4b** the same oxlint without the plugin. oxlint uses all ${String(machine.cores)} cores; ESLint uses one.

Each run is a new \`node\` process; wall time is measured around it, peak RSS with ${
    settings.rssMethod === 'gnu-time' ? 'GNU `/usr/bin/time` (`%M`)' : '`process.resourceUsage().maxRSS` at exit'
  }.
ESLint writes JSON (\`-f json -o\`); oxlint writes JSON to a file.

## Machine and versions

- ${machine.cpu}, ${String(machine.cores)} logical CPUs, ${fixed(machine.memoryGb, 1)} GB memory, ${machine.os}
- Node.js ${machine.node}; load average ${machine.loadBefore.map((value) => fixed(value)).join(' / ')} before the timed runs, ${machine.loadAfter.map((value) => fixed(value)).join(' / ')} after
${Object.entries(versions)
  .map(([name, version]) => `- \`${name}\` ${version}`)
  .join('\n')}

## Reproduce

\`\`\`sh
npm run bench                      # BENCH_RUNS=5 BENCH_STATS_RUNS=3 BENCH_SCALE_RUNS=3 by default
BENCH_RUNS=10 npm run bench        # more runs per variant
\`\`\`

Raw samples of the last run are in \`bench/.work/results.json\` (git-ignored).
`;
  return { markdown, summary };
}

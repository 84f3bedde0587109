// @ts-check
// `node bench/load-probe.js <plugin entry> <settings.json> [recommended]`: in a fresh process that has
// already loaded ESLint and @typescript-eslint/parser (as every ESLint process and `--concurrency`
// worker has) — with `recommended`, also typescript-eslint and @eslint/js, as the users' baseline has —
// how long importing the plugin and validating its settings take (wall and CPU time), and how much
// memory they add. Prints one JSON line (a LoadSample).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [entry, settingsFile, preload] = process.argv.slice(2);
if (entry === undefined || settingsFile === undefined)
  throw new Error('usage: node bench/load-probe.js <plugin entry> <settings.json> [recommended]');
const settings = /** @type {unknown} */ (JSON.parse(readFileSync(settingsFile, 'utf8')));

await import('eslint');
await import('@typescript-eslint/parser');
if (preload === 'recommended') {
  await import('typescript-eslint');
  await import('@eslint/js');
}
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const before = process.memoryUsage();
const startedCpu = cpu();
const started = performance.now();
const plugin = /** @type {{ default: { configure: (settings: unknown) => unknown } }} */ (
  await import(pathToFileURL(entry).href)
).default;
const imported = performance.now();
const importedCpu = cpu();
plugin.configure(settings);
const configured = performance.now();
const configuredCpu = cpu();
const after = process.memoryUsage();
/** @type {import('./types.js').LoadSample} */
const sample = {
  importMs: imported - started,
  configureMs: configured - imported,
  loadMs: configured - started,
  importCpuMs: importedCpu - startedCpu,
  configureCpuMs: configuredCpu - importedCpu,
  cpuMs: configuredCpu - startedCpu,
  rssKb: (after.rss - before.rss) / 1024,
  heapKb: (after.heapUsed - before.heapUsed) / 1024,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);

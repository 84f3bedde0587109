// `node bench/load-probe.js <plugin entry> <settings.json>`: in a fresh process that has already loaded
// ESLint and @typescript-eslint/parser (as run 1 has), how long loading the plugin and validating its
// settings takes, and how much memory it adds. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [entry, settingsFile] = process.argv.slice(2);
if (entry === undefined || settingsFile === undefined) throw new Error('usage: node bench/load-probe.js <plugin entry> <settings.json>');
const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));

await import('eslint');
await import('@typescript-eslint/parser');
const before = process.memoryUsage();
const started = performance.now();
const plugin = (await import(pathToFileURL(entry).href)).default;
plugin.configure(settings);
const loadMs = performance.now() - started;
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ loadMs, rssKb: (after.rss - before.rss) / 1024, heapKb: (after.heapUsed - before.heapUsed) / 1024 })}\n`,
);

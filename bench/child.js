// @ts-check
// Fallback when GNU time is missing: `node bench/child.js <rss-file> <script> ...args` runs the
// script in this process and writes its peak RSS (kB) and CPU time (s) to <rss-file> when it exits.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...args] = process.argv.slice(2);
if (rssFile === undefined || script === undefined)
  throw new Error('usage: node bench/child.js <rss-file> <script> ...args');
process.argv = [process.argv[0] ?? process.execPath, path.resolve(script), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(
    rssFile,
    `rss=${String(usage.maxRSS)} cpu=${String(usage.userCPUTime / 1e6)}+${String(usage.systemCPUTime / 1e6)}\n`,
  );
});
await import(pathToFileURL(path.resolve(script)).href);

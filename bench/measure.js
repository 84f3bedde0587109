// @ts-check
// Runs one lint in a fresh child process and measures its wall time and peak RSS: with GNU
// `/usr/bin/time` when present, else through bench/child.js (process.resourceUsage() at exit). CPU time
// (user + system) is recorded too: on a busy machine it is steadier than wall time.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const childWrapper = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');

/** How peak RSS is measured on this machine (for the report). */
export const rssMethod =
  existsSync(GNU_TIME) && process.env.BENCH_NO_GNU_TIME === undefined ? 'gnu-time' : 'resource-usage';

// Scratch space for GNU time's output, inside the git-ignored work directory: one file per bench
// process, so a second bench (or `--render`) never removes the file a running one waits for.
const scratch = path.join(path.dirname(fileURLToPath(import.meta.url)), '.work', 'tmp');
mkdirSync(scratch, { recursive: true });

/**
 * Runs `node ...nodeArgs <script> ...args` in `cwd`, standard output to `stdoutFile` (or discarded).
 * Returns `{ wallMs, cpuMs (user + system), rssKb, status, stderr }`.
 * @param {string} script
 * @param {readonly string[]} args
 * @param {{ cwd: string, stdoutFile?: string, env?: Record<string, string>, nodeArgs?: readonly string[] }} options
 */
export function measure(script, args, { cwd, stdoutFile, env = {}, nodeArgs = [] }) {
  const rssFile = path.join(scratch, `rss.${String(process.pid)}`);
  rmSync(rssFile, { force: true });
  /** @type {[string, string[]]} */
  const command =
    rssMethod === 'gnu-time'
      ? [GNU_TIME, ['-f', 'rss=%M cpu=%U+%S', '-o', rssFile, process.execPath, ...nodeArgs, script, ...args]]
      : [process.execPath, [...nodeArgs, childWrapper, rssFile, script, ...args]];
  const stdout = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
  const started = performance.now();
  const result = spawnSync(command[0], command[1], {
    cwd,
    env: { ...process.env, TIMING: undefined, ...env },
    stdio: ['ignore', stdout, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (typeof stdout === 'number') closeSync(stdout);
  if (result.error !== undefined) throw result.error;
  const rssText = existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : '';
  const rssKb = Number(/rss=(\d+)/.exec(rssText)?.[1] ?? Number.NaN);
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(rssText);
  const cpuMs = cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000;
  return { wallMs, cpuMs, rssKb, status: result.status ?? -1, stderr: result.stderr.toString() };
}

#!/usr/bin/env node
/**
 * `eslint-plugin-ssot audit [dir]` and `eslint-plugin-ssot init [dir]`.
 * Exit codes: 0 report written, 1 violations found with `--fail-on violations`, 2 usage or configuration error.
 */
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageInfo } from '../package-info.js';
import { analyze, type AuditReport } from './analyze.js';
import { FORMATS, formatJson, formatMarkdown, formatSarif, formatText, type Format } from './format.js';
import { formatHtml } from './html.js';
import { addToConfig, baseline } from './init.js';
import { configureSnippet, validateProposal, type ValidatedProposal } from './proposal.js';
import { scan, type ScanOptions } from './scan.js';

const USAGE = `Usage: eslint-plugin-ssot <command> [dir] [options]

Commands:
  audit [dir]   Find services, module-level singletons, duplicated names and current violations; propose settings.ssot
  init [dir]    Add the proposed settings to the flat config and baseline existing violations (ESLint bulk suppressions)

Options:
  -c, --config FILE        ESLint flat config to use (default: the project's; none: JS/TS with @typescript-eslint/parser)
  -f, --format FORMAT      text (default), json, markdown, html or sarif
  -o, --output FILE        Write the report to FILE instead of stdout
      --concurrency N      Lint in N worker threads, 'auto' or 'off' (as ESLint's --concurrency)
      --fail-on violations Exit 1 when the project has ssot violations
      --write-config       Print only the proposal as a ready ssot.configure({...}) snippet
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 report written, 1 violations found (with --fail-on violations), 2 usage or configuration error.`;

class UsageError extends Error {}

interface Cli {
  readonly command: 'audit' | 'init';
  readonly root: string;
  readonly configFile: string | undefined;
  readonly format: Format;
  readonly output: string | undefined;
  readonly concurrency: ScanOptions['concurrency'];
  readonly concurrencyText: string | undefined;
  readonly failOnViolations: boolean;
  readonly writeConfig: boolean;
}

function parseConcurrency(value: string | undefined): ScanOptions['concurrency'] {
  if (value === undefined || value === 'off' || value === 'auto') return value ?? 'off';
  if (!/^[1-9]\d*$/.test(value))
    throw new UsageError(`--concurrency must be a positive integer, 'auto' or 'off', got ${JSON.stringify(value)}`);
  return Number(value);
}

function parseCli(argv: readonly string[], cwd: string): Cli | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        concurrency: { type: 'string' },
        'fail-on': { type: 'string' },
        'write-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (values.version === true) return 'version';
  const [command, directory, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing command: audit or init');
  if (command !== 'audit' && command !== 'init')
    throw new UsageError(`unknown command ${JSON.stringify(command)}: expected audit or init`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const root = path.resolve(cwd, directory ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new UsageError(`${directory ?? '.'} is not a directory`);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`unknown format ${JSON.stringify(format)}: expected ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'violations')
    throw new UsageError(`--fail-on accepts only 'violations', got ${JSON.stringify(failOn)}`);
  const configFile = values.config === undefined ? undefined : path.resolve(cwd, values.config);
  if (configFile !== undefined && !existsSync(configFile))
    throw new UsageError(`config file ${values.config ?? ''} does not exist`);
  return {
    command,
    root,
    configFile,
    format: format as Format,
    output: values.output === undefined ? undefined : path.resolve(cwd, values.output),
    concurrency: parseConcurrency(values.concurrency),
    concurrencyText: values.concurrency,
    failOnViolations: failOn === 'violations',
    writeConfig: values['write-config'] === true,
  };
}

function render(format: Format, report: AuditReport, proposal: ValidatedProposal): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report, proposal);
    case 'html':
      return formatHtml(report, proposal);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report, proposal);
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60
    ? `${String(seconds)}s`
    : `${String(Math.floor(seconds / 60))}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** Files done / total and an ETA on a TTY; nothing when stderr is not a terminal. */
function progressReporter(stream: NodeJS.WriteStream): { onProgress?: ScanOptions['onProgress']; done: () => void } {
  if (!stream.isTTY) return { done: () => undefined };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    onProgress(done, total) {
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      const eta = done === 0 ? '' : `, ETA ${formatDuration(((now - started) / done) * (total - done))}`;
      stream.write(`\r\x1b[2Kssot audit: ${String(done)}/${String(total)} files${eta}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

export interface RunIo {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
}

async function auditOnce(
  cli: Cli,
  io: RunIo,
): Promise<{ report: AuditReport; proposal: ValidatedProposal; settings: unknown; configFile: string | undefined }> {
  const progress = progressReporter(io.stderr);
  try {
    const scanned = await scan({
      root: cli.root,
      ...(cli.configFile === undefined ? {} : { configFile: cli.configFile }),
      concurrency: cli.concurrency,
      ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
    });
    const displayRoot = path.relative(io.cwd, cli.root).split(path.sep).join('/') || '.';
    const report = analyze(scanned, cli.root, displayRoot);
    return {
      report,
      proposal: validateProposal(report.proposal),
      settings: scanned.settings,
      configFile: scanned.configFile,
    };
  } finally {
    progress.done();
  }
}

async function runInit(cli: Cli, io: RunIo): Promise<number> {
  const { report, proposal, settings, configFile } = await auditOnce(cli, io);
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const edit = addToConfig(cli.root, configFile, proposal.settings, settings !== undefined);
  const where = path.relative(io.cwd, edit.file) || edit.file;
  switch (edit.kind) {
    case 'created':
      say(`Created ${where} with the proposed settings (${String(report.proposal.services.length)} services).`);
      break;
    case 'updated':
      say(`Added ssot.configure({...}) with ${String(report.proposal.services.length)} proposed services to ${where}.`);
      break;
    case 'already-configured':
      say(`${where} already has settings.ssot: left as it is.`);
      break;
    case 'manual':
      say(`Could not edit ${where} (${edit.reason}). Add this yourself, then run init again:\n\n${edit.snippet}\n`);
      return 0;
  }
  if (proposal.sourcesUnsupported)
    say('Note: the proposed `sources` were left out (this version of the settings has no `sources`).');
  const result = await baseline(cli.root, cli.configFile, cli.concurrencyText);
  const entries = Object.entries(result.counts).sort(([a], [b]) => (a < b ? -1 : 1));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  say(
    total === 0
      ? 'No existing ssot violations: nothing to baseline.'
      : `Baselined ${String(total)} existing violation${total === 1 ? '' : 's'} in ${path.relative(io.cwd, result.file) || result.file} (${entries.map(([rule, count]) => `${rule}: ${String(count)}`).join(', ')}).`,
  );
  say('ESLint now fails only on new violations. Commit eslint-suppressions.json with the config.');
  say(
    'To burn the baseline down: fix a few violations, then run `npx eslint --prune-suppressions` to drop the entries that no longer occur.',
  );
  return 0;
}

export async function run(argv: readonly string[], io: RunIo): Promise<number> {
  try {
    const cli = parseCli(argv, io.cwd);
    if (cli === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (cli === 'version') {
      io.stdout.write(`${packageInfo.version}\n`);
      return 0;
    }
    if (cli.command === 'init') return await runInit(cli, io);
    const { report, proposal } = await auditOnce(cli, io);
    const text = cli.writeConfig ? `${configureSnippet(proposal.settings)}\n` : render(cli.format, report, proposal);
    if (cli.output === undefined) io.stdout.write(text);
    else {
      writeFileSync(cli.output, text);
      io.stderr.write(
        `Wrote the ${cli.writeConfig ? 'proposed settings' : `${cli.format} report`} to ${path.relative(io.cwd, cli.output) || cli.output}.\n`,
      );
    }
    return cli.failOnViolations && report.violations.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`eslint-plugin-ssot: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    // Configuration errors (ours, ESLint's, a parser that cannot load): the message, never a stack.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`eslint-plugin-ssot: ${message}\n`);
    return 2;
  }
}

// Run when executed as the bin (not when imported by tests).
const invoked = process.argv[1];
if (invoked !== undefined && realpathSync(invoked) === fileURLToPath(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

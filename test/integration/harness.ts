/**
 * Integration harness: the packed plugin, installed like a user installs it, linting the bundled
 * example in scratch projects outside the repository.
 *
 * - `tarball()` packs the built plugin (`dist/`, so `npm run test:integration` builds first) once per vitest run.
 * - `project(name)` installs the tarball plus one ESLint major into a scratch project, once per run,
 *   every version pinned by the repository's lock and nothing fetched that `npm ci` did not cache
 *   (scratch-lock.ts);
 *   every test file of the run shares it (a directory lock keeps workers from installing twice).
 * - `workspace(project, label)` copies the example's linted sources into a fresh folder inside that
 *   project and writes the same configuration three times: `eslint.config.js` (ESM),
 *   `eslint.config.cjs` (CommonJS `require`) and `eslint.config.ts`.
 * - `loadExample()` reads what the example expects: its settings and ssot rules (as its own
 *   `eslint.config.js` resolves them), its `// expect: ssot/<rule>` markers, and the findings of the
 *   repository's ESLint on the example with its own config (the reference every scratch run must equal).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ESLint, type Linter } from 'eslint';
import { inject } from 'vitest';
import { markersIn } from '../expect-markers.js';
import { scratchManifest, type ProjectName } from './scratch-lock.js';

export const repoDir = path.resolve(import.meta.dirname, '../..');
/** The bundled example (override with SSOT_EXAMPLE_DIR to try the harness on another project). */
export const exampleDir = path.resolve(process.env.SSOT_EXAMPLE_DIR ?? path.join(repoDir, 'example'));

/** Generous: a cold install on a slow machine; a typical one takes seconds (npm's cache is warm). */
export const INSTALL_TIMEOUT = 300_000;
/** One test may run a handful of ESLint processes. */
export const TEST_TIMEOUT = 120_000;

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
const CONFIG_FILE = /^eslint\.config\.[cm]?[jt]s$/u;

// ---------------------------------------------------------------------------------------------------
// Processes

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Where npm fetches from and caches to, and whether it may go online: kept. Every other npm_* variable (set by `npm test`) is not. */
const NPM_KEPT = /^npm_config_(?:cache|registry|userconfig|globalconfig|prefer_offline|offline)$/iu;

/** The environment for child processes: none of npm's, git's or ESLint's variables from this run leak in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (NPM_KEPT.test(key)) env[key] = value;
    else if (/^(?:npm_|GIT_|ESLINT|TIMING$|NODE_OPTIONS$|INIT_CWD$|VITEST|FORCE_COLOR$)/iu.test(key)) continue;
    else env[key] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command; never throws for a non-zero exit (the caller asserts the status). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: cleanEnv(options.env), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} failed to start: ${error.message}`));
          return;
        }
        resolve({ status: error === null ? 0 : (error.code as number), stdout, stderr });
      },
    );
  });
}

async function runOrThrow(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  const result = await run(command, args, { cwd });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status} in ${cwd}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Once per run, across workers

/** Builds `dir` once: the first worker to take the lock builds it, the others wait for `dir/.ready`. */
async function once(dir: string, build: () => Promise<void>): Promise<void> {
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(ready)) return;
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(200);
      continue;
    }
    try {
      if (!existsSync(ready)) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        await build();
        writeFileSync(ready, '');
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The plugin as `npm pack` ships it (packed once per run into `test/.tmp/`). */
export async function tarball(): Promise<string> {
  const dir = inject('integrationPackDir');
  await once(dir, async () => {
    const entry = path.join(repoDir, 'dist', 'src', 'index.js');
    if (!existsSync(entry))
      throw new Error('dist/ is missing: run `npm run build` first (`npm test` and `npm run test:integration` do).');
    // `npm run test:integration` builds right before; a stale dist/ (sources edited since) is packed as it is, with a warning.
    const built = statSync(entry).mtimeMs;
    const stale = ['src', 'rules'].filter((source) => newestMtime(path.join(repoDir, source)) > built);
    if (stale.length > 0)
      console.warn(
        `Integration tests pack dist/, which is older than ${stale.join('/ and ')}/: run \`npm run build\` to test your changes.`,
      );
    await runOrThrow('npm', ['pack', '--silent', '--pack-destination', dir], repoDir);
  });
  const file = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (file === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  return path.join(dir, file);
}

// ---------------------------------------------------------------------------------------------------
// Scratch projects

export type { ProjectName } from './scratch-lock.js';

export interface Project {
  name: ProjectName;
  dir: string;
  /** The installed ESLint's version. */
  eslintVersion: string;
  /** Absolute path of the installed ESLint CLI. */
  eslintBin: string;
}

/**
 * A scratch project with the packed plugin and one ESLint installed (once per run), by `npm ci` from a
 * lock cut out of the repository's (scratch-lock.ts): every version pinned, every package already in
 * npm's cache after the repository's own `npm ci`.
 */
export async function project(name: ProjectName): Promise<Project> {
  const dir = path.join(inject('integrationRoot'), name);
  const plugin = await tarball();
  await once(dir, async () => {
    const { packageJson, lockfile } = scratchManifest(repoDir, name, plugin);
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
    writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
    const result = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
    if (result.status !== 0) {
      const hint = result.stderr.includes('ENOTCACHED')
        ? "\nA package is not in npm's cache: run `npm ci` in the repository first (it caches everything the integration tests install)."
        : '';
      throw new Error(
        `npm ci exited with ${String(result.status)} in ${dir}${hint}\n${result.stdout}\n${result.stderr}`,
      );
    }
  });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules', 'eslint', 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    name,
    dir,
    eslintVersion: manifest.version,
    eslintBin: path.join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Findings

/** One reported problem, as every linter combination must agree on it. */
export interface Finding {
  /** Path relative to the linted project, with `/`. */
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The ssot findings (and any fatal parse error, so it cannot go unnoticed) of ESLint results. */
export function findingsOf(results: readonly ESLint.LintResult[], root: string): Finding[] {
  const findings: Finding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId?.startsWith('ssot/') === true || message.fatal === true || message.ruleId === null) {
        findings.push({
          file: relative(root, result.filePath),
          line: message.line,
          column: message.column,
          ruleId: message.ruleId ?? '(fatal)',
          message: message.message,
        });
      }
    }
  }
  return sortFindings(findings);
}

/** `file:line rule` for each finding: what the `// expect:` markers can state. */
export function lineKeys(findings: readonly { file: string; line: number; ruleId: string }[]): string[] {
  return findings.map(({ file, line, ruleId }) => `${file}:${line} ${ruleId}`).sort();
}

/** Runs the installed ESLint CLI. */
export function eslint(project: Project, cwd: string, args: readonly string[]): Promise<RunResult> {
  return run(process.execPath, [project.eslintBin, ...args], { cwd });
}

/** Runs the installed ESLint CLI with the JSON formatter: the exit status, the findings and stderr. */
export async function eslintReport(
  project: Project,
  cwd: string,
  args: readonly string[],
): Promise<{ status: number; findings: Finding[]; stderr: string }> {
  const result = await eslint(project, cwd, ['--format', 'json', ...args]);
  let parsed: ESLint.LintResult[];
  try {
    parsed = JSON.parse(result.stdout) as ESLint.LintResult[];
  } catch {
    throw new Error(
      `eslint ${args.join(' ')} exited with ${result.status} and printed no JSON\n${result.stdout}\n${result.stderr}`,
    );
  }
  return { status: result.status, findings: findingsOf(parsed, cwd), stderr: result.stderr };
}

/** The findings of the installed ESLint CLI; an exit other than 0 or 1 (a crash, a bad config) throws. */
export async function eslintFindings(project: Project, cwd: string, args: readonly string[]): Promise<Finding[]> {
  const { status, findings, stderr } = await eslintReport(project, cwd, args);
  if (status !== 0 && status !== 1) throw new Error(`eslint ${args.join(' ')} exited with ${status}\n${stderr}`);
  return findings;
}

// ---------------------------------------------------------------------------------------------------
// The example

/** A rule's configuration as ESLint resolves it: a severity, then the options. */
export type RuleEntry = Linter.RuleSeverity | [Linter.RuleSeverity, ...unknown[]];

export interface Example {
  /** Source files the example's own config lints (relative, with `/`). */
  lintedFiles: string[];
  /** Every file a workspace copies: the linted sources plus support files (package.json, tsconfig…). */
  files: string[];
  /** `settings.ssot`, made relative to the example so it holds in any copy. */
  settings: Record<string, unknown>;
  /** The ssot rules the example enables, as ESLint resolved them (`[severity, ...options]`). */
  rules: Record<string, RuleEntry>;
  /** `file:line rule` from the `// expect: ssot/<rule>` markers. */
  expected: string[];
  /** The repository's ESLint on the example with the example's own `eslint.config.js`. */
  reference: Finding[];
}

/** Every file under `dir` (relative, with `/`), without node_modules, dist, .git and the ESLint cache. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(dir, path.join(entry.parentPath, entry.name));
    if (/(?:^|\/)(?:node_modules|dist|\.git)\//u.test(file) || file === '.eslintcache') continue;
    files.push(file);
  }
  return files.sort();
}

/** `file:line rule` for every `// expect:` marker in these files (test/expect-markers.ts has the grammar). */
export function markers(dir: string, files: readonly string[]): string[] {
  return files.flatMap((file) => markersIn(file, readFileSync(path.join(dir, file), 'utf8'))).sort();
}

/** `settings.ssot` with absolute paths inside the example made relative, so it holds in any copy. */
function portableSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const portable = { ...settings };
  const inside = (from: string, value: string): string => {
    const relativePath = path.relative(from, value);
    if (relativePath.startsWith('..') || path.isAbsolute(relativePath))
      throw new Error(`settings.ssot points outside the example: ${value}`);
    return relativePath === '' ? '.' : relativePath.split(path.sep).join('/');
  };
  // rootDir resolves against the cwd (the example's folder), tsconfig against rootDir.
  const rootDir = path.resolve(exampleDir, typeof portable.rootDir === 'string' ? portable.rootDir : '.');
  if (typeof portable.tsconfig === 'string' && path.isAbsolute(portable.tsconfig))
    portable.tsconfig = inside(rootDir, portable.tsconfig);
  if (typeof portable.rootDir === 'string') portable.rootDir = inside(exampleDir, rootDir);
  if (portable.rootDir === '.') delete portable.rootDir;
  return portable;
}

let example: Promise<Example> | undefined;

/** The example, as its own config sees it (computed once per worker). */
export function loadExample(): Promise<Example> {
  example ??= readExample();
  return example;
}

async function readExample(): Promise<Example> {
  if (!existsSync(path.join(exampleDir, 'eslint.config.js')))
    throw new Error(`${exampleDir}/eslint.config.js is missing`);
  await tarball(); // the example's config loads dist/ too: the same existence check and staleness warning
  const eslint = new ESLint({ cwd: exampleDir });
  const results = await eslint.lintFiles(['.']);
  const lintedFiles = results.map((result) => relative(exampleDir, result.filePath)).sort();
  const files = listFiles(exampleDir).filter(
    (file) => !CONFIG_FILE.test(file) && (!SOURCE_FILE.test(file) || lintedFiles.includes(file)),
  );

  let settings: unknown;
  let rules: Record<string, RuleEntry> | undefined;
  for (const file of lintedFiles) {
    const config = (await eslint.calculateConfigForFile(path.join(exampleDir, file))) as Linter.Config;
    const ssotSettings = config.settings?.ssot;
    const ssotRules: Record<string, RuleEntry> = {};
    for (const [name, entry] of Object.entries(config.rules ?? {})) {
      if (name.startsWith('ssot/') && entry !== undefined) ssotRules[name] = entry;
    }
    if (settings === undefined) {
      settings = ssotSettings;
      rules = ssotRules;
    } else if (
      JSON.stringify(settings) !== JSON.stringify(ssotSettings) ||
      JSON.stringify(rules) !== JSON.stringify(ssotRules)
    ) {
      throw new Error(
        `The example configures ssot differently for ${file}; the harness expects one configuration for all files.`,
      );
    }
  }
  if (settings === undefined || rules === undefined || typeof settings !== 'object' || settings === null) {
    throw new Error('The example config sets no settings.ssot');
  }
  return {
    lintedFiles,
    files,
    settings: portableSettings(settings as Record<string, unknown>),
    rules,
    expected: markers(exampleDir, lintedFiles),
    reference: findingsOf(results, exampleDir),
  };
}

// ---------------------------------------------------------------------------------------------------
// Workspaces

export type ConfigKind = 'js' | 'cjs' | 'ts';
export const CONFIG_KINDS: readonly ConfigKind[] = ['js', 'cjs', 'ts'];

const ALL_SOURCES = '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
const TS_SOURCES = '**/*.{ts,tsx,mts,cts}';

/**
 * The example's configuration as a user would write it, in one of the three module formats. With
 * `rootDirFromConfig`, `rootDir` is the config file's folder (`import.meta.dirname` / `__dirname`)
 * instead of ESLint's cwd, as the docs recommend for editors and monorepos.
 */
export function configSource(
  kind: ConfigKind,
  { settings, rules }: Pick<Example, 'settings' | 'rules'>,
  { rootDirFromConfig = false } = {},
): string {
  let settingsText = JSON.stringify(settings, null, 2);
  if (rootDirFromConfig)
    settingsText = settingsText.replace(
      /^\{/u,
      `{\n  "rootDir": ${kind === 'cjs' ? '__dirname' : 'import.meta.dirname'},`,
    );
  const rulesText = JSON.stringify(rules, null, 2);
  const body = (ssot: string, tsParser: string): string => `[
  // espree for JavaScript (with JSX), @typescript-eslint/parser for TypeScript.
  { files: ['${ALL_SOURCES}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['${TS_SOURCES}'], languageOptions: { parser: ${tsParser} } },
  ${ssot}.configure(settings),
  { rules: ${rulesText.replaceAll('\n', '\n  ')} },
]`;
  switch (kind) {
    case 'js':
      return `import ssot from 'eslint-plugin-ssot';
import tsParser from '@typescript-eslint/parser';

const settings = ${settingsText};

export default ${body('ssot', 'tsParser')};
`;
    case 'cjs':
      return `const ssot = require('eslint-plugin-ssot');
const tsParser = require('@typescript-eslint/parser');

const settings = ${settingsText};

module.exports = ${body('ssot', 'tsParser')};
`;
    case 'ts':
      return `import ssot, { type SsotSettings } from 'eslint-plugin-ssot';
import * as tsParser from '@typescript-eslint/parser';
import { defineConfig } from 'eslint/config';

const settings: SsotSettings = ${settingsText};

export default defineConfig(${body('ssot', 'tsParser')});
`;
  }
}

let workspaceCount = 0;

/** A fresh copy of the example inside `project`, with `eslint.config.{js,cjs,ts}`. */
export async function workspace(project: Project, label: string): Promise<string> {
  const model = await loadExample();
  workspaceCount += 1;
  const dir = path.join(project.dir, `${label}-${process.pid}-${workspaceCount}`);
  copyExample(model, dir);
  for (const kind of CONFIG_KINDS) writeFileSync(path.join(dir, `eslint.config.${kind}`), configSource(kind, model));
  return dir;
}

/** Copies the example's files (without its own config) into `dir`. */
export function copyExample(model: Pick<Example, 'files'>, dir: string): void {
  for (const file of model.files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(exampleDir, file), path.join(dir, file));
  }
}

// ---------------------------------------------------------------------------------------------------
// oxlint

/** The repository's oxlint (a devDependency); it loads the plugin from the linted project's node_modules. */
export const oxlintBin = path.join(repoDir, 'node_modules', 'oxlint', 'bin', 'oxlint');

/** `.oxlintrc.json` for the same settings and rules: the plugin as a JS plugin, oxlint's own rules off. */
export function oxlintConfig({ settings, rules }: Pick<Example, 'settings' | 'rules'>): string {
  const severity = (entry: RuleEntry): unknown => {
    const [level, ...options]: [Linter.RuleSeverity, ...unknown[]] = Array.isArray(entry) ? entry : [entry];
    const name = typeof level === 'number' ? (['off', 'warn', 'error'][level] ?? 'error') : level;
    return options.length === 0 ? name : [name, ...options];
  };
  const config = {
    jsPlugins: ['eslint-plugin-ssot'],
    categories: { correctness: 'off' },
    rules: Object.fromEntries(Object.entries(rules).map(([name, entry]) => [name, severity(entry)])),
    settings: { ssot: settings },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

interface OxlintDiagnostic {
  message: string;
  code?: string;
  filename: string;
  labels?: { span: { line: number; column: number } }[];
}

/** Runs oxlint with `--format json`; exit codes other than 0/1 throw. `ssot(rule)` codes become `ssot/rule`. */
export async function oxlintFindings(cwd: string, args: readonly string[] = []): Promise<Finding[]> {
  const result = await run(oxlintBin, ['--format', 'json', ...args], { cwd });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`oxlint ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: OxlintDiagnostic[] };
  return sortFindings(
    diagnostics.map((diagnostic) => ({
      file: diagnostic.filename.split(path.sep).join('/'),
      line: diagnostic.labels?.[0]?.span.line ?? 0,
      column: diagnostic.labels?.[0]?.span.column ?? 0,
      ruleId: (diagnostic.code ?? '(no code)').replace(/^ssot\((.+)\)$/u, 'ssot/$1'),
      message: diagnostic.message,
    })),
  );
}

/**
 * Runs the audit's collector and the ssot rules through ESLint's Node API with the project's own flat
 * config (or, without one, a JS/TS config using @typescript-eslint/parser). Only `ssot/*` rules and
 * the audit's own rules run (`ruleFilter`), so the user's other rules cost nothing.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { rules } from '../../rules/index.js';
import { SsotConfigError } from '../settings.js';
import { collectorRule, progress } from './collector.js';
import { COLLECTOR_NAMESPACE, COLLECTOR_RULE, SHAPES_RULE, type FileFacts } from './facts.js';

const SOURCE_GLOBS = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface ScanOptions {
  /** Absolute directory to audit. */
  readonly root: string;
  /** `-c FILE` (absolute), else the project's flat config, else the built-in JS/TS config. */
  readonly configFile?: string;
  /** ESLint's `--concurrency`: a number, `'auto'` or `'off'`. */
  readonly concurrency?: number | 'auto' | 'off';
  /** Called with (files done, total) while linting in this thread. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RawMessage {
  readonly ruleId: string;
  readonly messageId?: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ScannedFile {
  /** Absolute path. */
  readonly file: string;
  readonly facts: FileFacts | undefined;
  /** Messages of the ssot rules and of the singleton-shapes rule. */
  readonly messages: readonly RawMessage[];
  /** A parse error or a crash, when the file could not be linted. */
  readonly error?: string;
}

export interface ScanResult {
  readonly files: readonly ScannedFile[];
  /** `settings.ssot` as the project's config gives it (read with calculateConfigForFile), if any. */
  readonly settings: unknown;
  /** The flat config file used, if any (absolute). */
  readonly configFile: string | undefined;
}

/** The audit's own plugin: the collector, and no-module-singleton again to run with `checkAllClasses`. */
const noModuleSingleton = rules['no-module-singleton'];

/**
 * no-module-singleton with `checkAllClasses`, blind to the registry: every module-level instance is
 * reported with its shape, registered services (even `lifetime: 'singleton'` ones) included.
 */
const singletonShapes: typeof noModuleSingleton = {
  ...noModuleSingleton,
  create: (context) => noModuleSingleton.create(Object.create(context, { settings: { value: {} } }) as typeof context),
};

const auditPlugin = {
  meta: { name: 'eslint-plugin-ssot/audit' },
  rules: { collect: collectorRule, 'singleton-shapes': singletonShapes },
};

function auditConfig(): Linter.Config {
  return {
    name: 'ssot/audit',
    files: SOURCE_GLOBS,
    plugins: { [COLLECTOR_NAMESPACE]: auditPlugin as never },
    rules: { [COLLECTOR_RULE]: 'error', [SHAPES_RULE]: ['error', { checkAllClasses: true }] },
  };
}

/** Used when the project has no flat config: JS and TS with the TypeScript parser. */
async function defaultConfig(): Promise<Linter.Config[]> {
  let parser: Linter.Parser;
  try {
    parser = await import('@typescript-eslint/parser');
  } catch {
    throw new SsotConfigError(
      'This project has no ESLint config and @typescript-eslint/parser is not installed: install it, or pass -c <eslint.config.js>.',
    );
  }
  return [
    {
      name: 'ssot/audit-default-ignores',
      ignores: ['**/node_modules/', '**/dist/', '**/build/', '**/coverage/', '**/.*/'],
    },
    { name: 'ssot/audit-default', files: SOURCE_GLOBS, languageOptions: { parser, sourceType: 'module' } },
  ];
}

export interface EslintParameters {
  readonly root: string;
  readonly configFile: string | true | undefined;
  readonly concurrency: number | 'auto' | 'off';
}

/** ESLint options for the audit (also the default export of the options module workers load). */
export async function auditEslintOptions(parameters: EslintParameters): Promise<ESLint.Options> {
  return {
    cwd: parameters.root,
    ...(parameters.configFile === undefined ? {} : { overrideConfigFile: parameters.configFile }),
    ...(parameters.configFile === true ? { baseConfig: await defaultConfig() } : {}),
    overrideConfig: auditConfig(),
    ruleFilter: ({ ruleId }) => ruleId.startsWith('ssot/') || ruleId.startsWith(`${COLLECTOR_NAMESPACE}/`),
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    cache: false,
    concurrency: parameters.concurrency,
  };
}

/** A rough count of the files ESLint will lint, for the progress line (only computed on a TTY). */
async function countFiles(eslint: ESLint, root: string): Promise<number> {
  let count = 0;
  const walk = async (directory: string): Promise<void> => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      // Directories are walked whatever the ignores say (ESLint answers `isPathIgnored` for files only).
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !(await eslint.isPathIgnored(full))) count += 1;
    }
  };
  await walk(root);
  return count;
}

function toMessages(result: ESLint.LintResult): {
  facts: FileFacts | undefined;
  messages: RawMessage[];
  error?: string;
} {
  let facts: FileFacts | undefined;
  const messages: RawMessage[] = [];
  let error: string | undefined;
  for (const message of result.messages) {
    if (message.ruleId === COLLECTOR_RULE) facts = JSON.parse(message.message) as FileFacts;
    else if (message.ruleId === null || message.fatal === true) error = message.message;
    else
      messages.push({
        ruleId: message.ruleId,
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
        message: message.message,
        line: message.line,
        column: message.column,
      });
  }
  return { facts, messages, ...(error === undefined ? {} : { error }) };
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const probe = new ESLint({
    cwd: options.root,
    ...(options.configFile === undefined ? {} : { overrideConfigFile: options.configFile }),
  });
  const found = options.configFile ?? (await probe.findConfigFile());
  const parameters: EslintParameters = {
    root: options.root,
    configFile: options.configFile ?? (found === undefined ? true : undefined),
    concurrency: options.concurrency ?? 'off',
  };
  let eslint: ESLint;
  let optionsDirectory: string | undefined;
  if (parameters.concurrency === 'off') eslint = new ESLint(await auditEslintOptions(parameters));
  else {
    // Worker threads cannot receive functions or plugin objects: they load the options from a module.
    optionsDirectory = mkdtempSync(path.join(tmpdir(), 'ssot-audit-'));
    const scanModule = pathToFileURL(fileURLToPath(import.meta.url)).href;
    const optionsFile = path.join(optionsDirectory, 'options.mjs');
    writeFileSync(
      optionsFile,
      `import { auditEslintOptions } from ${JSON.stringify(scanModule)};\nexport default await auditEslintOptions(${JSON.stringify(parameters)});\n`,
    );
    eslint = await ESLint.fromOptionsModule(pathToFileURL(optionsFile));
  }
  try {
    const onProgress = options.onProgress;
    if (onProgress !== undefined) {
      const total = await countFiles(eslint, options.root);
      let done = 0;
      onProgress(0, total);
      progress.onFile = () => {
        done += 1;
        onProgress(done, Math.max(total, done));
      };
    }
    const results = await eslint.lintFiles(['.']);
    const files = results
      .map((result): ScannedFile => ({ file: result.filePath, ...toMessages(result) }))
      .filter((file) => file.facts !== undefined || file.error !== undefined || file.messages.length > 0)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    let settings: unknown;
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(file.file)) as Linter.Config | undefined;
      settings = config?.settings?.ssot;
      if (settings !== undefined) break;
    }
    return { files, settings, configFile: typeof found === 'string' ? found : undefined };
  } finally {
    progress.onFile = undefined;
    if (optionsDirectory !== undefined) rmSync(optionsDirectory, { recursive: true, force: true });
  }
}

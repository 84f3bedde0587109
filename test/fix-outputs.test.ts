/**
 * Every fix and suggestion output of every rule suite (test/rules/*.test.ts) must be code that
 * parses, declares every name it uses, adds no duplicate identifier and no unresolved import, and is
 * a no-op on a second pass. The suites are recorded (not run) through test/rule-tester.ts; each output
 * is type-checked by a TypeScript program in the case's own project (its tsconfig, its fixture tree)
 * and compared with the program of the input: an output may not add any of the diagnostics below.
 */
import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvalidTestCase, SuggestionOutput } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSuites, type RecordedSuite } from './rule-tester.js';

/** What a fix must never add: unknown or duplicate names, imports that do not resolve, wrong calls. */
const BREAKING = new Map<number, string>([
  [2300, 'duplicate identifier'],
  [2304, 'cannot find name'],
  [2305, 'module has no exported member'],
  [2307, 'cannot find module'],
  [2440, 'import conflicts with a local declaration'],
  [2451, 'cannot redeclare block-scoped variable'],
  [2552, 'cannot find name (did you mean)'],
  [2554, 'wrong number of arguments'],
  [2353, 'unknown property in an object literal argument'],
  [2345, 'argument not assignable to the parameter'],
  [2614, 'module has no exported member (default import)'],
  [2724, 'module has no exported member (did you mean)'],
  [2834, 'relative import without the extension NodeNext needs'],
  [2835, 'relative import without the extension NodeNext needs (did you mean)'],
]);

// ── TypeScript: one program per (file, text), sharing parsed library and fixture files ─────────────
const baseHost = ts.createCompilerHost({});
const sourceFiles = new Map<string, ts.SourceFile | undefined>();
const configs = new Map<string, ts.CompilerOptions>();

/** A tsconfig TypeScript cannot read: its fixture tests a broken config; the defaults below apply. */
function ignoreBrokenConfig(): void {
  // Nothing to do: the options fall back to the defaults.
}

function compilerOptionsFor(filename: string): ts.CompilerOptions {
  const configFile = ts.findConfigFile(path.dirname(filename), (file) => ts.sys.fileExists(file));
  const key = configFile ?? '';
  let options = configs.get(key);
  if (options === undefined) {
    const parsed =
      configFile === undefined
        ? undefined
        : ts.getParsedCommandLineOfConfigFile(
            configFile,
            {},
            { ...ts.sys, onUnRecoverableConfigFileDiagnostic: ignoreBrokenConfig },
          );
    options = {
      strict: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      jsx: ts.JsxEmit.ReactJSX,
      ...parsed?.options,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    configs.set(key, options);
  }
  return options;
}

/** Syntax errors and breaking diagnostics of `text` as the file `filename`, as `code: message` lines. */
function diagnosticsOf(filename: string, text: string): { syntax: string[]; breaking: string[] } {
  const options = compilerOptionsFor(filename);
  const host: ts.CompilerHost = {
    ...baseHost,
    fileExists: (file) => file === filename || baseHost.fileExists(file),
    readFile: (file) => (file === filename ? text : baseHost.readFile(file)),
    getSourceFile: (file, languageVersion) => {
      if (file === filename) return ts.createSourceFile(file, text, languageVersion, true);
      const key = `${file}\0${JSON.stringify(languageVersion)}`;
      if (!sourceFiles.has(key)) sourceFiles.set(key, baseHost.getSourceFile(file, languageVersion));
      return sourceFiles.get(key);
    },
  };
  const program = ts.createProgram({ rootNames: [filename], options, host });
  const file = program.getSourceFile(filename);
  if (file === undefined) throw new Error(`TypeScript did not load ${filename}`);
  const render = (diagnostic: ts.Diagnostic) =>
    `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  return {
    syntax: program.getSyntacticDiagnostics(file).map(render),
    breaking: program
      .getSemanticDiagnostics(file)
      .filter((diagnostic) => BREAKING.has(diagnostic.code))
      .map(render),
  };
}

/** The diagnostics of `after` that `before` does not have (a fix may repeat the input's own spelling, not add a problem). */
function added(before: readonly string[], after: readonly string[]): string[] {
  const known = new Set(before);
  return [...new Set(after)].filter((line) => !known.has(line));
}

// ── ESLint: the case's rule, options, settings and language options, to fix an output again ─────────
type Case = InvalidTestCase<string, readonly unknown[]>;

function lint(suite: RecordedSuite, test: Case, text: string): { messages: Linter.LintMessage[]; fixed: string } {
  const linter = new Linter({ cwd: '/' });
  const languageOptions = {
    ...suite.languageOptions,
    ...test.languageOptions,
    parser: test.languageOptions?.parser ?? suite.languageOptions.parser ?? tsParser,
  } as Linter.LanguageOptions;
  const config: Linter.Config[] = [
    {
      files: ['**'],
      languageOptions,
      plugins: {
        test: { rules: { rule: suite.rule as unknown as NonNullable<Linter.Config['rules']>[string] } },
      } as never,
      rules: { 'test/rule': ['error', ...(test.options ?? [])] },
      ...(test.settings === undefined ? {} : { settings: test.settings }),
    },
  ];
  const filename = test.filename ?? '/file.ts';
  const messages = linter.verify(text, config, filename);
  const fixed = linter.verifyAndFix(text, config, { filename, fix: true }).output;
  return { messages, fixed };
}
const tsParser = await import('@typescript-eslint/parser');

// ── Record every suite of test/rules (their own tests run in their own files) ──────────────────────
const rulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rules');
const suites: RecordedSuite[] = [];

interface Output {
  readonly suite: RecordedSuite;
  readonly test: Case;
  readonly kind: 'fix' | `suggestion ${string}`;
  readonly text: string;
}

function outputsOf(suite: RecordedSuite): Output[] {
  const outputs: Output[] = [];
  for (const test of suite.tests.invalid as readonly Case[]) {
    const fixes = test.output == null ? [] : typeof test.output === 'string' ? [test.output] : test.output;
    // The last pass of a multi-pass output is the one that must be a fixed point.
    const last = fixes.at(-1);
    if (last !== undefined && last !== test.code) outputs.push({ suite, test, kind: 'fix', text: last });
    for (const error of test.errors) {
      const suggestions: readonly SuggestionOutput<string>[] = Array.isArray(error.suggestions)
        ? error.suggestions
        : [];
      for (const suggestion of suggestions) {
        outputs.push({ suite, test, kind: `suggestion ${suggestion.messageId}`, text: suggestion.output });
      }
    }
  }
  return outputs;
}

/** What is wrong with one output, or nothing. */
function problemsOf(output: Output): string[] {
  const { suite, test, text } = output;
  const filename = test.filename ?? '/file.ts';
  const before = diagnosticsOf(filename, test.code);
  const after = diagnosticsOf(filename, text);
  const problems = [
    ...added(before.syntax, after.syntax).map((line) => `does not parse: ${line}`),
    ...added(before.breaking, after.breaking),
  ];
  const again = lint(suite, test, text);
  if (again.messages.some((message) => message.fatal === true))
    problems.push(`ESLint cannot parse it: ${again.messages.find((message) => message.fatal)?.message ?? ''}`);
  if (again.fixed !== text) problems.push(`a second pass changes it:\n${again.fixed}`);
  if (output.kind !== 'fix') {
    // Applying the suggestion resolved its finding: the output has fewer findings than the input.
    const findings = lint(suite, test, test.code).messages.length;
    if (again.messages.length >= findings)
      problems.push(
        `the suggestion leaves ${again.messages.length} finding(s) (the input had ${findings}):\n${again.messages.map((message) => `  ${message.line}:${message.column} ${message.message}`).join('\n')}`,
      );
  }
  return problems;
}

describe.skip('rule suites, recorded (each runs in its own file)', async () => {
  const recording = recordSuites(suites);
  try {
    for (const file of readdirSync(rulesDir)
      .filter((name) => name.endsWith('.test.ts'))
      .sort())
      await import(path.join(rulesDir, file));
  } finally {
    recording.stop();
  }
});

// The suites' own clean-up (`afterAll`) is skipped with them: remove the scratch projects their imports wrote.
afterAll(() => {
  const scratch = new Set<string>();
  for (const suite of suites)
    for (const test of [...suite.tests.valid, ...suite.tests.invalid]) {
      const filename = typeof test === 'string' ? undefined : test.filename;
      const relative = filename === undefined ? '..' : path.relative(os.tmpdir(), filename);
      const [first] = relative.split(path.sep);
      if (first?.startsWith('ssot-graph-') === true) scratch.add(path.join(os.tmpdir(), first));
    }
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('fix and suggestion outputs of every rule suite', () => {
  it('records the suites of every rule', () => {
    expect(new Set(suites.map((suite) => suite.rule)).size).toBe(
      readdirSync(rulesDir).filter((name) => name.endsWith('.test.ts')).length,
    );
    expect(suites.flatMap(outputsOf).length).toBeGreaterThan(100);
  });

  it('catches an output that breaks code (the check itself can fail)', () => {
    const suite = suites.find((recorded) => recorded.name === 'no-direct-instantiation');
    const test = suite?.tests.invalid.find(
      (invalid) => invalid.errors[0]?.suggestions !== undefined && typeof invalid.errors[0].suggestions !== 'number',
    );
    if (suite === undefined || test === undefined) throw new Error('no suggestion case in no-direct-instantiation');
    const broken = `${test.code}\nundeclaredFactory();\nimport { nothing } from './no-such-module.js';\n`;
    const problems = problemsOf({ suite, test, kind: 'suggestion useFactory', text: broken });
    expect(problems.join('\n')).toMatch(/TS2304: Cannot find name 'undeclaredFactory'/);
    expect(problems.join('\n')).toMatch(/TS2307/);
  });

  it('catches a fix that is not a fixed point (the check itself can fail)', () => {
    const suite = suites.find((recorded) => recorded.name === 'no-factory-bypass');
    const test = suite?.tests.invalid.find((invalid) => typeof invalid.output === 'string');
    if (suite === undefined || test === undefined) throw new Error('no fix case in no-factory-bypass');
    // The input itself as "output": the rule's fix still applies to it.
    expect(problemsOf({ suite, test, kind: 'fix', text: test.code }).join('\n')).toMatch(/a second pass changes it/);
  });

  it('every output parses, declares what it uses, and is a fixed point', () => {
    const failures: string[] = [];
    for (const suite of suites) {
      for (const output of outputsOf(suite)) {
        const problems = problemsOf(output);
        if (problems.length > 0)
          failures.push(
            `${suite.name} — ${output.kind} of\n${output.test.code}\n→\n${output.text}\n${problems.join('\n')}`,
          );
      }
    }
    expect(failures, failures.join('\n\n────────\n\n')).toEqual([]);
  });
});

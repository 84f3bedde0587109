/**
 * Shared RuleTester set-up: a TypeScript tester (@typescript-eslint/parser) and an espree tester for
 * plain JavaScript, both linting virtual files inside the fixture project `test/fixtures/app`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  RuleTester,
  type InvalidTestCase,
  type RunTests,
  type SuggestionOutput,
  type TestCaseError,
  type ValidTestCase,
} from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import * as espree from 'espree';
import type { SsotSettings, ServiceSettings } from '../src/settings.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The fixture project most rule tests lint inside of (has a tsconfig with `@/*` paths). */
export const appDir = path.join(fixturesDir, 'app');

/** Absolute path of a (possibly virtual) file in the fixture app. */
export function appFile(relative: string): string {
  return path.join(appDir, relative);
}

/** One `run()` of a rule suite, as recorded by `recordSuites` instead of being run. */
export interface RecordedSuite {
  readonly name: string;
  readonly rule: RuleModule<string, readonly unknown[]>;
  readonly tests: RunTests<string, readonly unknown[]>;
  /** The tester's own `languageOptions` (each case may add its own). */
  readonly languageOptions: Readonly<Record<string, unknown>>;
}

let recorder: RecordedSuite[] | undefined;

/**
 * Until `stop()`, every `ruleTester.run` / `jsRuleTester.run` records its suite into `into` instead of
 * running it: test/fix-outputs.test.ts imports the rule suites to check every fix and suggestion output.
 */
export function recordSuites(into: RecordedSuite[]): { stop: () => void } {
  recorder = into;
  return {
    stop: () => {
      recorder = undefined;
    },
  };
}

/** A RuleTester whose suites test/fix-outputs.test.ts can record (`recordSuites`). */
class RecordingRuleTester extends RuleTester {
  readonly #languageOptions: Readonly<Record<string, unknown>>;
  constructor(languageOptions: Readonly<Record<string, unknown>>) {
    super({ languageOptions });
    this.#languageOptions = languageOptions;
  }
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    if (recorder === undefined) super.run(name, rule, tests);
    else
      recorder.push({
        name,
        rule: rule,
        tests: tests,
        languageOptions: this.#languageOptions,
      });
  }
}

export const ruleTester: RuleTester = new RecordingRuleTester({ parserOptions: { ecmaFeatures: { jsx: true } } });

export const jsRuleTester: RuleTester = new RecordingRuleTester({
  parser: espree,
  ecmaVersion: 'latest',
  sourceType: 'module',
  parserOptions: { ecmaFeatures: { jsx: true } },
});

/** The WebSocketManager service from the README, as most rule tests register it. */
export const webSocketManager: ServiceSettings = {
  name: 'WebSocketManager',
  class: 'WebSocketManager',
  module: 'src/websocket/manager.ts',
  factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
  allow: ['src/websocket/**', '**/*.test.ts'],
};

/** `settings` for a RuleTester case: the fixture app as rootDir, and these services. */
export function ssotSettings(...services: ServiceSettings[]): { ssot: SsotSettings } {
  return { ssot: { rootDir: appDir, services: services.length === 0 ? [webSocketManager] : services } };
}

// ── Compact cases ─────────────────────────────────────────────────────────────────────────────────
// Every rule suite writes its cases with these, so a case reads as code + findings:
//
//   const { valid, invalid } = cases<MessageIds, Options>({ filename: hook, settings: ssotSettings() });
//   ruleTester.run('my-rule', rule, {
//     valid: valid(['new Other();', { code: '…', options: [{ … }] }]),
//     invalid: [invalid('new WebSocketManager();', [error('direct', [1, 1, 1, 23], [suggestion('useFactory', '…')])])],
//   });
//
// Nothing is asserted implicitly: @typescript-eslint/rule-tester fails a case whose rule fixes the code
// without an `output`, or reports a suggestion its error does not list, so `output: null` and
// `suggestions: []` are left out.

/** A finding's exact range: `[line, column, endLine, endColumn]`, 1-based like ESLint's. */
export type Position = readonly [line: number, column: number, endLine: number, endColumn: number];

/** Per-file defaults every case of a suite gets unless it sets its own (`settings: undefined` drops them). */
export interface CaseDefaults {
  readonly filename: string;
  readonly settings?: Record<string, unknown>;
}

/** One expected suggestion: its messageId and the whole file after applying it. */
export function suggestion<MessageIds extends string>(
  messageId: MessageIds,
  output: string,
): SuggestionOutput<MessageIds> {
  return { messageId, output };
}

/** What a finding asserts beyond its messageId and range. */
export interface ErrorDetails<MessageIds extends string> {
  /** The message's placeholders, when the case is about the wording. */
  readonly data?: Record<string, unknown>;
  /** Every suggestion, in order; none when left out. */
  readonly suggestions?: readonly SuggestionOutput<MessageIds>[];
}

function isSuggestionList<MessageIds extends string>(
  more: readonly SuggestionOutput<MessageIds>[] | ErrorDetails<MessageIds>,
): more is readonly SuggestionOutput<MessageIds>[] {
  return Array.isArray(more);
}

/**
 * One expected finding at an exact position. The third argument lists its suggestions (in order), or
 * carries `data` (the message's placeholders) and/or `suggestions`.
 */
export function error<MessageIds extends string>(
  messageId: MessageIds,
  [line, column, endLine, endColumn]: Position,
  more: readonly SuggestionOutput<MessageIds>[] | ErrorDetails<MessageIds> = [],
): TestCaseError<MessageIds> {
  const { data, suggestions = [] }: ErrorDetails<MessageIds> = isSuggestionList(more) ? { suggestions: more } : more;
  return {
    messageId,
    ...(data === undefined ? {} : { data }),
    line,
    column,
    endLine,
    endColumn,
    ...(suggestions.length === 0 ? {} : { suggestions }),
  };
}

function withDefaults<Case extends { readonly settings?: unknown }>(defaults: CaseDefaults, test: Case): Case {
  const merged: Record<string, unknown> = { ...defaults, ...test };
  if ('settings' in test && test.settings === undefined) delete merged.settings;
  return merged as Case;
}

/** `valid()` and `invalid()` for one suite, with its per-file defaults. */
export function cases<MessageIds extends string, Options extends readonly unknown[]>(defaults: CaseDefaults) {
  return {
    /** Valid cases: code alone, or cases whose missing fields come from the defaults. */
    valid: (tests: readonly (string | ValidTestCase<Options>)[]): ValidTestCase<Options>[] =>
      tests.map((test) => withDefaults(defaults, typeof test === 'string' ? { code: test } : test)),
    /** An invalid case: code, every finding, and anything else (`output` when the rule fixes, `options`, …). */
    invalid: (
      code: string,
      errors: readonly TestCaseError<MessageIds>[],
      extra: Partial<Omit<InvalidTestCase<MessageIds, Options>, 'code' | 'errors'>> = {},
    ): InvalidTestCase<MessageIds, Options> => withDefaults(defaults, { code, errors, ...extra }),
  };
}

// @ts-check
// Reads a run's JSON output: files linted, fatal errors, findings per rule, ESLint's --stats, and the
// ssot findings as `file:line:column rule message` lines, spelt the same for ESLint and oxlint so the
// two can be compared (and two builds of the plugin: `node bench/findings.js <before.json> <after.json>`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** @import { EslintStats, Finding, Tool } from './types.js' */

/**
 * @typedef {object} EslintMessage
 * @property {string | null} ruleId
 * @property {string} message
 * @property {number} line
 * @property {number} column
 * @property {boolean} [fatal]
 */
/**
 * @typedef {object} EslintResult
 * @property {string} filePath
 * @property {EslintMessage[]} messages
 * @property {{ times: { passes: { total?: number, parse?: { total: number }, rules?: Record<string, { total: number }>, fix?: { total: number } }[] } }} [stats]
 */
/**
 * @typedef {object} OxlintDiagnostic
 * @property {string} message
 * @property {string} code
 * @property {string} filename
 * @property {{ span: { line: number, column: number } }[]} labels
 */

/**
 * ESLint's `--stats`, summed over files and passes: lint time, parse time and time per rule (ms), and the
 * time per rule on the file ESLint linted first (none when unknown).
 * @param {readonly EslintResult[]} results
 * @param {string | undefined} firstFile
 * @returns {EslintStats}
 */
function eslintStats(results, firstFile) {
  /** @type {Record<string, number>} */
  const rules = {};
  /** @type {Record<string, number>} */
  const first = {};
  let parse = 0;
  let lint = 0;
  const firstResult = results.find((result) => result.filePath === firstFile);
  for (const pass of firstResult?.stats?.times.passes ?? [])
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) first[ruleId] = (first[ruleId] ?? 0) + time.total;
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      let total = (pass.parse?.total ?? 0) + (pass.fix?.total ?? 0);
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        rules[ruleId] = (rules[ruleId] ?? 0) + time.total;
        total += time.total;
      }
      lint += pass.total ?? total;
    }
  }
  return { lint, parse, rules, first };
}

/** `ssot(no-module-singleton)` (oxlint) → `ssot/no-module-singleton` (ESLint). */
const ruleIdOf = (/** @type {string} */ code) => code.replace(/^(.+)\((.+)\)$/, '$1/$2');

/**
 * @param {Finding[]} findings
 * @param {string} root
 * @param {string} file
 * @param {string} ruleId
 * @param {number} line
 * @param {number} column
 * @param {string} message
 */
function addFinding(findings, root, file, ruleId, line, column, message) {
  if (ruleId.startsWith('ssot/'))
    findings.push(
      `${path.relative(root, path.resolve(root, file)).split(path.sep).join('/')}:${String(line)}:${String(column)} ${ruleId} ${message}`,
    );
}

/**
 * One run's output: files linted, fatal (parse) errors, findings per rule, the ssot findings (sorted),
 * and for ESLint the `--stats` sums (when the run had `--stats`).
 * @param {Tool} tool
 * @param {string} outFile
 * @param {string} root the directory finding paths are relative to
 * @param {string} [firstFile] the file ESLint linted first (ESLint's report lists files in path order)
 * @returns {{ files: number, fatal: number, counts: Record<string, number>, findings: Finding[], stats: EslintStats | undefined }}
 */
export function readOutput(tool, outFile, root, firstFile) {
  const json = /** @type {unknown} */ (JSON.parse(readFileSync(outFile, 'utf8')));
  /** @type {Record<string, number>} */
  const counts = {};
  /** @type {Finding[]} */
  const findings = [];
  const count = (/** @type {string} */ ruleId) => {
    counts[ruleId] = (counts[ruleId] ?? 0) + 1;
  };
  if (tool === 'oxlint') {
    const { diagnostics, number_of_files: files } =
      /** @type {{ diagnostics: OxlintDiagnostic[], number_of_files: number }} */ (json);
    for (const diagnostic of diagnostics) {
      const ruleId = ruleIdOf(diagnostic.code);
      count(ruleId);
      const span = diagnostic.labels[0]?.span;
      addFinding(findings, root, diagnostic.filename, ruleId, span?.line ?? 0, span?.column ?? 0, diagnostic.message);
    }
    return { files, fatal: 0, counts, findings: findings.sort(), stats: undefined };
  }
  const results = /** @type {EslintResult[]} */ (json);
  let fatal = 0;
  let timed = false;
  for (const result of results) {
    if (result.stats !== undefined) timed = true;
    for (const message of result.messages) {
      if (message.fatal === true) fatal++;
      // Inline `eslint-disable` comments naming rules that are not loaded (the corpus's own lint setup).
      else if (message.ruleId !== null && !message.message.startsWith('Definition for rule')) {
        count(message.ruleId);
        addFinding(findings, root, result.filePath, message.ruleId, message.line, message.column, message.message);
      }
    }
  }
  return {
    files: results.length,
    fatal,
    counts,
    findings: findings.sort(),
    stats: timed ? eslintStats(results, firstFile) : undefined,
  };
}

/**
 * The lines only in `before` and only in `after` (both sorted).
 * @param {readonly Finding[]} before
 * @param {readonly Finding[]} after
 */
export function diffFindings(before, after) {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  return { removed: before.filter((line) => !inAfter.has(line)), added: after.filter((line) => !inBefore.has(line)) };
}

/**
 * Throws, listing the differences, unless `a` and `b` are the same findings.
 * @param {string} what
 * @param {readonly Finding[]} a
 * @param {readonly Finding[]} b
 */
export function assertSameFindings(what, a, b) {
  const { removed, added } = diffFindings(a, b);
  if (removed.length === 0 && added.length === 0) return;
  const show = (/** @type {string} */ sign, /** @type {readonly string[]} */ lines) =>
    lines.slice(0, 20).map((line) => `  ${sign} ${line}`);
  throw new Error(
    `bench: ${what} differ (${String(removed.length)} only in the first, ${String(added.length)} only in the second):\n${[...show('-', removed), ...show('+', added)].join('\n')}`,
  );
}

// `node bench/findings.js <before results.json> <after results.json>`: are two runs' findings (per mode) identical?
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (beforeFile === undefined || afterFile === undefined)
    throw new Error('usage: node bench/findings.js <before results.json> <after results.json>');
  /** @type {(file: string) => Record<string, Finding[]>} */
  const findingsOf = (file) =>
    /** @type {{ findings: Record<string, Finding[]> }} */ (JSON.parse(readFileSync(file, 'utf8'))).findings;
  const before = findingsOf(beforeFile);
  const after = findingsOf(afterFile);
  for (const mode of new Set([...Object.keys(before), ...Object.keys(after)])) {
    assertSameFindings(`findings in ${mode} mode`, before[mode] ?? [], after[mode] ?? []);
    process.stdout.write(`${mode}: ${String(after[mode]?.length ?? 0)} findings, identical\n`);
  }
}

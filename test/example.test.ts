/**
 * The bundled example (example/) linted with the built plugin (dist/, through its own
 * eslint.config.js): the findings must be exactly the `// expect: ssot/<rule>` markers — every marked
 * line reported by the marked rules, nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { markersIn } from './expect-markers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleDir = path.join(root, 'example');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function relative(file: string): string {
  return path.relative(exampleDir, file).replaceAll('\\', '/');
}

describe('bundled example', () => {
  let results: ESLint.LintResult[];

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/src/index.js')))
      throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    results = await new ESLint({ cwd: exampleDir }).lintFiles(['.']);
  });

  it('lints every source file of the example without a parse error', () => {
    const linted = results.map((result) => relative(result.filePath)).sort();
    expect(linted).toEqual(sourceFiles(exampleDir).map(relative).sort());
    const fatal = results.flatMap((result) =>
      result.messages.filter((message) => message.fatal === true || message.ruleId === null),
    );
    expect(fatal).toEqual([]);
  });

  it('reports exactly the `// expect:` markers', () => {
    const actual = results
      .flatMap((result) =>
        result.messages.map(
          (message) => `${relative(result.filePath)}:${String(message.line)} ${message.ruleId ?? 'fatal'}`,
        ),
      )
      .sort();
    const expected = sourceFiles(exampleDir)
      .flatMap((file) => markersIn(relative(file), readFileSync(file, 'utf8')))
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has a deliberate violation of every rule', () => {
    const marked = new Set(
      sourceFiles(exampleDir)
        .flatMap((file) => markersIn(relative(file), readFileSync(file, 'utf8')))
        .map((entry) => entry.split(' ')[1]),
    );
    for (const name of Object.keys(rules))
      expect(marked, `no // expect: marker for ssot/${name}`).toContain(`ssot/${name}`);
  });

  it('`node example/lint.js` (npm run demo) prints each finding and a summary line, and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(exampleDir, 'lint.js')], { cwd: root });
    const problems = results.reduce((sum, result) => sum + result.messages.length, 0);
    const files = results.filter((result) => result.messages.length > 0).length;
    expect(stdout).toMatch(
      new RegExp(`^${String(problems)} problems \\(ssot/[^)]+\\) in ${String(files)} files$`, 'm'),
    );
    for (const result of results)
      for (const message of result.messages)
        expect(stdout).toContain(
          `${relative(result.filePath)}:${String(message.line)}:${String(message.column)}  ${message.ruleId ?? ''}  ${message.message}`,
        );
  });
});

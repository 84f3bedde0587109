/**
 * Adopting the plugin on a legacy codebase with ESLint's bulk suppressions: `--suppress-rule ssot/…`
 * records today's violations in `eslint-suppressions.json`; they pass, a new one fails; paying one
 * down makes ESLint ask for `--prune-suppressions`, which drops it from the file.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eslint,
  eslintReport,
  INSTALL_TIMEOUT,
  loadExample,
  project,
  TEST_TIMEOUT,
  workspace,
  type Example,
  type Project,
} from './harness.js';

type Suppressions = Record<string, Record<string, { count: number }>>;

/** What `eslint-suppressions.json` should hold for these findings: a count per file and rule. */
function countsOf(findings: readonly { file: string; ruleId: string }[]): Suppressions {
  const counts: Suppressions = {};
  for (const { file, ruleId } of findings) {
    const rules = (counts[file] ??= {});
    rules[ruleId] = { count: (rules[ruleId]?.count ?? 0) + 1 };
  }
  return counts;
}

describe.each(['eslint10', 'eslint9'] as const)('%s bulk suppressions', (name) => {
  let scratch: Project;
  let example: Example;
  let dir: string;
  const suppressionsFile = (): Suppressions =>
    JSON.parse(readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8')) as Suppressions;

  beforeAll(async () => {
    [scratch, example] = await Promise.all([project(name), loadExample()]);
    dir = await workspace(scratch, 'suppress');
  }, INSTALL_TIMEOUT);

  it(
    'suppresses today’s violations, fails a new one, and prunes paid-down ones',
    async () => {
      // 1. Record the legacy violations, rule by rule.
      const rules = [...new Set(example.reference.map((finding) => finding.ruleId))].sort();
      expect(rules.length).toBeGreaterThan(0);
      const suppress = await eslint(scratch, dir, [...rules.flatMap((rule) => ['--suppress-rule', rule]), '.']);
      expect(suppress.status, suppress.stdout + suppress.stderr).toBe(0);
      expect(suppressionsFile()).toEqual(countsOf(example.reference));

      // 2. The suppressed violations pass.
      const clean = await eslintReport(scratch, dir, ['.']);
      expect(clean.status, clean.stderr).toBe(0);
      expect(clean.findings).toEqual([]);

      // 3. A new violation (a copy of a file with violations) fails, and only it is reported.
      const legacy = example.reference[0]?.file ?? '';
      const copy = path.posix.join(path.posix.dirname(legacy), `new-${path.posix.basename(legacy)}`);
      copyFileSync(path.join(dir, legacy), path.join(dir, copy));
      const fresh = await eslintReport(scratch, dir, ['.']);
      expect(fresh.status).toBe(1);
      expect(fresh.findings.length).toBeGreaterThan(0);
      expect(new Set(fresh.findings.map((finding) => finding.file))).toEqual(new Set([copy]));
      rmSync(path.join(dir, copy));

      // 4. Paying one file down leaves unused suppressions: ESLint asks for a prune…
      writeFileSync(path.join(dir, legacy), 'export {};\n');
      const unpruned = await eslint(scratch, dir, ['.']);
      expect(unpruned.status).toBe(2);
      expect(unpruned.stdout + unpruned.stderr).toContain('--prune-suppressions');
      expect((await eslint(scratch, dir, ['--pass-on-unpruned-suppressions', '.'])).status).toBe(0);

      // 5. …and --prune-suppressions drops exactly that file's entries.
      const prune = await eslint(scratch, dir, ['--prune-suppressions', '.']);
      expect(prune.status, prune.stdout + prune.stderr).toBe(0);
      expect(suppressionsFile()).toEqual(countsOf(example.reference.filter((finding) => finding.file !== legacy)));
      expect((await eslint(scratch, dir, ['.'])).status).toBe(0);
      expect(existsSync(path.join(dir, copy))).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

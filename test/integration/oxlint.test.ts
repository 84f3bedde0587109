/**
 * oxlint runs the packed plugin unchanged as a JS plugin (`jsPlugins: ["eslint-plugin-ssot"]`, the
 * same `settings.ssot` as JSON) and reports exactly what ESLint reports: rule, file, line, column and
 * message — on the example and on the rule-test fixtures (including the every-syntax kitchen sink).
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, webSocketManager } from '../rule-tester.js';
import {
  configSource,
  eslintFindings,
  INSTALL_TIMEOUT,
  lineKeys,
  loadExample,
  oxlintConfig,
  oxlintFindings,
  project,
  TEST_TIMEOUT,
  workspace,
  type Example,
  type Project,
} from './harness.js';

describe('oxlint with the packed plugin as a JS plugin', () => {
  let scratch: Project;
  let example: Example;
  let dir: string;

  beforeAll(async () => {
    [scratch, example] = await Promise.all([project('eslint10'), loadExample()]);
    dir = await workspace(scratch, 'oxlint');
    writeFileSync(path.join(dir, '.oxlintrc.json'), oxlintConfig(example));
  }, INSTALL_TIMEOUT);

  it(
    'reports on the example exactly what ESLint reports (rule, file, line, column, message)',
    async () => {
      const [fromOxlint, fromEslint] = await Promise.all([oxlintFindings(dir), eslintFindings(scratch, dir, ['.'])]);
      expect(fromOxlint).toEqual(fromEslint);
      expect(lineKeys(fromOxlint)).toEqual(example.expected);
    },
    TEST_TIMEOUT,
  );

  it(
    'reports on the rule-test fixtures exactly what ESLint reports',
    async () => {
      // The fixture app with the rule tests' service, and the every-syntax file that imports from it.
      const fixtures = path.join(dir, 'fixtures');
      cpSync(fixturesDir, fixtures, { recursive: true });
      const model = { settings: { rootDir: 'app', services: [webSocketManager] }, rules: example.rules };
      writeFileSync(path.join(fixtures, 'eslint.config.js'), configSource('js', model));
      writeFileSync(path.join(fixtures, '.oxlintrc.json'), oxlintConfig(model));
      const [fromOxlint, fromEslint] = await Promise.all([
        oxlintFindings(fixtures),
        eslintFindings(scratch, fixtures, ['.']),
      ]);
      expect(fromEslint.filter((finding) => finding.file === 'syntax/kitchen-sink.tsx').length).toBeGreaterThan(0);
      expect(fromOxlint).toEqual(fromEslint);
    },
    TEST_TIMEOUT,
  );
});

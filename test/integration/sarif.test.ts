/**
 * CI's code-scanning path: `eslint -f @microsoft/eslint-formatter-sarif` with the packed plugin. The
 * SARIF log must carry each reported rule with its description and help URL (the plugin's
 * `meta.docs`), and one result per finding, at the same place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eslint,
  eslintFindings,
  INSTALL_TIMEOUT,
  project,
  sortFindings,
  TEST_TIMEOUT,
  workspace,
  type Finding,
  type Project,
} from './harness.js';

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }[];
    }[];
  }[];
}

interface PluginRules {
  rules: Record<string, { meta: { docs: { description: string; url: string } } }>;
}

describe('SARIF for code scanning (@microsoft/eslint-formatter-sarif)', () => {
  let scratch: Project;
  let dir: string;
  let sarif: SarifLog;
  let status: number;
  let findings: Finding[];
  let plugin: PluginRules;

  beforeAll(async () => {
    scratch = await project('eslint10');
    dir = await workspace(scratch, 'sarif');
    ({ status } = await eslint(scratch, dir, [
      '--format',
      '@microsoft/eslint-formatter-sarif',
      '--output-file',
      'eslint.sarif',
      '.',
    ]));
    sarif = JSON.parse(readFileSync(path.join(dir, 'eslint.sarif'), 'utf8')) as SarifLog;
    findings = await eslintFindings(scratch, dir, ['.']);
    const entry = createRequire(path.join(scratch.dir, 'package.json')).resolve('eslint-plugin-ssot');
    plugin = ((await import(pathToFileURL(entry).href)) as { default: PluginRules }).default;
  }, INSTALL_TIMEOUT);

  it('exits 1 (there are errors) and writes a SARIF 2.1.0 log from ESLint', () => {
    expect(status).toBe(1);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]?.tool.driver.name).toBe('ESLint');
  });

  it('describes every reported rule with the plugin’s description and help URL', () => {
    const reported = [...new Set(findings.map((finding) => finding.ruleId))].sort();
    expect(reported.length).toBeGreaterThan(0);
    const described = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(described.map((rule) => rule.id).sort()).toEqual(reported);
    for (const rule of described) {
      const meta = plugin.rules[rule.id.replace(/^ssot\//u, '')]?.meta;
      expect(meta, rule.id).toBeDefined();
      expect(rule.shortDescription?.text).toBe(meta?.docs.description);
      expect(rule.helpUri).toBe(meta?.docs.url);
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id.replace(/^ssot\//u, '')}\\.md$`, 'u'));
    }
  });

  it(
    'has one result per finding: rule, level, message, file, line and column',
    () => {
      const results = sortFindings(
        (sarif.runs[0]?.results ?? []).map((result) => {
          const location = result.locations[0]?.physicalLocation;
          expect(result.level).toBe('error');
          return {
            file: path
              .relative(dir, fileURLToPath(location?.artifactLocation.uri ?? ''))
              .split(path.sep)
              .join('/'),
            line: location?.region.startLine ?? 0,
            column: location?.region.startColumn ?? 0,
            ruleId: result.ruleId,
            message: result.message.text,
          };
        }),
      );
      expect(results).toEqual(findings);
    },
    TEST_TIMEOUT,
  );
});

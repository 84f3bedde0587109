/**
 * `eslint-plugin-ssot init`: the proposal goes into a flat config that is a plain array (or is printed
 * when it is not), and every existing ssot violation is baselined with ESLint bulk suppressions, so a
 * lint right after init passes and a new violation still fails.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixtureDir, scratchInRepo } from './helpers.js';

const TIMEOUT = 120_000;
const require = createRequire(import.meta.url);
const PLAIN_CONFIG = `import tsParser from '@typescript-eslint/parser';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  }
];
`;

describe('init', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  /** The fixture inside the repository (so `eslint-plugin-ssot` resolves to this package), with `config` as its flat config. */
  function project(name: string, config: string): string {
    const dir = scratchInRepo(name, fixtureDir);
    made.push(dir);
    // Its own package.json would hide this package's self-reference.
    rmSync(path.join(dir, 'package.json'));
    writeFileSync(path.join(dir, 'eslint.config.js'), config);
    return dir;
  }

  it(
    'adds ssot.configure to a plain-array config, baselines the violations, and only new ones fail',
    async () => {
      const dir = project('init-plain', PLAIN_CONFIG);
      const before = await new ESLint({ cwd: dir }).lintFiles(['.']);
      expect(before.flatMap((result) => result.messages)).toEqual([]);

      const result = await cli(['init'], dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Added ssot\.configure\(\{\.\.\.\}\) with 5 proposed services to eslint\.config\.js\.$/m,
      );
      expect(result.stdout).toMatch(
        /^Baselined \d+ existing violations? in eslint-suppressions\.json \(ssot\/[^)]+\)\.$/m,
      );
      expect(result.stdout).toContain('npx eslint --prune-suppressions');

      const config = readFileSync(path.join(dir, 'eslint.config.js'), 'utf8');
      expect(config).toMatch(
        /^import tsParser from '@typescript-eslint\/parser';\nimport ssot from 'eslint-plugin-ssot';\n/,
      );
      expect(config).toContain('  },\n  ssot.configure({\n    services: [\n');
      expect(config.trimEnd().endsWith('}),\n];')).toBe(true);

      // With the new config the rules find violations (the Node API does not apply suppressions); the baseline holds each of them.
      const unsuppressed = await new ESLint({ cwd: dir }).lintFiles(['.']);
      const found = unsuppressed.flatMap((r) => r.messages.map((m) => m.ruleId));
      expect(found.length).toBeGreaterThan(0);
      expect(existsSync(path.join(dir, 'eslint-suppressions.json'))).toBe(true);
      const suppressions = JSON.parse(readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8')) as Record<
        string,
        Record<string, { count: number }>
      >;
      const suppressed = Object.values(suppressions)
        .flatMap((byRule) => Object.values(byRule))
        .reduce((sum, entry) => sum + entry.count, 0);
      expect(suppressed).toBe(found.length);

      // The CLI applies the baseline: only a new violation fails.
      writeFileSync(
        path.join(dir, 'src/pages/new-page.ts'),
        "import { SocketClient } from '../net/socket-client';\nexport const shared = new SocketClient('wss://example.test/new');\n",
      );
      const { execFile } = await import('node:child_process');
      const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
      const lint = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        execFile(process.execPath, [eslintBin, '.'], { cwd: dir }, (error, stdout) => {
          resolve({ code: error === null ? 0 : (error.code as number), stdout });
        });
      });
      expect(lint.code).toBe(1);
      expect(lint.stdout).toContain('new-page.ts');
      expect(lint.stdout).not.toMatch(/feed\.ts|chat\.ts|auth-service\.ts/);
    },
    TIMEOUT,
  );

  it(
    'prints what to add when the config is not a plain array, and leaves it unchanged',
    async () => {
      const config = `import tsParser from '@typescript-eslint/parser';\n\nconst configs = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];\nexport default configs;\n`;
      const dir = project('init-manual', config);
      const result = await cli(['init'], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /^Could not edit eslint\.config\.js \(its default export is not a plain array\)\. Add this yourself, then run init again:/,
      );
      expect(result.stdout).toContain("import ssot from 'eslint-plugin-ssot';");
      expect(result.stdout).toContain('ssot.configure({');
      expect(readFileSync(path.join(dir, 'eslint.config.js'), 'utf8')).toBe(config);
      expect(existsSync(path.join(dir, 'eslint-suppressions.json'))).toBe(false);
    },
    TIMEOUT,
  );
});

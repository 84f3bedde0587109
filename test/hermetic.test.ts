/**
 * `npm test` installs nothing `npm ci` did not: every package an integration test installs is pinned
 * by package-lock.json and comes with its integrity (test/integration/scratch-lock.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchManifest, type ProjectName } from './integration/scratch-lock.js';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(path.join(repoDir, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const EXACT = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/u;

describe('integration installs are pinned and offline', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ssot-hermetic-'));
  const tarball = path.join(scratch, 'eslint-plugin-ssot-0.0.0.tgz');
  writeFileSync(tarball, 'not a real tarball: only its integrity is computed');
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('pins ESLint 9 (an npm alias) and jiti exactly', () => {
    expect(packageJson.devDependencies.eslint9).toMatch(/^npm:eslint@9\.\d+\.\d+$/u);
    expect(packageJson.devDependencies.jiti).toMatch(EXACT);
  });

  it.each<[ProjectName, RegExp, string[]]>([
    ['eslint9', /^9\./u, ['@typescript-eslint/parser', 'jiti']],
    ['eslint10', /^10\./u, ['@typescript-eslint/parser', 'jiti', '@microsoft/eslint-formatter-sarif']],
    ['precommit', /^10\./u, ['@typescript-eslint/parser', 'jiti', 'husky', 'lint-staged']],
  ])('%s: exact versions, every package locked with its integrity', (name, eslintMajor, others) => {
    const { packageJson: manifest, lockfile } = scratchManifest(repoDir, name, tarball);
    const { 'eslint-plugin-ssot': plugin, eslint, ...rest } = manifest.devDependencies;
    expect(plugin).toBe(`file:${tarball}`);
    expect(eslint).toMatch(eslintMajor);
    expect(Object.keys(rest).sort()).toEqual([...others].sort());
    for (const version of [eslint, ...Object.values(rest)]) expect(version).toMatch(EXACT);
    expect(lockfile.packages['']?.devDependencies).toEqual(manifest.devDependencies);

    const entries = Object.entries(lockfile.packages).filter(([key]) => key !== '');
    expect(
      entries
        .filter(([, entry]) => typeof entry.version !== 'string' || typeof entry.integrity !== 'string')
        .map(([key]) => key),
    ).toEqual([]);
    expect(lockfile.packages['node_modules/eslint']?.version).toBe(eslint);
    // The plugin's own dependencies and ESLint's are in the closure, not fetched at test time.
    for (const dependency of [...Object.keys(packageJson.dependencies), 'espree', 'eslint-scope']) {
      expect(
        entries.some(([key]) => key === `node_modules/${dependency}` || key.endsWith(`/node_modules/${dependency}`)),
        dependency,
      ).toBe(true);
    }
    // Nothing of the repository's own tooling comes along.
    for (const tooling of ['vitest', 'oxlint', 'eslint9'])
      expect(lockfile.packages[`node_modules/${tooling}`], tooling).toBeUndefined();
  });
});

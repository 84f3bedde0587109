// @ts-check
// The baseline the module graph's issue measures the three original rules against: the plugin as it was
// before the module graph (v0.1), built from this repository's history into bench/.work/baseline with
// esbuild (TypeScript sources bundled as they were; no type-check). Its dependencies are this checkout's
// node_modules, so only the plugin's own code differs between the two runs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** v0.1: the last commit before the module graph (issue 11), with the three original rules. */
export const BASELINE = {
  label: 'v0.1',
  commit: 'eb6175c45b53be8bcb1e67f03d0f00c976a10413',
  rules: ['no-direct-instantiation', 'no-module-singleton', 'no-factory-bypass'],
};

/** Where the built baseline plugin lives (its entry module). */
export const baselineEntry = path.join(repoRoot, 'bench', '.work', 'baseline', 'plugin.js');

/**
 * Builds the baseline plugin from git history. Returns undefined when built, or why it could not be (no
 * git, or a clone without that commit, e.g. a shallow one): the comparison is then left out, and said so.
 * @returns {Promise<string | undefined>}
 */
export async function buildBaseline() {
  const sources = path.join(repoRoot, 'bench', '.work', 'baseline', 'tree');
  rmSync(path.dirname(sources), { recursive: true, force: true });
  mkdirSync(sources, { recursive: true });
  try {
    execFileSync('git', ['cat-file', '-e', `${BASELINE.commit}^{commit}`], { cwd: repoRoot, stdio: 'ignore' });
  } catch {
    return `commit ${BASELINE.commit.slice(0, 7)} is not in this clone (git history needed)`;
  }
  const archive = execFileSync('git', ['archive', '--format=tar', BASELINE.commit, 'src', 'rules', 'package.json'], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', sources], { input: archive });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(sources, 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: baselineEntry,
    logLevel: 'warning',
  });
  return existsSync(baselineEntry) ? undefined : `esbuild wrote no ${baselineEntry}`;
}

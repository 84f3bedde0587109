/** Runs the built `eslint-plugin-ssot` bin (dist/, so `npm test` builds first) and copies fixtures to scratch folders. */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const repoDir = path.resolve(import.meta.dirname, '../..');
export const exampleDir = path.join(repoDir, 'example');
export const fixtureDir = path.join(repoDir, 'test/fixtures/audit');
export const bin = path.join(repoDir, 'dist/src/audit/cli.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(args: readonly string[], cwd: string): Promise<CliResult> {
  if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A copy of the audit fixture outside the repository, so no ESLint config above it applies. */
export function scratchFixture(): { dir: string; remove: () => void } {
  const parent = mkdtempSync(path.join(tmpdir(), 'ssot-audit-test-'));
  const dir = path.join(parent, 'app');
  cpSync(fixtureDir, dir, { recursive: true });
  return {
    dir,
    remove: () => {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** A copy inside the repository (test/.tmp/, ignored by our lint) where `eslint-plugin-ssot` resolves to this package. */
export function scratchInRepo(name: string, from: string): string {
  const dir = path.join(repoDir, 'test/.tmp/audit', `${name}-${String(process.pid)}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(from, dir, { recursive: true });
  return dir;
}

/**
 * The pre-commit recipe from docs/integrations.md, run for real: a git repository with the example
 * committed as legacy code, husky's pre-commit hook running lint-staged, and lint-staged running
 * `eslint --max-warnings=0 --no-warn-ignored` on the staged files. A commit of a clean change goes
 * through; a commit that stages a new violation is refused.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  configSource,
  copyExample,
  INSTALL_TIMEOUT,
  loadExample,
  project,
  run,
  TEST_TIMEOUT,
  type Example,
  type Project,
  type RunResult,
} from './harness.js';

const LINT_STAGED_COMMAND = 'eslint --max-warnings=0 --no-warn-ignored';

describe('pre-commit: husky + lint-staged', () => {
  let scratch: Project;
  let example: Example;
  const git = (...args: string[]): Promise<RunResult> => run('git', args, { cwd: scratch.dir });
  const head = async (): Promise<string> => (await git('rev-parse', 'HEAD')).stdout.trim();

  beforeAll(async () => {
    [scratch, example] = await Promise.all([project('precommit'), loadExample()]);
    // The user's project: the example's sources and config at the root of a git repository.
    copyExample(example, scratch.dir);
    writeFileSync(path.join(scratch.dir, 'eslint.config.js'), configSource('js', example));
    writeFileSync(path.join(scratch.dir, '.gitignore'), 'node_modules/\n');
    const manifestPath = path.join(scratch.dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest['lint-staged'] = { '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': LINT_STAGED_COMMAND };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    for (const args of [
      ['init', '--quiet', '--initial-branch=main'],
      ['config', 'user.name', 'Test'],
      ['config', 'user.email', 'test@example.invalid'],
      ['config', 'commit.gpgsign', 'false'],
      ['add', '--all'],
      ['commit', '--quiet', '--no-verify', '--message', 'legacy code, violations included'],
    ]) {
      const result = await git(...args);
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    }
    // The recipe: `npx husky init`, then the hook runs lint-staged.
    const init = await run('npx', ['--no-install', 'husky', 'init'], { cwd: scratch.dir });
    if (init.status !== 0) throw new Error(`husky init: ${init.stdout}${init.stderr}`);
    writeFileSync(path.join(scratch.dir, '.husky', 'pre-commit'), 'npx lint-staged\n');
  }, INSTALL_TIMEOUT);

  it('husky init installed the hook and the prepare script', async () => {
    expect((await git('config', 'core.hooksPath')).stdout.trim()).toBe('.husky/_');
    expect(
      (JSON.parse(readFileSync(path.join(scratch.dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
        .scripts?.prepare,
    ).toBe('husky');
  });

  it(
    'a clean change commits: only staged files are linted, the legacy violations elsewhere do not block it',
    async () => {
      const reported = new Set(example.reference.map((finding) => finding.file));
      const clean = example.files.find(
        (file) => file.startsWith('src/') && example.lintedFiles.includes(file) && !reported.has(file),
      );
      if (clean === undefined) throw new Error('the example has no file without findings');
      const before = await head();
      writeFileSync(
        path.join(scratch.dir, clean),
        `${readFileSync(path.join(scratch.dir, clean), 'utf8')}// touched\n`,
      );
      await git('add', clean);
      const commit = await git('commit', '--message', `touch ${clean}`);
      expect(commit.status, commit.stdout + commit.stderr).toBe(0);
      expect(await head()).not.toBe(before);
    },
    TEST_TIMEOUT,
  );

  it(
    'a commit that stages a new violation is refused, naming the rule',
    async () => {
      const legacy = example.reference[0];
      if (legacy === undefined) throw new Error('the example has no findings');
      const copy = path.posix.join(path.posix.dirname(legacy.file), `new-${path.posix.basename(legacy.file)}`);
      copyFileSync(path.join(scratch.dir, legacy.file), path.join(scratch.dir, copy));
      const before = await head();
      await git('add', copy);
      const commit = await git('commit', '--message', 'a new violation');
      expect(commit.status).not.toBe(0);
      const output = commit.stdout + commit.stderr;
      expect(output).toContain(LINT_STAGED_COMMAND);
      expect(output).toContain(copy);
      expect(output).toMatch(/ssot\/[\w-]+/u);
      expect(await head()).toBe(before);
      expect((await git('diff', '--cached', '--name-only')).stdout.trim()).toBe(copy);
    },
    TEST_TIMEOUT,
  );
});

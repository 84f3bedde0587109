/**
 * `npm run new-rule <name>` in a copy of the repository: the scaffolded rule, test and doc pass the
 * sync tests (plugin.test.ts, docs.test.ts), their own rule test, the type-check, the lint and
 * docs:check before anyone edits them.
 */
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_TIMEOUT, repoDir, run, TEST_TIMEOUT, type RunResult } from './harness.js';

const NAME = 'no-scaffolded-example';

describe('npm run new-rule', () => {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'ssot-new-rule-'));
  let scaffold: RunResult;
  const inCopy = (command: string, args: readonly string[]) => run(command, args, { cwd: copy });
  const expectOk = (result: RunResult): void => {
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  };

  beforeAll(async () => {
    // The repository as a contributor has it: tracked and new (not ignored) files, its node_modules.
    const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoDir });
    expectOk(listed);
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      try {
        // A tracked symlink (the fixture workspace's node_modules/@acme/realtime) keeps its relative
        // target: cpSync would point it back into this repository.
        const source = path.join(repoDir, file);
        if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), path.join(copy, file));
        else cpSync(source, path.join(copy, file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted but not yet committed
      }
    }
    symlinkSync(path.join(repoDir, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    scaffold = await inCopy('npm', ['run', 'new-rule', NAME]);
  }, INSTALL_TIMEOUT);

  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('writes the rule, its test and its doc, registers it and lists it in the README', () => {
    expectOk(scaffold);
    expect(scaffold.stdout).toContain(`Created ssot/${NAME}`);
    expect(readFileSync(path.join(copy, 'rules/index.ts'), 'utf8')).toContain(`'${NAME}': noScaffoldedExample,`);
    expect(readFileSync(path.join(copy, 'README.md'), 'utf8')).toContain(`[${NAME}](docs/rules/${NAME}.md)`);
    expect(readFileSync(path.join(copy, `docs/rules/${NAME}.md`), 'utf8')).toMatch(
      /^# ssot\/no-scaffolded-example\n\n📝 Disallow /u,
    );
  });

  it(
    'passes the sync tests, its own tests, the type-check, the lint, docs:check and the format check',
    async () => {
      expectOk(
        await inCopy(process.execPath, [
          'node_modules/vitest/vitest.mjs',
          'run',
          '--project',
          'unit',
          'test/plugin.test.ts',
          'test/docs.test.ts',
          `test/rules/${NAME}.test.ts`,
        ]),
      );
      expectOk(await inCopy('npm', ['run', '--silent', 'typecheck']));
      expectOk(
        await inCopy(process.execPath, [
          'node_modules/eslint/bin/eslint.js',
          `rules/${NAME}.ts`,
          `test/rules/${NAME}.test.ts`,
        ]),
      );
      expectOk(await inCopy('npm', ['run', '--silent', 'docs:check']));
      expectOk(await inCopy('npm', ['run', '--silent', 'format:check']));
    },
    TEST_TIMEOUT * 4,
  );

  it('refuses a name that exists, and says how to call it', async () => {
    const again = await inCopy('npm', ['run', '--silent', 'new-rule', NAME]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`ssot/${NAME} exists already`);
  });
});

/**
 * The packed plugin under the ESLint CLI, ESLint 10 and ESLint 9 (both pinned by package-lock.json): the same findings with
 * `eslint.config.js`, `.cjs` and `.ts`, with `--concurrency`, and with `--cache` (cold and warm) — and
 * those findings are the example's `// expect:` markers and what the repository's own run reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eslintFindings,
  INSTALL_TIMEOUT,
  lineKeys,
  loadExample,
  project,
  run,
  TEST_TIMEOUT,
  workspace,
  type Example,
  type Finding,
  type Project,
} from './harness.js';

const repoDir = path.resolve(import.meta.dirname, '../..');
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(path.join(repoDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
const pinnedEslint = { eslint10: versionOf('eslint'), eslint9: versionOf('eslint9') };

describe.each(['eslint10', 'eslint9'] as const)('%s CLI with the packed plugin', (name) => {
  let scratch: Project;
  let example: Example;
  let dir: string;
  /** `eslint .`, finding `eslint.config.js` by itself: what every other combination must equal. */
  let plain: Finding[];

  beforeAll(async () => {
    [scratch, example] = await Promise.all([project(name), loadExample()]);
    dir = await workspace(scratch, 'cli');
    plain = await eslintFindings(scratch, dir, ['.']);
  }, INSTALL_TIMEOUT);

  it('installed the intended ESLint', () => {
    // The exact versions the repository pins: `eslint` and the `eslint9` alias (npm:eslint@9.x.y).
    expect(scratch.eslintVersion).toBe(pinnedEslint[name]);
    if (name === 'eslint9') expect(scratch.eslintVersion).toMatch(/^9\.(?:39|[4-9]\d)\./u);
  });

  it('with eslint.config.js, reports what the repository’s own run reports: the example’s `// expect:` markers', () => {
    expect(plain.length).toBeGreaterThan(0);
    expect(plain).toEqual(example.reference);
    expect(lineKeys(plain)).toEqual(example.expected);
  });

  it.each(['cjs', 'ts'])(
    '--config eslint.config.%s gives the same findings as eslint.config.js',
    async (kind) => {
      expect(await eslintFindings(scratch, dir, ['--config', `eslint.config.${kind}`, '.'])).toEqual(plain);
    },
    TEST_TIMEOUT,
  );

  it.each(['auto', '2'])(
    '--concurrency %s gives the same findings',
    async (concurrency) => {
      expect(await eslintFindings(scratch, dir, ['--concurrency', concurrency, '.'])).toEqual(plain);
    },
    TEST_TIMEOUT,
  );

  it(
    '--cache: cold and warm runs equal a plain run; an edited file is linted again, the others are kept',
    async () => {
      const cached = await workspace(scratch, 'cache');
      const args = ['--cache', '--cache-location', '.eslintcache', '.'];
      expect(await eslintFindings(scratch, cached, args)).toEqual(plain);
      const cache = readFileSync(path.join(cached, '.eslintcache'), 'utf8');
      for (const file of example.lintedFiles) expect(cache).toContain(path.join(cached, file));
      expect(await eslintFindings(scratch, cached, args)).toEqual(plain);

      // One more line on top of a file with findings: only that file's findings move down a line.
      const edited = plain[0]?.file ?? '';
      const text = readFileSync(path.join(cached, edited), 'utf8');
      writeFileSync(path.join(cached, edited), `// edited\n${text}`);
      const shifted = plain.map((finding) =>
        finding.file === edited ? { ...finding, line: finding.line + 1 } : finding,
      );
      expect(await eslintFindings(scratch, cached, args)).toEqual(shifted);
    },
    TEST_TIMEOUT,
  );

  it(
    'eslint.config.ts type-checks against the packed declarations, and a typo in the settings does not',
    async () => {
      const typo = readFileSync(path.join(dir, 'eslint.config.ts'), 'utf8').replace('"services":', '"servics":');
      expect(typo).toContain('"servics":');
      writeFileSync(path.join(dir, 'typo.config.ts'), typo);
      writeFileSync(
        path.join(dir, 'tsconfig.config.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['eslint.config.ts', 'typo.config.ts'],
        }),
      );
      const tsc = path.join(scratch.dir, 'node_modules', 'typescript', 'bin', 'tsc');
      const { stdout } = await run(process.execPath, [tsc, '-p', 'tsconfig.config.json', '--pretty', 'false'], {
        cwd: dir,
      });
      const errors = stdout.split('\n').filter((line) => line.includes('error TS'));
      expect(errors.filter((line) => !line.startsWith('typo.config.ts'))).toEqual([]);
      expect(errors.join('\n')).toMatch(/^typo\.config\.ts\(\d+,\d+\): error TS\d+: .*servics/mu);
    },
    TEST_TIMEOUT,
  );
});

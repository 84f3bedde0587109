/**
 * The README cannot lie: its Quick start config, linting the two files it shows, gives exactly the
 * output it shows; and its install instructions name a way that works before the package is published.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import type { SsotSettings } from '../src/settings.js';
import { appDir, appFile } from './rule-tester.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Settings'));
const blocks = [...quickStart.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, body]) => ({
  language,
  body: body ?? '',
}));

/** The object passed to `ssot.configure(...)` in the Quick start, evaluated as written. */
function quickStartSettings(): SsotSettings {
  const config = blocks.find((block) => block.body.includes('ssot.configure('))?.body ?? '';
  const start = config.indexOf('ssot.configure(') + 'ssot.configure('.length;
  const end = config.lastIndexOf('}),');
  // The README's object literal is plain JSON5-like data: evaluate it as a module-free expression.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text is our own README, read at test time
  const evaluate = new Function(`return (${config.slice(start, end + 1)});`) as () => SsotSettings;
  return evaluate();
}

describe('README Quick start', () => {
  it('is an ES module config named eslint.config.mjs', () => {
    expect(
      blocks.find((block) => block.body.includes('ssot.configure('))?.body.startsWith('// eslint.config.mjs\n'),
    ).toBe(true);
  });

  it('shows every file of its sample output, and the output is what `npx eslint .` prints', async () => {
    const files = blocks.filter((block) => block.language === 'ts' && block.body.startsWith('// src/'));
    const output = blocks.find((block) => block.body.startsWith('$ npx eslint .'))?.body ?? '';

    const linter = new Linter({ cwd: appDir });
    const config = [
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
      plugin.configure({ ...quickStartSettings(), rootDir: appDir }),
    ];
    // The findings of each file, as ESLint's default (stylish) formatter prints them for /home/me/app
    // (it drops a message's final period).
    const results: ESLint.LintResult[] = files.map(({ body }) => {
      const file = /^\/\/ (\S+)/.exec(body)?.[1] ?? '';
      const messages = linter.verify(body, config, appFile(file));
      const count = (severity: number) => messages.filter((message) => message.severity === severity).length;
      return {
        filePath: `/home/me/app/${file}`,
        messages,
        suppressedMessages: [],
        errorCount: count(2),
        fatalErrorCount: messages.filter((message) => message.fatal === true).length,
        warningCount: count(1),
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      };
    });
    expect(results.every((result) => result.messages.length > 0)).toBe(true);
    const stylish = await new ESLint({ cwd: appDir }).loadFormatter('stylish');
    // eslint-disable-next-line no-control-regex -- colour codes, when the terminal has colours
    const printed = (await stylish.format(results)).replaceAll(/\u001B\[[0-9;]*m/g, '');
    expect(output).toBe(`$ npx eslint .\n${printed}`);
  });
});

describe('README Install', () => {
  const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start'));

  it('says the package is not published yet and how to install it from git or a tarball', () => {
    expect(install).toContain('not on the npm registry yet');
    expect(install).toMatch(/npm install --save-dev eslint "github:[^"]+"/);
    expect(install).toContain('npm pack');
  });

  it('a git install builds dist/ (prepare), while an existing build is kept', () => {
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      files: string[];
    };
    expect(packageJson.scripts.prepare).toContain('npm run build');
    expect(packageJson.scripts.prepare).toContain("existsSync('dist/src/index.js')");
    expect(packageJson.files).toContain('dist');
  });

  it('the packed package.json has no prepare script (npm warns about install scripts), and the repository keeps it', () => {
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(packageJson.scripts.prepack).toBe('tsx tools/pack-manifest.ts strip');
    expect(packageJson.scripts.postpack).toBe('tsx tools/pack-manifest.ts restore');
    // What npm pack runs, in a copy: prepack strips `prepare`, postpack restores the file byte for byte.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-pack-'));
    try {
      const original = readFileSync(path.join(root, 'package.json'), 'utf8');
      writeFileSync(path.join(dir, 'package.json'), original);
      const run = (command: string) =>
        execFileSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'tools/pack-manifest.ts'), command], {
          cwd: dir,
        });
      run('strip');
      const packed = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(packed.scripts.prepare).toBeUndefined();
      expect(packed.scripts.build).toBe(packageJson.scripts.build);
      run('restore');
      expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(original);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

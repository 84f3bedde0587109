/**
 * The path an editor takes (the VS Code ESLint extension's language server): the project's own ESLint
 * loaded through its Node API, `lintText(text, { filePath })` on the open buffer, quick fixes from the
 * suggestions, and "fix all" through `fix: true` + `ESLint.outputFixes`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EslintModule from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_KINDS,
  configSource,
  findingsOf,
  INSTALL_TIMEOUT,
  listFiles,
  loadExample,
  project,
  TEST_TIMEOUT,
  workspace,
  type Example,
  type Project,
} from './harness.js';

type Message = EslintModule.Linter.LintMessage;

/** The ESLint installed in the scratch project (as the editor loads the workspace's ESLint). */
async function installedEslint(scratch: Project): Promise<typeof EslintModule> {
  const entry = createRequire(path.join(scratch.dir, 'package.json')).resolve('eslint');
  return (await import(pathToFileURL(entry).href)) as typeof EslintModule;
}

/** Applies one text edit, as an editor applies a quick fix. */
function applyEdit(text: string, { range: [start, end], text: replacement }: EslintModule.Rule.Fix): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

function countRule(messages: readonly Message[], ruleId: string): number {
  return messages.filter((message) => message.ruleId === ruleId).length;
}

describe.each(['eslint10', 'eslint9'] as const)('%s Node API (editor integration)', (name) => {
  let scratch: Project;
  let example: Example;
  let dir: string;
  let api: typeof EslintModule;
  let eslint: EslintModule.ESLint;
  /** Files of the example with findings. */
  let reported: string[];

  beforeAll(async () => {
    [scratch, example] = await Promise.all([project(name), loadExample()]);
    dir = await workspace(scratch, 'api');
    api = await installedEslint(scratch);
    eslint = new api.ESLint({ cwd: dir });
    reported = [...new Set(example.reference.map((finding) => finding.file))];
  }, INSTALL_TIMEOUT);

  it(
    'lintText(text, { filePath }) reports what the CLI reports, file by file',
    async () => {
      expect(reported.length).toBeGreaterThan(0);
      for (const file of reported) {
        const results = await eslint.lintText(readFileSync(path.join(dir, file), 'utf8'), {
          filePath: path.join(dir, file),
        });
        expect(findingsOf(results, dir)).toEqual(example.reference.filter((finding) => finding.file === file));
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'lintText on an unsaved buffer (no file on disk yet) reports what it reports once the file is saved',
    async () => {
      let found = 0;
      for (const file of reported) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const unsaved = path.join(dir, path.dirname(file), `unsaved-${path.basename(file)}`);
        expect(existsSync(unsaved)).toBe(false);
        const beforeSaving = findingsOf(await eslint.lintText(text, { filePath: unsaved }), dir);
        writeFileSync(unsaved, text);
        try {
          expect(beforeSaving).toEqual(findingsOf(await eslint.lintFiles([unsaved]), dir));
        } finally {
          rmSync(unsaved);
        }
        found += beforeSaving.length;
      }
      expect(found).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it.each(CONFIG_KINDS)(
    'with `rootDir` from eslint.config.%s, an editor whose cwd is a parent folder reports the same',
    async (kind) => {
      const config = path.join(dir, `eslint.rootdir.config.${kind}`);
      writeFileSync(config, configSource(kind, example, { rootDirFromConfig: true }));
      expect(readFileSync(config, 'utf8')).toMatch(/"rootDir": (?:import\.meta\.dirname|__dirname),/u);
      const fromParent = new api.ESLint({ cwd: scratch.dir, overrideConfigFile: config });
      for (const file of reported) {
        const results = await fromParent.lintText(readFileSync(path.join(dir, file), 'utf8'), {
          filePath: path.join(dir, file),
        });
        expect(findingsOf(results, dir)).toEqual(example.reference.filter((finding) => finding.file === file));
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'without `rootDir`, an editor whose cwd is a parent folder gets a config error naming rootDir, not silence',
    async () => {
      const fromParent = new api.ESLint({ cwd: scratch.dir, overrideConfigFile: path.join(dir, 'eslint.config.js') });
      const file = reported[0] ?? '';
      await expect(
        fromParent.lintText(readFileSync(path.join(dir, file), 'utf8'), { filePath: path.join(dir, file) }),
      ).rejects.toThrow(/settings\.ssot\.services\[\d+\]\.(?:factory\.)?module: .*rootDir/u);
    },
    TEST_TIMEOUT,
  );

  it(
    'every suggestion is a quick fix that parses and removes its finding',
    async () => {
      let applied = 0;
      for (const file of reported) {
        const filePath = path.join(dir, file);
        const text = readFileSync(filePath, 'utf8');
        const [result] = await eslint.lintText(text, { filePath });
        for (const message of result?.messages ?? []) {
          for (const suggestion of message.suggestions ?? []) {
            const ruleId = message.ruleId ?? '';
            expect(suggestion.desc.length).toBeGreaterThan(0);
            const fixed = applyEdit(text, suggestion.fix);
            expect(fixed).not.toBe(text);
            expect(fixed).toContain(suggestion.fix.text);
            const [after] = await eslint.lintText(fixed, { filePath });
            const messages = after?.messages ?? [];
            expect(messages.filter((other) => other.fatal === true)).toEqual([]);
            expect(countRule(messages, ruleId), `${file}: "${suggestion.desc}"`).toBeLessThan(
              countRule(result?.messages ?? [], ruleId),
            );
            applied += 1;
          }
        }
      }
      expect(applied).toBeGreaterThan(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'fix: true + ESLint.outputFixes writes each fixed file, and the fixed files have nothing fixable left',
    async () => {
      const fixDir = await workspace(scratch, 'fix');
      // Besides the example: a service class imported only for its type, which the plugin fixes to a type import.
      const service = (example.settings.services as { class: string; module?: string }[]).find(
        (candidate) =>
          candidate.class !== 'default' &&
          typeof candidate.module === 'string' &&
          existsSync(path.join(fixDir, candidate.module)),
      );
      if (service?.module === undefined) throw new Error('the example has no service defined in a file of its own');
      const typeUse = 'type-use.ts';
      const typeUseText = [
        `import { ${service.class} } from './${service.module.replace(/\.[cm]?[jt]sx?$/u, '')}';`,
        '',
        `export function describeService(service: ${service.class}): string {`,
        '  return String(service);',
        '}',
        '',
      ].join('\n');
      writeFileSync(path.join(fixDir, typeUse), typeUseText);
      // Every file of the workspace (the configs too), so a linted file missing here fails below.
      const before = new Map(listFiles(fixDir).map((file) => [file, readFileSync(path.join(fixDir, file), 'utf8')]));
      const fixer = new api.ESLint({ cwd: fixDir, fix: true });
      const results = await fixer.lintFiles(['.']);
      await api.ESLint.outputFixes(results);
      const linted = results.map((result) => path.relative(fixDir, result.filePath).split(path.sep).join('/'));
      expect(linted).toContain(typeUse);
      const fixed: string[] = [];
      for (const [index, result] of results.entries()) {
        const file = linted[index] ?? '';
        const onDisk = readFileSync(result.filePath, 'utf8');
        expect(before.has(file), file).toBe(true);
        if (result.output === undefined) expect(onDisk, file).toBe(before.get(file));
        else {
          expect(result.output, file).not.toBe(before.get(file));
          expect(onDisk, file).toBe(result.output);
          fixed.push(file);
        }
      }
      expect(fixed).toContain(typeUse);
      const again = await new api.ESLint({ cwd: fixDir }).lintFiles(['.']);
      const typeUseResult = again.find((result) => result.filePath === path.join(fixDir, typeUse));
      expect(readFileSync(path.join(fixDir, typeUse), 'utf8')).toMatch(/\btype\b.*from/u);
      expect(typeUseResult?.messages).toEqual([]);
      const fixable = again.flatMap((result) =>
        result.messages
          .filter((message) => message.fix !== undefined)
          .map((message) => `${result.filePath}:${message.line} ${message.ruleId ?? ''}`),
      );
      expect(fixable).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});

/**
 * Docs cannot lie: every ❌/✅ example in docs/rules/*.md is linted with its rule.
 *
 * - A code block is an example when the line introducing it starts with ❌ or ✅. It is linted as the
 *   file `(in \`path\`)` in that line names, or `src/hooks/example.<ext>`, in the fixture app
 *   (test/fixtures/app); `/* eslint ... *\/` comments in a block set options.
 * - A ❌ block states how many reports it produces on the line above its fence,
 *   `<!-- reports: N -->`, and must produce exactly that many; a ✅ block must produce none.
 * - The settings are the one ```json block introduced by a line starting "The examples use these
 *   settings"; a doc with examples must have exactly one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { appDir, appFile } from './rule-tester.js';

const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/rules');
const frameworksDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/frameworks');

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly language: string;
  readonly code: string;
  readonly line: number;
  readonly filename: string;
  /** How many reports the doc says the block produces (0 for ✅). */
  readonly reports: number;
}

const SETTINGS_INTRO = 'The examples use these settings';
const REPORTS = /^<!--\s*reports:\s*(\d+)\s*-->$/u;

/** The examples of a rule doc and the settings they use; throws naming the line of anything malformed. */
function parseDoc(markdown: string, name = 'doc'): { examples: Example[]; settings: unknown } {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const settingsBlocks: { line: number; settings: unknown }[] = [];
  const previous = (from: number): number => {
    let index = from - 1;
    while (index >= 0 && (lines[index] ?? '').trim() === '') index--;
    return index;
  };
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\w+)/u.exec(lines[index] ?? '');
    if (fence === null) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').startsWith('```'); index++)
      body.push(lines[index] ?? '');
    const language = fence[1] ?? '';
    const code = body.join('\n');
    let intro = previous(start);
    const count = REPORTS.exec((lines[intro] ?? '').trim())?.[1];
    if (count !== undefined) intro = previous(intro);
    // The paragraph introducing the block, from its first line.
    while (intro > 0 && (lines[intro - 1] ?? '').trim() !== '' && !(lines[intro - 1] ?? '').startsWith('```')) intro--;
    const introLine = lines.slice(intro, previous(start) + 1).join(' ');
    const where = `${name}:${String(start + 1)}`;
    if (introLine.startsWith(SETTINGS_INTRO)) {
      if (language !== 'json') throw new Error(`${where}: the settings block must be \`\`\`json`);
      settingsBlocks.push({ line: start + 1, settings: (JSON.parse(code) as { ssot: unknown }).ssot });
      continue;
    }
    const kind = introLine.startsWith('❌') ? 'incorrect' : introLine.startsWith('✅') ? 'correct' : undefined;
    if (kind === undefined) {
      if (count !== undefined)
        throw new Error(`${where}: \`<!-- reports: ${count} -->\` above a block that is no ❌ example`);
      continue;
    }
    if (!['ts', 'tsx', 'js', 'jsx', 'typescript', 'javascript'].includes(language))
      throw new Error(`${where}: an example must be ts, tsx, js or jsx, not '${language}'`);
    if (kind === 'incorrect' && count === undefined)
      throw new Error(`${where}: write \`<!-- reports: N -->\` on the line above this ❌ example's fence`);
    if (kind === 'correct' && count !== undefined)
      throw new Error(`${where}: a ✅ example reports nothing; drop its \`<!-- reports: ${count} -->\``);
    const extension = { typescript: 'ts', javascript: 'js' }[language] ?? language;
    const named = /\(in `([^`]+)`/u.exec(introLine)?.[1];
    examples.push({
      kind,
      language,
      code,
      line: start + 1,
      filename: named ?? `src/hooks/example.${extension}`,
      reports: Number(count ?? 0),
    });
  }
  if (examples.length > 0 && settingsBlocks.length !== 1) {
    throw new Error(
      `${name}: the examples need exactly one \`\`\`json settings block introduced by "${SETTINGS_INTRO}:" (found ${String(settingsBlocks.length)})`,
    );
  }
  return { examples, settings: settingsBlocks[0]?.settings };
}

const docs = readdirSync(docsDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({
    rule: file.slice(0, -3),
    ...parseDoc(readFileSync(path.join(docsDir, file), 'utf8'), `docs/rules/${file}`),
  }));

describe.each(docs.map((doc) => [doc.rule, doc] as const))('docs/rules/%s.md', (rule, { examples, settings }) => {
  it('has both incorrect and correct examples', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  it.each(examples)('$kind example at line $line reports $reports', (example) => {
    const typescript = !/\.(?:[cm]?js|jsx)$/.test(example.filename);
    const linter = new Linter({ cwd: appDir });
    const messages = linter.verify(
      example.code,
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
        languageOptions: {
          ...(typescript ? { parser: tsParser } : {}),
          sourceType:
            example.code.includes('module.exports') || example.code.includes('require(') ? 'commonjs' : 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { ssot: plugin },
        settings: { ssot: { rootDir: appDir, ...(settings as object) } },
        rules: { [`ssot/${rule}`]: 'error' },
      },
      appFile(example.filename),
    );
    expect(messages.filter((message) => message.fatal === true || message.ruleId === null)).toEqual([]);
    const reported = messages.filter((message) => message.ruleId === `ssot/${rule}`);
    if (example.kind === 'incorrect') {
      expect(example.reports, 'an ❌ example must be reported').toBeGreaterThan(0);
      expect(
        reported.map((message) => `${String(message.line)}: ${message.message}`),
        `the doc says <!-- reports: ${String(example.reports)} -->`,
      ).toHaveLength(example.reports);
    } else expect(reported.map((message) => `${String(message.line)}: ${message.message}`)).toEqual([]);
  });
});

describe('the doc-example grammar', () => {
  const settings = 'The examples use these settings:\n\n```json\n{ "ssot": { "services": [] } }\n```\n';
  const block = (intro: string, count = '') => `${intro}\n\n${count}\`\`\`ts\nnew A();\n\`\`\`\n`;

  it('reads the settings block, the ❌ counts and the files', () => {
    const { examples, settings: parsed } = parseDoc(
      `${settings}\n${block('❌ Incorrect (in `src/a.ts`):', '<!-- reports: 2 -->\n')}\n${block('✅ Correct:')}`,
    );
    expect(parsed).toEqual({ services: [] });
    expect(examples.map(({ kind, reports, filename }) => ({ kind, reports, filename }))).toEqual([
      { kind: 'incorrect', reports: 2, filename: 'src/a.ts' },
      { kind: 'correct', reports: 0, filename: 'src/hooks/example.ts' },
    ]);
  });

  it.each([
    ['a ❌ block without its count', `${settings}\n${block('❌ Incorrect:')}`, /write `<!-- reports: N -->`/u],
    [
      'a count on a ✅ block',
      `${settings}\n${block('✅ Correct:', '<!-- reports: 1 -->\n')}`,
      /a ✅ example reports nothing/u,
    ],
    ['no settings block', block('✅ Correct:'), /exactly one ```json settings block/u],
    [
      'two settings blocks',
      `${settings}\n${settings}\n${block('✅ Correct:')}`,
      /exactly one ```json settings block .*\(found 2\)/u,
    ],
  ])('rejects %s', (_title, markdown, message) => {
    expect(() => parseDoc(markdown)).toThrow(message);
  });
});

/**
 * docs/frameworks/*.md: every example is linted with all the rules a container touches; the paragraph
 * introducing an ❌ block names the rules that report it (`ssot/<rule>`), exactly, and its count holds.
 */
const containerRules = Object.keys(plugin.rules).filter((name) =>
  ['no-direct-instantiation', 'no-module-singleton', 'no-factory-bypass', 'no-scoped-in-singleton'].includes(name),
);
const frameworkDocs = readdirSync(frameworksDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => {
    const markdown = readFileSync(path.join(frameworksDir, file), 'utf8');
    const lines = markdown.split('\n');
    return {
      page: file.slice(0, -3),
      ...parseDoc(markdown, `docs/frameworks/${file}`),
      intro: (line: number) => introOf(lines, line - 1),
    };
  });

/** The line introducing the fence at index `fence` (above its `<!-- reports: N -->`). */
function introOf(lines: readonly string[], fence: number): string {
  let intro = fence - 1;
  while (intro >= 0 && ((lines[intro] ?? '').trim() === '' || REPORTS.test((lines[intro] ?? '').trim()))) intro--;
  return lines[intro] ?? '';
}

describe.each(frameworkDocs.map((doc) => [doc.page, doc] as const))(
  'docs/frameworks/%s.md',
  (_page, { examples, settings, intro }) => {
    it('has both incorrect and correct examples', () => {
      expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
      expect(examples.some((example) => example.kind === 'correct')).toBe(true);
    });

    it.each(examples)('$kind example at line $line reports $reports', (example) => {
      const linter = new Linter({ cwd: appDir });
      const messages = linter.verify(
        example.code,
        {
          files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
          languageOptions: { parser: tsParser, sourceType: 'module' },
          plugins: { ssot: plugin },
          settings: { ssot: { rootDir: appDir, ...(settings as object) } },
          rules: Object.fromEntries(containerRules.map((name) => [`ssot/${name}`, 'error'])),
        },
        appFile(example.filename),
      );
      expect(messages.filter((message) => message.fatal === true || message.ruleId === null)).toEqual([]);
      const found = messages.map((message) => `${String(message.line)}: ${message.ruleId ?? ''}: ${message.message}`);
      if (example.kind === 'incorrect') {
        const named = [
          ...new Set(Array.from(intro(example.line).matchAll(/ssot\/[\w-]+/gu), (match) => match[0])),
        ].sort();
        expect(named.length, 'an ❌ example names the rules that report it').toBeGreaterThan(0);
        expect([...new Set(messages.map((message) => message.ruleId ?? ''))].sort()).toEqual(named);
        expect(found, `the doc says <!-- reports: ${String(example.reports)} -->`).toHaveLength(example.reports);
      } else expect(found).toEqual([]);
    });
  },
);

/**
 * Docs cannot lie: every ❌/✅ example in docs/rules/*.md is linted with its rule. ❌ blocks must be
 * reported, ✅ blocks must not. A block is linted as `(in \`path\`)` from the line introducing it says,
 * or `src/hooks/example.<ext>` in the fixture app; a ```json block with "ssot" gives the settings
 * (otherwise the README's WebSocketManager + browser WebSocket); `/* eslint ... *\/` comments in a
 * block set options.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { appDir, appFile, webSocketManager } from './rule-tester.js';

const docsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/rules');
const frameworksDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../docs/frameworks');

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly language: string;
  readonly code: string;
  readonly line: number;
  readonly filename: string;
}

const defaultSettings = {
  services: [webSocketManager, { name: 'browser WebSocket', class: 'WebSocket', global: true, allow: ['src/services/socket.ts'] }],
};

function parseDoc(markdown: string): { examples: Example[]; settings: unknown } {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let settings: unknown = defaultSettings;
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(\w+)/.exec(lines[index] ?? '');
    if (fence === null) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').startsWith('```'); index++) body.push(lines[index] ?? '');
    const language = fence[1] ?? '';
    const code = body.join('\n');
    if (language === 'json' && code.includes('"ssot"')) {
      settings = (JSON.parse(code) as { ssot: unknown }).ssot;
      continue;
    }
    if (!['ts', 'tsx', 'js', 'jsx', 'typescript', 'javascript'].includes(language)) continue;
    let intro = start - 1;
    while (intro >= 0 && (lines[intro] ?? '').trim() === '') intro--;
    const introLine = lines[intro] ?? '';
    const kind = introLine.includes('❌') ? 'incorrect' : introLine.includes('✅') ? 'correct' : undefined;
    if (kind === undefined) continue;
    const extension = { typescript: 'ts', javascript: 'js' }[language] ?? language;
    const named = /\(in `([^`]+)`/.exec(introLine)?.[1];
    examples.push({ kind, language, code, line: start + 1, filename: named ?? `src/hooks/example.${extension}` });
  }
  return { examples, settings };
}

const docs = readdirSync(docsDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => ({ rule: file.slice(0, -3), ...parseDoc(readFileSync(path.join(docsDir, file), 'utf8')) }));

describe.each(docs.map((doc) => [doc.rule, doc] as const))('docs/rules/%s.md', (rule, { examples, settings }) => {
  it('has both incorrect and correct examples', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  it.each(examples)('$kind example at line $line', (example) => {
    const typescript = !/\.(?:[cm]?js|jsx)$/.test(example.filename);
    const linter = new Linter({ cwd: appDir });
    const messages = linter.verify(
      example.code,
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
        languageOptions: {
          ...(typescript ? { parser: tsParser } : {}),
          sourceType: example.code.includes('module.exports') || example.code.includes('require(') ? 'commonjs' : 'module',
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
    if (example.kind === 'incorrect') expect(reported.length, 'an ❌ example must be reported').toBeGreaterThan(0);
    else expect(reported.map((message) => `${String(message.line)}: ${message.message}`)).toEqual([]);
  });
});

/**
 * docs/frameworks/*.md: every example is linted with all the rules a container touches; the line
 * introducing an ❌ block names the rules that report it (`ssot/<rule>`), exactly.
 */
const containerRules = Object.keys(plugin.rules).filter((name) =>
  ['no-direct-instantiation', 'no-module-singleton', 'no-factory-bypass', 'no-scoped-in-singleton'].includes(name),
);
const frameworkDocs = readdirSync(frameworksDir)
  .filter((file) => file.endsWith('.md'))
  .map((file) => {
    const markdown = readFileSync(path.join(frameworksDir, file), 'utf8');
    const lines = markdown.split('\n');
    return { page: file.slice(0, -3), ...parseDoc(markdown), intro: (line: number) => introOf(lines, line - 1) };
  });

function introOf(lines: readonly string[], fence: number): string {
  let intro = fence - 1;
  while (intro >= 0 && (lines[intro] ?? '').trim() === '') intro--;
  return lines[intro] ?? '';
}

describe.each(frameworkDocs.map((doc) => [doc.page, doc] as const))('docs/frameworks/%s.md', (_page, { examples, settings, intro }) => {
  it('has both incorrect and correct examples', () => {
    expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'correct')).toBe(true);
  });

  it.each(examples)('$kind example at line $line', (example) => {
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
    const reported = [...new Set(messages.map((message) => message.ruleId ?? ''))].sort();
    if (example.kind === 'incorrect') {
      const named = [...new Set(Array.from(intro(example.line).matchAll(/ssot\/[\w-]+/g), (match) => match[0]))].sort();
      expect(named.length, 'an ❌ example names the rules that report it').toBeGreaterThan(0);
      expect(reported).toEqual(named);
    } else expect(messages.map((message) => `${String(message.line)}: ${message.ruleId ?? ''}: ${message.message}`)).toEqual([]);
  });
});

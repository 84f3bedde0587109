/**
 * `eslint-plugin-ssot init`: puts the proposed settings into the project's flat config (when its
 * default export is a plain array; otherwise prints what to add), then records every existing ssot
 * violation with ESLint's bulk suppressions so only new violations fail.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { Linter } from 'eslint';
import { rules } from '../../rules/index.js';
import { SsotConfigError } from '../settings.js';
import { configureSnippet } from './proposal.js';

const require = createRequire(import.meta.url);

export type ConfigEdit =
  | { readonly kind: 'created'; readonly file: string }
  | { readonly kind: 'updated'; readonly file: string }
  | { readonly kind: 'already-configured'; readonly file: string }
  | { readonly kind: 'manual'; readonly file: string; readonly reason: string; readonly snippet: string };

interface Program {
  readonly body: readonly {
    readonly type: string;
    readonly range: [number, number];
    readonly declaration?: {
      readonly type: string;
      readonly range: [number, number];
      readonly elements?: readonly ({ readonly range: [number, number] } | null)[];
    };
    readonly source?: { readonly value: unknown };
    readonly specifiers?: readonly { readonly type: string; readonly local: { readonly name: string } }[];
  }[];
}

function parseModule(text: string): Program | undefined {
  const linter = new Linter();
  const messages = linter.verify(text, { languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
  if (messages.some((message) => message.fatal === true)) return undefined;
  return linter.getSourceCode().ast as unknown as Program;
}

const NEW_CONFIG = (
  snippet: string,
) => `// ESLint flat config written by \`eslint-plugin-ssot init\`: JS and TS with the TypeScript parser, plus the ssot rules.
import tsParser from '@typescript-eslint/parser';
import ssot from 'eslint-plugin-ssot';

export default [
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: { parser: tsParser },
  },
  ${snippet},
];
`;

/**
 * Adds `ssot.configure(settings)` to the flat config at `configFile` (or writes a new
 * `eslint.config.js` in `root` when there is none). `hasSettings`: the config already has `settings.ssot`.
 */
export function addToConfig(
  root: string,
  configFile: string | undefined,
  settings: Record<string, unknown>,
  hasSettings: boolean,
): ConfigEdit {
  if (configFile === undefined) {
    const file = path.join(root, 'eslint.config.js');
    writeFileSync(file, NEW_CONFIG(configureSnippet(settings, '  ')));
    return { kind: 'created', file };
  }
  if (hasSettings) return { kind: 'already-configured', file: configFile };
  const manual = (reason: string): ConfigEdit => ({
    kind: 'manual',
    file: configFile,
    reason,
    snippet: `import ssot from 'eslint-plugin-ssot';\n\n// …then add this element to the exported config array:\n${configureSnippet(settings)},`,
  });
  const text = readFileSync(configFile, 'utf8');
  const program = /\.(?:c?js|mjs)$/.test(configFile) ? parseModule(text) : undefined;
  if (program === undefined) return manual('it is not an ES module this command can parse');
  const exported = program.body.find((statement) => statement.type === 'ExportDefaultDeclaration');
  const array = exported?.declaration;
  if (array?.type !== 'ArrayExpression' || array.elements === undefined)
    return manual('its default export is not a plain array');
  if (array.elements.some((element) => element === null)) return manual('its exported array has holes');

  const imports = program.body.filter((statement) => statement.type === 'ImportDeclaration');
  const ssotImport = imports.find((statement) => statement.source?.value === 'eslint-plugin-ssot');
  const local = ssotImport?.specifiers?.find((specifier) => specifier.type === 'ImportDefaultSpecifier')?.local.name;
  if (ssotImport !== undefined && local === undefined)
    return manual("it imports 'eslint-plugin-ssot' without a default import");
  const name = local ?? 'ssot';

  const last = array.elements.at(-1);
  const closing = array.range[1] - 1;
  const afterLast = last === null || last === undefined ? undefined : text.slice(last.range[1], closing);
  const element = configureSnippet(settings, '  ').replace(/^ssot\./, `${name}.`);
  let updated: string;
  if (last === null || last === undefined) updated = `${text.slice(0, closing)}\n  ${element},\n${text.slice(closing)}`;
  else {
    const hasComma = afterLast?.trimStart().startsWith(',') === true;
    const insertAt = hasComma ? last.range[1] + afterLast.indexOf(',') + 1 : last.range[1];
    updated = `${text.slice(0, insertAt)}${hasComma ? '' : ','}\n  ${element},${text.slice(insertAt)}`;
  }
  if (local === undefined) {
    const lastImport = imports.at(-1);
    const at = lastImport === undefined ? 0 : lastImport.range[1];
    const line = `import ssot from 'eslint-plugin-ssot';`;
    updated = at === 0 ? `${line}\n${updated}` : `${updated.slice(0, at)}\n${line}${updated.slice(at)}`;
  }
  writeFileSync(configFile, updated);
  return { kind: 'updated', file: configFile };
}

export interface BaselineResult {
  readonly file: string;
  /** Suppressed violations per rule, as written by ESLint. */
  readonly counts: Readonly<Record<string, number>>;
}

function eslintBin(): string {
  const packageJson = require.resolve('eslint/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.eslint;
  if (bin === undefined)
    throw new SsotConfigError('Cannot find the eslint executable of the installed eslint package.');
  return path.join(path.dirname(packageJson), bin);
}

/** `eslint --suppress-rule ssot/… .` in `root`: every current ssot violation goes into eslint-suppressions.json. */
export async function baseline(
  root: string,
  configFile: string | undefined,
  concurrency: string | undefined,
): Promise<BaselineResult> {
  const args = [eslintBin(), ...Object.keys(rules).flatMap((name) => ['--suppress-rule', `ssot/${name}`])];
  if (configFile !== undefined) args.push('--config', configFile);
  if (concurrency !== undefined) args.push('--concurrency', concurrency);
  args.push('--format', 'json', '.');
  try {
    await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    // Exit 1: other (non-ssot) rules still report problems; the suppressions are written all the same.
    const code = (error as { code?: unknown }).code;
    if (code !== 1) {
      const output = (error as { stderr?: unknown }).stderr;
      const stderr = typeof output === 'string' ? output.trim() : '';
      throw new SsotConfigError(`eslint --suppress-rule failed${stderr === '' ? '' : `:\n${stderr}`}`);
    }
  }
  const file = path.join(root, 'eslint-suppressions.json');
  const counts: Record<string, number> = {};
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { count: number }>>;
    for (const byRule of Object.values(parsed))
      for (const [rule, entry] of Object.entries(byRule))
        if (rule.startsWith('ssot/')) counts[rule] = (counts[rule] ?? 0) + entry.count;
  }
  return { file, counts };
}

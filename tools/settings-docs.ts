/**
 * The `settings.ssot` reference table in docs/configuration.md, generated from the valibot schema in
 * src/settings.ts: every key, its type and its `v.description()`, so the docs cannot drift from what is
 * validated. A key added to the schema appears in the table with `npm run docs`; `npm run docs:check`
 * (part of `npm test`) fails while the table is out of date.
 *
 *   tsx tools/settings-docs.ts           rewrite the table between the markers
 *   tsx tools/settings-docs.ts --check   exit 1 if the table differs
 *
 * Rows of the items of an array of objects are named after the item schema's `v.title()` (`Service`),
 * or the key without its plural `s`; nested objects get rows of their own (`Service.factory.name`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import * as v from 'valibot';
import { getSettingsSchema } from '../src/settings.js';

export const BEGIN =
  '<!-- begin generated settings table: `npm run docs` writes it from the valibot schema in src/settings.ts -->';
export const END = '<!-- end generated settings table -->';

/** The parts of a valibot schema the table reads (valibot's own types are per schema kind). */
interface SchemaNode {
  readonly type: string;
  readonly wrapped?: SchemaNode;
  readonly item?: SchemaNode;
  /** A record's value schema. */
  readonly value?: SchemaNode;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
  readonly pipe?: readonly unknown[];
}

interface Row {
  readonly key: string;
  readonly type: string;
  readonly description: string;
}

function unwrap(schema: SchemaNode): { schema: SchemaNode; optional: boolean } {
  if (
    (schema.type === 'optional' || schema.type === 'exact_optional' || schema.type === 'undefinedable') &&
    schema.wrapped !== undefined
  ) {
    return { schema: schema.wrapped, optional: true };
  }
  return { schema, optional: false };
}

function describe(schema: SchemaNode): string | undefined {
  return v.getDescription(schema as Parameters<typeof v.getDescription>[0]);
}

function titleOf(schema: SchemaNode, key: string): string {
  const title = v.getTitle(schema as Parameters<typeof v.getTitle>[0]);
  if (title !== undefined) return title;
  const singular = key.endsWith('s') ? key.slice(0, -1) : key;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** The TypeScript-like spelling of a schema's type, as the table shows it. */
export function typeOf(schema: SchemaNode, key: string, where: string): string {
  switch (schema.type) {
    case 'string':
    case 'boolean':
    case 'number':
    case 'unknown':
      return schema.type;
    case 'literal':
      return JSON.stringify(schema.literal).replaceAll('"', "'");
    case 'picklist':
      return (schema.options ?? []).map((option) => JSON.stringify(option).replaceAll('"', "'")).join(' | ');
    case 'union':
      return (schema.options as SchemaNode[]).map((option) => typeOf(unwrap(option).schema, key, where)).join(' | ');
    case 'array': {
      const item = schema.item;
      if (item === undefined) break;
      const inner = isObject(item) ? titleOf(item, key) : typeOf(item, key, `${where}[]`);
      return inner.includes(' ') ? `(${inner})[]` : `${inner}[]`;
    }
    case 'record': {
      const value = schema.value;
      if (value === undefined) break;
      return `Record<string, ${isObject(value) ? titleOf(value, key) : typeOf(value, key, `${where}.*`)}>`;
    }
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return `{ ${Object.entries(schema.entries ?? {})
        .map(([name, entry]) => {
          const { schema: inner, optional } = unwrap(entry);
          return `${name}${optional ? '?' : ''}: ${typeOf(inner, name, `${where}.${name}`)}`;
        })
        .join(', ')} }`;
  }
  throw new Error(
    `tools/settings-docs.ts: no table spelling for the valibot '${schema.type}' schema at ${where}; teach typeOf() about it.`,
  );
}

function isObject(schema: SchemaNode): boolean {
  return schema.entries !== undefined;
}

/** One row per key, depth-first: an object's keys follow it, an array of objects' item keys follow it. */
export function settingsRows(schema: SchemaNode, prefix = '', where = 'settings.ssot'): Row[] {
  const rows: Row[] = [];
  for (const [key, entry] of Object.entries(schema.entries ?? {})) {
    const { schema: inner, optional } = unwrap(entry);
    const at = `${where}.${key}`;
    const description = describe(inner) ?? describe(entry);
    if (description === undefined)
      throw new Error(
        `${at} has no v.description(): describe it in src/settings.ts (it becomes its row in docs/configuration.md).`,
      );
    rows.push({ key: `${prefix}${key}${optional ? '?' : ''}`, type: typeOf(inner, key, at), description });
    if (isObject(inner)) rows.push(...settingsRows(inner, `${prefix}${key}.`, at));
    else if (inner.type === 'array' && inner.item !== undefined && isObject(inner.item))
      rows.push(...settingsRows(inner.item, `${titleOf(inner.item, key)}.`, `${at}[]`));
    else if (inner.type === 'record' && inner.value !== undefined && isObject(inner.value))
      rows.push(...settingsRows(inner.value, `${titleOf(inner.value, key)}.`, `${at}.*`));
  }
  return rows;
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The markdown table (without the markers). */
export function settingsTable(schema: SchemaNode): string {
  const lines = ['| key | meaning |', '| --- | --- |'];
  for (const row of settingsRows(schema))
    lines.push(`| \`${cell(`${row.key}: ${row.type}`)}\` | ${cell(row.description)} |`);
  return lines.join('\n');
}

/** `markdown` with the text between the markers replaced by `table`. */
export function withTable(markdown: string, table: string, file = 'docs/configuration.md'): string {
  const begin = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (begin === -1 || end === -1 || end < begin)
    throw new Error(`${file} needs the lines\n${BEGIN}\n${END}\nwhere the settings table goes.`);
  return `${markdown.slice(0, begin + BEGIN.length)}\n${table}\n${markdown.slice(end)}`;
}

/** The table as Prettier lays it out (padded columns), so `npm run format` and `docs:check` agree. */
export async function formattedTable(schema: SchemaNode, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return (await prettier.format(settingsTable(schema), { ...options, parser: 'markdown' })).trimEnd();
}

async function main(argv: readonly string[]): Promise<number> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'configuration.md');
  const current = readFileSync(file, 'utf8');
  // The pipe's first item is the object schema; the cross-field checks after it add no keys.
  const schema = getSettingsSchema() as unknown as SchemaNode;
  const next = withTable(current, await formattedTable(schema, file));
  if (argv.includes('--check')) {
    if (next === current) return 0;
    console.error(
      'docs/configuration.md: the settings table differs from the schema in src/settings.ts. Run `npm run docs` and commit the result.',
    );
    return 1;
  }
  if (next !== current) writeFileSync(file, next);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = await main(process.argv.slice(2));

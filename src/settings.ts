/**
 * The `settings.ssot` registry: one zod schema that validates the user's JSON settings and yields
 * the TypeScript types `ssot.configure(...)` is typed with.
 */
import * as z from 'zod';

const nonEmpty = (what: string) => z.string({ error: typeMessage('string') }).min(1, { error: `${what} must not be empty` });

function typeMessage(expected: string) {
  return (issue: { input: unknown }) =>
    issue.input === undefined ? `required ${expected} is missing` : `expected ${expected}, got ${describe(issue.input)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const factorySchema = z.strictObject(
  {
    name: nonEmpty('factory name').describe('Name of the exported factory function, e.g. `getWebSocketManager`.'),
    module: nonEmpty('factory module').describe('Module that exports the factory: a path relative to `rootDir`, a tsconfig alias, or a package name.'),
  },
  { error: typeMessage('object') },
);

export const serviceSchema = z
  .strictObject(
    {
      name: nonEmpty('service name').describe('Human name used in messages.'),
      class: nonEmpty('class').describe("Exported name of the managed class or constructor function; `'default'` for a default export."),
      module: nonEmpty('module')
        .optional()
        .describe('Where the class is defined: a path relative to `rootDir`, a tsconfig alias, or a package name. Omitted (and not `global`): match by binding name.'),
      global: z.boolean({ error: typeMessage('boolean') }).optional().describe('The constructor is a global such as `WebSocket`.'),
      construct: z
        .enum(['new', 'call'], { error: (issue) => `expected 'new' or 'call', got ${describe(issue.input)}` })
        .optional()
        .describe("How instances are made: `new C()` (default) or a plain call `C()`."),
      factory: factorySchema.optional().describe('The one sanctioned way to get an instance.'),
      allow: z
        .array(nonEmpty('allow glob'), { error: typeMessage('array of globs') })
        .optional()
        .describe('Globs (relative to `rootDir`) of files where direct construction and imports are also fine.'),
      lifetime: z
        .enum(['scoped', 'singleton'], { error: (issue) => `expected 'scoped' or 'singleton', got ${describe(issue.input)}` })
        .optional()
        .describe("`'scoped'` (default): no module-level instance; `'singleton'`: one, in the factory module."),
    },
    { error: typeMessage('object') },
  )
  .superRefine((service, ctx) => {
    if (service.global === true && service.module !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['module'], message: 'a global service must not have a module (remove `module` or `global`)' });
    }
    if (service.global === true && service.class === 'default') {
      ctx.addIssue({ code: 'custom', path: ['class'], message: "a global service cannot use class 'default'" });
    }
    if (service.class === 'default' && service.module === undefined && service.global !== true) {
      ctx.addIssue({ code: 'custom', path: ['module'], message: "class 'default' needs the module whose default export it is" });
    }
  });

export const settingsSchema = z
  .strictObject(
    {
      rootDir: nonEmpty('rootDir').optional().describe("Directory that relative paths and globs resolve against; default: ESLint's cwd."),
      tsconfig: nonEmpty('tsconfig')
        .optional()
        .describe('tsconfig used to resolve path aliases; default: the nearest `tsconfig.json` at or above `rootDir`.'),
      services: z.array(serviceSchema, { error: typeMessage('array of services') }).describe('The managed services.'),
    },
    { error: typeMessage('object') },
  )
  .superRefine((settings, ctx) => {
    const seen = new Map<string, number>();
    settings.services.forEach((service, index) => {
      const first = seen.get(service.name);
      if (first === undefined) seen.set(service.name, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'name'],
          message: `duplicate service name ${JSON.stringify(service.name)} (also services[${String(first)}].name)`,
        });
    });
  });

/** What users write in `settings.ssot` (and pass to `ssot.configure`). */
export type SsotSettings = z.input<typeof settingsSchema>;
export type ServiceSettings = z.input<typeof serviceSchema>;

/** A configuration error: bad settings, bad options, an unresolvable module. Prints without a stack. */
export class SsotConfigError extends Error {
  override name = 'SsotConfigError';
  constructor(message: string) {
    super(message);
    // ESLint prints `error.stack` for fatal errors; a user needs the message, not our call stack.
    Object.defineProperty(this, 'stack', { get: () => `${this.name}: ${this.message}`, configurable: true });
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${String(key)}]` : `.${String(key)}`)).join('');
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** Closest valid key, if it is close enough to be a typo. */
function closest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const distance = levenshtein(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

const validKeys = {
  settings: Object.keys(settingsSchema.shape),
  service: Object.keys(serviceSchema.shape),
  factory: Object.keys(factorySchema.shape),
};

function keysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return validKeys.settings;
  if (path.at(-1) === 'factory') return validKeys.factory;
  return validKeys.service;
}

/** Turns zod issues into `settings.ssot.services[1].class: required string is missing` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix = 'settings.ssot'): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = closest(key, keysAt(issue.path));
        lines.push(
          `${prefix}${formatPath([...issue.path, key])}: unknown key${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`} (valid keys: ${keysAt(issue.path).join(', ')})`,
        );
      }
    } else {
      lines.push(`${prefix}${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

/** Validates `settings.ssot`; throws one `SsotConfigError` listing every problem with its exact path. */
export function parseSettings(raw: unknown): z.output<typeof settingsSchema> {
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = formatIssues(result.error.issues);
  throw new SsotConfigError(`Invalid eslint-plugin-ssot settings:\n  ${lines.join('\n  ')}`);
}

export type ParsedSettings = z.output<typeof settingsSchema>;
export type ParsedService = ParsedSettings['services'][number];

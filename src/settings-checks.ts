/**
 * Checks for settings values that are well-typed and yet would match nothing: names that are not
 * identifiers, paths and globs written with Windows separators, absolute or malformed globs, and
 * settings objects that are not plain JSON (a circular reference). Each is a valibot action, built
 * when the schema is (or a plain function), whose message ends up after the exact settings path; the
 * plain predicates also serve the fast check of src/settings.ts.
 */
import { picomatch, valibot } from './lazy.js';

/** An ECMAScript IdentifierName (what `export class X` or `export function x` can be called). */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A factory name: an identifier, or a member path of identifiers. */
export function isFactoryName(name: string): boolean {
  return name.split('.').every((segment) => isIdentifier(segment));
}

/** `class`: an identifier, or `'default'` for a default export. */
export const classNameCheck = () =>
  valibot().check(
    (name: string) => isIdentifier(name),
    (issue) =>
      `expected an identifier (the exported name of the class, or 'default'), got ${JSON.stringify(issue.input)}`,
  );

/** `factory.name`: the exported function's identifier, or a member path of identifiers (`Factory.getX`, `managers.get`). */
export const factoryNameCheck = () =>
  valibot().check(
    (name: string) => isFactoryName(name),
    (issue) =>
      `expected an export name or a member path of identifiers such as 'getWebSocketManager' or 'Factory.getWebSocketManager', got the string ${JSON.stringify(issue.input)}`,
  );

/** A backslash used as a path separator: before a name character, not escaping a glob character. */
const SEPARATOR_BACKSLASH = /\\(?=[\p{L}\p{N}._~-])/u;

function withSlashes(text: string): string {
  return text.replaceAll('\\', '/');
}

/** Module paths (`module`, `factory.module`): `/` separators on every OS. */
export function isPosixModulePath(specifier: string): boolean {
  return !specifier.includes('\\');
}

export const modulePathCheck = () =>
  valibot().check(
    (specifier: string) => isPosixModulePath(specifier),
    (issue) => `write module paths with '/' on every OS (not '\\'): ${JSON.stringify(withSlashes(issue.input))}`,
  );

/** What is wrong with an `allow`-style glob, or undefined when it is fine. */
function globProblem(glob: string): string | undefined {
  const pattern = glob.startsWith('!') ? glob.slice(1) : glob;
  if (SEPARATOR_BACKSLASH.test(pattern))
    return `write globs with '/' on every OS ('\\' escapes the next character): ${JSON.stringify(withSlashes(glob))}`;
  if (pattern.startsWith('/') || /^[a-z]:[\\/]/i.test(pattern))
    return `globs are relative to rootDir, so an absolute glob matches nothing: write the part below rootDir (e.g. 'src/legacy/**'), got ${JSON.stringify(glob)}`;
  if (pattern.length === 0) return 'a negation needs a pattern after the !';
  try {
    picomatch().makeRe(pattern, { strictBrackets: true });
  } catch (error) {
    return `invalid glob ${JSON.stringify(glob)}: ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * A glob of path characters and `*` only (a leading `!` aside), relative and not empty: one that
 * {@link globProblem} has nothing against, known without compiling it.
 */
const PLAIN_GLOB = /^!?(?!\/)[\w@.*/-]{1,1000}$/;

export function isPlainGlob(glob: string): boolean {
  return PLAIN_GLOB.test(glob);
}

export const globCheck = () =>
  valibot().rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = globProblem(dataset.value);
    if (problem !== undefined) addIssue({ message: problem });
  });

/**
 * The path of the first circular reference in `value` (`.services[0].factory`), or undefined. Settings
 * are JSON (oxlint passes them as JSON); a cycle would otherwise surface as a TypeError from
 * `JSON.stringify`.
 */
export function circularPath(value: unknown): string | undefined {
  const ancestors: object[] = [];
  function visit(current: unknown, where: string): string | undefined {
    if (typeof current !== 'object' || current === null) return undefined;
    if (ancestors.includes(current)) return where;
    ancestors.push(current);
    const entries: [string, unknown][] = Array.isArray(current)
      ? current.map((item, index): [string, unknown] => [`[${String(index)}]`, item])
      : Object.entries(current).map(([key, item]): [string, unknown] => [`.${key}`, item]);
    for (const [key, item] of entries) {
      const found = visit(item, `${where}${key}`);
      if (found !== undefined) return found;
    }
    ancestors.pop();
    return undefined;
  }
  return visit(value, '');
}

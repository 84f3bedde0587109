/**
 * Files as the settings see them: a path relative to `rootDir` (POSIX separators) that does not
 * depend on symlinks, and `allow`-style glob lists where `!glob` excludes and later patterns win, as
 * in `.gitignore`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { BoundedMap } from './bounded-map.js';
import { picomatch } from './lazy.js';

function toPosix(file: string): string {
  return file.replaceAll('\\', '/');
}

function withSeparator(directory: string): string {
  return directory.endsWith(path.sep) ? directory : `${directory}${path.sep}`;
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

const MAX_DIRECTORIES = 5000;

/** The real path of a directory, or of its nearest existing ancestor followed by the rest. */
function realDirectory(directory: string): string {
  const rest: string[] = [];
  for (let current = directory; ; current = path.dirname(current)) {
    const real = realpathOrUndefined(current);
    if (real !== undefined) return path.join(real, ...rest.reverse());
    if (path.dirname(current) === current) return directory;
    rest.push(path.basename(current));
  }
}

/**
 * The real path of a (possibly virtual: an editor buffer, a generated file) file: its directory's
 * real path, looked up once per directory (bounded cache), and its name.
 */
export function realFiles(): (file: string) => string {
  const realDirectories = new BoundedMap<string, string>(MAX_DIRECTORIES);
  return (file) => {
    const directory = path.dirname(file);
    const real = realDirectories.getOrCompute(directory, () => realDirectory(directory));
    return real === directory ? file : path.join(real, path.basename(file));
  };
}

/**
 * `file` relative to `rootDir`, POSIX separators; `../…` for a file outside it. `rootDir` and the
 * file are compared as written and as real paths, so a rootDir reached through a symlink (macOS
 * `/tmp`, a Docker mount, pnpm's store) still contains the real paths ESLint passes, and the other
 * way round.
 */
export function rootRelative(
  rootDir: string,
  realFile: (file: string) => string = realFiles(),
): (file: string) => string {
  const realRoot = realpathOrUndefined(rootDir) ?? rootDir;
  const prefixes = [...new Set([rootDir, realRoot])].map(withSeparator);
  function inside(file: string): string | undefined {
    for (const prefix of prefixes) if (file.startsWith(prefix)) return toPosix(file.slice(prefix.length));
    return undefined;
  }
  return (file) => {
    const direct = inside(file);
    if (direct !== undefined) return direct;
    const real = realFile(file);
    return inside(real) ?? toPosix(path.relative(realRoot, real));
  };
}

/**
 * One matcher for a list of globs relative to rootDir, read in order like `.gitignore`: a file is
 * matched when the last pattern that applies to it is not negated (`['src/ws/**', '!src/ws/legacy/**']`
 * matches `src/ws/a.ts` but neither `src/ws/legacy/a.ts` nor `src/other.ts`). A list of negations
 * alone matches nothing. A file outside rootDir has a `../` path: `../test/**` names it, and a glob
 * that starts with `**\/` (any depth) matches it too (`**\/*.test.ts` matches `../test/a.test.ts`).
 */
export function compileGlobs(globs: readonly string[]): (relativePath: string) => boolean {
  if (globs.length === 0) return () => false;
  const patterns = globs.map((glob) => {
    const negated = glob.startsWith('!');
    const pattern = negated ? glob.slice(1) : glob;
    return { negated, anyDepth: pattern.startsWith('**/'), test: picomatch()(pattern, { dot: true }) };
  });
  return (relativePath) => {
    const outside = relativePath.startsWith('../');
    const below = outside ? relativePath.replace(/^(?:\.\.\/)+/, '') : relativePath;
    for (let index = patterns.length - 1; index >= 0; index--) {
      const pattern = patterns[index];
      if (pattern === undefined) continue;
      if (pattern.test(relativePath) || (outside && pattern.anyDepth && pattern.test(below))) return !pattern.negated;
    }
    return false;
  };
}

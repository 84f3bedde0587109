/**
 * Hermetic scratch projects: what each integration project installs, pinned by the repository's own
 * package-lock.json, so `npm ci` (which caches every package it installs) is all the network a test
 * run needs — `npm_config_offline=true npm run test:integration` passes after it.
 *
 * Each scratch project gets a package.json and a package-lock.json cut out of the repository's lock:
 * its direct dependencies at the exact versions the repository installs, and everything they reach by
 * Node's resolution over the lock's folder layout, with each package's integrity. `npm ci` installs
 * that from npm's cache. ESLint 9 is the repository's `eslint9` alias (`npm:eslint@9.x.y`), moved to
 * `node_modules/eslint` where a user has it. The plugin is the packed tarball, locked by its integrity.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ProjectName = 'eslint9' | 'eslint10' | 'precommit' | 'containers';

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** The repository's packages a scratch project installs (besides the plugin), by project. */
const DIRECT: Record<ProjectName, readonly string[]> = {
  eslint10: ['eslint', '@typescript-eslint/parser', 'jiti', '@microsoft/eslint-formatter-sarif'],
  eslint9: ['eslint9', '@typescript-eslint/parser', 'jiti'],
  precommit: ['eslint', '@typescript-eslint/parser', 'jiti', 'husky', 'lint-staged'],
  // The real DI frameworks (pinned devDependencies), and TypeScript to type-check against them.
  containers: [
    'eslint',
    '@typescript-eslint/parser',
    'jiti',
    'typescript',
    '@nestjs/common',
    'tsyringe',
    'reflect-metadata',
    'rxjs',
  ],
};

/** The alias devDependency that pins ESLint 9, and where a user's project has it. */
const ALIASES: Readonly<Record<string, string>> = { eslint9: 'eslint' };

function readLock(repoDir: string): Lockfile {
  return JSON.parse(readFileSync(path.join(repoDir, 'package-lock.json'), 'utf8')) as Lockfile;
}

/** The lock's entries with the aliases moved to their real names (and what they replace dropped). */
function relocated(packages: Record<string, LockEntry>, aliases: readonly string[]): Record<string, LockEntry> {
  const result: Record<string, LockEntry> = {};
  const moved = new Map(aliases.map((alias) => [`node_modules/${alias}`, `node_modules/${ALIASES[alias] ?? alias}`]));
  const replaced = [...moved.values()];
  for (const [key, entry] of Object.entries(packages)) {
    if (key === '' || replaced.some((target) => key === target || key.startsWith(`${target}/`))) continue;
    result[key] = entry;
  }
  for (const [key, entry] of Object.entries(packages)) {
    for (const [from, to] of moved) {
      if (key !== from && !key.startsWith(`${from}/`)) continue;
      const copy = { ...entry };
      delete copy.name; // the alias's real name is its folder name now
      result[to + key.slice(from.length)] = copy;
    }
  }
  return result;
}

/** Node's lookup over lock paths: `from/node_modules/name`, then each enclosing node_modules. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const key = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[key] !== undefined) return key;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

export interface ScratchManifest {
  /** package.json of the scratch project. */
  packageJson: { name: string; private: true; type: 'module'; devDependencies: Record<string, string> };
  /** package-lock.json of the scratch project: exactly what `npm ci` installs. */
  lockfile: Lockfile;
}

/** package.json + package-lock.json for a scratch project, from the repository's lock and the packed plugin. */
export function scratchManifest(repoDir: string, name: ProjectName, tarball: string): ScratchManifest {
  const repoLock = readLock(repoDir);
  const plugin = JSON.parse(readFileSync(path.join(repoDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const direct = DIRECT[name];
  const packages = relocated(
    repoLock.packages,
    direct.filter((dependency) => dependency in ALIASES),
  );
  const devDependencies: Record<string, string> = {};
  for (const dependency of direct) {
    const installed = ALIASES[dependency] ?? dependency;
    const version = packages[`node_modules/${installed}`]?.version;
    if (version === undefined)
      throw new Error(
        `package-lock.json has no ${dependency}: add it as an exact devDependency (npm install --save-dev --save-exact).`,
      );
    devDependencies[installed] = version;
  }
  const specifier = `file:${tarball}`;
  devDependencies[plugin.name] = specifier;
  packages[`node_modules/${plugin.name}`] = {
    version: plugin.version,
    resolved: specifier,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    dev: true,
    ...(plugin.dependencies === undefined ? {} : { dependencies: plugin.dependencies }),
    ...(plugin.peerDependencies === undefined ? {} : { peerDependencies: plugin.peerDependencies }),
  };

  const keep = new Set<string>();
  const visit = (from: string, names: readonly string[]): void => {
    for (const dependency of names) {
      const key = resolveIn(packages, from, dependency);
      if (key === undefined || keep.has(key)) continue;
      keep.add(key);
      const entry = packages[key] ?? {};
      const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter(
        (peer) => entry.peerDependenciesMeta?.[peer]?.optional !== true,
      );
      visit(key, [
        ...Object.keys(entry.dependencies ?? {}),
        ...Object.keys(entry.optionalDependencies ?? {}),
        ...requiredPeers,
      ]);
    }
  };
  visit('', Object.keys(devDependencies));

  const projectName = `scratch-${name}`;
  const locked: Record<string, LockEntry> = { '': { name: projectName, devDependencies } };
  for (const key of [...keep].sort()) locked[key] = packages[key] ?? {};
  return {
    packageJson: { name: projectName, private: true, type: 'module', devDependencies },
    lockfile: { ...repoLock, packages: locked },
  };
}

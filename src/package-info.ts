/** Name and version from our own package.json, so users' `.eslintcache` invalidates on upgrade. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  readonly name: string;
  readonly version: string;
}

function isPackageInfo(value: unknown): value is PackageInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    value.name === 'eslint-plugin-ssot' &&
    'version' in value &&
    typeof value.version === 'string'
  );
}

/** Walks up from this file (in `src/` or `dist/src/`) to the package.json that names this package. */
function readPackageInfo(): PackageInfo {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
      if (isPackageInfo(parsed)) return { name: parsed.name, version: parsed.version };
    } catch {
      // no package.json here: keep walking up
    }
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('eslint-plugin-ssot: cannot find its own package.json');
    directory = parent;
  }
}

export const packageInfo: PackageInfo = readPackageInfo();

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const page = readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
const sources = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => `src/${file.split(path.sep).join('/')}`)
  .sort();

describe('docs/architecture.md', () => {
  it('names every src/ module, so a newcomer finds the owner of any question in one hop', () => {
    const missing = sources.filter((file) => !page.includes(`\`${file}\``));
    expect(
      missing,
      `Add a row for each of these to the table of its pipeline stage in docs/architecture.md (\`module\` | what it owns, one line): ${missing.join(', ')}`,
    ).toEqual([]);
  });

  it('names no module that is gone', () => {
    const named = [...page.matchAll(/`(src\/[\w/.-]+\.ts)`/gu)].map((match) => match[1] ?? '');
    const gone = named.filter((file) => !sources.includes(file));
    expect(gone, `Remove or rename these rows in docs/architecture.md: ${gone.join(', ')}`).toEqual([]);
  });
});

describe('process-wide caches', () => {
  const files = [
    ...sources,
    ...readdirSync(path.join(root, 'rules'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `rules/${file}`),
  ];
  // A module-level `new Map()` / `new Set()` that starts empty is a cache that lives as long as the
  // process (an editor's ESLint server: hours); WeakMaps keyed by objects are bounded by their keys,
  // and a `ReadonlySet` cannot grow.
  const unbounded = /^(?:export )?(?:const|let) (\w+)(?:: (?!Readonly)[^=]+)? = new (?:Map|Set)(?:<[^(]*>)?\(\)/gmu;

  it('are all BoundedMaps (src/bounded-map.ts), so none grows without limit', () => {
    const found = files.flatMap((file) =>
      [...readFileSync(path.join(root, file), 'utf8').matchAll(unbounded)].map((match) => `${file}: ${match[1] ?? ''}`),
    );
    expect(found, 'Use `new BoundedMap(limit)` for these').toEqual([]);
  });

  it('the check finds an unbounded cache (so it can fail)', () => {
    expect([...'const cache = new Map<string, string>();\n'.matchAll(unbounded)]).toHaveLength(1);
    expect([
      ...'const NAMES = new Set([1]);\nconst c = new BoundedMap<string, string>(5);\n'.matchAll(unbounded),
    ]).toEqual([]);
  });
});

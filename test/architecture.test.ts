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

/**
 * What loading the plugin costs (issue 18's load path): no settings schema is built until the first
 * validation, and the native parser and resolver are loaded by the first file that needs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const built = vi.hoisted(() => ({ count: 0 }));

vi.mock('valibot', async (importOriginal) => {
  const valibot = await importOriginal<typeof import('valibot')>();
  return {
    ...valibot,
    strictObject: (...args: Parameters<typeof valibot.strictObject>) => {
      built.count += 1;
      return valibot.strictObject(...args);
    },
  };
});

describe('the settings schema', () => {
  it('is built on first validation, not when the plugin loads, and only once', async () => {
    const { default: plugin } = await import('../src/index.js');
    const { parseSettings } = await import('../src/settings.js');
    expect(Object.keys(plugin.rules).length).toBeGreaterThan(0);
    expect(built.count).toBe(0);
    parseSettings({ services: [] });
    const afterFirst = built.count;
    expect(afterFirst).toBeGreaterThan(0);
    expect(() => parseSettings({ services: [{ name: 'A' }] })).toThrow(
      'settings.ssot.services[0].class: required string is missing',
    );
    expect(built.count).toBe(afterFirst);
  });
});

const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist/src/index.js');

describe('the published plugin entry', () => {
  // `npm test` builds first; the published entry is one bundled file, so its static imports are
  // exactly the packages every ESLint process loads with the plugin.
  it.runIf(existsSync(bundle))('is one file whose static imports are Node built-ins, picomatch and valibot', () => {
    const text = readFileSync(bundle, 'utf8');
    const imported = new Set([...text.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((match) => match[1]));
    expect([...imported].sort()).toEqual(['node:fs', 'node:module', 'node:path', 'node:url', 'picomatch', 'valibot']);
    // oxc-parser and oxc-resolver are required on first use (src/lazy.ts).
    expect(text).toMatch(/require\w*\(["']oxc-parser["']\)/);
    expect(text).toMatch(/require\w*\(["']oxc-resolver["']\)/);
  });
});

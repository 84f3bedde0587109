/**
 * What loading the plugin costs (issue 18's load path): settings the fast check vouches for are
 * validated without valibot, globs are compiled by the first file that needs them, and the native
 * parser and resolver are loaded by the first file that needs them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getSettingsSchema, isKnownValid, parseSettings } from '../src/settings.js';

describe('the settings schema', () => {
  it('is built once, and words the errors of settings the fast check does not vouch for', () => {
    expect(getSettingsSchema()).toBe(getSettingsSchema());
    const invalid = { services: [{ name: 'A' }] };
    expect(isKnownValid(invalid)).toBe(false);
    expect(() => parseSettings(invalid)).toThrow('settings.ssot.services[0].class: required string is missing');
  });

  it('is not needed for valid settings: they come back as they are', () => {
    const settings = { services: [{ name: 'A', class: 'A', module: 'src/a.ts', allow: ['src/a/**'] }] };
    expect(isKnownValid(settings)).toBe(true);
    expect(parseSettings(settings)).toBe(settings);
  });
});

const bundle = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist/src/index.js');

describe('the published plugin entry', () => {
  // `npm test` builds first; the published entry is one bundled file, so its static imports are
  // exactly the packages every ESLint process loads with the plugin.
  it.runIf(existsSync(bundle))('is one file whose static imports are Node built-ins', () => {
    const text = readFileSync(bundle, 'utf8');
    const imported = new Set([...text.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']/gm)].map((match) => match[1]));
    expect([...imported].sort()).toEqual(['node:fs', 'node:module', 'node:path', 'node:url']);
    // Every package is required on first use (src/lazy.ts).
    for (const name of ['oxc-parser', 'oxc-resolver', 'valibot', 'picomatch'])
      expect(text).toMatch(new RegExp(String.raw`require\w*\(["']${name}["']\)`));
  });

  it.runIf(existsSync(bundle))(
    'loads valibot only for settings it must report, and picomatch with the first glob',
    () => {
      // A fresh process: which of the two packages are in Node's module cache after each step.
      const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(${JSON.stringify(bundle)});
      const loaded = () => ['valibot', 'picomatch'].filter((name) =>
        Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/')));
      const { default: plugin } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const steps = { imported: loaded() };
      plugin.configure({ services: [{ name: 'A', class: 'A', module: 'src/a.ts', allow: ['src/a/**'] }] });
      steps.valid = loaded();
      try {
        plugin.configure({ services: [{ name: 'A', class: 'A', allow: ['src/[a'] }] });
      } catch (error) {
        steps.message = error.message;
      }
      steps.invalid = loaded();
      console.log(JSON.stringify(steps));
    `;
      const steps = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
      ) as { imported: string[]; valid: string[]; invalid: string[]; message: string };
      expect(steps).toEqual({
        imported: [],
        valid: [],
        invalid: ['valibot', 'picomatch'],
        message: expect.stringContaining('settings.ssot.services[0].allow[0]: invalid glob "src/[a"') as unknown,
      });
    },
  );
});

/** Loading the plugin builds no settings schema; the first validation does, once (issue 18's load path). */
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

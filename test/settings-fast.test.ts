/**
 * The fast check of src/settings.ts (`isKnownValid`) lets valid settings skip the schema. It must
 * never vouch for settings the schema rejects: checked here on thousands of settings altered at
 * random (seeded, so a failure reproduces) from valid ones that use every key.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { getSettingsSchema, isKnownValid, parseSettings } from '../src/settings.js';
import { seededRandom } from './seeded-random.js';

const VALID: readonly unknown[] = [
  { services: [] },
  {
    rootDir: 'apps/web',
    tsconfig: 'tsconfig.json',
    services: [
      {
        name: 'WebSocket manager',
        class: 'WebSocketManager',
        module: 'src/websocket/manager.ts',
        construct: 'new',
        lifetime: 'scoped',
        factory: {
          name: 'getWebSocketManager',
          module: '@/websocket',
          scope: { argument: 1, name: 'user context' },
        },
        allow: ['src/websocket/**', '!src/websocket/legacy/*.ts', 'test/**/*.spec.ts'],
      },
      { name: 'Socket', class: 'default', module: 'socket.io-client', construct: 'call' },
      { name: 'Browser socket', class: 'WebSocket', global: true, allow: ['src/dom/**'] },
      { name: 'Cache', class: 'Cache', lifetime: 'singleton', factory: { name: 'Caches.get', module: 'src/cache.ts' } },
    ],
    discover: { decorators: true },
    sources: [
      { module: 'src/types.ts', names: ['User', 'Session'], entries: ['src/index.ts'], allow: ['test/**'] },
      { module: 'src/ids.ts', replaces: ['src/legacy/ids.ts'] },
      { module: '@acme/utils' },
    ],
  },
];

const VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'default',
  'A',
  'WebSocketManager',
  'a.b',
  'a..b',
  '1abc',
  'src\\a.ts',
  'src/a.ts',
  '/abs/**',
  '!',
  '!src/**',
  '!/abs',
  'src/[a',
  'src/{a,b}',
  'C:/x/**',
  'src/ü/**',
  '**',
  'User',
  'src/types.ts',
  0,
  -1,
  1.5,
  2,
  Number.NaN,
  true,
  false,
  [],
  {},
  ['x'],
  [''],
  { name: 'x' },
  { name: 'f', module: 'src/f.ts' },
  { container: 'nestjs' },
  'new',
  'call',
  'scoped',
  'singleton',
];

type Container = Record<string, unknown> | unknown[];

/** Every object and array in `value`, the root included. */
function containers(value: unknown, found: Container[] = []): Container[] {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value as Container);
  for (const item of Object.values(value)) containers(item, found);
  return found;
}

function mutate(settings: unknown, next: () => number): unknown {
  const copy = structuredClone(settings);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const value = (): unknown => structuredClone(pick(VALUES));
  const rounds = 1 + Math.floor(next() * 3);
  for (let round = 0; round < rounds; round++) {
    const target = pick(containers(copy));
    const operation = next();
    if (Array.isArray(target)) {
      const index = Math.floor(next() * target.length);
      if (target.length === 0 || operation < 0.1) target.push(value());
      else if (operation < 0.25) target.splice(index, 1);
      // A second copy (duplicate service names, a name with two sources), or a hole.
      else if (operation < 0.3) target.push(structuredClone(target[index]));
      else if (operation < 0.35) target.length += 1;
      else target[index] = value();
      continue;
    }
    const keys = Object.keys(target);
    if (keys.length === 0 || operation < 0.1) {
      // A key the schema does not know, or one it knows in the wrong place.
      target[pick(['name', 'class', 'module', 'factory', 'allow', 'names', 'services', 'container', 'extra'])] =
        value();
    } else if (operation < 0.25) Reflect.deleteProperty(target, pick(keys));
    else target[pick(keys)] = value();
  }
  return copy;
}

function schemaAccepts(settings: unknown): boolean {
  return !Array.isArray(settings) && v.safeParse(getSettingsSchema(), settings).success;
}

describe('the fast settings check', () => {
  it('vouches for valid settings, which then skip the schema', () => {
    for (const settings of VALID) {
      expect(schemaAccepts(settings)).toBe(true);
      expect(isKnownValid(settings)).toBe(true);
      expect(parseSettings(settings)).toBe(settings);
    }
  });

  it('leaves containers to the schema', () => {
    const settings = { services: [{ name: 'A', class: 'A', factory: { container: 'nestjs' } }] };
    expect(schemaAccepts(settings)).toBe(true);
    expect(isKnownValid(settings)).toBe(false);
    expect(parseSettings(settings)).toEqual(settings);
  });

  it('never vouches for settings the schema rejects (20000 altered settings)', () => {
    const next = seededRandom(18);
    const counts = { vouched: 0, rejected: 0, declined: 0 };
    const wrong: unknown[] = [];
    for (let index = 0; index < 20_000; index++) {
      const settings = mutate(VALID[index % VALID.length], next);
      const accepted = schemaAccepts(settings);
      if (isKnownValid(settings)) {
        counts.vouched++;
        if (!accepted) wrong.push(settings);
      } else if (accepted) counts.declined++;
      else counts.rejected++;
    }
    expect(wrong).toEqual([]);
    // Both sides are exercised: many altered settings stay valid and are vouched for, many are not.
    expect(counts.vouched).toBeGreaterThan(1000);
    expect(counts.rejected).toBeGreaterThan(5000);
    expect(counts.declined).toBeLessThan(counts.vouched);
  });
});

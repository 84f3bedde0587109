/**
 * src/decorated-classes.ts: the class decorators of another module, read for decorator-based
 * discovery — followed through barrels, identity checked by import, fresh by size and mtime.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { discoveredLifetime, importedClassDecorators } from '../src/decorated-classes.js';
import { getRegistry } from '../src/registry.js';

describe('importedClassDecorators', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-decorated-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const { resolver } = getRegistry({ rootDir: dir, services: [] }, dir);
  const consumer = path.join(dir, 'consumer.ts');
  const lifetimeOf = (specifier: string, name: string) => {
    const decorators = importedClassDecorators(resolver, consumer, specifier, name);
    return decorators === undefined ? 'unread' : (discoveredLifetime(decorators)?.lifetime ?? 'none');
  };

  it('reads NestJS request scope and Angular providedIn through barrels and renames', () => {
    writeFileSync(
      path.join(dir, 'context.ts'),
      "import { Injectable, Scope as S } from '@nestjs/common';\n@Injectable({ scope: S.REQUEST })\nexport class Context {}\n@Injectable()\nexport class Clock {}\n@Injectable({ scope: S.TRANSIENT })\nexport class Each {}\n",
    );
    writeFileSync(
      path.join(dir, 'cart.ts'),
      "import { Injectable } from '@angular/core';\n@Injectable({ providedIn: 'root' })\nclass Cart {}\nexport { Cart as CartService };\n",
    );
    writeFileSync(
      path.join(dir, 'barrel.ts'),
      "export { Context as Ctx } from './context';\nexport * from './cart';\n",
    );
    expect(lifetimeOf('./context', 'Context')).toBe('scoped');
    expect(lifetimeOf('./barrel', 'Ctx')).toBe('scoped');
    expect(lifetimeOf('./context', 'Clock')).toBe('none');
    expect(lifetimeOf('./context', 'Each')).toBe('none');
    expect(lifetimeOf('./cart', 'CartService')).toBe('singleton');
    expect(lifetimeOf('./barrel', 'CartService')).toBe('singleton');
    expect(lifetimeOf('./missing', 'X')).toBe('unread');
  });

  it('checks where the decorator comes from', () => {
    writeFileSync(
      path.join(dir, 'lookalike.ts'),
      "import { Injectable, Scope } from './my-decorators';\n@Injectable({ scope: Scope.REQUEST })\nexport class Context {}\n",
    );
    expect(lifetimeOf('./lookalike', 'Context')).toBe('none');
  });

  it('re-reads a module whose size or mtime changed', () => {
    const file = path.join(dir, 'edited.ts');
    writeFileSync(file, "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class A {}\n");
    expect(lifetimeOf('./edited', 'A')).toBe('none');
    writeFileSync(
      file,
      "import { Injectable, Scope } from '@nestjs/common';\n@Injectable({ scope: Scope.REQUEST })\nexport class A {}\n",
    );
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    // The module graph's record is the freshness check: trusted for a second, then compared.
    vi.setSystemTime(Date.now() + 1500);
    expect(lifetimeOf('./edited', 'A')).toBe('scoped');
  });
});

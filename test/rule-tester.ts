/**
 * Shared RuleTester set-up: a TypeScript tester (@typescript-eslint/parser) and an espree tester for
 * plain JavaScript, both linting virtual files inside the fixture project `test/fixtures/app`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import type { SsotSettings, ServiceSettings } from '../src/settings.js';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** The fixture project most rule tests lint inside of (has a tsconfig with `@/*` paths). */
export const appDir = path.join(fixturesDir, 'app');

/** Absolute path of a (possibly virtual) file in the fixture app. */
export function appFile(relative: string): string {
  return path.join(appDir, relative);
}

export const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

export const jsRuleTester = new RuleTester({
  languageOptions: {
    parser: espree,
    ecmaVersion: 'latest',
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

/** The WebSocketManager service from the README, as most rule tests register it. */
export const webSocketManager: ServiceSettings = {
  name: 'WebSocketManager',
  class: 'WebSocketManager',
  module: 'src/websocket/manager.ts',
  factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
  allow: ['src/websocket/**', '**/*.test.ts'],
};

/** `settings` for a RuleTester case: the fixture app as rootDir, and these services. */
export function ssotSettings(...services: ServiceSettings[]): { ssot: SsotSettings } {
  return { ssot: { rootDir: appDir, services: services.length === 0 ? [webSocketManager] : services } };
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./test/setup.ts'],
    // Gives the integration tests (test/integration/) one scratch root per run; installs nothing itself.
    globalSetup: ['./test/integration/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Scratch projects and fixtures may contain test files of their own; they are data, not our tests.
    exclude: ['**/node_modules/**', 'test/.tmp/**', 'test/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});

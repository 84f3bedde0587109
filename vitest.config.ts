import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: `unit` (rule, plugin, docs, example tests: `npm test`) and `integration` (the packed
// plugin installed in scratch projects: `npm run test:integration`). `npx vitest run <file>` runs a
// file of either; .ci/run runs both.
export default defineConfig({
  test: {
    setupFiles: ['./test/setup.ts'],
    // Scratch projects and fixtures may contain test files of their own; they are data, not our tests.
    exclude: [...configDefaults.exclude, 'test/.tmp/**', 'test/fixtures/**'],
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/.tmp/**', 'test/fixtures/**', 'test/integration/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One scratch root per run (the plugin packed once, each scratch project installed once).
          globalSetup: ['./test/integration/global-setup.ts'],
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

/**
 * vitest globalSetup: gives every test worker of this run the same scratch root, so the plugin is
 * packed once and each scratch project is installed once per run (see `harness.ts`). Nothing is
 * packed or installed here: runs that select no integration test pay nothing. The scratch root lives
 * outside the repository, so Node cannot fall back to the repository's own node_modules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Scratch root (outside the repository) shared by all workers of one vitest run. */
    integrationRoot: string;
    /** Where this run packs the plugin (`test/.tmp/…`, git-ignored). */
    integrationPackDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'eslint-plugin-ssot-it-'));
  const packDir = path.join(import.meta.dirname, '..', '.tmp', path.basename(root));
  project.provide('integrationRoot', root);
  project.provide('integrationPackDir', packDir);
  return () => {
    if (process.env.SSOT_KEEP_SCRATCH !== undefined) return;
    rmSync(root, { recursive: true, force: true });
    rmSync(packDir, { recursive: true, force: true });
  };
}

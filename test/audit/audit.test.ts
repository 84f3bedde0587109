/**
 * `eslint-plugin-ssot audit` on the bundled example and on a fixture with known singletons,
 * duplicates, factories and globals: the JSON report exactly (expected/*.json), its stability, the
 * proposal fed back to the rules, every format, exit codes and the TTY progress line.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/analyze.js';
import { run } from '../../src/audit/cli.js';
import { mermaidFor } from '../../src/audit/format.js';
import { validateProposal } from '../../src/audit/proposal.js';
import plugin from '../../src/index.js';
import { parseSettings } from '../../src/settings.js';
import { cli, exampleDir, scratchFixture } from './helpers.js';

const TIMEOUT = 120_000;

describe('audit of a fixture without an ESLint config', () => {
  let fixture: ReturnType<typeof scratchFixture>;
  let json: string;
  let report: AuditReport;

  beforeAll(async () => {
    fixture = scratchFixture();
    const result = await cli(['audit', '--format', 'json'], fixture.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    json = result.stdout;
    report = JSON.parse(json) as AuditReport;
  }, TIMEOUT);
  afterAll(() => {
    fixture.remove();
  });

  it('reports exactly the known singletons, duplicates, constructions, factories, entries and proposal', async () => {
    await expect(json).toMatchFileSnapshot('./expected/fixture.json');
  });

  it('finds each known shape once (what the expected JSON encodes, spelled out)', () => {
    expect(report.singletons.map((s) => `${s.file}:${String(s.line)} ${s.class} ${s.shape}`)).toEqual([
      'src/auth/auth-service.ts:5 AuthService static',
      'src/lib/auth-service.ts:5 AuthService eager',
      'src/pages/feed.ts:6 EventSource eager',
      'src/pages/feed.ts:11 Worker lazy',
      'src/pages/feed.ts:15 SocketClient memoized',
    ]);
    expect(
      report.duplicates.map(
        (d) => `${d.name} ${d.kind} ${d.definitions.map((def) => `${def.file}(${String(def.importers)})`).join(' ')}`,
      ),
    ).toEqual([
      'AuthService class src/auth/auth-service.ts(1) src/lib/auth-service.ts(1)',
      'Status type src/net/status.ts(1) src/types.ts(2)',
    ]);
    expect(report.factories.map((f) => `${f.name} ${f.class} ${f.keeps}`)).toEqual([
      'AuthService.getInstance AuthService static',
      'getSocketClient SocketClient map',
    ]);
    // Through the barrel src/net/index.ts, chat.ts constructs the same SocketClient.
    expect(report.constructions.find((c) => c.class === 'SocketClient')?.sites.map((s) => s.file)).toEqual([
      'src/net/client-factory.ts',
      'src/pages/chat.ts',
      'src/pages/feed.ts',
    ]);
    expect(report.constructions.filter((c) => c.global === true).map((c) => c.class)).toEqual([
      'EventSource',
      'WebSocket',
      'Worker',
    ]);
    expect(report.proposal.sources).toEqual([
      { module: 'src/auth/auth-service.ts', names: ['AuthService'] },
      { module: 'src/types.ts', names: ['Status'] },
    ]);
    expect(report.proposal.services.find((s) => s.class === 'AuthService')?.lifetime).toBe('singleton');
  });

  it(
    'is byte-identical across runs and with --concurrency 2 (facts travel as messages from the workers)',
    async () => {
      const again = await cli(['audit', '--format', 'json'], fixture.dir);
      expect(again.stdout).toBe(json);
      const parallel = await cli(['audit', '--format', 'json', '--concurrency', '2'], fixture.dir);
      expect(parallel.code).toBe(0);
      expect(parallel.stdout).toBe(json);
    },
    TIMEOUT,
  );

  it('proposes settings the schema accepts', () => {
    expect(() => parseSettings({ services: report.proposal.services })).not.toThrow();
    expect(validateProposal(report.proposal).settings.services).toEqual(report.proposal.services);
  });

  it(
    'proposes sources that, fed back to the rules, flag every second definition of a duplicated name',
    async () => {
      const { settings } = validateProposal(report.proposal);
      expect(settings).toHaveProperty('sources', report.proposal.sources);
      const config: Linter.Config[] = [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        plugin.configure(settings as never),
      ];
      const results = await new ESLint({
        cwd: fixture.dir,
        overrideConfigFile: true,
        overrideConfig: config,
      }).lintFiles(['.']);
      const duplicates = findings(results, fixture.dir).filter((entry) =>
        entry.endsWith('ssot/no-duplicate-definition'),
      );
      expect(duplicates).toEqual([
        'src/lib/auth-service.ts:1:14 ssot/no-duplicate-definition',
        'src/net/status.ts:1:13 ssot/no-duplicate-definition',
      ]);
    },
    TIMEOUT,
  );

  it(
    'exits 0 with --fail-on violations when the project has no ssot settings (nothing to violate)',
    async () => {
      const result = await cli(['audit', '--fail-on', 'violations'], fixture.dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^eslint-plugin-ssot audit of \.: 11 files$/m);
    },
    TIMEOUT,
  );
});

function findings(results: readonly ESLint.LintResult[], root: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (m) =>
          `${path.relative(root, result.filePath).split(path.sep).join('/')}:${String(m.line)}:${String(m.column)} ${m.ruleId ?? 'fatal'}`,
      ),
    )
    .sort();
}

describe('audit of the bundled example', () => {
  let json: string;
  let report: AuditReport;

  beforeAll(async () => {
    const result = await cli(['audit', '.', '--format', 'json'], exampleDir);
    expect(result.code).toBe(0);
    json = result.stdout;
    report = JSON.parse(json) as AuditReport;
  }, TIMEOUT);

  it('reports exactly the expected JSON', async () => {
    await expect(json).toMatchFileSnapshot('./expected/example.json');
  });

  it(
    "lists every violation ESLint reports with the example's own config, and which services have none left",
    async () => {
      const eslint = findings(await new ESLint({ cwd: exampleDir }).lintFiles(['.']), exampleDir);
      expect(report.violations.map((v) => `${v.file}:${String(v.line)}:${String(v.column)} ${v.rule}`).sort()).toEqual(
        eslint,
      );
      expect(report.services.map((s) => s.name).sort()).toEqual([
        'ConversationManager',
        'Metrics',
        'WebSocketManager',
        'browser WebSocket',
      ]);
    },
    TIMEOUT,
  );

  it(
    'proposes settings that, fed back to the rules, reproduce the violations the example reports',
    async () => {
      const { settings } = validateProposal(report.proposal);
      const config: Linter.Config[] = [
        { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tsParser } },
        plugin.configure(settings as never),
      ];
      const proposed = await new ESLint({
        cwd: exampleDir,
        overrideConfigFile: true,
        overrideConfig: config,
      }).lintFiles(['.']);
      const own = await new ESLint({ cwd: exampleDir }).lintFiles(['.']);
      // Sources of truth are a human decision (which module is the truth, which one is deprecated): the
      // proposal covers the service rules, so the sources rules' findings are left out of the comparison.
      const lines = (results: readonly ESLint.LintResult[]) =>
        findings(results, exampleDir)
          .filter((entry) => !/ ssot\/(?:canonical-import|no-duplicate-definition)$/.test(entry))
          .map((entry) => entry.replace(/:\d+ /, ' '));
      expect(lines(own).length).toBeGreaterThan(0);
      expect(lines(proposed)).toEqual(lines(own));
    },
    TIMEOUT,
  );

  it(
    'exits 1 with --fail-on violations, 0 without',
    async () => {
      const failing = await cli(['audit', '--fail-on', 'violations', '--format', 'json'], exampleDir);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toBe(json);
    },
    TIMEOUT,
  );

  it(
    'markdown: tables and one Mermaid graph per proposed service',
    async () => {
      const { stdout } = await cli(['audit', '--format', 'markdown'], exampleDir);
      const graphs = stdout.match(/```mermaid\nflowchart LR\n {2}n0\[\["[^"]+"\]\]/g) ?? [];
      expect(graphs).toHaveLength(report.proposal.services.length);
      expect(stdout).toContain('| File | Line | Class | Shape | Kept in |');
      expect(stdout).toContain('-. "new (outside)" .->');
    },
    TIMEOUT,
  );

  it(
    'sarif: each violation and each definition of a duplicated name is a result with its location',
    async () => {
      const { stdout } = await cli(['audit', '--format', 'sarif'], exampleDir);
      const sarif = JSON.parse(stdout) as {
        version: string;
        runs: [
          {
            results: {
              ruleId: string;
              locations: [{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }];
            }[];
          },
        ];
      };
      expect(sarif.version).toBe('2.1.0');
      const results = sarif.runs[0].results.map(
        (r) =>
          `${r.locations[0].physicalLocation.artifactLocation.uri}:${String(r.locations[0].physicalLocation.region.startLine)} ${r.ruleId}`,
      );
      const duplicates = report.duplicates.flatMap((d) =>
        d.definitions.map((def) => `${def.file}:${String(def.line)} ssot-audit/duplicate-definition`),
      );
      expect(duplicates.length).toBeGreaterThan(0);
      expect(results.sort()).toEqual(
        [...report.violations.map((v) => `${v.file}:${String(v.line)} ${v.rule}`), ...duplicates].sort(),
      );
    },
    TIMEOUT,
  );

  it(
    '--write-config prints an ssot.configure snippet of the proposal',
    async () => {
      const { stdout, code } = await cli(['audit', '--write-config'], exampleDir);
      expect(code).toBe(0);
      expect(stdout.startsWith('ssot.configure({\n  services: [\n')).toBe(true);
      // The snippet is JavaScript: import it as a module and compare its object with the proposal.
      const source = `const ssot = { configure: (settings) => settings };\nexport default ${stdout.trim()};\n`;
      const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { default: unknown };
      expect(module.default).toEqual(validateProposal(report.proposal).settings);
    },
    TIMEOUT,
  );
});

describe('usage and configuration errors exit 2 with a message and no stack', () => {
  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /missing command/],
    [['audit', 'no-such-dir'], /no-such-dir is not a directory/],
    [['audit', '--format', 'xml'], /unknown format "xml": expected text, json, markdown, html, sarif/],
    [['audit', '--bogus'], /Unknown option '--bogus'/],
    [['audit', '--concurrency', 'lots'], /--concurrency must be a positive integer/],
    [['audit', '-c', 'missing.config.js'], /config file missing.config.js does not exist/],
  ])('%j', async (args, message) => {
    const result = await cli(args, exampleDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });

  it(
    'invalid settings.ssot in the project config: the exact path, exit 2',
    async () => {
      const dir = path.join(exampleDir, '..', 'test/.tmp');
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      const config = path.join(dir, `bad-audit-config-${String(process.pid)}.js`);
      writeFileSync(
        config,
        `export default [{ files: ['**/*.ts'], settings: { ssot: { services: [{ name: 'X', clas: 'X' }] } }, plugins: { ssot: (await import('eslint-plugin-ssot')).default }, rules: { 'ssot/no-module-singleton': 'error' } }];\n`,
      );
      try {
        const result = await cli(['audit', '-c', config], exampleDir);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/settings\.ssot\.services\[0\]\.clas: unknown key; did you mean 'class'\?/);
        expect(result.stderr).not.toMatch(/^\s+at /m);
      } finally {
        rmSync(config, { force: true });
      }
    },
    TIMEOUT,
  );

  it('--help prints the usage and exits 0', async () => {
    const result = await cli(['--help'], exampleDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: eslint-plugin-ssot <command> \[dir\]/);
    expect(result.stdout).toContain('Exit codes: 0 report written, 1 violations found');
  });
});

class Capture extends Writable {
  chunks: string[] = [];
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }
}

describe('progress', () => {
  let fixture: ReturnType<typeof scratchFixture>;
  beforeAll(() => {
    fixture = scratchFixture();
  });
  afterAll(() => {
    fixture.remove();
  });

  it(
    'shows files done / total and an ETA on a TTY, and clears the line before the report',
    async () => {
      const stdout = new Capture(false);
      const stderr = new Capture(true);
      const code = await run(['audit', '--format', 'json', '-o', path.join(fixture.dir, 'report.json')], {
        cwd: fixture.dir,
        stdout,
        stderr: stderr as unknown as NodeJS.WriteStream,
      });
      expect(code).toBe(0);
      const text = stderr.chunks.join('');
      const clear = '\r\u001b[2K';
      expect(text).toContain(`${clear}ssot audit: 0/11 files`);
      expect(text).toContain(`${clear}ssot audit: 11/11 files, ETA 0s`);
      expect(text.endsWith(`${clear}Wrote the json report to report.json.\n`)).toBe(true);
      expect(JSON.parse(readFileSync(path.join(fixture.dir, 'report.json'), 'utf8'))).toHaveProperty('files', 11);
    },
    TIMEOUT,
  );

  it(
    'writes nothing extra when stderr is not a terminal',
    async () => {
      const stdout = new Capture(false);
      const stderr = new Capture(false);
      const code = await run(['audit', '--format', 'json'], {
        cwd: fixture.dir,
        stdout,
        stderr: stderr as unknown as NodeJS.WriteStream,
      });
      expect(code).toBe(0);
      expect(stderr.chunks).toEqual([]);
      expect(JSON.parse(stdout.chunks.join(''))).toHaveProperty('files', 11);
    },
    TIMEOUT,
  );
});

describe('Mermaid graphs', () => {
  const usage = (files: number) => ({
    service: 'Socket',
    class: 'Socket',
    module: 'src/socket.ts',
    factory: 'getSocket',
    factoryModule: 'src/factory.ts',
    lifetime: 'scoped' as const,
    constructedIn: Array.from({ length: files }, (_, index) => ({
      file: `src/feature${String(index % 3)}/file${String(index)}.ts`,
      outside: true,
    })),
    importedBy: [],
    issues: files,
  });

  it('draws every file up to 30 nodes', () => {
    const graph = mermaidFor(usage(20));
    expect(graph.match(/^ {2}n\d+\["src\/feature\d\/file\d+\.ts"\]$/gm)).toHaveLength(20);
  });

  it('collapses files to their folders past 30 nodes, so GitHub renders it', () => {
    const graph = mermaidFor(usage(40));
    expect(graph).not.toContain('file39.ts');
    expect(graph.match(/^ {2}n\d+\["src\/feature\d\/"\]$/gm)).toEqual([
      '  n2["src/feature0/"]',
      '  n3["src/feature1/"]',
      '  n4["src/feature2/"]',
    ]);
    expect(graph.split('\n').filter((line) => line.includes('-. "new (outside)" .->'))).toHaveLength(3);
  });
});

/**
 * The audit and DI containers: registrations and decorated classes are reported with the lifetime
 * each declares, and the proposal takes lifetimes (and `factory: { container }`) from them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/analyze.js';
import { validateProposal } from '../../src/audit/proposal.js';
import { cli } from './helpers.js';

const files: Record<string, string> = {
  'package.json': '{ "name": "di-app", "private": true, "type": "module" }\n',
  'src/session.ts':
    "import { Injectable, Scope } from '@nestjs/common';\n\n@Injectable({ scope: Scope.REQUEST })\nexport class SessionContext {}\n",
  'src/orders.ts': "import { Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class OrdersService {}\n",
  'src/gateway.ts':
    "import { WebSocketGateway } from '@nestjs/websockets';\n\n@WebSocketGateway()\nexport class ChatGateway {}\n",
  'src/feed.ts': 'export class PriceFeed {}\n',
  'src/cache.ts': 'export class Cache {}\n',
  'src/main.ts': [
    "import { container, Lifecycle } from 'tsyringe';",
    "import { Cache } from './cache.js';",
    "import { PriceFeed } from './feed.js';",
    '',
    'container.registerSingleton(PriceFeed);',
    'container.register(Cache, { useClass: Cache }, { lifecycle: Lifecycle.ContainerScoped });',
    '',
  ].join('\n'),
};

describe('audit of a project with DI containers', () => {
  let parent: string;
  let report: AuditReport;
  let text: string;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), 'ssot-audit-di-'));
    const dir = path.join(parent, 'app');
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    const json = await cli(['audit', '--format', 'json'], dir);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    report = JSON.parse(json.stdout) as AuditReport;
    text = (await cli(['audit'], dir)).stdout;
  }, 120_000);
  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('reports every registration and decorated class with its lifetime', () => {
    expect(
      report.registrations?.map(
        (r) => `${r.file}:${String(r.line)} ${r.class} (${r.module ?? '?'}) ${r.container} ${r.lifetime} by ${r.how}`,
      ),
    ).toEqual([
      'src/gateway.ts:3 ChatGateway (src/gateway.ts) nestjs singleton by @WebSocketGateway()',
      'src/main.ts:5 PriceFeed (src/feed.ts) tsyringe singleton by registerSingleton()',
      'src/main.ts:6 Cache (src/cache.ts) tsyringe scoped by register() with Lifecycle.ContainerScoped',
      'src/orders.ts:3 OrdersService (src/orders.ts) nestjs singleton by @Injectable()',
      'src/session.ts:3 SessionContext (src/session.ts) nestjs scoped by @Injectable({ scope: Scope.REQUEST })',
    ]);
    expect(text).toContain('DI container registrations (5)');
    expect(text).toContain('src/main.ts:5  PriceFeed (src/feed.ts)  tsyringe singleton by registerSingleton()');
  });

  it('proposes container services with the declared lifetimes (a framework default is not a declaration), and the proposal validates', () => {
    expect(report.proposal.services).toEqual([
      { name: 'Cache', class: 'Cache', module: 'src/cache.ts', factory: { container: 'tsyringe' } },
      {
        name: 'ChatGateway',
        class: 'ChatGateway',
        module: 'src/gateway.ts',
        factory: { container: 'nestjs' },
        lifetime: 'singleton',
      },
      {
        name: 'PriceFeed',
        class: 'PriceFeed',
        module: 'src/feed.ts',
        factory: { container: 'tsyringe' },
        lifetime: 'singleton',
      },
      { name: 'SessionContext', class: 'SessionContext', module: 'src/session.ts', factory: { container: 'nestjs' } },
    ]);
    expect(validateProposal(report.proposal).settings).toEqual({ services: report.proposal.services });
  });
});

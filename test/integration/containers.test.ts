/**
 * The real DI frameworks: a scratch project with the packed plugin, the pinned `@nestjs/common` and
 * `tsyringe` (devDependencies of this repository, so `npm ci` caches them and the install works
 * offline) type-checks with TypeScript — the shapes the rule tests use are the frameworks' real APIs —
 * and ESLint reports exactly its `// expect:` markers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../rule-tester.js';
import {
  eslintFindings,
  INSTALL_TIMEOUT,
  lineKeys,
  markers,
  project,
  run,
  TEST_TIMEOUT,
  type Project,
} from './harness.js';

/** The rule tests' WebSocketManager and its factory, as they are in the fixture app. */
function fixture(name: string): string {
  return readFileSync(path.join(fixturesDir, 'app/src/websocket', name), 'utf8');
}

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      include: ['src'],
    },
    null,
    2,
  ),
  // Situation 1 (tsyringe): WebSocketManager has a factory function.
  'src/websocket/manager.ts': fixture('manager.ts'),
  'src/websocket/factory.ts': fixture('factory.ts'),
  'src/main.ts': `import 'reflect-metadata';
import { container, Lifecycle } from 'tsyringe';
import { Ledger } from './tsyringe/ledger.js';
import { WebSocketManager } from './websocket/manager.js';

container.registerSingleton(WebSocketManager); // expect: ssot/no-module-singleton
container.registerSingleton(Ledger); // expect: ssot/no-scoped-in-singleton
container.register(WebSocketManager, { useClass: WebSocketManager }, { lifecycle: Lifecycle.ResolutionScoped });
`,
  'src/jobs/notify.ts': `import { container } from 'tsyringe';
import { WebSocketManager } from '../websocket/manager.js'; // expect: ssot/no-factory-bypass

export function notify(): WebSocketManager {
  return container.resolve(WebSocketManager); // expect: ssot/no-direct-instantiation
}
`,
  // A captive dependency: a class registered as a singleton in the composition root injects a scoped service.
  'src/tsyringe/ledger.ts': `import { inject, injectable } from 'tsyringe';
import { SessionContext } from '../nest/session.js';

@injectable()
export class Ledger {
  constructor(@inject(SessionContext) private readonly session: SessionContext) {}

  user(): string {
    return this.session.userId;
  }
}
`,
  // Situation 2 (NestJS): the container is the factory.
  'src/nest/session.ts': `import { Injectable } from '@nestjs/common';

@Injectable() // expect: ssot/no-module-singleton
export class SessionContext {
  userId = '';
}
`,
  'src/nest/feed.ts': `import { Injectable } from '@nestjs/common';

@Injectable()
export class PriceFeed {
  readonly prices = new Map<string, number>();
}
`,
  'src/nest/orders.ts': `import { Inject, Injectable, Module } from '@nestjs/common';
import { PriceFeed } from './feed.js';
import { SessionContext } from './session.js';

@Injectable()
export class OrdersService {
  constructor(
    private readonly session: SessionContext,
    @Inject(PriceFeed) private readonly feed: PriceFeed,
  ) {}

  total(): number {
    return this.feed.prices.size + this.session.userId.length;
  }
}

@Module({ providers: [OrdersService, SessionContext, PriceFeed], exports: [OrdersService] })
export class OrdersModule {}
`,
  'src/nest/report.ts': `import { SessionContext } from './session.js'; // expect: ssot/no-factory-bypass

export function report(): string {
  return new SessionContext().userId; // expect: ssot/no-direct-instantiation
}
`,
};

const settings = {
  services: [
    {
      name: 'WebSocketManager',
      class: 'WebSocketManager',
      module: 'src/websocket/manager.ts',
      factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
      allow: ['src/main.ts'],
    },
    {
      name: 'SessionContext',
      class: 'SessionContext',
      module: 'src/nest/session.ts',
      factory: { container: 'nestjs' },
    },
    {
      name: 'PriceFeed',
      class: 'PriceFeed',
      module: 'src/nest/feed.ts',
      factory: { container: 'nestjs' },
      lifetime: 'singleton',
    },
  ],
};

const config = `import ssot from 'eslint-plugin-ssot';
import tsParser from '@typescript-eslint/parser';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { emitDecoratorMetadata: true } } },
  ssot.configure({ rootDir: import.meta.dirname, ...${JSON.stringify(settings)} }),
];
`;

describe('the real @nestjs/common and tsyringe', () => {
  let scratch: Project;
  let dir: string;

  beforeAll(async () => {
    scratch = await project('containers');
    dir = path.join(scratch.dir, `frameworks-${process.pid}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    writeFileSync(path.join(dir, 'eslint.config.js'), config);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  }, INSTALL_TIMEOUT);

  it('installed the pinned frameworks', () => {
    const version = (name: string) =>
      (
        JSON.parse(readFileSync(path.join(scratch.dir, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    const pinned = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(version('@nestjs/common')).toBe(pinned.devDependencies['@nestjs/common']);
    expect(version('tsyringe')).toBe(pinned.devDependencies.tsyringe);
  });

  it(
    'the project type-checks against the real framework types',
    async () => {
      const result = await run(
        process.execPath,
        [path.join(scratch.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
        { cwd: dir },
      );
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.status).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    'ESLint reports exactly the `// expect:` markers',
    async () => {
      const findings = await eslintFindings(scratch, dir, ['.']);
      const expected = markers(
        dir,
        Object.keys(files).filter((file) => file.endsWith('.ts')),
      );
      expect(expected.length).toBe(7);
      expect(lineKeys(findings)).toEqual(expected);
    },
    TEST_TIMEOUT,
  );
});

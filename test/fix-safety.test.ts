/**
 * Fixes that must not change behaviour: no type-only autofix where decorator metadata makes a type
 * annotation a runtime reference — `emitDecoratorMetadata` read from the tsconfig that applies to the
 * file (through `extends`), not only from parserOptions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../rules/no-factory-bypass.js';
import { cases, error, fixturesDir, ruleTester } from './rule-tester.js';

const decoratorsDir = path.join(fixturesDir, 'decorators');
const service = {
  name: 'WebSocketManager',
  class: 'WebSocketManager',
  module: 'src/manager.ts',
  factory: { name: 'getWebSocketManager', module: 'src/factory.ts' },
};
const { valid, invalid } = cases<MessageIds, Options>({
  filename: path.join(decoratorsDir, 'src/gateway.ts'),
  settings: { ssot: { rootDir: decoratorsDir, services: [service] } },
});
const decorated = [
  "import { WebSocketManager } from './manager';",
  'declare const Inject: () => ParameterDecorator;',
  'export class Gateway {',
  '  constructor(@Inject() readonly manager: WebSocketManager) {}',
  '}',
].join('\n');

ruleTester.run('no-factory-bypass with emitDecoratorMetadata in tsconfig.json (through extends)', rule, {
  valid: valid([]),
  invalid: [
    // tsconfig.json extends tsconfig.base.json, which sets emitDecoratorMetadata: the import stays a value import.
    invalid(decorated, [error('bypass', [1, 10, 1, 26])]),
    // The same file in a project without decorator metadata (the fixture app): the type-only autofix applies.
    {
      ...invalid(decorated, [error('typeOnly', [1, 10, 1, 26])]),
      filename: path.join(fixturesDir, 'app/src/gateway.ts'),
      settings: {
        ssot: {
          rootDir: path.join(fixturesDir, 'app'),
          services: [
            {
              ...service,
              module: 'src/websocket/manager.ts',
              factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
            },
          ],
        },
      },
      code: decorated.replace('./manager', './websocket/manager'),
      output: decorated.replace(
        "import { WebSocketManager } from './manager';",
        "import type { WebSocketManager } from './websocket/manager';",
      ),
    },
  ],
});

// ── emitDecoratorMetadata: the type-only fix is withheld only where the class is written into metadata ──
const importManager = "import { WebSocketManager } from './manager';";
const typeImportManager = "import type { WebSocketManager } from './manager';";
/** No fix: the class is in a decorator-metadata position. */
const metadataCase = (body: string) => invalid(`${importManager}\n${body}`, [error('bypass', [1, 10, 1, 26])]);
/** The type-only fix applies: no annotation of the class is written into metadata. */
const typeCase = (body: string) =>
  invalid(`${importManager}\n${body}`, [error('typeOnly', [1, 10, 1, 26])], {
    output: `${typeImportManager}\n${body}`,
  });
const declareDecorators =
  'declare const Injectable: () => ClassDecorator;\ndeclare const Prop: () => PropertyDecorator;\ndeclare const Get: () => MethodDecorator;';

ruleTester.run('no-factory-bypass with emitDecoratorMetadata, per decorator position', rule, {
  valid: valid([]),
  invalid: [
    // Decorated class: its constructor's parameter types are `design:paramtypes`.
    metadataCase(
      `${declareDecorators}\n@Injectable()\nexport class Gateway {\n  constructor(private readonly manager: WebSocketManager) {}\n}`,
    ),
    // Decorated property (`design:type`), also `| undefined` (serialized as the class under strict).
    metadataCase(`${declareDecorators}\nexport class Gateway {\n  @Prop() manager?: WebSocketManager | undefined;\n}`),
    // Decorated method: parameter types and return type.
    metadataCase(`${declareDecorators}\nexport class Gateway {\n  @Get() open(manager: WebSocketManager): void {}\n}`),
    metadataCase(
      `${declareDecorators}\nexport class Gateway {\n  @Get() current(): WebSocketManager {\n    throw new Error();\n  }\n}`,
    ),
    // A parameter decorator on a method makes its signature metadata too.
    metadataCase(
      `declare const Body: () => ParameterDecorator;\nexport class Gateway {\n  open(@Body() body: string, manager: WebSocketManager): void {}\n}`,
    ),
    // The same annotations without decorators, and non-metadata positions in a decorated class: type-only.
    typeCase(
      `export class Gateway {\n  constructor(private readonly manager: WebSocketManager) {}\n  open(manager: WebSocketManager): WebSocketManager {\n    return manager;\n  }\n}`,
    ),
    typeCase(
      `${declareDecorators}\nexport function connect(manager: WebSocketManager): WebSocketManager {\n  return manager;\n}\n@Injectable()\nexport class Gateway {\n  manager?: WebSocketManager;\n  @Get() open(): void {\n    const local: WebSocketManager | undefined = undefined;\n    void local;\n  }\n}`,
    ),
  ],
});

// ── Suggestions compose: `oxlint --fix-suggestions` applies every suggestion of a file in one pass ──
const root = path.join(fixturesDir, '..', '..');
const oxlint = path.join(root, 'node_modules/.bin/oxlint');
const built = path.join(root, 'dist/src/index.js');

describe.skipIf(!existsSync(built))('oxlint --fix-suggestions', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ssot-compose-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the factory import once per pass, and reaches a fixed point that compiles', () => {
    const files: Record<string, string> = {
      'src/websocket/manager.ts': 'export class WebSocketManager {\n  constructor(readonly user?: string) {}\n}\n',
      'src/websocket/factory.ts':
        "import { WebSocketManager } from './manager';\nexport function getWebSocketManager(user?: string): WebSocketManager {\n  return new WebSocketManager(user);\n}\n",
      'src/hooks/x.ts': 'export const x = 1;\n',
      // Two imports: one suggestion used to replace the first while another inserted after the last.
      'src/hooks/use.ts': [
        "import { WebSocketManager } from '../websocket/manager';",
        "import { x } from './x';",
        '',
        "export function a() { return new WebSocketManager('a' + String(x)); }",
        "export function b() { return new WebSocketManager('b'); }",
        "export function c() { return new WebSocketManager('c'); }",
        '',
      ].join('\n'),
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    writeFileSync(
      path.join(dir, '.oxlintrc.json'),
      JSON.stringify({
        jsPlugins: [built],
        rules: { 'ssot/no-direct-instantiation': 'error', 'ssot/no-factory-bypass': 'error' },
        settings: {
          ssot: {
            rootDir: dir,
            services: [
              {
                ...service,
                module: 'src/websocket/manager.ts',
                factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' },
              },
            ],
          },
        },
      }),
    );
    const hook = path.join(dir, 'src/hooks/use.ts');
    const factoryImports = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('{ getWebSocketManager }')).length;
    const passes: string[] = [];
    for (let pass = 0; pass < 6; pass++) {
      spawnSync(oxlint, ['--fix-suggestions', 'src'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const text = readFileSync(hook, 'utf8');
      expect(factoryImports(hook), text).toBeLessThanOrEqual(1);
      if (passes.at(-1) === text) break;
      passes.push(text);
    }
    expect(passes.at(-1)).toBe(
      [
        "import { x } from './x';",
        "import { getWebSocketManager } from '../websocket/factory';",
        '',
        "export function a() { return getWebSocketManager('a' + String(x)); }",
        "export function b() { return getWebSocketManager('b'); }",
        "export function c() { return getWebSocketManager('c'); }",
        '',
      ].join('\n'),
    );
  });
});

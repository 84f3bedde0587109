/**
 * Fixes that must not change behaviour: no type-only autofix where decorator metadata makes a type
 * annotation a runtime reference — `emitDecoratorMetadata` read from the tsconfig that applies to the
 * file (through `extends`), not only from parserOptions.
 */
import path from 'node:path';
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
      ...invalid(decorated, [error('bypass', [1, 10, 1, 26])]),
      filename: path.join(fixturesDir, 'app/src/gateway.ts'),
      settings: { ssot: { rootDir: path.join(fixturesDir, 'app'), services: [{ ...service, module: 'src/websocket/manager.ts', factory: { name: 'getWebSocketManager', module: 'src/websocket/factory.ts' } }] } },
      code: decorated.replace('./manager', './websocket/manager'),
      output: decorated.replace("import { WebSocketManager } from './manager';", "import type { WebSocketManager } from './websocket/manager';"),
    },
  ],
});

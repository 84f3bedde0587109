import rule from '../../rules/no-direct-instantiation.js';
import { appFile, ruleTester, ssotSettings } from '../rule-tester.js';

const hook = appFile('src/hooks/use-socket.ts');

ruleTester.run('no-direct-instantiation', rule, {
  valid: [
    { code: "import { WebSocketManager } from '../websocket/manager';\nlet m: WebSocketManager;", filename: hook, settings: ssotSettings() },
  ],
  invalid: [
    {
      code: "import { WebSocketManager } from '../websocket/manager';\nconst m = new WebSocketManager();",
      filename: hook,
      settings: ssotSettings(),
      errors: [
        {
          messageId: 'direct',
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useFactory',
              output: "import { WebSocketManager } from '../websocket/manager';\nimport { getWebSocketManager } from '../websocket/factory';\nconst m = getWebSocketManager();",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

import rule, { type MessageIds, type Options } from '../../rules/canonical-import.js';
import type { SourceSettings, SsotSettings } from '../../src/settings.js';
import { appDir, appFile, cases, error, jsRuleTester, ruleTester, suggestion } from '../rule-tester.js';

const consumer = appFile('src/hooks/use-status.ts');
const component = appFile('src/hooks/status-panel.tsx');
const script = appFile('src/hooks/status.js');

/** names omitted: WebSocketStatus, WebSocketEvent, isWebSocketEvent, WS_EVENTS. */
const domainTypes: SourceSettings = { module: 'src/types/websocket.ts', entries: ['src/types/index.ts'], replaces: ['src/types/agents.ts'] };
const auth: SourceSettings = { module: '@/auth/unified-auth-service.js' };

function settings(...sources: SourceSettings[]): { ssot: SsotSettings } {
  return { ssot: { rootDir: appDir, services: [], sources: sources.length === 0 ? [domainTypes, auth] : sources } };
}

const { valid, invalid } = cases<MessageIds, Options>({ filename: consumer, settings: settings() });
const importFromSource = (output: string) => suggestion<MessageIds>('importFromSource', output);

ruleTester.run('canonical-import', rule, {
  valid: valid([
    "import { WebSocketStatus, isWebSocketEvent } from '../types/websocket.js';",
    "import type { WebSocketStatus } from '@/types/websocket.js';",
    "import { WS_EVENTS } from '@/types/index.js';\nexport { isWebSocketEvent } from '../types/index.js';",
    "import { connectService } from '../services/ws-service.js';",
    // Not an owned name, side-effect imports of other modules, namespace imports (no name is chosen).
    "import '../services/ws-service.js';\nimport * as ws from '../services/ws-service.js';",
    "import { authService } from '../auth/unified-auth-service.js';",
    // The re-exported WS_EVENTS is the types module's name; the auth module is not its source (nor an entry).
    { code: "export { WS_EVENTS } from '../types/websocket.js';", filename: appFile('src/auth/unified-auth-service.ts') },
    // The replaced module itself may re-export from the source; packages and unresolved modules are left alone.
    { code: "export { WebSocketStatus } from './websocket.js';", filename: appFile('src/types/agents.ts') },
    "import { WebSocketStatus } from 'some-unknown-package';",
    // A local `require` is not the module loader.
    "const require = (x: string) => ({ isWebSocketEvent: x });\nconst { isWebSocketEvent } = require('../services/ws-service.js');",
  ]),
  invalid: [
    // Rewrite: every name is owned by the source and provably the same binding there.
    invalid(
      "import { WebSocketStatus, isWebSocketEvent } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 10, 1, 25]), error('nonCanonical', [1, 27, 1, 43])], { output: "import { WebSocketStatus, isWebSocketEvent } from '../types/websocket.js';" },
    ),
    // Alias spelling kept; quotes, `type`, renames and comments kept.
    invalid(
      'import type { WebSocketStatus as Status /* ok */ } from "@/services/ws-service.js"; // why',
      [error('nonCanonical', [1, 15, 1, 40])], { output: 'import type { WebSocketStatus as Status /* ok */ } from "@/types/websocket.js"; // why' },
    ),
    // NodeNext ESM (the fixture app is "type": "module"): an extension is added even where the old specifier had none.
    invalid("import { isWebSocketEvent } from '../services/ws-service';", [error('nonCanonical', [1, 10, 1, 26])], { output: "import { isWebSocketEvent } from '../types/websocket.js';" }),
    // Through another barrel to a source whose names are its own declared exports.
    invalid("import { authService } from '../services/auth.js';", [error('nonCanonical', [1, 10, 1, 21])], { output: "import { authService } from '../auth/unified-auth-service.js';" }),
    // Mixed declaration: the owned name moves to an import from the source, the rest stays.
    invalid(
      "import { connectService, type WebSocketStatus } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 26, 1, 46])], { output: "import { connectService } from '../services/ws-service.js';\nimport { type WebSocketStatus } from '../types/websocket.js';" },
    ),
    // …merged into an existing import from the source.
    invalid(
      "import { WS_EVENTS } from '../types/websocket.js';\nimport { isWebSocketEvent, connectService } from '../services/ws-service.js';",
      [error('nonCanonical', [2, 10, 2, 26])], { output: "import { WS_EVENTS, isWebSocketEvent } from '../types/websocket.js';\nimport { connectService } from '../services/ws-service.js';" },
    ),
    // The file already imports from an entry: that entry.
    invalid(
      "import { WS_EVENTS } from '@/types/index.js';\nimport { WebSocketStatus } from '../services/ws-service.js';",
      [error('nonCanonical', [2, 10, 2, 25])], { output: "import { WS_EVENTS } from '@/types/index.js';\nimport { WebSocketStatus } from '@/types/index.js';" },
    ),
    // Re-exports.
    invalid(
      "export { isWebSocketEvent as isEvent, connectService } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 10, 1, 37])], { output: "export { connectService } from '../services/ws-service.js';\nexport { isWebSocketEvent as isEvent } from '../types/websocket.js';" },
    ),
    invalid("export type { WebSocketStatus } from '../services/ws-service.js'", [error('nonCanonical', [1, 15, 1, 30])], { output: "export type { WebSocketStatus } from '../types/websocket.js'" }),
    // Not provably the same binding (ws-copy declares its own WebSocketStatus): a suggestion, no fix.
    invalid(
      "import type { WebSocketStatus } from '../services/ws-copy.js';",
      [error('nonCanonical', [1, 15, 1, 30], [importFromSource("import type { WebSocketStatus } from '../types/websocket.js';")])],
    ),
    // import() and require(): destructuring and member.
    invalid(
      "const { isWebSocketEvent } = await import('../services/ws-service.js');",
      [error('nonCanonical', [1, 9, 1, 25])], { output: "const { isWebSocketEvent } = await import('../types/websocket.js');" },
    ),
    invalid(
      "const check = (await import('../services/ws-service.js')).isWebSocketEvent;",
      [error('nonCanonical', [1, 59, 1, 75])], { output: "const check = (await import('../types/websocket.js')).isWebSocketEvent;" },
    ),
    invalid(
      "import('../services/ws-service.js').then(({ isWebSocketEvent }) => isWebSocketEvent);",
      [error('nonCanonical', [1, 45, 1, 61])], { output: "import('../types/websocket.js').then(({ isWebSocketEvent }) => isWebSocketEvent);" },
    ),
    // Taking more than owned names (another name, a rest element): report, no rewrite.
    invalid(
      "const { isWebSocketEvent, connectService } = await import('../services/ws-service.js');",
      [error('nonCanonical', [1, 9, 1, 25])],
    ),
    // Replaced modules: every import form.
    invalid("import { WebSocketStatus } from '../types/agents.js';", [error('replaced', [1, 33, 1, 53])]),
    invalid("import '../types/agents.js';", [error('replaced', [1, 8, 1, 28])]),
    invalid("export * from '@/types/agents.js';", [error('replaced', [1, 15, 1, 34])]),
    invalid("import agents = require('../types/agents.js');", [error('replaced', [1, 25, 1, 45])]),
    invalid("const legacy = await import('../types/agents.js');", [error('replaced', [1, 29, 1, 49])]),
    // TSX
    invalid(
      "import { isWebSocketEvent } from '../services/ws-service.js';\nexport const Panel = () => <div>{String(isWebSocketEvent(1))}</div>;",
      [error('nonCanonical', [1, 10, 1, 26])], { output: "import { isWebSocketEvent } from '../types/websocket.js';\nexport const Panel = () => <div>{String(isWebSocketEvent(1))}</div>;", filename: component },
    ),
  ],
});

jsRuleTester.run('canonical-import (JavaScript)', rule, {
  valid: valid([{ code: "import { isWebSocketEvent } from '../types/websocket.js';", filename: script }]),
  invalid: [
    invalid(
      "import { isWebSocketEvent } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 10, 1, 26])], { output: "import { isWebSocketEvent } from '../types/websocket.js';", filename: script },
    ),
    invalid(
      "const { isWebSocketEvent } = require('../services/ws-service.js');",
      [error('nonCanonical', [1, 9, 1, 25])], { output: "const { isWebSocketEvent } = require('../types/websocket.js');", filename: script },
    ),
    invalid("require('../types/agents.js');", [error('replaced', [1, 9, 1, 29])], { filename: script }),
  ],
});

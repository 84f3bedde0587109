import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rule, { type MessageIds, type Options } from '../../rules/canonical-import.js';
import plugin from '../../src/index.js';
import type { SourceSettings, SsotSettings } from '../../src/settings.js';
import { appDir, appFile, cases, error, fixturesDir, jsRuleTester, ruleTester, suggestion } from '../rule-tester.js';

const consumer = appFile('src/hooks/use-status.ts');
const component = appFile('src/hooks/status-panel.tsx');
const script = appFile('src/hooks/status.js');

/** names omitted: WebSocketStatus, WebSocketEvent, isWebSocketEvent, WS_EVENTS. */
const domainTypes: SourceSettings = {
  module: 'src/types/websocket.ts',
  entries: ['src/types/index.ts'],
  replaces: ['src/types/agents.ts'],
};
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
    // Not an owned name, side-effect imports of other modules, namespace imports that take no owned name.
    "import '../services/ws-service.js';\nimport * as ws from '../services/ws-service.js';",
    "import * as ws from '../services/ws-service.js';\nws.connectService();\nexport default ws;",
    "import * as types from '../types/websocket.js';\nlet status: types.WebSocketStatus;\nexport const check = types.isWebSocketEvent;",
    "import('../types/index.js').then((m) => m.WS_EVENTS);\nconst m = await import('../services/ws-service.js');\nm.connectService();",
    "import { authService } from '../auth/unified-auth-service.js';",
    // The re-exported WS_EVENTS is the types module's name; the auth module is not its source (nor an entry).
    {
      code: "export { WS_EVENTS } from '../types/websocket.js';",
      filename: appFile('src/auth/unified-auth-service.ts'),
    },
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
      [error('nonCanonical', [1, 10, 1, 25]), error('nonCanonical', [1, 27, 1, 43])],
      { output: "import { WebSocketStatus, isWebSocketEvent } from '../types/websocket.js';" },
    ),
    // Alias spelling kept; quotes, `type`, renames and comments kept.
    invalid(
      'import type { WebSocketStatus as Status /* ok */ } from "@/services/ws-service.js"; // why',
      [error('nonCanonical', [1, 15, 1, 40])],
      { output: 'import type { WebSocketStatus as Status /* ok */ } from "@/types/websocket.js"; // why' },
    ),
    // NodeNext ESM (the fixture app is "type": "module"): an extension is added even where the old specifier had none.
    invalid("import { isWebSocketEvent } from '../services/ws-service';", [error('nonCanonical', [1, 10, 1, 26])], {
      output: "import { isWebSocketEvent } from '../types/websocket.js';",
    }),
    // Through another barrel to a source whose names are its own declared exports.
    invalid("import { authService } from '../services/auth.js';", [error('nonCanonical', [1, 10, 1, 21])], {
      output: "import { authService } from '../auth/unified-auth-service.js';",
    }),
    // Mixed declaration: the owned name moves to an import from the source, the rest stays.
    invalid(
      "import { connectService, type WebSocketStatus } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 26, 1, 46])],
      {
        output:
          "import { connectService } from '../services/ws-service.js';\nimport { type WebSocketStatus } from '../types/websocket.js';",
      },
    ),
    // …merged into an existing import from the source.
    invalid(
      "import { WS_EVENTS } from '../types/websocket.js';\nimport { isWebSocketEvent, connectService } from '../services/ws-service.js';",
      [error('nonCanonical', [2, 10, 2, 26])],
      {
        output:
          "import { WS_EVENTS, isWebSocketEvent } from '../types/websocket.js';\nimport { connectService } from '../services/ws-service.js';",
      },
    ),
    // The file already imports from an entry: that entry.
    invalid(
      "import { WS_EVENTS } from '@/types/index.js';\nimport { WebSocketStatus } from '../services/ws-service.js';",
      [error('nonCanonical', [2, 10, 2, 25])],
      { output: "import { WS_EVENTS } from '@/types/index.js';\nimport { WebSocketStatus } from '@/types/index.js';" },
    ),
    // Re-exports.
    invalid(
      "export { isWebSocketEvent as isEvent, connectService } from '../services/ws-service.js';",
      [error('nonCanonical', [1, 10, 1, 37])],
      {
        output:
          "export { connectService } from '../services/ws-service.js';\nexport { isWebSocketEvent as isEvent } from '../types/websocket.js';",
      },
    ),
    invalid(
      "export type { WebSocketStatus } from '../services/ws-service.js'",
      [error('nonCanonical', [1, 15, 1, 30])],
      { output: "export type { WebSocketStatus } from '../types/websocket.js'" },
    ),
    // Not provably the same binding (ws-copy declares its own WebSocketStatus): a suggestion, no fix.
    invalid("import type { WebSocketStatus } from '../services/ws-copy.js';", [
      error(
        'nonCanonical',
        [1, 15, 1, 30],
        [importFromSource("import type { WebSocketStatus } from '../types/websocket.js';")],
      ),
    ]),
    // import() and require(): destructuring and member.
    invalid(
      "const { isWebSocketEvent } = await import('../services/ws-service.js');",
      [error('nonCanonical', [1, 9, 1, 25])],
      { output: "const { isWebSocketEvent } = await import('../types/websocket.js');" },
    ),
    invalid(
      "const check = (await import('../services/ws-service.js')).isWebSocketEvent;",
      [error('nonCanonical', [1, 59, 1, 75])],
      { output: "const check = (await import('../types/websocket.js')).isWebSocketEvent;" },
    ),
    invalid(
      "import('../services/ws-service.js').then(({ isWebSocketEvent }) => isWebSocketEvent);",
      [error('nonCanonical', [1, 45, 1, 61])],
      { output: "import('../types/websocket.js').then(({ isWebSocketEvent }) => isWebSocketEvent);" },
    ),
    // Members of a module object: a namespace import (values and types), `import X = require()`,
    // `import(M).then((m) => m.N)`, `const m = await import(M)`. Every use a member of one source's
    // owned names, each provably the same binding there: the specifier is rewritten.
    invalid(
      "import * as ws from '../services/ws-service.js';\nlet status: ws.WebSocketStatus;\nexport const check = ws['isWebSocketEvent'];",
      [error('nonCanonical', [2, 16, 2, 31]), error('nonCanonical', [3, 25, 3, 43])],
      {
        output:
          "import * as ws from '../types/websocket.js';\nlet status: ws.WebSocketStatus;\nexport const check = ws['isWebSocketEvent'];",
      },
    ),
    invalid(
      "import ws = require('../services/ws-service.js');\nexport const check = ws.isWebSocketEvent;",
      [error('nonCanonical', [2, 25, 2, 41])],
      { output: "import ws = require('../types/websocket.js');\nexport const check = ws.isWebSocketEvent;" },
    ),
    invalid(
      "import('../services/ws-service.js').then((m) => m.isWebSocketEvent);",
      [error('nonCanonical', [1, 51, 1, 67])],
      { output: "import('../types/websocket.js').then((m) => m.isWebSocketEvent);" },
    ),
    invalid(
      "const m = await import('../services/ws-service.js');\nexport const check = m.isWebSocketEvent;\nconst { isWebSocketEvent } = m;",
      [error('nonCanonical', [2, 24, 2, 40]), error('nonCanonical', [3, 9, 3, 25])],
      {
        output:
          "const m = await import('../types/websocket.js');\nexport const check = m.isWebSocketEvent;\nconst { isWebSocketEvent } = m;",
      },
    ),
    // ws-service does not export WS_EVENTS: not provably the same binding, so a suggestion for both names.
    (() => {
      const after =
        "const m = await import('../types/websocket.js');\nexport const check = m.isWebSocketEvent;\nconst { WS_EVENTS } = m;";
      return invalid(
        "const m = await import('../services/ws-service.js');\nexport const check = m.isWebSocketEvent;\nconst { WS_EVENTS } = m;",
        [
          error('nonCanonical', [2, 24, 2, 40], [importFromSource(after)]),
          error('nonCanonical', [3, 9, 3, 18], [importFromSource(after)]),
        ],
      );
    })(),
    // The module object escapes, or also takes a name the source does not own: reported, nothing rewritten.
    invalid(
      "import * as ws from '../services/ws-service.js';\nexport const check = ws.isWebSocketEvent;\nexport { ws };",
      [error('nonCanonical', [2, 25, 2, 41])],
    ),
    invalid(
      "import * as ws from '../services/ws-service.js';\nexport const status: ws.WebSocketStatus = ws.connectService();",
      [error('nonCanonical', [2, 25, 2, 40])],
    ),
    // Not provably the same binding (ws-copy declares its own WebSocketStatus): a suggestion.
    invalid("import type * as copy from '../services/ws-copy.js';\nexport type S = copy.WebSocketStatus;", [
      error(
        'nonCanonical',
        [2, 22, 2, 37],
        [
          importFromSource(
            "import type * as copy from '../types/websocket.js';\nexport type S = copy.WebSocketStatus;",
          ),
        ],
      ),
    ]),
    // Taking more than owned names (another name, a rest element): report, no rewrite.
    invalid("const { isWebSocketEvent, connectService } = await import('../services/ws-service.js');", [
      error('nonCanonical', [1, 9, 1, 25]),
    ]),
    // Replaced modules: every import form.
    invalid("import { WebSocketStatus } from '../types/agents.js';", [error('replaced', [1, 33, 1, 53])]),
    invalid("import '../types/agents.js';", [error('replaced', [1, 8, 1, 28])]),
    invalid("export * from '@/types/agents.js';", [error('replaced', [1, 15, 1, 34])]),
    invalid("import agents = require('../types/agents.js');", [error('replaced', [1, 25, 1, 45])]),
    invalid("const legacy = await import('../types/agents.js');", [error('replaced', [1, 29, 1, 49])]),
    // Through an exact tsconfig alias (`@ws`: the text never spells the file's name), comments between.
    invalid("import { WebSocketManager } from /* the old one */ '@ws';", [error('replaced', [1, 52, 1, 57])], {
      settings: settings({ module: 'src/types/websocket.ts', replaces: ['src/websocket/manager.ts'] }),
    }),
    // TSX
    invalid(
      "import { isWebSocketEvent } from '../services/ws-service.js';\nexport const Panel = () => <div>{String(isWebSocketEvent(1))}</div>;",
      [error('nonCanonical', [1, 10, 1, 26])],
      {
        output:
          "import { isWebSocketEvent } from '../types/websocket.js';\nexport const Panel = () => <div>{String(isWebSocketEvent(1))}</div>;",
        filename: component,
      },
    ),
  ],
});

jsRuleTester.run('canonical-import (JavaScript)', rule, {
  valid: valid([{ code: "import { isWebSocketEvent } from '../types/websocket.js';", filename: script }]),
  invalid: [
    invalid("import { isWebSocketEvent } from '../services/ws-service.js';", [error('nonCanonical', [1, 10, 1, 26])], {
      output: "import { isWebSocketEvent } from '../types/websocket.js';",
      filename: script,
    }),
    invalid(
      "const { isWebSocketEvent } = require('../services/ws-service.js');",
      [error('nonCanonical', [1, 9, 1, 25])],
      { output: "const { isWebSocketEvent } = require('../types/websocket.js');", filename: script },
    ),
    invalid("require('../types/agents.js');", [error('replaced', [1, 9, 1, 29])], { filename: script }),
    invalid("const manager = require?.('@ws');", [error('replaced', [1, 27, 1, 32])], {
      filename: script,
      settings: settings({ module: 'src/types/websocket.ts', replaces: ['src/websocket/manager.ts'] }),
    }),
    invalid(
      "const ws = require('../services/ws-service.js');\nmodule.exports = ws.isWebSocketEvent;",
      [error('nonCanonical', [2, 21, 2, 37])],
      {
        output: "const ws = require('../types/websocket.js');\nmodule.exports = ws.isWebSocketEvent;",
        filename: script,
      },
    ),
  ],
});

/** Module-level bindings of `code` (every import form, `require` destructuring included). */
function bindings(linter: Linter): string[] {
  const globalScope = linter.getSourceCode().scopeManager.globalScope;
  const scopes = globalScope === null ? [] : [globalScope, ...globalScope.childScopes];
  return scopes
    .flatMap((scope) => scope.variables.filter((variable) => variable.defs.length > 0).map((variable) => variable.name))
    .sort();
}

/**
 * What `eslint --fix` does: fix until nothing changes. The output must parse, keep every binding,
 * leave no fixable finding, and a second pass must change nothing.
 */
function fixAll(
  code: string,
  filename: string,
  ssot: SsotSettings,
  cwd = appDir,
): { output: string; remaining: string[] } {
  const linter = new Linter({ cwd });
  const config: Linter.Config[] = [
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { plugins: { ssot: plugin }, settings: { ssot }, rules: { 'ssot/canonical-import': 'error' } },
  ];
  linter.verify(code, config, filename);
  const before = bindings(linter);
  const first = linter.verifyAndFix(code, config, filename);
  expect(first.messages.filter((message) => message.fatal === true)).toEqual([]);
  expect(first.fixed).toBe(true);
  const second = linter.verifyAndFix(first.output, config, filename);
  expect(second.fixed).toBe(false);
  expect(second.output).toBe(first.output);
  expect(second.messages.filter((message) => message.fix !== undefined)).toEqual([]);
  expect(bindings(linter)).toEqual(before);
  return { output: first.output, remaining: second.messages.map((message) => message.message) };
}

describe('canonical-import: eslint --fix to a fixed point', () => {
  const ssot = settings().ssot;
  it('moves every owned name of a mixed declaration (TS), merging into one import from the source', () => {
    const code = [
      "import { connectService, isWebSocketEvent as check, type WebSocketStatus } from '../services/ws-service.js';",
      'export const ok: WebSocketStatus = connectService();',
      'console.log(check(ok));',
    ].join('\n');
    expect(fixAll(code, consumer, ssot).output).toBe(
      [
        "import { connectService } from '../services/ws-service.js';",
        "import { isWebSocketEvent as check, type WebSocketStatus } from '../types/websocket.js';",
        'export const ok: WebSocketStatus = connectService();',
        'console.log(check(ok));',
      ].join('\n'),
    );
  });
  it('TSX, with a default import kept beside', () => {
    const code =
      "import Thing, { isWebSocketEvent } from '../services/ws-service.js';\nexport const P = () => <b>{String(isWebSocketEvent(Thing))}</b>;";
    expect(fixAll(code, component, ssot).output).toBe(
      "import Thing from '../services/ws-service.js';\nimport { isWebSocketEvent } from '../types/websocket.js';\nexport const P = () => <b>{String(isWebSocketEvent(Thing))}</b>;",
    );
  });
  it('CommonJS require() destructuring', () => {
    const code =
      "'use strict';\nconst { isWebSocketEvent: check } = require('../services/ws-service.js');\nmodule.exports = check;";
    expect(fixAll(code, appFile('src/hooks/legacy.cjs'), ssot).output).toBe(
      "'use strict';\nconst { isWebSocketEvent: check } = require('../types/websocket.js');\nmodule.exports = check;",
    );
  });
  it('export … from, with the statement kept in place', () => {
    const code =
      "export { connectService, isWebSocketEvent } from '../services/ws-service.js';\nexport { authService } from '../services/auth.js';";
    expect(fixAll(code, consumer, ssot).output).toBe(
      "export { connectService } from '../services/ws-service.js';\nexport { isWebSocketEvent } from '../types/websocket.js';\nexport { authService } from '../auth/unified-auth-service.js';",
    );
  });
});

describe('canonical-import: wildcard paths and Bundler resolution', () => {
  const bundlerDir = path.join(fixturesDir, 'spelling/bundler');
  const ssot: SsotSettings = { rootDir: bundlerDir, services: [], sources: [{ module: 'shared/status.ts' }] };
  it('keeps the alias (the one pattern "$shared/*" maps the source) and the extension-free style', () => {
    const code = "import type { Status } from '~lib/reexport';\nexport let s: Status;";
    expect(fixAll(code, path.join(bundlerDir, 'src/ui/page.tsx'), ssot, bundlerDir).output).toBe(
      "import type { Status } from '$shared/status';\nexport let s: Status;",
    );
  });
  it('relative stays relative', () => {
    const code = "import type { Status } from '../lib/reexport';\nexport let s: Status;";
    expect(fixAll(code, path.join(bundlerDir, 'src/ui/page.tsx'), ssot, bundlerDir).output).toBe(
      "import type { Status } from '../../shared/status';\nexport let s: Status;",
    );
  });
});

describe('canonical-import: a package source reached through its `exports`', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ssot-canonical-'));
    const pkg = path.join(root, 'node_modules/@acme/types');
    mkdirSync(path.join(pkg, 'src'), { recursive: true });
    writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({
        name: '@acme/types',
        type: 'module',
        exports: { '.': './src/index.js', './status': './src/status.js', './internal': './src/internal.js' },
      }),
    );
    writeFileSync(
      path.join(pkg, 'src/status.js'),
      'export const Status = { up: 1 };\nexport function isStatus() { return true; }\n',
    );
    writeFileSync(
      path.join(pkg, 'src/internal.js'),
      "export { Status, isStatus } from './status.js';\nexport const other = 1;\n",
    );
    writeFileSync(path.join(pkg, 'src/index.js'), "export * from './status.js';\n");
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module' }));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const ssotFor = (): SsotSettings => ({
    rootDir: root,
    services: [],
    sources: [{ module: '@acme/types/status', entries: ['@acme/types'] }],
  });
  it('rewrites a subpath import to the source subpath, spelled as configured', () => {
    const code = "import { Status, isStatus } from '@acme/types/internal';\nexport default [Status, isStatus];";
    expect(fixAll(code, path.join(root, 'src/app.js'), ssotFor(), root).output).toBe(
      "import { Status, isStatus } from '@acme/types/status';\nexport default [Status, isStatus];",
    );
  });
  it('prefers the entry the file already imports from, and leaves the entry itself alone', () => {
    const code =
      "import { isStatus } from '@acme/types';\nimport { Status, other } from '@acme/types/internal';\nexport default [Status, isStatus, other];";
    expect(fixAll(code, path.join(root, 'src/app.js'), ssotFor(), root).output).toBe(
      "import { isStatus, Status } from '@acme/types';\nimport { other } from '@acme/types/internal';\nexport default [Status, isStatus, other];",
    );
  });
});

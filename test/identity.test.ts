import { Linter, SourceCode } from 'eslint';
import * as espree from 'espree';
import * as tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { mayMention } from '../src/identity.js';
import { mayCallImport, specifiersInText, starStatements } from '../src/imports.js';
import { appFile, ssotSettings } from './rule-tester.js';
import { seededRandom } from './seeded-random.js';

function findings(code: string): { ruleId: string | null; line: number; column: number }[] {
  const linter = new Linter({ cwd: appFile('.') });
  return linter
    .verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          settings: ssotSettings(),
          plugins: { ssot: plugin },
          rules: { 'ssot/no-direct-instantiation': 'error' },
        },
      ],
      appFile('src/hooks/use-socket.ts'),
    )
    .map(({ ruleId, line, column }) => ({ ruleId, line, column }));
}

function sourceCodeOf(text: string, sourceType: 'module' | 'script' = 'module'): Parameters<typeof mayMention>[0] {
  const ast = espree.parse(text, {
    ecmaVersion: 'latest',
    sourceType,
    range: true,
    loc: true,
    tokens: true,
    comment: true,
  });
  return new SourceCode(text, ast as never) as unknown as Parameters<typeof mayMention>[0];
}

describe('the text pre-filter in front of scope lookups', () => {
  it('mayMention: the name as a whole word outside comments, or an escape that could spell it', () => {
    const mentions = (text: string) => mayMention(sourceCodeOf(text), 'WebSocketManager');
    expect(mentions('new WebSocketManager();')).toBe(true);
    expect(mentions("const name = 'WebSocketManager';")).toBe(true);
    expect(mentions('window.WebSocketManager;')).toBe(true);
    expect(mentions('new Other();')).toBe(false);
    // Part of a longer identifier, or only in comments: not a reference.
    expect(mentions('new WebSocketManagerFactory(); new MyWebSocketManager(); $WebSocketManager;')).toBe(false);
    expect(mentions('// WebSocketManager\n/* WebSocketManager */ new Other();')).toBe(false);
    expect(mentions('/** @see WebSocketManager */ new WebSocketManager();')).toBe(true);
    // Escapes that cannot spell an identifier character change nothing.
    expect(mentions("const s = 'a\\nb\\t\\\\'; const r = /a\\.b/;")).toBe(false);
    // Escapes that can: the name is mentioned when they spell it, alone or with plain characters.
    expect(mentions("const s = '\\x57ebSocketManager';")).toBe(true);
    expect(mentions('new \\u0057ebSocketManager();')).toBe(true);
    expect(mentions('new \\u{57}ebSocket\\u004danager();')).toBe(true);
    expect(mentions("const s = '\\WebSocketManager';")).toBe(true);
    expect(mentions("const s = 'WebSocket\\\nManager';")).toBe(true);
    expect(mentions("const s = 'WebSocket\\\r\nManager';")).toBe(true);
    // Only the lines with such escapes are decoded: the whole line, however many of them, and the
    // lines that line continuations join.
    expect(mentions("const s = 'Web\\x53ocketManager';")).toBe(true);
    expect(
      mentions("const a = '\\x41';\nconst s = 'Web\\x53ocket' + '\\x4danager';\nnew \\u0057ebSocketManager();"),
    ).toBe(true);
    expect(mentions("const s = 'Web\\\nSocket\\\nManager';")).toBe(true);
    expect(mentions("/* a\n b */ const s = '\\x57ebSocketManager';")).toBe(true);
    expect(mentions("/* one\n '\\x57ebSocketManager' */ const s = '\\x41';")).toBe(false);
    // …and not when they spell something else, are themselves escaped, or sit in a comment.
    expect(mentions("const s = '\\x57';")).toBe(false);
    expect(mentions('const \\u0057 = 1;')).toBe(false);
    expect(mentions("const s = '\\W'; const r = /\\d+/;")).toBe(false);
    expect(mentions("const s = '\\\\u0057ebSocketManager';")).toBe(false);
    expect(mentions("const s = '\\x57'; // \\u0057ebSocketManager\n/* '\\x57ebSocketManager' */")).toBe(false);
    // `\n`, `\t` and the like stand for no letter.
    expect(mayMention(sourceCodeOf("const s = '\\x41 x\\nWebSocketManager';"), 'xnWebSocketManager')).toBe(false);
    // Legacy octal escapes (scripts only) read at most up to \377: '\400' is '\40' then '0'.
    expect(mayMention(sourceCodeOf("var s = '\\127ebSocketManager';", 'script'), 'WebSocketManager')).toBe(true);
    expect(mayMention(sourceCodeOf("var s = '\\400Manager';", 'script'), ' 0Manager')).toBe(true);
    // A default import reaches the export 'default' without spelling it.
    expect(mayMention(sourceCodeOf("import Socket from './socket';"), 'default')).toBe(true);
  });

  it('mayMention answers every name asked before from one search of the text, names that begin others too', () => {
    const names = ['Sub', 'Subject', 'BehaviorSubject', 'SubjectLike'];
    // Asked once each (so all are in the vocabulary), then each text is searched once for all of them.
    for (const name of names) expect(mayMention(sourceCodeOf('let x;'), name)).toBe(false);
    const mentioned = (text: string): string[] => {
      const sourceCode = sourceCodeOf(text);
      return names.filter((name) => mayMention(sourceCode, name));
    };
    expect(mentioned('new BehaviorSubject(); new SubjectLikeX();')).toEqual(['BehaviorSubject']);
    expect(mentioned('new SubjectLike(); // Subject\n')).toEqual(['SubjectLike']);
    expect(mentioned('Subjects; Sub.Subject = 1;')).toEqual(['Sub', 'Subject']);
    expect(mentioned('/* Sub */ SubjectLik; Subject;')).toEqual(['Subject']);
  });

  it('starStatements: the modules of namespace imports and star re-exports, or undefined when only the AST can tell', () => {
    expect(
      starStatements("import { Other } from './other';\nexport const area = 2 * 3;\nexport function* ids() {}"),
    ).toEqual([]);
    expect(
      starStatements(
        "import * as ws from './ws';\nimport type*as T from\"./types.js\";\nexport * from '@/all';\nexport * as 'odd name' from '#x';",
      ),
    ).toEqual([
      { specifier: './ws', reexportsNames: false },
      { specifier: './types.js', reexportsNames: false },
      // Only a plain `export *` re-exports the module's names one by one.
      { specifier: '@/all', reexportsNames: true },
      { specifier: '#x', reexportsNames: false },
    ]);
    // Comments inside the statement, an escape in the specifier, a name the plain pattern does not read.
    expect(starStatements("import /* all */ * as ws from './ws';")).toBeUndefined();
    expect(starStatements("export type // all\n* from './ws';")).toBeUndefined();
    expect(starStatements("export * from './\\u0077s';")).toBeUndefined();
    expect(starStatements("import * as Ωmega from './ws';")).toBeUndefined();
    // Text in a comment that looks like a statement is read too (harmless), or makes it undecidable.
    expect(starStatements("// export * from './ws'")).toEqual([{ specifier: './ws', reexportsNames: true }]);
    expect(starStatements('// export * from the socket module')).toBeUndefined();
    // A statement inside another's `as "…"` name is text, not a statement.
    expect(starStatements(`export * as "x import * as y from 'z'" from './m';`)).toEqual([
      { specifier: './m', reexportsNames: false },
    ]);
    // A plain statement inside another's comment does not stand for the outer statement.
    expect(starStatements("export /* import * from 'x' */ * from './ws';")).toBeUndefined();
  });

  it('starStatements and mayCallImport find what their patterns match (one scan of the text, checked against the patterns)', () => {
    // The patterns the scan stands for: the keyword as a whole word, comments and space, then `*` (maybe
    // after `type`) or `(`. A comment ends at its first `*/` and a line comment at the line's end: the
    // space between is read as a whole, never backtracked into (`(?=(…))\1`), as a tokenizer reads it.
    const gap = (group: number) => `(?=((?:\\s|/\\*[\\s\\S]*?\\*/|//[^\\n]*)*))\\${String(group)}`;
    const star = new RegExp(String.raw`\b(?:import|export)${gap(1)}(?:type\b${gap(2)})?\*`, 'g');
    const call = new RegExp(String.raw`\bimport${gap(1)}\(`);
    const plainAt =
      /(import|export)\s*(?:type\s*)?\*\s*(as\b\s*(?:[\w$]+|"[^"\n]*"|'[^'\n]*')\s*)?from\s*(["'])([^"'\n]*)\3/y;
    const expected = (text: string) => {
      const statements: { specifier: string; reexportsNames: boolean }[] = [];
      star.lastIndex = 0;
      for (let start = star.exec(text); start !== null; start = star.exec(text)) {
        plainAt.lastIndex = start.index;
        const plain = plainAt.exec(text);
        const specifier = plain?.[4];
        if (plain === null || specifier === undefined || specifier.includes('\\')) return undefined;
        statements.push({ specifier, reexportsNames: plain[1] === 'export' && plain[2] === undefined });
        star.lastIndex = plainAt.lastIndex;
      }
      return statements;
    };
    const pieces = [
      'import',
      'export',
      'im',
      'ex',
      'port',
      'type',
      'typed',
      '*',
      '(',
      ' ',
      '\n',
      '\t',
      '/* c */',
      '/* * */',
      '/*',
      '// c\n',
      'x',
      '$',
      '_',
      '9',
      'é',
      'as',
      ' ns ',
      'from',
      "'m'",
      '"./n"',
      "'a\\x'",
      '.',
      ';',
      " * from './m';",
      '* as ns from "./n";',
      'import (',
    ];
    const random = seededRandom(7);
    const next = () => Math.floor(random() * 1_000_000);
    let starts = 0;
    let stars = 0;
    let calls = 0;
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const length = 1 + (next() % 14);
      for (let index = 0; index < length; index++) text += pieces[next() % pieces.length] ?? '';
      const statements = starStatements(text);
      expect({ text, statements }).toEqual({ text, statements: expected(text) });
      expect({ text, calls: mayCallImport(text) }).toEqual({ text, calls: call.test(text) });
      if (statements === undefined || statements.length > 0) starts++;
      if (statements !== undefined && statements.length > 0) stars++;
      if (call.test(text)) calls++;
    }
    // The inputs hit both kinds often enough for the comparison to mean something.
    expect(starts).toBeGreaterThan(500);
    expect(stars).toBeGreaterThan(300);
    expect(calls).toBeGreaterThan(2000);
  });

  it('specifiersInText: every string after from, import, import(, require( — or undefined when one holds a backslash', () => {
    expect(
      specifiersInText(
        [
          "import a, { b } from './a';",
          "import './side-effect';",
          'export * from "@/barrel";',
          "export { c } from/* comment */'#c';",
          "import d = require('./d');",
          "const e = await import(/* chunk */ './e');",
          "const f = require?.('f');",
          'import type { G } from "./it\'s";',
        ].join('\n'),
      ),
    ).toEqual(['./a', './side-effect', '@/barrel', '#c', './d', './e', 'f', "./it's"]);
    // A string that merely contains a keyword hides no statement after it on the line.
    expect(specifiersInText('const s = "from"; import(\'./real\'); const t = "";')).toEqual([
      "; import('./real'); const t = ",
      './real',
    ]);
    expect(specifiersInText("import x from './\\u0078';")).toBeUndefined();
    expect(specifiersInText('const from = 1; Array.from(list);')).toEqual([]);
  });

  it('mayCallImport: dynamic imports and import types, through comments', () => {
    expect(mayCallImport("const ws = await import('./ws');")).toBe(true);
    expect(mayCallImport("type Ws = typeof import /* types */ ('./ws');")).toBe(true);
    expect(mayCallImport("import { ws } from './ws';")).toBe(false);
  });

  it('still finds a class spelled with Unicode escapes', () => {
    expect(
      findings("import { \\u0057ebSocketManager } from '../websocket/manager';\nnew \\u0057ebSocketManager();"),
    ).toEqual([{ ruleId: 'ssot/no-direct-instantiation', line: 2, column: 1 }]);
  });

  it('still finds a class reached through an escaped static key', () => {
    expect(findings("import * as m from '../websocket/manager';\nnew m['\\x57ebSocketManager']();")).toEqual([
      { ruleId: 'ssot/no-direct-instantiation', line: 2, column: 1 },
    ]);
  });

  it('skips files that cannot mention any service', () => {
    expect(findings("import { Other } from '../websocket/other';\nnew Other();")).toEqual([]);
  });
});

describe('files that cannot refer to a service', () => {
  /** A rule context whose SourceCode gives its text and comments, and throws on anything else (the AST, scopes). */
  function textOnlyContext(text: string, options: readonly unknown[]) {
    const parsed = new SourceCode(
      text,
      espree.parse(text, {
        ecmaVersion: 'latest',
        sourceType: 'module',
        range: true,
        loc: true,
        tokens: true,
        comment: true,
      }) as never,
    );
    const sourceCode = new Proxy(parsed, {
      get(target, key) {
        if (key === 'text') return text;
        if (key === 'getAllComments') return () => target.getAllComments();
        // createRule asks whether this is a JavaScript SourceCode (it has getScope) without calling it.
        if (key === 'getScope')
          return () => {
            throw new Error('the rule called sourceCode.getScope');
          };
        throw new Error(`the rule read sourceCode.${String(key)}`);
      },
    });
    return {
      id: 'ssot/rule',
      cwd: appFile('.'),
      filename: appFile('src/hooks/use-socket.ts'),
      physicalFilename: appFile('src/hooks/use-socket.ts'),
      settings: ssotSettings(),
      options,
      languageOptions: { parserOptions: {} },
      sourceCode,
      report() {
        throw new Error('the rule reported');
      },
    };
  }

  it.each([
    ['no mention at all', "import { Other } from '../websocket/other';\nexport const other = new Other();"],
    [
      'the names only in comments or inside longer names',
      '// new WebSocketManager()\n/** @see getWebSocketManager */\nexport const m = new WebSocketManagerMock();',
    ],
    [
      'a namespace import and a star re-export of other modules',
      "import * as other from '../websocket/other';\nexport * from './helpers';\nother.run();",
    ],
  ])('every rule returns no listeners without touching the AST or scopes: %s', (_title, text) => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const options = rule.meta?.defaultOptions ?? [];
      expect(rule.create(textOnlyContext(text, options) as never), name).toEqual({});
    }
  });

  it('a file that spells a service still gets listeners (so the checks above can fail)', () => {
    const rule = plugin.rules['no-direct-instantiation'];
    expect(rule).toBeDefined();
    const listeners = rule?.create(textOnlyContext('new WebSocketManager();', []) as never) ?? {};
    expect(Object.keys(listeners)).toEqual(['NewExpression', 'ClassDeclaration', 'ClassExpression']);
  });
});

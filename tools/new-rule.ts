/**
 * `npm run new-rule <name>`: scaffolds a rule the way every rule of this plugin is laid out, so that
 * `npm test` passes before you change a line of it.
 *
 * Writes rules/<name>.ts (createRule, types, one default export, on the shared identity/registry layer),
 * test/rules/<name>.test.ts (the shared compact case helpers), docs/rules/<name>.md (the sections
 * plugin.test.ts requires, a linted ❌ and ✅ example), registers the rule in rules/index.ts, then builds
 * and runs `npm run docs` (the README rules list and the doc's header). Every placeholder says `TODO`.
 * Modelled on eslint-plugin-regexp's tools/new-rule.ts and eslint-plugin-unicorn's create-rule.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/u;

/** Why `name` cannot be a new rule's name, or undefined when it can. */
export function nameProblem(name: string | undefined, existing: readonly string[]): string | undefined {
  if (name === undefined || name === '')
    return 'usage: npm run new-rule <name>   (kebab-case, e.g. no-service-in-render)';
  if (name.startsWith('ssot/'))
    return `give the name without the plugin prefix: npm run new-rule ${name.slice('ssot/'.length)}`;
  if (!NAME.test(name)) return `'${name}' is not a kebab-case rule name (like no-service-in-render)`;
  if (existing.includes(name)) return `ssot/${name} exists already (rules/${name}.ts)`;
  return undefined;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/gu, (_, letter: string) => letter.toUpperCase());
}

/** The three files of a new rule, by path relative to the repository. */
export function ruleFiles(name: string): Record<string, string> {
  return {
    [`rules/${name}.ts`]: `import { createRule } from '../src/create-rule.js';
import { serviceContextOf } from '../src/service-context.js';
import { serviceVisitor } from '../src/service-visitor.js';

// TODO: the messages your reports use, and the options (each with a description in \`schema\`).
export type MessageIds = 'constructed';
export type Options = [];

export default createRule<Options, MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      // TODO: one line, starting with Disallow/Require/Enforce; add \`recommended: true\` to put it in ssot/recommended.
      description: 'Disallow TODO: what ${name} reports',
    },
    schema: [],
    messages: {
      // TODO: name the service, the factory and the consequence, as the other rules do.
      constructed: '{{service}} is constructed here; TODO: say why that is wrong and what to do instead.',
    },
  },
  create(context) {
    // The per-file service context, shared by every rule: settings validated once (bad settings stop the
    // lint here), the services this file can spell and is restricted for, identity and message data.
    const services = serviceContextOf(context);
    // Files that cannot spell any service's class get no listeners at all (see docs/architecture.md).
    if (services.applicable.length === 0) return {};
    // TODO: the domain events your policy is about: construct, subclass, factoryCall, moduleReference,
    // classDeclared (src/service-visitor.ts). Each event already names the service, by identity.
    return serviceVisitor(services, {
      construct: ({ node, service }) => {
        if (service !== undefined) context.report({ node, messageId: 'constructed', data: { service: service.name } });
      },
    });
  },
});
`,
    [`test/rules/${name}.test.ts`]: `import rule, { type MessageIds, type Options } from '../../rules/${name}.js';
import { appFile, cases, error, ruleTester, ssotSettings } from '../rule-tester.js';

// Cases lint virtual files in the fixture app (test/fixtures/app) with the README's WebSocketManager.
const { valid, invalid } = cases<MessageIds, Options>({ filename: appFile('src/hooks/use-socket.ts'), settings: ssotSettings() });

// TODO: every spelling your rule must see through (aliases, namespaces, require, JavaScript, TSX) and
// every look-alike it must not report; each invalid case asserts exact positions, output and suggestions.
ruleTester.run('${name}', rule, {
  valid: valid([
    "import { getWebSocketManager } from '../websocket/factory';\\nexport const manager = getWebSocketManager({ userId: 'u' });",
    'class WebSocketManager {}\\nnew WebSocketManager();',
  ]),
  invalid: [
    invalid("import { WebSocketManager } from '../websocket/manager';\\nexport const manager = new WebSocketManager();", [
      error('constructed', [2, 24, 2, 46], { data: { service: 'WebSocketManager' } }),
    ]),
  ],
});
`,
    [`docs/rules/${name}.md`]: `# ssot/${name}

<!-- end auto-generated rule header -->

TODO: one paragraph — what the rule reports, in the words of someone reading the message.

## Why

TODO: the bug this prevents, concretely (what breaks at runtime, for whom).

## Examples

The examples use these settings:

\`\`\`json
{
  "ssot": {
    "services": [
      {
        "name": "WebSocketManager",
        "class": "WebSocketManager",
        "module": "src/websocket/manager.ts",
        "factory": { "name": "getWebSocketManager", "module": "src/websocket/factory.ts" }
      }
    ]
  }
}
\`\`\`

❌ Incorrect:

<!-- reports: 1 -->

\`\`\`ts
import { WebSocketManager } from '../websocket/manager';

export const manager = new WebSocketManager();
\`\`\`

✅ Correct:

\`\`\`ts
import { getWebSocketManager } from '../websocket/factory';

export const useManager = (user: { userId: string }) => getWebSocketManager(user);
\`\`\`

## When Not To Use It

TODO: when a team would rightly turn it off.
`,
  };
}

/** rules/index.ts with the rule's import and entry added in name order. */
export function registerRule(index: string, name: string): string {
  const variable = camelCase(name);
  const lines = index.split('\n');
  const importLine = `import ${variable} from './${name}.js';`;
  const imports = lines.filter((line) => /^import \w+ from '\.\/[\w-]+\.js';$/u.test(line));
  const importAfter = imports.filter((line) => (/'\.\/([\w-]+)\.js'/u.exec(line)?.[1] ?? '') < name).at(-1);
  const importAt = importAfter === undefined ? lines.indexOf(imports[0] ?? '') : lines.indexOf(importAfter) + 1;
  if (importAt < 0) throw new Error('rules/index.ts: no `import x from ./x.js` lines to add to');
  lines.splice(importAt, 0, importLine);
  const entries = lines.filter((line) => /^ {2}'[\w-]+': \w+,$/u.test(line));
  const entryAfter = entries.filter((line) => (/'([\w-]+)'/u.exec(line)?.[1] ?? '') < name).at(-1);
  const entryAt = entryAfter === undefined ? lines.indexOf(entries[0] ?? '') : lines.indexOf(entryAfter) + 1;
  if (entryAt < 0) throw new Error("rules/index.ts: no `'rule-name': rule,` entries to add to");
  lines.splice(entryAt, 0, `  '${name}': ${variable},`);
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const name = argv[0];
  const existing = (readFileSync(path.join(root, 'rules/index.ts'), 'utf8').match(/'[\w-]+'(?=:)/gu) ?? []).map(
    (quoted) => quoted.slice(1, -1),
  );
  const problem = nameProblem(name, existing);
  if (problem !== undefined || name === undefined) {
    console.error(problem);
    return 2;
  }
  const files = ruleFiles(name);
  for (const file of Object.keys(files)) {
    if (existsSync(path.join(root, file))) {
      console.error(`${file} exists already; remove it or pick another name.`);
      return 2;
    }
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  const indexFile = path.join(root, 'rules/index.ts');
  writeFileSync(indexFile, registerRule(readFileSync(indexFile, 'utf8'), name));
  // Written as Prettier lays it out, so `npm test`'s format check passes before the first edit.
  execFileSync('npx', ['prettier', '--write', ...Object.keys(files), 'rules/index.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  // eslint-doc-generator reads the built plugin: build, then write the README list and the doc header.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['run', '--silent', 'docs'], { cwd: root, stdio: 'inherit' });
  console.log(`
Created ssot/${name}:
  rules/${name}.ts             the rule (registered in rules/index.ts)
  test/rules/${name}.test.ts   its tests
  docs/rules/${name}.md        its docs (README's rules list regenerated)
Next: replace every TODO, then \`npx vitest run test/rules/${name}.test.ts\` while you work and \`npm test\` before you commit.`);
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));

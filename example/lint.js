// `npm run demo`: lints this example with the freshly built plugin and prints every finding.
// Exits 0 after printing (it is a demo); a crash (bad settings, a rule throwing) exits non-zero.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const exampleDir = path.dirname(fileURLToPath(import.meta.url));

const eslint = new ESLint({ cwd: exampleDir });
const results = await eslint.lintFiles(['.']);

const byRule = new Map();
let problems = 0;
let files = 0;
for (const result of results.toSorted((a, b) => a.filePath.localeCompare(b.filePath))) {
  if (result.messages.length === 0) continue;
  files += 1;
  const file = path.relative(exampleDir, result.filePath).replaceAll('\\', '/');
  console.log(file);
  for (const message of result.messages) {
    problems += 1;
    const rule = message.ruleId ?? (message.fatal ? 'parse error' : 'eslint');
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    console.log(`  ${file}:${message.line}:${message.column}  ${rule}  ${message.message}`);
  }
  console.log('');
}

const counts = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, count]) => `${rule}: ${count}`);
console.log(
  `${problems} ${problems === 1 ? 'problem' : 'problems'}` +
    (counts.length === 0 ? '' : ` (${counts.join(', ')})`) +
    ` in ${files} ${files === 1 ? 'file' : 'files'}`,
);

// npm pack / npm publish: the packed package.json has no `prepare` script.
//
// `prepare` builds dist/ when the package is installed from its git repository. A tarball already
// contains dist/ (and neither the sources nor the build tools), so there it has nothing to do, and
// npm 11 warns about every dependency that brings an install-time script ("install-scripts … not yet
// covered by allowScripts"). `prepack` strips it from package.json (keeping the file's text aside),
// `postpack` puts the file back byte for byte.
//
//   tsx tools/pack-manifest.ts strip | restore      (in the package directory)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const manifest = 'package.json';
const kept = '.package.json.prepack';

const command = process.argv[2];
if (command === 'strip') {
  if (existsSync(kept)) {
    console.error(
      `${kept} exists: a previous pack did not finish. Restore it with \`tsx tools/pack-manifest.ts restore\`.`,
    );
    process.exit(1);
  }
  const text = readFileSync(manifest, 'utf8');
  const json = JSON.parse(text) as { scripts?: Record<string, string> };
  writeFileSync(kept, text);
  if (json.scripts !== undefined) delete json.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(json, null, 2)}\n`);
} else if (command === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: tsx tools/pack-manifest.ts strip | restore');
  process.exit(2);
}

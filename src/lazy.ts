/**
 * Native dependencies loaded on first use, not when the plugin loads. Every ESLint process,
 * `--concurrency` worker and editor imports the plugin, but only files that can refer to a service
 * ever resolve a specifier or read another module's exports: oxc-parser and oxc-resolver (about
 * 10 MiB of native code and JavaScript together) are loaded by the first such file.
 *
 * oxc-parser is ESM-only; rules are synchronous, so it is loaded with `require` (Node's require(esm),
 * unflagged since Node 20.19 and 22.12, the versions `engines` asks for).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let parser: typeof import('oxc-parser') | undefined;
let resolver: typeof import('oxc-resolver') | undefined;

/** oxc-parser, loaded on first call. */
export function oxcParser(): typeof import('oxc-parser') {
  parser ??= require('oxc-parser') as typeof import('oxc-parser');
  return parser;
}

/** oxc-resolver, loaded on first call. */
export function oxcResolver(): typeof import('oxc-resolver') {
  resolver ??= require('oxc-resolver') as typeof import('oxc-resolver');
  return resolver;
}

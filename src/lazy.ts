/**
 * Dependencies loaded on first use, not when the plugin loads, and what the module graph's
 * cold start cost the process ({@link graphStats}). Every ESLint process,
 * `--concurrency` worker and editor imports the plugin, but only files that can refer to a service
 * ever resolve a specifier or read another module's exports: oxc-parser and oxc-resolver (about
 * 10 MiB of native code and JavaScript together) are loaded by the first such file. valibot and
 * picomatch (CommonJS builds) are loaded the same way: the first settings the fast check of
 * src/settings.ts cannot vouch for, and the first glob compiled.
 *
 * oxc-parser is ESM-only; rules are synchronous, so it is loaded with `require` (Node's require(esm),
 * unflagged since Node 20.19 and 22.12, the versions `engines` asks for).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const GRAPH_STATS = Symbol.for('eslint-plugin-ssot.graphStats');

/**
 * What the module graph's cold start cost this process: other modules parsed (oxc-parser's load
 * included, on the first parse) for their export tables, a factory's parameters and decorated
 * classes, other modules' text read, and loading oxc-resolver (and picomatch, see `deferredLoadMs`).
 */
export interface GraphStats {
  parsed: number;
  parseMs: number;
  /** Texts read without parsing (the text test, or before a parse), and the time reading and testing took (parsing apart). */
  read: number;
  readMs: number;
  /**
   * Loading oxc-resolver (on the first resolution) and picomatch (by the first glob compiled): the
   * plugin before the module graph loaded both with itself, outside its rules' time.
   */
  deferredLoadMs: number;
}

/**
 * Statistics for docs/module-graph.md and the bench. One object per process, kept on `globalThis`:
 * the published plugin is one bundled file, and the bench reads these counters through the
 * separately built src/module-graph.js, which re-exports them.
 */
export const graphStats: GraphStats = ((globalThis as { [GRAPH_STATS]?: GraphStats })[GRAPH_STATS] ??= {
  parsed: 0,
  parseMs: 0,
  read: 0,
  readMs: 0,
  deferredLoadMs: 0,
});

/** Runs `work` and hands its time in milliseconds to `record`. */
function timed<T>(work: () => T, record: (ms: number) => void): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    record(performance.now() - started);
  }
}

/** Reads another module's text with `read`, its time counted in {@link graphStats}. */
export function countedRead<T>(read: () => T): T {
  return timed(read, (ms) => {
    graphStats.read++;
    graphStats.readMs += ms;
  });
}

/** Parses another module with `parse` (and reads what it needs from the tree), its time counted in {@link graphStats}. */
export function countedParse<T>(parse: () => T): T {
  return timed(parse, (ms) => {
    graphStats.parsed++;
    graphStats.parseMs += ms;
  });
}

let parser: typeof import('oxc-parser') | undefined;
let resolver: typeof import('oxc-resolver') | undefined;
let valibotModule: typeof import('valibot') | undefined;
let picomatchModule: typeof import('picomatch') | undefined;

/** oxc-parser, loaded on first call. */
export function oxcParser(): typeof import('oxc-parser') {
  parser ??= require('oxc-parser') as typeof import('oxc-parser');
  return parser;
}

/** oxc-resolver, loaded on first call. */
export function oxcResolver(): typeof import('oxc-resolver') {
  if (resolver === undefined) {
    const started = performance.now();
    resolver = require('oxc-resolver') as typeof import('oxc-resolver');
    graphStats.deferredLoadMs += performance.now() - started;
  }
  return resolver;
}

/**
 * valibot, loaded on first call: only settings that the fast check of src/settings.ts cannot vouch
 * for (a mistake to report, or a rarely used key) are validated by the schema.
 */
export function valibot(): typeof import('valibot') {
  valibotModule ??= require('valibot') as typeof import('valibot');
  return valibotModule;
}

/** picomatch, loaded by the first glob compiled (settings without globs never load it). */
export function picomatch(): typeof import('picomatch') {
  if (picomatchModule === undefined) {
    const started = performance.now();
    picomatchModule = require('picomatch') as typeof import('picomatch');
    graphStats.deferredLoadMs += performance.now() - started;
  }
  return picomatchModule;
}

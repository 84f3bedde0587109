// Types shared by the bench scripts (plain JavaScript checked with `// @ts-check`; see bench/tsconfig.json).

/** `'eslint'`, `'oxlint'`, or `'audit'` (`eslint-plugin-ssot audit`, which lints through ESLint's Node API). */
export type Tool = 'eslint' | 'oxlint' | 'audit';

/** The ssot rules' options: every rule at its defaults, or with the `strictOptions` of its metadata. */
export type Mode = 'default' | 'strict';

/** One run compared on the page: which linter, what it adds to the users' baseline, and its label. */
export interface Variant {
  readonly tool: Tool;
  /**
   * What the run adds on top of the tool's baseline: nothing, the do-nothing plugin, the ssot rules, or the peer
   * rules; `parser`: no baseline at all, only `@typescript-eslint/parser` and no rule (the audit's yardstick);
   * `ssot-entries`: the ssot rules with `sources` listing the libraries' public entry modules; `original`,
   * `original-baseline`: the parser and the three original rules of this build, or of the baseline build
   * (bench/baseline.js).
   */
  readonly adds: 'nothing' | 'floor' | 'ssot' | 'peers' | 'parser' | 'ssot-entries' | 'original' | 'original-baseline';
  readonly mode?: Mode;
  readonly label: string;
  /** Only in the `--stats` rounds (too slow to time in every round; only its rules' times are compared). */
  readonly statsOnly?: boolean;
}

/** ESLint's `--stats`, summed over files and passes (ms). */
export interface EslintStats {
  /** Time ESLint spent on files (parse + rules + fixes), the "lint time" the rule shares are of. */
  readonly lint: number;
  readonly parse: number;
  readonly rules: Readonly<Record<string, number>>;
  /**
   * Time per rule on the first file linted, which pays the plugin's one-time set-up (settings, registry,
   * loading oxc-resolver and oxc-parser, export tables) in whichever rule runs first.
   */
  readonly first: Readonly<Record<string, number>>;
}

/** One finding, as `file:line:column rule message` (the same text for ESLint and oxlint). */
export type Finding = string;

/** One timed lint of the corpus in a fresh process. */
export interface Sample {
  readonly wallMs: number;
  /** User + system CPU time of the process and its threads. */
  readonly cpuMs: number;
  readonly rssKb: number;
  /** 1-minute load average of the machine when the run ended. */
  readonly load: number;
  /** Findings per rule id. */
  readonly counts: Readonly<Record<string, number>>;
  readonly stats?: EslintStats;
  /** The module graph's cold build in this process (ESLint + ssot runs, when the plugin has a module graph). */
  readonly graph?: GraphSample;
}

/**
 * The module graph's cold build in one process (`graphStats` of src/module-graph.ts): other modules parsed
 * and the time that took (loading oxc-parser included), other modules' texts read for the text test and
 * the time reading and testing took (builds before the text test report no `read`), and loading
 * oxc-resolver and picomatch on first use (builds that load them with the plugin report none).
 */
export interface GraphSample {
  readonly parsed: number;
  readonly parseMs: number;
  readonly read?: number;
  readonly readMs?: number;
  readonly deferredLoadMs?: number;
}

/** `bench/load-probe.js`: loading the plugin and validating its settings in a process that has ESLint already. */
export interface LoadSample {
  readonly importMs: number;
  readonly configureMs: number;
  readonly loadMs: number;
  /** CPU time of the same steps (user + system): steadier than wall time on a busy machine. */
  readonly importCpuMs: number;
  readonly configureCpuMs: number;
  readonly cpuMs: number;
  readonly rssKb: number;
  readonly heapKb: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly pluginMs: number;
  readonly functions: readonly { readonly name: string; readonly inclusiveMs: number; readonly selfMs: number }[];
}

export interface Service {
  readonly name: string;
  readonly class: string;
  readonly module?: string;
  readonly global?: boolean;
  readonly lifetime?: 'scoped' | 'singleton';
  readonly factory?: { readonly name: string; readonly module: string };
  readonly allow?: readonly string[];
}

export interface Source {
  readonly module: string;
  readonly names?: readonly string[];
  readonly entries?: readonly string[];
  readonly replaces?: readonly string[];
  readonly allow?: readonly string[];
}

/** What `bench/run.js` measured: the raw samples, written to bench/.work/results.json. */
export interface Results {
  readonly date: string;
  readonly durationS: number;
  readonly smoke: boolean;
  readonly settings: {
    readonly runs: number;
    readonly statsRuns: number;
    readonly scaleRuns: number;
    readonly scales: readonly number[];
    readonly rssMethod: string;
  };
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGb: number;
    readonly os: string;
    readonly node: string;
    readonly loadBefore: readonly number[];
    readonly loadAfter: readonly number[];
  };
  readonly versions: Readonly<Record<string, string>>;
  readonly corpus: {
    readonly files: number;
    readonly lines: number;
    readonly bytes: number;
    readonly libraries: readonly { readonly name: string; readonly version: string; readonly files: number }[];
    readonly services: readonly Service[];
    readonly sources?: readonly Source[];
  };
  readonly rules: readonly string[];
  /** The build the three original rules are compared with (bench/baseline.js); `problem`: why it was not built. Older results have none. */
  readonly baseline?: {
    readonly label: string;
    readonly commit: string;
    readonly rules: readonly string[];
    readonly problem?: string;
  };
  /** The ssot rule options of each mode (`ssot/<rule>` → rule entry). */
  readonly modes: Readonly<Record<Mode, Readonly<Record<string, unknown>>>>;
  readonly variants: Readonly<Record<string, Variant>>;
  /** Interleaved timed runs, per variant. */
  readonly main: Readonly<Record<string, readonly Sample[]>>;
  /** `--stats` runs, per variant. */
  readonly stats: Readonly<Record<string, readonly Sample[]>>;
  /** Per scale: runs of the ESLint floor and of ESLint + ssot (strict) with `--stats`. */
  readonly scaling: Readonly<Record<string, { readonly floor: readonly Sample[]; readonly ssot: readonly Sample[] }>>;
  /** Load probes in a process with ESLint and the parser loaded. */
  readonly load: readonly LoadSample[];
  /** The same with the users' baseline loaded too (typescript-eslint, @eslint/js). */
  readonly loadRecommended?: readonly LoadSample[];
  readonly profiles: Readonly<Record<string, ProfileSummary>>;
  /** ssot findings per mode, identical under ESLint and oxlint (checked while measuring). */
  readonly findings: Readonly<Record<Mode, readonly Finding[]>>;
  readonly pluginEntry: string;
}

/** min / median / max of a set of samples. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

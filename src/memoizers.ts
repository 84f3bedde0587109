/**
 * Memoizers: functions that cache their callback's result (`once(() => new C())`). A memoizer called
 * while the module loads keeps what its callback returns for the module's lifetime, like a
 * module-level `const`. `no-module-singleton` reports such an instance of a service;
 * `no-scoped-in-singleton` counts such an instance of a class as singleton-lived.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { memberName, originOf, skipWrappers } from './identity.js';
import { isModuleLoad, outerWrapper, type FunctionNode } from './module-scope.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The memoizers both rules know by default (lodash, p-memoize/mem, memoize-one, React's `cache`). */
export const DEFAULT_MEMOIZERS: readonly string[] = ['once', 'memoize', 'memoizeOne', 'cache'];

/** The JSON schema of a rule's `memoizers` option. */
export const MEMOIZERS_SCHEMA = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
  description:
    "Names of functions that cache their callback's result (`once(() => new C())` is a module-level instance).",
} as const;

/** A memoizer call: the call and the memoizer's name as matched. */
export interface MemoizerCall {
  readonly call: TSESTree.CallExpression;
  readonly name: string;
}

/** The memoizer call `fn` is passed to (`once(() => …)`), with the memoizer's name. */
function memoizerCall(
  fn: FunctionNode,
  memoizers: ReadonlySet<string>,
  sourceCode: SourceCode,
): MemoizerCall | undefined {
  const outer = outerWrapper(fn);
  const call = outer.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(outer as TSESTree.CallExpressionArgument))
    return undefined;
  const callee = skipWrappers(call.callee);
  const candidates: string[] = [];
  if (callee.type === 'Identifier') {
    candidates.push(callee.name);
    const origin = originOf(callee, sourceCode);
    if (origin?.kind === 'export' && origin.name !== 'default') candidates.push(origin.name);
  } else if (callee.type === 'MemberExpression') {
    const name = memberName(callee);
    if (name !== undefined) candidates.push(name);
  }
  const name = candidates.find((candidate) => memoizers.has(candidate));
  if (name === undefined) return undefined;
  // A memoized function with parameters is keyed by its arguments (a per-key cache), except under
  // `once`, which ignores them.
  if (fn.params.length > 0 && name !== 'once') return undefined;
  return { call, name };
}

/**
 * The memoizer, called while the module loads, whose callback returns what `fn` returns
 * (`export const feed = once(() => new PriceFeed())`): that value lives as long as the module.
 */
export function moduleLevelMemoizer(
  fn: FunctionNode,
  memoizers: ReadonlySet<string>,
  sourceCode: SourceCode,
): MemoizerCall | undefined {
  if (memoizers.size === 0) return undefined;
  const memoized = memoizerCall(fn, memoizers, sourceCode);
  return memoized !== undefined && isModuleLoad(memoized.call) ? memoized : undefined;
}

/**
 * The proposed `settings.ssot`, validated by the same schema the rules use before it is printed or
 * written, and spelled as a ready `ssot.configure({...})` snippet.
 */
import type * as V from 'valibot';
import { valibot } from '../lazy.js';
import { formatIssues, getSettingsSchema, SsotConfigError } from '../settings.js';
import type { AuditReport } from './analyze.js';

export interface ValidatedProposal {
  /** What goes into `settings.ssot` / `ssot.configure(...)`. */
  readonly settings: Record<string, unknown>;
  /** Set when the installed schema has no `sources` yet, so the proposed sources were left out. */
  readonly sourcesUnsupported: boolean;
}

function isUnknownSourcesKey(issue: V.BaseIssue<unknown>): boolean {
  const item = issue.path?.[0];
  return issue.path?.length === 1 && item?.type === 'object' && item.key === 'sources';
}

/** Validates the proposal with the settings schema; an invalid proposal is a bug, reported as a config error. */
export function validateProposal(proposal: AuditReport['proposal']): ValidatedProposal {
  const withSources: Record<string, unknown> = {
    services: proposal.services,
    ...(proposal.sources.length === 0 ? {} : { sources: proposal.sources }),
  };
  // The schema's own copy of valibot (src/lazy.ts), not a second one.
  const v = valibot();
  const first = v.safeParse(getSettingsSchema(), withSources);
  if (first.success) return { settings: withSources, sourcesUnsupported: false };
  if (first.issues.every(isUnknownSourcesKey)) {
    const withoutSources = { services: proposal.services };
    const second = v.safeParse(getSettingsSchema(), withoutSources);
    if (second.success) return { settings: withoutSources, sourcesUnsupported: true };
    return fail(second.issues);
  }
  return fail(first.issues);
}

function fail(issues: readonly V.BaseIssue<unknown>[]): never {
  throw new SsotConfigError(
    `The proposed settings do not validate (please report this):\n  ${formatIssues(issues).join('\n  ')}`,
  );
}

/** `ssot.configure({ ... })`, indented like a hand-written config. */
export function configureSnippet(settings: Record<string, unknown>, indent = ''): string {
  const json = JSON.stringify(settings, null, 2);
  // Unquote keys that are identifiers, use single quotes for strings: the usual eslint.config.js spelling.
  const body = json
    .replace(/"([A-Za-z_$][\w$]*)":/g, '$1:')
    .replace(/"((?:[^"\\]|\\.)*)"/g, (_, text: string) => `'${text.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`)
    .split('\n')
    .join(`\n${indent}`);
  return `ssot.configure(${body})`;
}

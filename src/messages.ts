/**
 * Message text shared by the rules: how a report names where a service may be constructed. The rules'
 * `meta.messages` hold the sentences; this module builds the `{{data}}` that is prose rather than a name.
 */
import type { Service } from './registry.js';

/** Human list of where a service may be constructed, for messages. */
export function describeAllowed(service: Service): string {
  const places: string[] = [];
  if (service.module?.kind === 'file') places.push(`its own module '${service.module.display}'`);
  if (service.factory !== undefined) places.push(`its factory module '${service.factory.module.display}'`);
  for (const glob of service.allowGlobs) places.push(`'${glob}'`);
  if (places.length === 0) return 'files listed in its `allow` setting (none yet)';
  if (places.length === 1) return places[0] ?? '';
  return `${places.slice(0, -1).join(', ')} or ${places.at(-1) ?? ''}`;
}

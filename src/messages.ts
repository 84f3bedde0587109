/**
 * Message data shared by the rules: one shape of `{{data}}` for every service message. The rules'
 * `meta.messages` hold the sentences; this module builds the placeholders, names and prose alike.
 */
import type { Service } from './registry.js';

/** The placeholders every service message may use: `{{service}}`, `{{factory}}`, `{{factoryModule}}`, `{{module}}`, `{{allowed}}`, `{{home}}`. */
export interface ServiceMessageData extends Record<string, string> {
  /** The service's name from the settings. */
  readonly service: string;
  /** Its factory function's name ('' without a factory). */
  readonly factory: string;
  /** The factory's module as configured ('' without a factory). */
  readonly factoryModule: string;
  /** The service's module as configured ('' for globals and loose services). */
  readonly module: string;
  /** Where it may be constructed, as a phrase ("its own module 'x', its factory module 'y' or 'glob'"). */
  readonly allowed: string;
  /** The one place a singleton may keep its instance, as a phrase. */
  readonly home: string;
}

/** Human list of where a service may be constructed, for messages. */
function describeAllowed(service: Service): string {
  const places: string[] = [];
  if (service.module?.kind === 'file') places.push(`its own module '${service.module.display}'`);
  if (service.factory !== undefined) places.push(`its factory module '${service.factory.module.display}'`);
  for (const glob of service.allowGlobs) places.push(`'${glob}'`);
  if (places.length === 0) return 'files listed in its `allow` setting (none yet)';
  if (places.length === 1) return places[0] ?? '';
  return `${places.slice(0, -1).join(', ')} or ${places.at(-1) ?? ''}`;
}

/** Where a singleton may keep its one instance, for messages. */
function homeText(service: Service): string {
  if (service.factory !== undefined) return `its factory module '${service.factory.module.display}'`;
  if (service.module?.kind === 'file') return `its own module '${service.module.display}'`;
  if (service.module === undefined && !service.global) return 'the module that declares it';
  if (service.allowGlobs.length === 0) return 'the files listed in its `allow` setting (none yet)';
  return `the files listed in its \`allow\` setting (${service.allowGlobs.map((glob) => `'${glob}'`).join(', ')})`;
}

/** Message placeholders for `service` (cached per service). */
export function messageDataOf(service: Service): ServiceMessageData {
  let data = messageCache.get(service);
  if (data === undefined) {
    data = {
      service: service.name,
      factory: service.factory?.name ?? '',
      factoryModule: service.factory?.module.display ?? '',
      module: service.module?.display ?? '',
      allowed: describeAllowed(service),
      home: homeText(service),
    };
    messageCache.set(service, data);
  }
  return data;
}
const messageCache = new WeakMap<Service, ServiceMessageData>();

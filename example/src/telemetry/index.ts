import { Metrics } from './metrics';

// The one module-level Metrics instance the `singleton` lifetime allows, in its factory module.
const metrics = new Metrics('trading');

// A second registry "just for debugging": its counters never reach the scrape endpoint.
const debugMetrics = new Metrics('debug'); // expect: ssot/no-module-singleton

export function getMetrics(): Metrics {
  return metrics;
}

export function getDebugMetrics(): Metrics {
  return debugMetrics;
}

/** Process-wide counters scraped by the metrics endpoint. Registered with `lifetime: 'singleton'`. */
export class Metrics {
  readonly #counters = new Map<string, number>();

  constructor(readonly prefix: string) {}

  increment(name: string, by = 1): void {
    const key = `${this.prefix}.${name}`;
    this.#counters.set(key, (this.#counters.get(key) ?? 0) + by);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }
}

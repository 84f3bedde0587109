/**
 * The one eviction policy of the plugin's process-wide caches: a `Map` that keeps at most `limit`
 * entries and, when full, drops the least recently written one. Editors keep an ESLint process for
 * hours; every cache that outlives a file goes through this, so none of them grows without bound.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly limit: number;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override set(key: K, value: V): this {
    if (super.has(key)) super.delete(key);
    else if (this.size >= this.limit) {
      const oldest = this.keys().next();
      if (oldest.done !== true) super.delete(oldest.value);
    }
    return super.set(key, value);
  }

  /** The value for `key`, computed by `compute` and remembered when missing. */
  getOrCompute(key: K, compute: () => V): V {
    if (super.has(key)) return super.get(key) as V;
    const value = compute();
    this.set(key, value);
    return value;
  }
}

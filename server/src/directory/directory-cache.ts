/**
 * "Who covers commune X" is read far more often than the directory changes. Answers are cached
 * per commune; a write in this process bumps the generation and drops them at once, and a short
 * lifetime bounds staleness when several instances share a database.
 */
let generation = 0;
export const bumpDirectoryGeneration = () => {
  generation++;
};
export const directoryGeneration = () => generation;

export class TtlCache<V> {
  private readonly map = new Map<string, { at: number; gen: number; value: V }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}
  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.gen !== generation || now - hit.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }
  set(key: string, value: V, now = Date.now()): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, { at: now, gen: generation, value });
  }
}

/**
 * Directory answers are read far more often than the directory changes. What is derived from it is
 * kept in memory: a write in this process bumps the generation and drops it at once; other instances
 * sharing the database are noticed by a fingerprint checked in the background, or by a short
 * lifetime.
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

/** What `keptUntilChanged` adds to the value it keeps. */
export interface Kept {
  generation: number;
  fingerprint: string;
  loadedAt: number;
}

/**
 * A value built from the directory and kept until the directory changes. After a write in this
 * process (generation) the next call rebuilds it and waits for it. Otherwise, once `refreshMs` has
 * passed, the call answers with the kept value and checks the fingerprint in the background (other
 * instances may have written): the value is rebuilt only when the fingerprint moved. A failed build
 * is not kept: the next call tries again.
 */
export function keptUntilChanged<T extends object>(
  fingerprint: () => Promise<string>,
  build: () => Promise<T>,
  opts: { refreshMs?: number } = {},
): () => Promise<T & Kept> {
  const refreshMs = opts.refreshMs ?? 60_000;
  let kept: Promise<T & Kept> | null = null;
  let refreshing = false;

  async function load(previous: (T & Kept) | null): Promise<T & Kept> {
    const gen = generation;
    const print = await fingerprint();
    if (previous && previous.generation === gen && previous.fingerprint === print) {
      previous.loadedAt = Date.now();
      return previous;
    }
    return Object.assign(await build(), { generation: gen, fingerprint: print, loadedAt: Date.now() });
  }

  return async function current() {
    const loaded = kept ? await kept.catch(() => null) : null;
    if (!loaded || loaded.generation !== generation) {
      kept = load(null);
      return kept;
    }
    if (Date.now() - loaded.loadedAt > refreshMs && !refreshing) {
      refreshing = true;
      load(loaded)
        .then((next) => {
          // A write in this process meanwhile has already asked for a newer one.
          if (next !== loaded && next.generation === generation) kept = Promise.resolve(next);
        })
        .catch(() => {})
        .finally(() => {
          refreshing = false;
        });
    }
    return loaded;
  };
}

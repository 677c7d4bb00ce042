/**
 * Wraps a batch write so that the items handed in while a call is under way go together in the
 * next call: under load, the small writes of many requests share one statement and one commit
 * (each commit waits for the WAL to reach the disk); an item alone goes at once. Each caller's
 * promise settles with the call that carried its items (a failed call fails all of them).
 */
export function coalesce<T>(run: (items: T[]) => Promise<void>): (items: T[]) => Promise<void> {
  let waiting: { items: T[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await run(batch.flatMap((b) => b.items));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    running = false;
  };
  return (items) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      if (!running) void drain();
    });
}

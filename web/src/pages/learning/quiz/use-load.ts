import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../api/http';

/** Loads once (and on reload()): data, a French error, or still loading. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    load(controller.signal).then(setData, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', 'Le chargement a échoué. Réessayez dans un instant.'));
    });
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, setData, error, reload };
}

import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';

/**
 * Loads once per change of `deps` (and again on reload()), aborting the request the page no longer
 * wants. The error is the server's French message, else `fallback`.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], fallback = 'Ces informations sont indisponibles pour le moment.') {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    load(controller.signal).then(setData, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : fallback);
    });
    return () => controller.abort();
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData, error, reload };
}

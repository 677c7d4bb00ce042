import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';

/**
 * Loads once per change of `deps` (and again on reload()), aborting the request the page no longer
 * wants. `failure` is the server's refusal (its status, its French message), else `fallback`;
 * `error` is that message alone.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], fallback = 'Ces informations sont indisponibles pour le moment.') {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setFailure(null);
    load(controller.signal).then(setData, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setFailure(err instanceof ApiError ? err : new ApiError(0, 'unknown', fallback));
    });
    return () => controller.abort();
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData, error: failure?.message ?? null, failure, reload };
}

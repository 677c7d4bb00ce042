import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/http';

/** Loads once (and again on reload()); the error is the server's French message. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    load(controller.signal).then(setData, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'Ces informations sont indisponibles pour le moment.');
    });
    return () => controller.abort();
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, setData, error, reload };
}

export function ErrorAlert({ message }: { message: string | null }) {
  return message ? (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  ) : null;
}

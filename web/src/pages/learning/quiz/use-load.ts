import { useLoad as useLoadWithMessage } from '../../../ui/use-load';

/** Loads once (and on reload()): data, the refusal as an ApiError (status and French message), or still loading. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const { data, setData, failure, reload } = useLoadWithMessage(load, deps, 'Le chargement a échoué. Réessayez dans un instant.');
  return { data, setData, error: failure, reload };
}

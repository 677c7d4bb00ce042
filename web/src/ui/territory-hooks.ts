import { useEffect, useState } from 'react';
import { getTerritory, type TerritoryLists } from '../api/territory';

/** The department and region lists, shared by every component of the page. */
export function useTerritory(): { territory: TerritoryLists | null; error: string | null } {
  const [territory, setTerritory] = useState<TerritoryLists | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getTerritory().then(
      (t) => live && setTerritory(t),
      (err: unknown) => live && setError(err instanceof Error ? err.message : 'Liste des départements indisponible.'),
    );
    return () => {
      live = false;
    };
  }, []);
  return { territory, error };
}

export function departementLabel(code: string, nom: string): string {
  return `${code} – ${nom}`;
}

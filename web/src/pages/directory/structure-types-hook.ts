import { useEffect, useMemo, useState } from 'react';
import type { StructureType } from '@palliance/core';
import { getStructureTypes } from '../../api/directory';

/** The kinds of structure with their descriptions, shared by the directory screens. */
export function useStructureTypes(): { types: StructureType[] | null; byCode: Map<string, StructureType>; error: string | null } {
  const [types, setTypes] = useState<StructureType[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getStructureTypes().then(
      (t) => live && setTypes(t),
      (err: unknown) => live && setError(err instanceof Error ? err.message : 'Liste des types de structure indisponible.'),
    );
    return () => {
      live = false;
    };
  }, []);
  const byCode = useMemo(() => new Map((types ?? []).map((t) => [t.code, t])), [types]);
  return { types, byCode, error };
}

export function typeLabel(byCode: Map<string, StructureType>, code: string): string {
  return byCode.get(code)?.label ?? code;
}

import { useEffect, useState } from 'react';
import { getStructureVersions, type StructureVersion } from '../../api/directory';
import { ApiError } from '../../api/http';
import { formatDateTime, formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { CHANGE_KINDS, FIELD_LABELS } from './directory-format';

/** The history of an entry, loaded only when someone opens it. */
export function StructureVersions({ id, version }: { id: string; version: number }) {
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<StructureVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setError(null);
    getStructureVersions(id, controller.signal).then(setVersions, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'L’historique est indisponible.');
    });
    return () => controller.abort();
  }, [open, id, version]);

  return (
    <details className="disclosure card history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Historique des modifications (version {formatNumber(version)})</summary>
      {error ? (
        <p className="alert alert-error">{error}</p>
      ) : !versions ? (
        open && <Loading label="Chargement de l’historique…" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Versions de la fiche, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Date</th>
                <th scope="col">Nature</th>
                <th scope="col">Champs modifiés</th>
                <th scope="col">Par</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>{formatNumber(v.version)}</td>
                  <td>{formatDateTime(v.changedAt)}</td>
                  <td>{CHANGE_KINDS[v.changeKind] ?? v.changeKind}</td>
                  <td>{v.changedFields.length ? v.changedFields.map((f) => FIELD_LABELS[f] ?? f).join(', ') : '—'}</td>
                  <td>{v.changedByEmail ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

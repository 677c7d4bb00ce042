import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { importStructuresCsv, ImportRefused, links, type ImportProblem } from '../../api/directory';
import { ApiError } from '../../api/http';
import { formatNumber } from '../../ui/format';
import { FIELD_LABELS } from './directory-format';

const OUTCOMES: Record<string, string> = { created: 'Création', updated: 'Mise à jour', unchanged: 'Inchangée', error: 'Erreur' };
interface ReportLine {
  line: number;
  outcome: string;
  name: string | null;
  changedFields: string[];
}

const MAX_BYTES = 5 * 1024 * 1024;

/** "3 structures créées, 2 mises à jour": whatever counts the server returns. */
function summary(result: Record<string, unknown>): string {
  const parts: string[] = [];
  const n = (key: string) => (typeof result[key] === 'number' ? (result[key] as number) : null);
  const created = n('created');
  const updated = n('updated');
  const unchanged = n('unchanged');
  if (created !== null) parts.push(`${formatNumber(created)} ${created > 1 ? 'structures créées' : 'structure créée'}`);
  if (updated !== null) parts.push(`${formatNumber(updated)} mise${updated > 1 ? 's' : ''} à jour`);
  if (unchanged !== null) parts.push(`${formatNumber(unchanged)} inchangée${unchanged > 1 ? 's' : ''}`);
  const imported = n('imported') ?? n('count');
  if (!parts.length && imported !== null) parts.push(`${formatNumber(imported)} ${imported > 1 ? 'lignes importées' : 'ligne importée'}`);
  if (result.dryRun === true) return `Simulation (rien n’a été enregistré) : ${parts.join(', ')}.`;
  return parts.length ? `Import terminé : ${parts.join(', ')}.` : 'Import terminé.';
}

/** For editors and administrators: bulk import (CSV) and the exports (CSV, FHIR R4). */
export default function ImportExport() {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; problems: ImportProblem[] } | null>(null);
  const [update, setUpdate] = useState(false);
  const [lines, setLines] = useState<ReportLine[] | null>(null);

  // The report takes the focus, so that it is read and its table can be browsed at once.
  useEffect(() => {
    if (refusal) reportRef.current?.focus();
  }, [refusal]);

  async function onSubmit(e: FormEvent, dryRun = false) {
    e.preventDefault();
    setDone(null);
    setRefusal(null);
    setLines(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError('Choisissez un fichier CSV.');
      fileRef.current?.focus();
      return;
    }
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') {
      setFileError('Le fichier doit être au format CSV (.csv).');
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError('Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.');
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setBusy(true);
    try {
      const result = await importStructuresCsv(await file.text(), { update, dryRun });
      const problems = Array.isArray(result.problems) ? (result.problems as ImportProblem[]) : [];
      // A dry run with problems: the same table as a refusal, nothing was written either way.
      if (problems.length) setRefusal({ message: String(result.message ?? ''), problems });
      else setDone(summary(result));
      if (Array.isArray(result.lines)) setLines((result.lines as ReportLine[]).filter((l) => l.outcome !== 'unchanged'));
      if (!dryRun && fileRef.current) fileRef.current.value = '';
    } catch (err) {
      if (err instanceof ImportRefused) setRefusal({ message: err.message, problems: err.problems });
      else setRefusal({ message: err instanceof ApiError ? err.message : 'L’import a échoué. Réessayez.', problems: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card import-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="h3">
        Import et export (éditeurs et administrateurs)
      </h2>
      <div className="import-export-grid">
        <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-import`}>
          <h3 id={`${id}-import`} className="h4">
            Importer un fichier CSV
          </h3>
          <p className="hint">
            Une nouvelle structure par ligne, avec les colonnes de l’export CSV (au moins «&nbsp;nom&nbsp;» et «&nbsp;types&nbsp;»). Si
            une seule ligne est refusée, rien n’est importé et chaque problème est listé par ligne et par colonne.
          </p>
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" checked={update} onChange={(e) => setUpdate(e.target.checked)} />
              <span>Mettre à jour les fiches existantes (même id, FINESS, SIRET ou identifiant ROR)</span>
            </label>
            <p className="hint">Chaque modification devient une nouvelle version de la fiche ; l’historique est conservé.</p>
          </div>
          <div className={`field${fileError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-file`}>Fichier CSV</label>
            {fileError && (
              <p className="field-error" id={`${id}-file-error`}>
                <span aria-hidden="true">⚠ </span>
                {fileError}
              </p>
            )}
            <input
              ref={fileRef}
              id={`${id}-file`}
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${id}-file-error` : undefined}
              onChange={() => setFileError(null)}
            />
          </div>
          <p className="actions">
            {update && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={(e) => void onSubmit(e, true)}>
                Simuler (sans rien enregistrer)
              </button>
            )}{' '}
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Import en cours…' : 'Importer'}
            </button>
          </p>
          <div aria-live="polite">{done && <p className="alert alert-success">{done}</p>}</div>
          {lines && lines.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <caption>Lignes créées ou modifiées (les lignes inchangées ne sont pas listées)</caption>
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Structure</th>
                    <th scope="col">Résultat</th>
                    <th scope="col">Champs modifiés</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l) => (
                    <tr key={l.line}>
                      <td>{formatNumber(l.line)}</td>
                      <td>{l.name ?? '—'}</td>
                      <td>{OUTCOMES[l.outcome] ?? l.outcome}</td>
                      <td>{l.changedFields.map((f) => FIELD_LABELS[f] ?? f).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {refusal && (
            <div ref={reportRef} tabIndex={-1} className="alert alert-error import-report" role="alert">
              <p>{refusal.message}</p>
              {refusal.problems.length > 0 && (
                <div className="table-wrap">
                  <table className="table">
                    <caption>Problèmes trouvés dans le fichier</caption>
                    <thead>
                      <tr>
                        <th scope="col">Ligne</th>
                        <th scope="col">Colonne</th>
                        <th scope="col">Problème</th>
                      </tr>
                    </thead>
                    <tbody>
                      {refusal.problems.map((p, i) => (
                        <tr key={i}>
                          <td>{formatNumber(p.line)}</td>
                          <td>{p.column ?? '—'}</td>
                          <td>{p.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
        </form>
        <div>
          <h3 className="h4">Exporter l’annuaire</h3>
          <ul className="link-list">
            <li>
              <a href={links.exportCsv} download>
                Toutes les structures (CSV)
              </a>{' '}
              <span className="small muted">— s’ouvre dans un tableur (séparateur «&nbsp;;&nbsp;»)</span>
            </li>
            <li>
              <a href={links.exportFhir} download>
                Export FHIR R4 (Organization, HealthcareService, Location)
              </a>{' '}
              <span className="small muted">— pour le ROR et les autres annuaires de santé</span>
            </li>
          </ul>
        </div>
      </div>
    </section>
  );
}

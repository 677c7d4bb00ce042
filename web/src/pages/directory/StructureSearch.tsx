import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { searchStructures, type StructureSearch as SearchResult, type StructureSearchFilters } from '../../api/directory';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { DepartementSelect } from '../../ui/DepartementSelect';
import { plural } from '../../ui/format';
import { SelectField, TextField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { Pagination } from '../../ui/Pagination';
import { departementLabel, useTerritory } from '../../ui/territory-hooks';
import { canImport, coordinatedDepartements, STATUS_LABELS } from './directory-format';
import { typeLabel, useStructureTypes } from './structure-types-hook';

const PAGE_SIZE = 20;
type Status = NonNullable<StructureSearchFilters['status']>;

/**
 * Full-text search over the directory (names, descriptions, types; French stemming, typo-tolerant),
 * with type and department filters. The filters live in the address, so a result list can be shared.
 */
export function StructureSearch() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const departement = params.get('departement') ?? '';
  const status = (params.get('statut') ?? '') as Status | '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const { me } = useSession();
  const { types, byCode } = useStructureTypes();
  const { territory } = useTerritory();
  const [qInput, setQInput] = useState(q);
  const [typeInput, setTypeInput] = useState(type);
  const [depInput, setDepInput] = useState(departement);
  const [statusInput, setStatusInput] = useState<string>(status);
  const [data, setData] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  // Those who approve entries may list the ones waiting (coordinators: in their department).
  const approver = canImport(me) || coordinatedDepartements(me).length > 0;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    searchStructures(
      { q: q || undefined, type: type || undefined, departement: departement || undefined, status: status || undefined, page, pageSize: PAGE_SIZE },
      controller.signal,
    ).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setError(err instanceof ApiError ? err.message : 'La recherche est indisponible pour le moment.');
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [q, type, departement, status, page]);

  function onSearch(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (qInput.trim()) next.set('q', qInput.trim());
    if (typeInput) next.set('type', typeInput);
    if (depInput) next.set('departement', depInput);
    if (statusInput) next.set('statut', statusInput);
    setParams(next, { preventScrollReset: true });
  }

  function goToPage(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next, { preventScrollReset: true });
    document.getElementById('resultats-titre')?.scrollIntoView();
  }

  const filtered = !!(q || type || departement || status);
  const depName = (code: string | null) => {
    if (!code) return null;
    const d = territory?.departements.find((x) => x.code === code);
    return d ? departementLabel(d.code, d.nom) : code;
  };

  return (
    <section aria-labelledby="structures-titre" className="structure-search">
      <h2 id="structures-titre">Chercher une structure</h2>
      <form className="card filters" role="search" aria-label="Chercher une structure" onSubmit={onSearch}>
        <TextField
          name="q"
          type="search"
          label="Nom, type ou mot-clé"
          hint="Par exemple : équipe mobile, HAD Savoie, pédiatrie."
          optional
          value={qInput}
          onChange={(e) => setQInput(e.target.value)}
        />
        <SelectField
          name="type"
          label="Type de structure"
          optional
          options={(types ?? []).map((t) => ({ value: t.code, label: t.label }))}
          placeholder="Tous les types"
          value={typeInput}
          onChange={(e) => setTypeInput(e.target.value)}
        />
        <DepartementSelect
          name="departement"
          label="Département"
          optional
          placeholder="Tous les départements"
          value={depInput}
          onChange={(e) => setDepInput(e.target.value)}
        />
        {approver && (
          <SelectField
            name="statut"
            label="État des fiches"
            hint={canImport(me) ? undefined : 'Pour les fiches en attente, choisissez aussi votre département.'}
            optional
            options={(Object.keys(STATUS_LABELS) as Status[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            placeholder="Publiées"
            value={statusInput}
            onChange={(e) => setStatusInput(e.target.value)}
          />
        )}
        <div className="actions">
          <button type="submit" className="button">
            Rechercher
          </button>
        </div>
      </form>

      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : loading && !data ? (
        <Loading label="Recherche des structures…" />
      ) : data ? (
        <div aria-busy={loading}>
          <h3 id="resultats-titre" tabIndex={-1} aria-live="polite">
            {filtered
              ? data.total === 0
                ? 'Aucune structure ne correspond à cette recherche'
                : plural(data.total, 'structure trouvée', 'structures trouvées')
              : `${plural(data.total, 'structure', 'structures')} dans l’annuaire`}
          </h3>
          {data.total === 0 && filtered && <p>Essayez un autre mot, ou retirez un filtre.</p>}
          <ul className="result-list">
            {data.items.map((s) => (
              <li key={s.id} className="card card-link result-card">
                <h4>
                  <Link to={s.url}>{s.name}</Link>
                </h4>
                <p className="result-meta">
                  {s.types.map((t) => typeLabel(byCode, t)).join(' · ')}
                  {(s.communeName || s.departement) && (
                    <>
                      <br />
                      {[s.communeName, depName(s.departement)].filter(Boolean).join(', ')}
                    </>
                  )}
                </p>
                {(s.isDemo || s.toVerify || s.status !== 'published') && (
                  <p className="badges">
                    {s.status !== 'published' && <span className="badge badge-danger">{STATUS_LABELS[s.status]}</span>}
                    {s.isDemo && <span className="badge badge-info">Fiche de démonstration</span>}
                    {s.toVerify && <span className="badge badge-warn">À vérifier</span>}
                  </p>
                )}
                {s.snippet && <p className="small muted">{s.snippet.length >= 200 ? `${s.snippet}…` : s.snippet}</p>}
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={goToPage} label="Pages de résultats" />
        </div>
      ) : null}
    </section>
  );
}

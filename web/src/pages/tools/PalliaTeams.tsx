import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Commune, CoverageAnswer } from '@palliance/core';
import { getCoverage } from '../../api/directory';
import { ApiError } from '../../api/http';
import { CommuneSearch } from '../../ui/CommuneSearch';
import { Loading } from '../../ui/Loading';
import { CALL_REASONS, telHref } from '../directory/directory-format';

/**
 * The specialised palliative teams the PALLIA 10 points to (SFAP: "faire appel à une équipe spécialisée"):
 * mobile and territorial teams (EMSP, ETSP/EMTSP) first, then the rapid intervention teams (ERISP) that
 * the Corpalif memo describes as completing the EMSP. From the directory's coverage of the commune.
 */
export const SPECIALISED_TEAM_TYPES = ['EMSP_EXTRA', 'EMSP_INTER', 'ETSP', 'EMSP_INTRA', 'ERISP'];

export function PalliaTeams({ commune, onCommune }: { commune: Commune | null; onCommune: (c: Commune | null) => void }) {
  const [answer, setAnswer] = useState<CoverageAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!commune) {
      setAnswer(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getCoverage(commune.code, undefined, controller.signal).then(
      (a) => {
        setAnswer(a);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setError(err instanceof ApiError ? err.message : 'Les équipes de cette commune sont indisponibles pour le moment.');
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [commune]);

  const groups = answer?.groups.filter((g) => SPECIALISED_TEAM_TYPES.includes(g.type)) ?? [];
  groups.sort((a, b) => SPECIALISED_TEAM_TYPES.indexOf(a.type) - SPECIALISED_TEAM_TYPES.indexOf(b.type));

  return (
    <section className="card" aria-labelledby="equipes-titre" data-testid="pallia-teams">
      <h2 id="equipes-titre">Faire appel à une équipe spécialisée</h2>
      <p>Les équipes mobiles et territoriales de soins palliatifs qui couvrent la commune du patient, avec le numéro à appeler maintenant.</p>
      <CommuneSearch label="Commune du patient" onSelect={onCommune} initialQuery={commune?.nom ?? ''} />
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {loading && <Loading label="Recherche des équipes qui couvrent la commune…" />}
      {answer && !loading && (
        <div aria-live="polite">
          {groups.length === 0 ? (
            <p className="alert alert-info">
              Aucune équipe mobile ou territoriale de l’annuaire ne couvre encore {answer.commune.nom}.{' '}
              <Link to={`/annuaire/communes/${answer.commune.code}`}>Voir toutes les structures qui la couvrent</Link>.
            </p>
          ) : (
            groups.map((g) => (
              <div key={g.type}>
                <h3>{g.label}</h3>
                <ul className="team-list">
                  {g.structures.map((s) => (
                    <li key={s.id} data-testid="team">
                      <p>
                        <Link to={s.url}>{s.name}</Link>
                        {s.isDemo && <span className="badge badge-warn"> exemple fictif</span>}
                        {s.toVerify && <span className="badge badge-warn"> à vérifier</span>}
                      </p>
                      {s.call ? (
                        <p>
                          <a className="button call-now" href={telHref(s.call.number)}>
                            Appeler le {s.call.number}
                          </a>{' '}
                          <span className="small muted">
                            {s.call.label ?? ''} {CALL_REASONS[s.call.reason as keyof typeof CALL_REASONS] ?? ''}
                          </span>
                        </p>
                      ) : (
                        <p className="small">Pas de ligne ouverte en ce moment{s.nextOpening ? ` ; réouverture ${new Date(s.nextOpening).toLocaleString('fr-FR')}` : ''}.</p>
                      )}
                      {s.email && (
                        <p className="small">
                          <a href={`mailto:${s.email}`}>{s.email}</a>
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
          <p className="small">
            <Link to={`/annuaire/communes/${answer.commune.code}`}>Toutes les structures qui couvrent {answer.commune.nom}</Link>
          </p>
        </div>
      )}
    </section>
  );
}

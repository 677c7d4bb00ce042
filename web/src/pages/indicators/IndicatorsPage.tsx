import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { periodContaining, periodLabel, seriesEndingWith, type Granularity, type IndicatorDashboard } from '@palliance/core';
import { ApiError } from '../../api/http';
import { csvUrl, getDashboard, measureReportUrl, measuresUrl } from '../../api/indicators';
import { useSession } from '../../session/session-context';
import { SelectField } from '../../ui/forms';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { SOURCE_SURVEY_IDF, Sources } from '../../ui/Sources';
import { departementLabel, useTerritory } from '../../ui/territory-hooks';
import { IndicatorCard } from './IndicatorCard';

const GRANULARITIES: { value: Granularity; label: string }[] = [
  { value: 'month', label: 'Mois' },
  { value: 'quarter', label: 'Trimestre' },
  { value: 'year', label: 'Année' },
];

function granularityOf(key: string): Granularity {
  return /-T/.test(key) ? 'quarter' : /-\d\d$/.test(key) ? 'month' : 'year';
}

/**
 * Mesurer: the indicator dashboard of a territory (all of France, a region, a department) for a
 * period, each indicator a card with its value, denominator, target, trend and how it is computed.
 * Coordinators open their own department by default.
 */
export function IndicatorsPage() {
  usePageTitle('Indicateurs territoriaux');
  const { me } = useSession();
  const { territory: lists } = useTerritory();
  const [params, setParams] = useSearchParams();
  const coordinated = me?.roles.find((r) => r.role === 'territory_coordinator' && r.scope?.startsWith('dep:'))?.scope ?? null;
  const fallback = coordinated ?? (me?.departement ? `dep:${me.departement}` : 'fr');
  const territory = params.get('territoire') ?? fallback;
  const now = useMemo(() => new Date(), []);
  const period = params.get('periode') ?? periodContaining(now, 'quarter').key;
  const granularity = granularityOf(period);
  const [data, setData] = useState<IndicatorDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (me === undefined) return;
    const ctrl = new AbortController();
    setError(null);
    // No figures of another territory or period on screen while the new ones load.
    setData(null);
    getDashboard(territory, period, ctrl.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (e instanceof ApiError) setError(e.message);
      });
    return () => ctrl.abort();
  }, [territory, period, me, reload]);

  const update = (next: Record<string, string>) => setParams((p) => {
    const q = new URLSearchParams(p);
    for (const [k, v] of Object.entries(next)) q.set(k, v);
    return q;
  });

  const level = territory === 'fr' ? 'fr' : territory.startsWith('reg:') ? 'reg' : 'dep';
  const periodOptions = seriesEndingWith(periodContaining(now, granularity), granularity === 'year' ? 5 : granularity === 'quarter' ? 8 : 12)
    .reverse()
    .map((p) => ({ value: p.key, label: periodLabel(p) }));

  return (
    <div className="page">
      <h1>Indicateurs territoriaux</h1>
      <p className="lead">
        Les indicateurs de suivi recommandés par l’enquête régionale (seed 004), calculés en direct à partir des données de la plateforme :
        demandes d’appui et délais de réponse, mini-RCP, dernière enquête, formation. Chaque carte dit comment le chiffre est calculé.
      </p>
      <form className="field-row" onSubmit={(e) => e.preventDefault()} aria-label="Territoire et période">
        <SelectField
          name="echelle"
          label="Échelle"
          value={level}
          options={[
            { value: 'fr', label: 'France entière' },
            { value: 'reg', label: 'Région' },
            { value: 'dep', label: 'Département' },
          ]}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'fr') update({ territoire: 'fr' });
            else if (v === 'reg') update({ territoire: `reg:${lists?.departements.find((d) => `dep:${d.code}` === territory)?.region ?? lists?.regions[0]?.code ?? '11'}` });
            else update({ territoire: coordinated ?? `dep:${me?.departement ?? '75'}` });
          }}
        />
        {level === 'reg' && (
          <SelectField
            name="region"
            label="Région"
            value={territory.slice(4)}
            options={(lists?.regions ?? []).map((r) => ({ value: r.code, label: r.nom }))}
            onChange={(e) => update({ territoire: `reg:${e.target.value}` })}
          />
        )}
        {level === 'dep' && (
          <SelectField
            name="departement"
            label="Département"
            value={territory.slice(4)}
            options={(lists?.departements ?? []).map((d) => ({ value: d.code, label: departementLabel(d.code, d.nom) }))}
            onChange={(e) => update({ territoire: `dep:${e.target.value}` })}
          />
        )}
        <SelectField
          name="pas"
          label="Pas de temps"
          value={granularity}
          options={GRANULARITIES}
          onChange={(e) => update({ periode: periodContaining(now, e.target.value as Granularity).key })}
        />
        <SelectField name="periode" label="Période" value={period} options={periodOptions} onChange={(e) => update({ periode: e.target.value })} />
      </form>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {!data && !error && <Loading />}
      {data && (
        <>
          <p aria-live="polite">
            <strong>{data.territory.label}</strong> — {data.period.label}. Tendance : {data.period.granularity === 'month' ? '12 derniers mois' : data.period.granularity === 'quarter' ? '8 derniers trimestres' : '5 dernières années'}.{' '}
            <span className="muted">Calculé le {formatDateTime(data.generatedAt)}.</span>
          </p>
          {data.detail === 'public' && (
            <p className="alert alert-info">
              Vue publique : les chiffres calculés sur moins de {data.suppressionThreshold} cas sont masqués, car quelques demandes ou
              inscriptions peuvent désigner une personne. Les coordinateurs du département et les administrateurs voient tous les chiffres.
              {!me && (
                <>
                  {' '}
                  <Link to={`/connexion?retour=${encodeURIComponent(`/mesurer/indicateurs?${params.toString()}`)}`}>Se connecter</Link>
                </>
              )}
            </p>
          )}
          <p>
            Exporter : <a href={csvUrl(data.territory.code, data.period.key)} download>CSV</a> ·{' '}
            <a href={measureReportUrl(data.territory.code, data.period.key)} download>FHIR MeasureReport</a> ·{' '}
            <a href={measuresUrl} download>
              définitions (FHIR Measure)
            </a>
          </p>
          <ul className="cards cards-2">
            {data.indicators.map((i) => (
              <IndicatorCard key={i.id} indicator={i} territory={data.territory.code} mayEditTargets={data.mayEditTargets} onTargetSaved={() => setReload((n) => n + 1)} />
            ))}
          </ul>
        </>
      )}
      <Sources>
        <li>{SOURCE_SURVEY_IDF}</li>
      </Sources>
    </div>
  );
}

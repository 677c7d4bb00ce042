import { useState, type FormEvent } from 'react';
import type { IndicatorResult } from '@palliance/core';
import { ApiError } from '../../api/http';
import { setTarget } from '../../api/indicators';
import { TextField } from '../../ui/forms';
import { formatNumber } from '../../ui/format';
import { denominatorText, figureText, formatFigure } from './indicator-format';
import { TrendChart } from './TrendChart';

const DIRECTION: Record<IndicatorResult['direction'], string> = {
  higher_is_better: 'Plus c’est haut, mieux c’est.',
  lower_is_better: 'Plus c’est bas, mieux c’est.',
  neutral: '',
};

interface Props {
  indicator: IndicatorResult;
  territory: string;
  mayEditTargets: boolean;
  onTargetSaved: () => void;
}

/** One indicator: value and denominator, target, trend (chart + table), breakdown, and how it is computed. */
export function IndicatorCard({ indicator: i, territory, mayEditTargets, onTargetSaved }: Props) {
  const headingId = `ind-${i.id}`;
  const c = i.current;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} style={{ fontSize: '1.05rem' }}>
        {i.label}
      </h2>
      <p style={{ margin: '0.25rem 0' }}>
        <strong style={{ fontSize: '1.6rem' }} data-testid="valeur">
          {figureText(c, i.unit)}
        </strong>{' '}
        <span className="muted">{c.periodLabel}</span>
      </p>
      {denominatorText(i, c) && <p className="muted" style={{ margin: 0 }}>{denominatorText(i, c)}</p>}
      <p style={{ margin: '0.4rem 0' }}>
        {i.target.value === null ? (
          <span className="muted">Pas de cible fixée.</span>
        ) : (
          <>
            Cible : {i.direction === 'lower_is_better' ? '≤' : i.direction === 'higher_is_better' ? '≥' : ''} {formatFigure(i.target.value, i.unit)}
            {i.target.met !== null && <span className={`badge ${i.target.met ? 'badge-ok' : 'badge-warn'}`} style={{ marginLeft: '0.5rem' }}>{i.target.met ? 'atteinte' : 'non atteinte'}</span>}
            {i.target.origin === 'default' && <span className="muted"> (recommandation du seed 004)</span>}
          </>
        )}
      </p>
      {i.note && <p className="hint">{i.note}</p>}
      {i.series.length > 0 && (
        <>
          <TrendChart indicator={i} />
          <details>
            <summary>Tendance en tableau</summary>
            <div className="table-wrap" role="region" aria-label={`Tendance : ${i.label}`} tabIndex={0}>
              <table className="table chart-table">
                <thead>
                  <tr>
                    <th scope="col">Période</th>
                    <th scope="col">Valeur</th>
                    <th scope="col">Numérateur</th>
                    <th scope="col">Dénominateur</th>
                  </tr>
                </thead>
                <tbody>
                  {i.series.map((p) => (
                    <tr key={p.period}>
                      <th scope="row">{p.label}</th>
                      <td>{figureText(p, i.unit)}</td>
                      <td>{p.numerator === null || i.unit !== 'percent' ? '—' : formatNumber(p.numerator)}</td>
                      <td>{p.denominator === null ? '—' : formatNumber(p.denominator)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      {i.breakdown && i.breakdown.rows.length > 0 && (
        <details>
          <summary>{i.breakdown.title}</summary>
          <div className="table-wrap" role="region" aria-label={`${i.breakdown.title} : ${i.label}`} tabIndex={0}>
            <table className="table chart-table">
              <thead>
                <tr>
                  <th scope="col">{i.breakdown.title.startsWith('Par profession') ? 'Profession' : 'Structure'}</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">Dénominateur</th>
                </tr>
              </thead>
              <tbody>
                {i.breakdown.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td>{figureText(r, i.unit)}</td>
                    <td>{r.denominator === null ? '—' : formatNumber(r.denominator)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <details>
        <summary>Comment c’est calculé</summary>
        <p>{i.computation}</p>
        {DIRECTION[i.direction] && <p>{DIRECTION[i.direction]}</p>}
        <p className="hint">Source : {i.source}</p>
        {i.target.source && <p className="hint">Cible : {i.target.source}</p>}
      </details>
      {mayEditTargets && <TargetForm indicator={i} territory={territory} onSaved={onTargetSaved} />}
    </li>
  );
}

function TargetForm({ indicator: i, territory, onSaved }: { indicator: IndicatorResult; territory: string; onSaved: () => void }) {
  const [value, setValue] = useState(i.target.origin === 'territory' && i.target.value !== null ? String(i.target.value) : '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = value.trim().replace(',', '.');
    const target = text === '' ? null : Number(text);
    if (target !== null && (!Number.isFinite(target) || target < 0)) {
      setError('Saisissez un nombre positif, ou laissez vide pour retirer la cible.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await setTarget({ territory, indicatorId: i.id, target });
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'La cible n’a pas pu être enregistrée.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <details>
      <summary>Fixer la cible du territoire</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="target"
          label={`Cible (${i.unit === 'percent' ? '%' : i.unit === 'hours' ? 'heures' : 'nombre'})`}
          hint="Laissez vide pour revenir à la cible par défaut. La modification est tracée."
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={error}
          optional
        />
        <button type="submit" className="button button-small" disabled={busy}>
          Enregistrer la cible
        </button>
      </form>
    </details>
  );
}

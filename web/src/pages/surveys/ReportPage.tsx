import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Dimension, ItemReport, ItemStats, ReportOptionsInput, SurveyDetail, SurveyReport, TextAnswer } from '@palliance/core';
import { ApiError } from '../../api/http';
import { downloadReport, getSurvey, saveBlob, surveyReport, tagThemes } from '../../api/surveys';
import { formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { CountBars, CrossTableView, ScaleMeans } from './charts';

const GROUPABLE = new Set(['single', 'multiple', 'boolean', 'scale', 'integer', 'decimal']);
const CATEGORICAL = new Set(['single', 'multiple', 'boolean']);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));

/** "1:1-1, 2 à 5:2-5, plus de 10:11-" → classes; null when it does not read. */
export function parseBins(text: string): Dimension['bins'] | null {
  if (!text.trim()) return [];
  const out: NonNullable<Dimension['bins']> = [];
  for (const part of text.split(',')) {
    const i = part.lastIndexOf(':');
    if (i < 0) return null;
    const m = /^\s*(-?\d+(?:[.,]\d+)?)?\s*-\s*(-?\d+(?:[.,]\d+)?)?\s*$/.exec(part.slice(i + 1));
    if (!m) return null;
    const n = (s?: string) => (s === undefined ? null : Number(s.replace(',', '.')));
    out.push({ label: part.slice(0, i).trim(), min: n(m[1]), max: n(m[2]) });
  }
  return out;
}

/** The analysis report: grouping with merged values or number classes, cross-tables, charts with their tables, themes, exports. */
export function ReportPage() {
  const { id = '' } = useParams();
  const [survey, setSurvey] = useState<SurveyDetail | null>(null);
  const [report, setReport] = useState<SurveyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [groupBy, setGroupBy] = useState('');
  const [merges, setMerges] = useState<{ label: string; codes: string[] }[]>([]);
  const [binsText, setBinsText] = useState('');
  const [crosses, setCrosses] = useState<{ rows: string; columns: string }[]>([]);
  const [applied, setApplied] = useState<ReportOptionsInput>({});
  usePageTitle(survey ? `Rapport : ${survey.title}` : 'Rapport');

  useEffect(() => {
    const ctrl = new AbortController();
    getSurvey(id, ctrl.signal)
      .then(setSurvey)
      .catch((e) => e instanceof ApiError && setError(e.message));
    return () => ctrl.abort();
  }, [id]);

  const options = useMemo((): ReportOptionsInput | null => {
    const bins = parseBins(binsText);
    if (bins === null) return null;
    const dim = groupBy ? { linkId: groupBy, ...(merges.length ? { merges } : {}), ...(bins && bins.length ? { bins } : {}) } : null;
    return { groupBy: dim, crossTables: crosses.map((c) => ({ rows: dim && c.rows === dim.linkId ? dim : { linkId: c.rows }, columns: c.columns })) };
  }, [groupBy, merges, binsText, crosses]);

  const run = useCallback(
    async (o: ReportOptionsInput) => {
      setError(null);
      try {
        setReport(await surveyReport(id, o));
        setApplied(o);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : 'Le rapport n’a pas pu être calculé.');
      }
    },
    [id],
  );
  useEffect(() => {
    void run({});
  }, [run]);

  if (!survey) return error ? <div className="page"><div role="alert" className="alert alert-error">{error}</div></div> : <Loading />;
  const groupQ = survey.questions.find((q) => q.linkId === groupBy);
  const groupable = survey.questions.filter((q) => GROUPABLE.has(q.kind));
  const categorical = survey.questions.filter((q) => CATEGORICAL.has(q.kind));

  return (
    <div className="page">
      <p>
        <Link to={`/mesurer/questionnaires/${survey.id}`}>← {survey.title}</Link>
      </p>
      <h1>Rapport d’analyse</h1>
      <form
        className="report-options"
        onSubmit={(e) => {
          e.preventDefault();
          if (options) void run(options);
        }}
      >
        <div className="field">
          <label htmlFor="group-by">Regrouper selon</label>
          <select
            id="group-by"
            value={groupBy}
            onChange={(e) => {
              setGroupBy(e.target.value);
              setMerges([]);
              setBinsText('');
            }}
          >
            <option value="">Aucun regroupement</option>
            {groupable.map((q) => (
              <option key={q.linkId} value={q.linkId}>
                {q.text}
              </option>
            ))}
          </select>
        </div>
        {groupQ && CATEGORICAL.has(groupQ.kind) && groupQ.kind !== 'boolean' && <MergeEditor options={groupQ.options} merges={merges} onChange={setMerges} />}
        {groupQ && (groupQ.kind === 'integer' || groupQ.kind === 'decimal' || groupQ.kind === 'scale') && (
          <div className="field">
            <label htmlFor="bins">Classes (libellé:min-max, séparées par des virgules)</label>
            <p className="hint" id="bins-hint">
              Exemple : <code>1:1-1, 2 à 5:2-5, 6 à 10:6-10, plus de 10:11-</code> (min ou max peut manquer).
            </p>
            <input id="bins" aria-describedby="bins-hint" value={binsText} onChange={(e) => setBinsText(e.target.value)} aria-invalid={parseBins(binsText) === null} />
            {parseBins(binsText) === null && <p className="field-error">Écrivez chaque classe sous la forme « libellé:min-max ».</p>}
          </div>
        )}
        <CrossPicker questions={groupable} columns={categorical} crosses={crosses} onChange={setCrosses} />
        <button type="submit" className="button" disabled={!options}>
          Calculer le rapport
        </button>
      </form>
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      {!report && !error && <Loading label="Calcul du rapport…" />}
      {report && (
        <>
          <p className="report-exports">
            Exporter :{' '}
            <button type="button" className="button button-secondary" onClick={() => saveBlob(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), 'rapport.json')}>
              JSON
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => void downloadReport(survey.id, 'csv', applied).catch((e) => setError(e.message))}>
              CSV
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => void downloadReport(survey.id, 'pdf', applied).catch((e) => setError(e.message))}>
              PDF imprimable
            </button>
          </p>
          <ReportBody report={report} surveyId={survey.id} onThemes={() => void run(applied)} />
        </>
      )}
    </div>
  );
}

function MergeEditor({ options, merges, onChange }: { options: { code: string; label: string }[]; merges: { label: string; codes: string[] }[]; onChange: (m: { label: string; codes: string[] }[]) => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const [label, setLabel] = useState('');
  const used = new Set(merges.flatMap((m) => m.codes));
  return (
    <fieldset className="field">
      <legend>Fusionner des réponses (ex. généraliste + spécialiste = médecins)</legend>
      {options
        .filter((o) => !used.has(o.code))
        .map((o) => (
          <label key={o.code} className="checkbox">
            <input type="checkbox" checked={picked.includes(o.code)} onChange={(e) => setPicked(e.target.checked ? [...picked, o.code] : picked.filter((c) => c !== o.code))} /> {o.label}
          </label>
        ))}
      <label htmlFor="merge-label">Nom du regroupement</label>
      <input id="merge-label" value={label} onChange={(e) => setLabel(e.target.value)} />
      <button
        type="button"
        className="button button-secondary"
        disabled={picked.length < 2 || !label.trim()}
        onClick={() => {
          onChange([...merges, { label: label.trim(), codes: picked }]);
          setPicked([]);
          setLabel('');
        }}
      >
        Fusionner
      </button>
      {merges.length > 0 && (
        <ul>
          {merges.map((m, i) => (
            <li key={m.label}>
              {m.label} = {m.codes.map((c) => options.find((o) => o.code === c)?.label ?? c).join(' + ')}{' '}
              <button type="button" className="button-link" onClick={() => onChange(merges.filter((_, j) => j !== i))}>
                Défaire
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function CrossPicker({ questions, columns, crosses, onChange }: { questions: SurveyDetail['questions']; columns: SurveyDetail['questions']; crosses: { rows: string; columns: string }[]; onChange: (c: { rows: string; columns: string }[]) => void }) {
  const [rows, setRows] = useState('');
  const [cols, setCols] = useState('');
  const text = (id: string) => questions.find((q) => q.linkId === id)?.text ?? columns.find((q) => q.linkId === id)?.text ?? id;
  return (
    <fieldset className="field">
      <legend>Tableaux croisés</legend>
      <label htmlFor="cross-rows">En lignes</label>
      <select id="cross-rows" value={rows} onChange={(e) => setRows(e.target.value)}>
        <option value="">Choisir…</option>
        {questions.filter((q) => q.kind !== 'integer' && q.kind !== 'decimal').map((q) => (
          <option key={q.linkId} value={q.linkId}>
            {q.text}
          </option>
        ))}
      </select>
      <label htmlFor="cross-cols">En colonnes</label>
      <select id="cross-cols" value={cols} onChange={(e) => setCols(e.target.value)}>
        <option value="">Choisir…</option>
        {columns.map((q) => (
          <option key={q.linkId} value={q.linkId}>
            {q.text}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-secondary"
        disabled={!rows || !cols}
        onClick={() => {
          onChange([...crosses, { rows, columns: cols }]);
          setRows('');
          setCols('');
        }}
      >
        Ajouter le tableau croisé
      </button>
      {crosses.length > 0 && (
        <ul>
          {crosses.map((c, i) => (
            <li key={i}>
              {text(c.rows)} × {text(c.columns)}{' '}
              <button type="button" className="button-link" onClick={() => onChange(crosses.filter((_, j) => j !== i))}>
                Retirer
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function ReportBody({ report, surveyId, onThemes }: { report: SurveyReport; surveyId: string; onThemes: () => void }) {
  const groups = report.groupBy?.groups.filter((g) => g.respondents > 0 || g.key !== '__sans-reponse') ?? [];
  return (
    <div className="report">
      <p>
        <strong>{formatNumber(report.respondents)}</strong> réponses. Les pourcentages portent sur les personnes qui ont répondu à la question
        (dénominateur indiqué) ; une non-réponse n’est jamais comptée comme zéro. Quartiles : {report.quartileMethod}.
      </p>
      {report.groupBy && (
        <div className="table-wrap" role="region" aria-label="Groupes" tabIndex={0}>
          <table className="table" data-testid="groups">
            <caption>Répondants par {report.groupBy.text.toLowerCase()}</caption>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.label}</th>
                  <td>{formatNumber(g.respondents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.crossTables.map((t, i) => (
        <CrossTableView key={i} table={t} />
      ))}
      {report.scaleGroups.map((g) => (
        <ScaleMeans key={g.linkId} report={report} group={g} />
      ))}
      {report.items.map((it) => (
        <ItemBlock key={it.linkId} item={it} report={report} groups={groups} surveyId={surveyId} onThemes={onThemes} />
      ))}
    </div>
  );
}

function counts(s: ItemStats) {
  return s.counts ?? s.distribution ?? null;
}

function ItemBlock({ item, report, groups, surveyId, onThemes }: { item: ItemReport; report: SurveyReport; groups: { key: string; label: string }[]; surveyId: string; onThemes: () => void }) {
  const o = item.overall;
  const rows = counts(o);
  return (
    <section className="report-item" aria-labelledby={`item-${item.linkId}`}>
      <h2 id={`item-${item.linkId}`}>{item.text}</h2>
      <p className="hint">
        {formatNumber(o.answered)} réponse(s), {formatNumber(o.missing)} sans réponse{o.notApplicable ? `, ${formatNumber(o.notApplicable)} non concerné(e)s (question conditionnelle)` : ''}.
      </p>
      {rows && <CountBars title={item.text} rows={rows} denominator={o.denominator} />}
      {o.numbers && (
        <div className="table-wrap" role="region" aria-label={`Statistiques : ${item.text}`} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col">n</th>
                <th scope="col">Moyenne</th>
                <th scope="col">Médiane</th>
                <th scope="col">Q1</th>
                <th scope="col">Q3</th>
                <th scope="col">Min</th>
                <th scope="col">Max</th>
              </tr>
            </thead>
            <tbody>
              {[{ key: '', label: 'Ensemble', s: o }, ...groups.map((g) => ({ key: g.key, label: g.label, s: item.byGroup![g.key] }))].map(({ key, label, s }) => (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td>{formatNumber(s.numbers!.n)}</td>
                  <td>{num(s.numbers!.mean)}</td>
                  <td>{num(s.numbers!.median)}</td>
                  <td>{num(s.numbers!.q1)}</td>
                  <td>{num(s.numbers!.q3)}</td>
                  <td>{num(s.numbers!.min)}</td>
                  <td>{num(s.numbers!.max)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && item.byGroup && groups.length > 0 && (
        <div className="table-wrap" role="region" aria-label={`${item.text} par groupe`} tabIndex={0}>
          <table className="table">
            <caption>Par {report.groupBy!.text.toLowerCase()} (effectif et part de ceux qui ont répondu)</caption>
            <thead>
              <tr>
                <th scope="col">Réponse</th>
                {groups.map((g) => (
                  <th scope="col" key={g.key}>
                    {g.label} (n = {formatNumber(item.byGroup![g.key].denominator)})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.code}>
                  <th scope="row">{r.label}</th>
                  {groups.map((g) => {
                    const c = counts(item.byGroup![g.key])![i];
                    return (
                      <td key={g.key}>
                        {formatNumber(c.count)} ({c.percent === null ? '—' : `${formatNumber(c.percent)}\u00a0%`})
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {o.dates && (
        <p>
          Du {o.dates.earliest ?? '—'} au {o.dates.latest ?? '—'}.
        </p>
      )}
      {item.texts && <Texts item={item} surveyId={surveyId} onThemes={onThemes} />}
    </section>
  );
}

function Texts({ item, surveyId, onThemes }: { item: ItemReport; surveyId: string; onThemes: () => void }) {
  const t = item.texts!;
  return (
    <>
      {t.themes.length > 0 && (
        <div className="table-wrap" role="region" aria-label={`Thèmes : ${item.text}`} tabIndex={0}>
          <table className="table">
            <caption>Réponses par thème ({formatNumber(t.untagged)} sans thème)</caption>
            <tbody>
              {t.themes.map((th) => (
                <tr key={th.theme}>
                  <th scope="row">{th.theme}</th>
                  <td>{formatNumber(th.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {formatNumber(t.total)} réponse(s) libre(s){t.total > t.listed.length ? ` (les ${t.listed.length} premières listées)` : ''}.
      </p>
      <ul className="verbatims">
        {t.listed.map((a) => (
          <Verbatim key={a.responseId} answer={a} linkId={item.linkId} surveyId={surveyId} onSaved={onThemes} />
        ))}
      </ul>
    </>
  );
}

function Verbatim({ answer, linkId, surveyId, onSaved }: { answer: TextAnswer; linkId: string; surveyId: string; onSaved: () => void }) {
  const [value, setValue] = useState(answer.themes.join(', '));
  const [state, setState] = useState<string | null>(null);
  const id = `themes-${answer.responseId}-${linkId}`;
  return (
    <li>
      <blockquote>« {answer.text} »</blockquote>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const themes = value.split(',').map((s) => s.trim()).filter(Boolean);
          tagThemes(surveyId, answer.responseId, linkId, themes)
            .then(() => {
              setState('Thèmes enregistrés.');
              onSaved();
            })
            .catch((err) => setState(err instanceof ApiError ? err.message : 'Enregistrement impossible.'));
        }}
      >
        <label htmlFor={id}>Thèmes (séparés par des virgules)</label> <input id={id} value={value} onChange={(e) => setValue(e.target.value)} />{' '}
        <button type="submit" className="button button-secondary">
          Enregistrer
        </button>
        {state && <span role="status"> {state}</span>}
      </form>
    </li>
  );
}

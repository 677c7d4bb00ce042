import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { AnalyticsTable, CourseAnalytics, Share } from '@palliance/core';
import { analyticsCsvUrl, getCourseAnalytics } from '../../../api/learning-analytics';
import { ApiError } from '../../../api/http';
import { RequireAuth } from '../../../session/RequireAuth';
import { BarChart } from '../../../ui/BarChart';
import { formatDate, formatNumber, formatPercent } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import '../learning.css';
import './analytics.css';

export function AnalyticsPage() {
  usePageTitle('Tableau de bord du cours');
  return (
    <RequireAuth>
      <Analytics />
    </RequireAuth>
  );
}

/** « 87 % (104 / 120) »: a share never travels without its denominator. */
export function shareText(s: Share): string {
  return s.rate === null ? `— (0 / ${formatNumber(s.total)})` : `${formatPercent(s.rate)} (${formatNumber(s.count)} / ${formatNumber(s.total)})`;
}

function Csv({ courseId, table, session, bucket }: { courseId: string; table: AnalyticsTable; session: string | null; bucket: 'day' | 'week' }) {
  return (
    <p className="small">
      <a href={analyticsCsvUrl(courseId, table, { session, bucket })} download>
        Télécharger ce tableau (CSV)
      </a>
    </p>
  );
}

function Analytics() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = params.get('session');
  const bucket = params.get('periode') === 'jour' ? 'day' : 'week';
  const [data, setData] = useState<CourseAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getCourseAnalytics(id, { session, bucket }, controller.signal).then(setData, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'Le tableau de bord est indisponible pour le moment.');
    });
    return () => controller.abort();
  }, [id, session, bucket]);

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  if (error)
    return (
      <div className="page">
        <h1>Tableau de bord du cours</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!data)
    return (
      <div className="page">
        <h1>Tableau de bord du cours</h1>
        <Loading label="Calcul des indicateurs…" />
      </div>
    );
  const a = data;
  const csv = (table: AnalyticsTable) => <Csv courseId={a.courseId} table={table} session={session} bucket={bucket} />;
  const s = a.satisfaction;

  return (
    <div className="page analytics">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${a.courseId}`}>{a.courseTitle}</Link>{' '}
        <span aria-hidden="true">›</span> Tableau de bord
      </p>
      <h1>Tableau de bord : {a.courseTitle}</h1>
      <form className="analytics-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Session{' '}
          <select value={session ?? ''} onChange={(e) => set('session', e.target.value || null)}>
            <option value="">Toutes les sessions</option>
            {a.sessions.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title} ({formatDate(x.startsAt)} – {formatDate(x.endsAt)})
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Période{' '}
          <select value={bucket === 'day' ? 'jour' : 'semaine'} onChange={(e) => set('periode', e.target.value === 'jour' ? 'jour' : null)}>
            <option value="semaine">par semaine</option>
            <option value="jour">par jour</option>
          </select>
        </label>
      </form>

      <ul className="analytics-keys" aria-label="Chiffres clés">
        <li className="card">
          <strong>{formatNumber(a.enrolled)}</strong> inscrits
        </li>
        <li className="card">
          <strong>{a.completion.course.rate === null ? '—' : formatPercent(a.completion.course.rate)}</strong> ont terminé le cours
          <br />
          <span className="muted small">
            {formatNumber(a.completion.course.count)} / {formatNumber(a.completion.course.total)} inscrits
          </span>
        </li>
        <li className="card">
          <strong>{s.rating.mean === null ? '—' : `${formatNumber(s.rating.mean)}/5`}</strong> note moyenne
          <br />
          <span className="muted small">sur {formatNumber(s.rating.answered)} réponses</span>
        </li>
        <li className="card">
          <strong>{s.useful.rate === null ? '—' : formatPercent(s.useful.rate)}</strong> jugent la formation utile
          <br />
          <span className="muted small">
            {formatNumber(s.useful.count)} / {formatNumber(s.useful.total)} réponses
          </span>
        </li>
        <li className="card">
          <strong>{s.wouldRecommend.rate === null ? '—' : formatPercent(s.wouldRecommend.rate)}</strong> la recommanderaient
          <br />
          <span className="muted small">
            {formatNumber(s.wouldRecommend.count)} / {formatNumber(s.wouldRecommend.total)} réponses
          </span>
        </li>
      </ul>

      <section aria-labelledby="inscriptions-titre">
        <h2 id="inscriptions-titre">Inscriptions dans le temps</h2>
        {a.registrations.length === 0 ? (
          <p>Aucune inscription.</p>
        ) : (
          <BarChart
            title={`Inscriptions ${bucket === 'day' ? 'par jour' : 'par semaine (semaine du…)'}`}
            bars={a.registrations.map((r) => ({ label: formatDate(r.period), value: r.count }))}
            unit="inscrits"
            caption={`Total : ${formatNumber(a.enrolled)} inscrits (hors liste d’attente et désinscrits).`}
          />
        )}
        {csv('inscriptions')}
      </section>

      <section aria-labelledby="profils-titre">
        <h2 id="profils-titre">Qui sont les inscrits ?</h2>
        <BarChart title="Par profession" bars={a.professions.map((p) => ({ label: p.label, value: p.share.count, total: p.share.total }))} />
        {csv('professions')}
        <BarChart title="Par région (France et outre-mer)" bars={a.regions.map((r) => ({ label: `${r.label}${r.area === 'Outre-mer' ? ' (outre-mer)' : ''}`, value: r.share.count, total: r.share.total }))} />
        {csv('regions')}
        <BarChart title="Par département d’exercice" bars={a.departements.map((d) => ({ label: d.label, value: d.share.count, total: d.share.total }))} />
        {csv('departements')}
      </section>

      <section aria-labelledby="completion-titre">
        <h2 id="completion-titre">Achèvement</h2>
        <p className="muted small">Selon la règle d’achèvement du cours (leçons vues, vidéos regardées, quiz réussis), sur les inscrits.</p>
        <BarChart
          title="Part des inscrits ayant terminé chaque module"
          bars={[
            ...a.completion.modules.map((m) => ({ label: `Module ${m.position} : ${m.title}`, value: m.share.count, total: m.share.total })),
            { label: 'Cours entier', value: a.completion.course.count, total: a.completion.course.total },
          ]}
        />
        {csv('completion')}
      </section>

      <section aria-labelledby="lecons-titre">
        <h2 id="lecons-titre">Leçons les plus vues</h2>
        <BarChart title="Part des inscrits ayant ouvert la leçon" bars={a.lessons.map((l) => ({ label: l.title, value: l.viewers.count, total: l.viewers.total }))} />
        {csv('lecons')}
      </section>

      <section aria-labelledby="quiz-titre">
        <h2 id="quiz-titre">Résultats des quiz, question par question</h2>
        {a.quizzes.length === 0 && <p>Aucun quiz dans ce cours.</p>}
        {a.quizzes.map((q) => (
          <details key={q.quizId} className="card">
            <summary>
              {q.title} <span className="muted small">({q.kind === 'graded' ? 'évaluation notée' : 'auto-évaluation'}, toutes sessions)</span>
            </summary>
            {q.questions.length === 0 ? (
              <p>Aucune tentative terminée.</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Tentatives</th>
                    <th scope="col">Entièrement justes</th>
                    <th scope="col">Réponses les plus données</th>
                  </tr>
                </thead>
                <tbody>
                  {q.questions.map((qs) => (
                    <tr key={qs.questionId}>
                      <th scope="row">{qs.prompt}</th>
                      <td>{formatNumber(qs.attempts)}</td>
                      <td>{qs.correctRate === null ? '—' : `${formatPercent(qs.correctRate)} (${formatNumber(Math.round(qs.correctRate * qs.attempts))} / ${formatNumber(qs.attempts)})`}</td>
                      <td>
                        {qs.distribution
                          .slice(0, 3)
                          .map((d) => `${d.label} : ${formatNumber(d.count)}`)
                          .join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        ))}
        {csv('quiz')}
      </section>

      <section aria-labelledby="forum-titre">
        <h2 id="forum-titre">Forum</h2>
        <p>
          {formatNumber(a.forum.totals.threads)} sujets, {formatNumber(a.forum.totals.replies)} réponses, {formatNumber(a.forum.totals.likes)} « J’aime » (toutes sessions).
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Forum</th>
              <th scope="col">Sujets</th>
              <th scope="col">Réponses</th>
              <th scope="col">« J’aime »</th>
            </tr>
          </thead>
          <tbody>
            {a.forum.modules.map((m) => (
              <tr key={m.moduleId ?? 'cours'}>
                <th scope="row">{m.title}</th>
                <td>{formatNumber(m.threads)}</td>
                <td>{formatNumber(m.replies)}</td>
                <td>{formatNumber(m.likes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {csv('forum')}
      </section>

      <section aria-labelledby="satisfaction-titre">
        <h2 id="satisfaction-titre">Satisfaction de fin de cours</h2>
        <p>
          {formatNumber(s.respondents.count)} répondants sur {formatNumber(s.respondents.total)} inscrits. Chaque pourcentage porte sur les personnes qui ont répondu à la question.
        </p>
        <BarChart title={`Notes sur 5 (moyenne ${s.rating.mean === null ? '—' : formatNumber(s.rating.mean)})`} bars={s.rating.distribution.map((d) => ({ label: `${d.rating}/5`, value: d.count, total: s.rating.answered || undefined }))} />
        <ul>
          <li>Formation utile : {shareText(s.useful)}</li>
          <li>Recommanderaient la formation : {shareText(s.wouldRecommend)}</li>
        </ul>
        {csv('satisfaction')}
        <h3 className="h3">Commentaires ({formatNumber(s.comments.length)})</h3>
        {s.comments.length === 0 ? (
          <p>Aucun commentaire.</p>
        ) : (
          <ul className="analytics-comments">
            {s.comments.map((c, i) => (
              <li key={i}>
                <q>{c.text}</q> <span className="muted small">— {c.rating === null ? 'sans note' : `${c.rating}/5`}, le {formatDate(c.answeredAt)}</span>
              </li>
            ))}
          </ul>
        )}
        {csv('commentaires')}
      </section>
    </div>
  );
}

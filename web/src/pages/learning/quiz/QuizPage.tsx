import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { QUIZ_KINDS, type QuizForLearner } from '@palliance/core';
import { getQuiz, startAttempt } from '../../../api/quiz';
import { ApiError } from '../../../api/http';
import { RequireAuth } from '../../../session/RequireAuth';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { useLoad } from './use-load';
import './quiz.css';

export function QuizPage() {
  usePageTitle('Quiz');
  return (
    <RequireAuth>
      <QuizView />
    </RequireAuth>
  );
}

const pct = (n: number) => `${String(Math.round(n * 100) / 100).replace('.', ',')} %`;

export function quizFacts(q: QuizForLearner): string[] {
  const facts: string[] = [QUIZ_KINDS[q.kind], `${q.questionCount} question(s)${q.selection.mode === 'draw' ? ' tirées au sort' : ''}`];
  if (q.kind === 'graded') {
    facts.push(`seuil de réussite ${pct(q.passMarkPercent)}`);
    facts.push(q.maxAttempts ? `${q.maxAttempts} tentative(s)` : 'tentatives illimitées');
    if (q.timeLimitMinutes) facts.push(`${q.timeLimitMinutes} min par tentative`);
  } else facts.push('tentatives illimitées, correction immédiate');
  if (q.opensAt) facts.push(`ouvre le ${formatDateTime(q.opensAt)}`);
  if (q.closesAt) facts.push(`ferme le ${formatDateTime(q.closesAt)}`);
  if (q.isFinal) facts.push('évaluation finale : sa réussite donne l’attestation');
  return facts;
}

function QuizView() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: q, error } = useLoad((signal) => getQuiz(id, signal), [id]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(q?.title ?? 'Quiz');
  if (error) return <div className="page"><p className="alert alert-error" role="alert">{error.message}</p></div>;
  if (!q) return <Loading label="Chargement du quiz…" />;
  const open = q.attempts.find((a) => !a.submittedAt);
  const start = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const a = await startAttempt(q.id);
      navigate(`/se-former/tentatives/${a.id}`);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'La tentative n’a pas pu commencer.');
      setBusy(false);
    }
  };
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${q.courseId}`}>{q.courseTitle}</Link>{' '}
        <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${q.courseId}/quiz`}>Quiz</Link>
      </p>
      <h1>{q.title}</h1>
      {q.description && <p className="lead">{q.description}</p>}
      <ul className="quiz-facts">
        {quizFacts(q).map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      {message && (
        <p className="alert alert-error" role="alert">
          {message}
        </p>
      )}
      {q.canStart ? (
        <button type="button" className="button" disabled={busy} onClick={() => void start()}>
          {open ? 'Reprendre ma tentative' : q.attempts.length ? 'Nouvelle tentative' : 'Commencer'}
        </button>
      ) : (
        <p className="alert alert-info">{q.blockedReason}</p>
      )}
      {q.attempts.length > 0 && (
        <section aria-labelledby="tentatives-titre">
          <h2 id="tentatives-titre">Mes tentatives</h2>
          <table className="quiz-table">
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Commencée le</th>
                <th scope="col">Score</th>
                <th scope="col">Résultat</th>
              </tr>
            </thead>
            <tbody>
              {q.attempts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/se-former/tentatives/${a.id}`}>Tentative {a.number}</Link>
                  </td>
                  <td>{formatDateTime(a.startedAt)}</td>
                  <td>{a.scorePercent === null ? 'en cours' : pct(a.scorePercent)}</td>
                  <td>{a.submittedAt ? (q.kind === 'self_assessment' ? 'terminée' : a.passed ? 'réussie' : 'non réussie') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {q.mayEdit && (
        <p>
          <Link to={`/se-former/cours/${q.courseId}/quiz/gestion`}>Gérer les quiz et la banque de questions</Link>
        </p>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AnswerResult, Attempt, PlayQuestion, QuizResponse } from '@palliance/core';
import { getAttempt, saveAnswer, submitAttempt } from '../../../api/quiz';
import { ApiError } from '../../../api/http';
import { RequireAuth } from '../../../session/RequireAuth';
import { formatDateTime } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { QuestionInput, responseInWords } from './QuestionInputs';
import { useLoad } from './use-load';
import './quiz.css';

export function AttemptPage() {
  usePageTitle('Quiz');
  return (
    <RequireAuth>
      <AttemptView />
    </RequireAuth>
  );
}

const pct = (n: number) => `${String(Math.round(n * 100) / 100).replace('.', ',')} %`;

function AttemptView() {
  const { id = '' } = useParams();
  const { data: attempt, setData, error } = useLoad((signal) => getAttempt(id, signal), [id]);
  usePageTitle(attempt ? attempt.quizTitle : 'Quiz');
  if (error) return <div className="page"><p className="alert alert-error" role="alert">{error.message}</p></div>;
  if (!attempt) return <Loading label="Chargement du quiz…" />;
  return attempt.submittedAt ? <Result attempt={attempt} /> : <Player attempt={attempt} onSubmitted={setData} />;
}

function Player({ attempt, onSubmitted }: { attempt: Attempt; onSubmitted: (a: Attempt) => void }) {
  const [responses, setResponses] = useState<Record<string, QuizResponse>>(() =>
    Object.fromEntries(attempt.answers.filter((a) => a.response).map((a) => [a.questionId, a.response!])),
  );
  const [checked, setChecked] = useState<Record<string, AnswerResult>>(() =>
    attempt.quizKind === 'self_assessment' ? Object.fromEntries(attempt.answers.map((a) => [a.questionId, a])) : {},
  );
  const [saved, setSaved] = useState<Record<string, string>>(() => Object.fromEntries(attempt.answers.map((a) => [a.questionId, JSON.stringify(a.response)])));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);
  const self = attempt.quizKind === 'self_assessment';

  useEffect(() => {
    if (message) alertRef.current?.focus();
  }, [message]);

  const save = async (qid: string) => {
    const r = responses[qid];
    if (!r) return null;
    const res = await saveAnswer(attempt.id, qid, r);
    setSaved((s) => ({ ...s, [qid]: JSON.stringify(r) }));
    return res;
  };

  const check = async (qid: string) => {
    setMessage(null);
    try {
      const res = await save(qid);
      if (res) setChecked((c) => ({ ...c, [qid]: res }));
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'La réponse n’a pas pu être enregistrée.');
    }
  };

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      // Every answer not yet stored is sent first (a retry stores it once).
      for (const qid of Object.keys(responses)) if (saved[qid] !== JSON.stringify(responses[qid])) await save(qid);
      onSubmitted(await submitAttempt(attempt.id));
      window.scrollTo(0, 0);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'La remise a échoué. Réessayez dans un instant.');
    } finally {
      setBusy(false);
    }
  };

  const answered = attempt.questions.filter((q) => responses[q.id]).length;
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/quiz/${attempt.quizId}`}>{attempt.quizTitle}</Link>
      </p>
      <h1>{attempt.quizTitle}</h1>
      <p className="lead">
        {self ? 'Auto-évaluation : vérifiez chaque réponse pour voir la correction.' : `Évaluation notée, tentative ${attempt.number}. Seuil de réussite : ${pct(attempt.passMarkPercent)}.`}
        {attempt.deadlineAt && <> À remettre avant le {formatDateTime(attempt.deadlineAt)}.</>}
      </p>
      <p ref={alertRef} tabIndex={-1} role="alert" className={message ? 'alert alert-error' : 'visually-hidden'}>
        {message}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {attempt.questions.map((q, i) => (
          <div key={q.id} className="card quiz-card">
            <QuestionInput q={q} index={i} value={responses[q.id] ?? null} onChange={(r) => setResponses((s) => ({ ...s, [q.id]: r }))} disabled={busy} />
            {self && (
              <>
                <button type="button" className="button button-secondary" disabled={!responses[q.id] || busy} onClick={() => void check(q.id)}>
                  Vérifier ma réponse
                </button>
                {checked[q.id] && <Correction q={q} a={checked[q.id]} />}
              </>
            )}
          </div>
        ))}
        <p className="muted" aria-live="polite">
          {answered} question(s) répondue(s) sur {attempt.questions.length}.
        </p>
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? 'Remise en cours…' : self ? 'Terminer' : 'Remettre mes réponses'}
        </button>
      </form>
    </div>
  );
}

function Correction({ q, a }: { q: PlayQuestion; a: AnswerResult }) {
  const status = a.correct ? 'Bonne réponse' : a.points && a.points > 0 ? `Réponse partiellement juste (${pct(a.points * 100)} des points)` : a.response ? 'Réponse inexacte' : 'Sans réponse';
  return (
    <div className={`quiz-feedback ${a.correct ? 'quiz-ok' : 'quiz-ko'}`} aria-live="polite">
      <p>
        <strong>{status}.</strong>
      </p>
      {a.response && (
        <p>
          Votre réponse : {responseInWords(q, a.response)}
        </p>
      )}
      {!a.correct && a.expected && <p>Réponse attendue : {a.expected}</p>}
      {a.feedback?.map((f) => <p key={f}>{f}</p>)}
      {a.explanation && <p className="quiz-explanation">Explication : {a.explanation}</p>}
    </div>
  );
}

function Result({ attempt }: { attempt: Attempt }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const graded = attempt.quizKind === 'graded';
  const byQ = new Map(attempt.answers.map((a) => [a.questionId, a]));
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/quiz/${attempt.quizId}`}>{attempt.quizTitle}</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        Résultat : {attempt.quizTitle}
      </h1>
      <div className={`card quiz-score ${!graded || attempt.passed ? 'quiz-ok' : 'quiz-ko'}`}>
        <p className="quiz-score-value">{pct(attempt.scorePercent ?? 0)}</p>
        {graded ? (
          <p>
            <strong>{attempt.passed ? 'Réussi' : 'Non réussi'}</strong> (seuil : {pct(attempt.passMarkPercent)})
          </p>
        ) : (
          <p>Auto-évaluation terminée.</p>
        )}
        {attempt.attestationCode && (
          <p>
            Félicitations : votre attestation de réussite est prête. <Link to="/se-former/mes-attestations">Voir mes attestations</Link>
          </p>
        )}
      </div>
      {attempt.reviewShown ? (
        <section aria-labelledby="correction-titre">
          <h2 id="correction-titre">Correction</h2>
          {attempt.questions.map((q, i) => (
            <div key={q.id} className="card quiz-card">
              <h3 className="h3">
                Question {i + 1} : {q.prompt}
              </h3>
              {byQ.get(q.id) ? <Correction q={q} a={byQ.get(q.id)!} /> : <p>Sans réponse.</p>}
            </div>
          ))}
        </section>
      ) : (
        <p>La correction détaillée n’est pas (encore) affichée pour cette évaluation.</p>
      )}
      <p>
        <Link to={`/se-former/quiz/${attempt.quizId}`}>Retour au quiz</Link>
      </p>
    </div>
  );
}

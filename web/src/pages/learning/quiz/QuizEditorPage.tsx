import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { QUESTION_KINDS, QUIZ_KINDS, REVIEW_MODES, quizInputSchema, type Question, type QuizForLearner } from '@palliance/core';
import { ApiError } from '../../../api/http';
import { courseQuizzes, createQuiz, deleteQuestion, listQuestions, updateQuiz } from '../../../api/quiz';
import { RequireAuth } from '../../../session/RequireAuth';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { CourseAttestations } from './CourseAttestations';
import { QuestionForm } from './QuestionForm';
import { quizFacts } from './QuizPage';
import { useLoad } from './use-load';
import './quiz.css';

/** The teaching team's screen: the course's question bank and its quizzes' settings. */
export function QuizEditorPage() {
  usePageTitle('Gérer les quiz');
  return (
    <RequireAuth>
      <QuizEditor />
    </RequireAuth>
  );
}

function QuizEditor() {
  const { id = '' } = useParams();
  const bank = useLoad((signal) => listQuestions(id, signal), [id]);
  const quizzes = useLoad((signal) => courseQuizzes(id, signal), [id]);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [editingQuiz, setEditingQuiz] = useState<QuizForLearner | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (bank.error) return <div className="page"><p className="alert alert-error" role="alert">{bank.error.message}</p></div>;
  if (!bank.data || !quizzes.data) return <Loading label="Chargement de la banque de questions…" />;
  const questions = bank.data;

  const remove = async (q: Question) => {
    if (!window.confirm(`Supprimer la question « ${q.prompt} » ? Les tentatives déjà commencées la gardent.`)) return;
    try {
      await deleteQuestion(q.id);
      bank.reload();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'La suppression a échoué.');
    }
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${id}`}>Cours</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/se-former/cours/${id}/quiz`}>Quiz</Link> <span aria-hidden="true">›</span> Gestion
      </p>
      <h1>Quiz et banque de questions</h1>
      {message && (
        <p className="alert alert-error" role="alert">
          {message}
        </p>
      )}
      <section aria-labelledby="quiz-titre">
        <h2 id="quiz-titre">Quiz du cours</h2>
        <ul className="cards">
          {quizzes.data.map((q) => (
            <li key={q.id} className="card">
              <h3 className="h3">{q.title}</h3>
              <p className="muted small">{quizFacts(q).join(' · ')}</p>
              <button type="button" className="button button-secondary button-small" onClick={() => setEditingQuiz(q)}>
                Réglages de « {q.title} »
              </button>
            </li>
          ))}
        </ul>
        {editingQuiz ? (
          <QuizSettings
            courseId={id}
            quiz={editingQuiz === 'new' ? null : editingQuiz}
            questions={questions}
            onDone={() => {
              setEditingQuiz(null);
              quizzes.reload();
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setEditingQuiz('new')}>
            Nouveau quiz
          </button>
        )}
      </section>
      <section aria-labelledby="banque-titre">
        <h2 id="banque-titre">Banque de questions ({questions.length})</h2>
        {editing ? (
          <QuestionForm
            courseId={id}
            question={editing === 'new' ? null : editing}
            onSaved={() => {
              setEditing(null);
              bank.reload();
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Nouvelle question
          </button>
        )}
        <ol className="quiz-bank">
          {questions.map((q) => (
            <li key={q.id} className="card">
              <p>
                <strong>{q.prompt}</strong>
              </p>
              <p className="muted small">
                {QUESTION_KINDS[q.spec.kind]}
                {q.tags.length > 0 && <> · étiquettes : {q.tags.join(', ')}</>}
                {q.source && <> · source : {q.source}</>}
              </p>
              <p className="quiz-actions">
                <button type="button" className="button button-secondary button-small" onClick={() => setEditing(q)}>
                  Modifier<span className="visually-hidden"> « {q.prompt} »</span>
                </button>{' '}
                <button type="button" className="button button-danger-outline button-small" onClick={() => void remove(q)}>
                  Supprimer<span className="visually-hidden"> « {q.prompt} »</span>
                </button>
              </p>
            </li>
          ))}
        </ol>
      </section>
      <CourseAttestations courseId={id} />
    </div>
  );
}

const toLocal = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');
const fromLocal = (v: string) => (v ? new Date(v).toISOString() : null);

function QuizSettings({ courseId, quiz, questions, onDone }: { courseId: string; quiz: QuizForLearner | null; questions: Question[]; onDone: () => void }) {
  const [title, setTitle] = useState(quiz?.title ?? '');
  const [description, setDescription] = useState(quiz?.description ?? '');
  const [kind, setKind] = useState<'self_assessment' | 'graded'>(quiz?.kind ?? 'self_assessment');
  const [isFinal, setIsFinal] = useState(quiz?.isFinal ?? false);
  const [mode, setMode] = useState<'fixed' | 'draw'>(quiz?.selection.mode ?? 'fixed');
  const [picked, setPicked] = useState<string[]>(quiz?.selection.mode === 'fixed' ? quiz.selection.questionIds : []);
  const [count, setCount] = useState(quiz?.selection.mode === 'draw' ? quiz.selection.count : 5);
  const [drawTags, setDrawTags] = useState(quiz?.selection.mode === 'draw' ? (quiz.selection.tags ?? []).join(', ') : '');
  const [maxAttempts, setMaxAttempts] = useState(quiz?.maxAttempts ? String(quiz.maxAttempts) : '');
  const [passMark, setPassMark] = useState(String(quiz?.passMarkPercent ?? 70));
  const [opensAt, setOpensAt] = useState(toLocal(quiz?.opensAt ?? null));
  const [closesAt, setClosesAt] = useState(toLocal(quiz?.closesAt ?? null));
  const [timeLimit, setTimeLimit] = useState(quiz?.timeLimitMinutes ? String(quiz.timeLimitMinutes) : '');
  const [reviewMode, setReviewMode] = useState(quiz?.reviewMode ?? 'after_submit');
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    const parsed = quizInputSchema.safeParse({
      title,
      description,
      kind,
      isFinal: kind === 'graded' && isFinal,
      selection: mode === 'fixed' ? { mode, questionIds: picked } : { mode, count, tags: drawTags.split(',').map((t) => t.trim()).filter(Boolean) },
      maxAttempts: maxAttempts ? Number(maxAttempts) : null,
      passMarkPercent: kind === 'graded' ? Number(passMark) : 0,
      opensAt: fromLocal(opensAt),
      closesAt: fromLocal(closesAt),
      timeLimitMinutes: timeLimit ? Number(timeLimit) : null,
      reviewMode,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Les réglages sont incomplets.');
      return;
    }
    try {
      if (quiz) await updateQuiz(quiz.id, parsed.data);
      else await createQuiz(courseId, parsed.data);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Le quiz n’a pas pu être enregistré.');
    }
  };

  return (
    <form
      className="card quiz-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="h3">{quiz ? `Réglages de « ${quiz.title} »` : 'Nouveau quiz'}</h3>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        Titre
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label className="field">
        Présentation
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
      <fieldset className="quiz-question">
        <legend>Type</legend>
        {(Object.entries(QUIZ_KINDS) as ['self_assessment' | 'graded', string][]).map(([k, label]) => (
          <label key={k} className="quiz-choice">
            <input type="radio" name="qs-kind" checked={kind === k} onChange={() => setKind(k)} /> {label}
          </label>
        ))}
        {kind === 'graded' && (
          <label className="quiz-choice">
            <input type="checkbox" checked={isFinal} onChange={(e) => setIsFinal(e.target.checked)} /> Évaluation finale du cours (sa réussite délivre l’attestation)
          </label>
        )}
      </fieldset>
      <fieldset className="quiz-question">
        <legend>Questions</legend>
        <label className="quiz-choice">
          <input type="radio" name="qs-mode" checked={mode === 'fixed'} onChange={() => setMode('fixed')} /> Liste fixe
        </label>
        <label className="quiz-choice">
          <input type="radio" name="qs-mode" checked={mode === 'draw'} onChange={() => setMode('draw')} /> Tirage au sort dans la banque
        </label>
        {mode === 'fixed' ? (
          questions.map((q) => (
            <label key={q.id} className="quiz-choice">
              <input type="checkbox" checked={picked.includes(q.id)} onChange={(e) => setPicked(e.target.checked ? [...picked, q.id] : picked.filter((x) => x !== q.id))} /> {q.prompt}
            </label>
          ))
        ) : (
          <>
            <label className="field">
              Nombre de questions tirées
              <input type="number" min={1} value={count} onChange={(e) => setCount(Number(e.target.value))} />
            </label>
            <label className="field">
              Parmi les étiquettes (vide : toute la banque)
              <input value={drawTags} onChange={(e) => setDrawTags(e.target.value)} />
            </label>
          </>
        )}
      </fieldset>
      {kind === 'graded' && (
        <fieldset className="quiz-question">
          <legend>Évaluation</legend>
          <label className="field">
            Seuil de réussite (%)
            <input type="number" min={0} max={100} value={passMark} onChange={(e) => setPassMark(e.target.value)} />
          </label>
          <label className="field">
            Nombre de tentatives (vide : illimité)
            <input type="number" min={1} value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} />
          </label>
          <label className="field">
            Durée limite par tentative, en minutes (vide : sans limite)
            <input type="number" min={1} value={timeLimit} onChange={(e) => setTimeLimit(e.target.value)} />
          </label>
          <label className="field">
            Correction
            <select value={reviewMode} onChange={(e) => setReviewMode(e.target.value as typeof reviewMode)}>
              {Object.entries(REVIEW_MODES).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}
      <label className="field">
        Ouverture (facultatif)
        <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
      </label>
      <label className="field">
        Fermeture (facultatif)
        <input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
      </label>
      <p className="quiz-actions">
        <button type="submit" className="button">
          Enregistrer le quiz
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={onDone}>
          Annuler
        </button>
      </p>
    </form>
  );
}

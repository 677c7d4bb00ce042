import { Link, useParams } from 'react-router';
import { courseQuizzes } from '../../../api/quiz';
import { RequireAuth } from '../../../session/RequireAuth';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/page-title';
import { quizFacts } from './QuizPage';
import { useLoad } from './use-load';
import './quiz.css';

/** The quizzes of a course, with the learner's progress; the teaching team finds the editor here. */
export function CourseQuizzesPage() {
  usePageTitle('Quiz du cours');
  return (
    <RequireAuth>
      <CourseQuizzes />
    </RequireAuth>
  );
}

function CourseQuizzes() {
  const { id = '' } = useParams();
  const { data, error } = useLoad((signal) => courseQuizzes(id, signal), [id]);
  if (error) return <div className="page"><p className="alert alert-error" role="alert">{error.message}</p></div>;
  if (!data) return <Loading label="Chargement des quiz…" />;
  const mayEdit = data.some((q) => q.mayEdit);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> <Link to={`/se-former/cours/${id}`}>{data[0]?.courseTitle ?? 'Cours'}</Link>{' '}
        <span aria-hidden="true">›</span> Quiz
      </p>
      <h1>Quiz du cours</h1>
      {data.length === 0 ? (
        <p>Ce cours n’a pas encore de quiz.</p>
      ) : (
        <ul className="cards quiz-list">
          {data.map((q) => {
            const last = q.attempts.filter((a) => a.submittedAt).at(-1);
            return (
              <li key={q.id} className="card card-link">
                <h2 className="h3">
                  <Link to={`/se-former/quiz/${q.id}`}>{q.title}</Link>
                </h2>
                <p className="muted small">{quizFacts(q).join(' · ')}</p>
                {last && <p>Dernier résultat : {String(last.scorePercent).replace('.', ',')} %{q.kind === 'graded' ? (last.passed ? ' (réussi)' : ' (non réussi)') : ''}</p>}
              </li>
            );
          })}
        </ul>
      )}
      {(mayEdit || data.length === 0) && (
        <p>
          <Link to={`/se-former/cours/${id}/quiz/gestion`}>Équipe enseignante : gérer les quiz et la banque de questions</Link>
        </p>
      )}
      <p>
        <Link to="/se-former/mes-attestations">Mes attestations</Link>
      </p>
    </div>
  );
}

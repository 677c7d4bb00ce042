import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { CourseDetail, CourseSession, Enrolment } from '@palliance/core';
import { ApiError } from '../../api/http';
import { enrol, getCourse, myEnrolments, withdraw } from '../../api/learning';
import { useSession } from '../../session/session-context';
import { FormAlert, TextField, useFormFeedback } from '../../ui/forms';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { KindBadge } from './Catalogue';
import { CourseProgressPanel } from './lesson/CourseProgressPanel';
import { SatisfactionPanel } from './analytics/SatisfactionPanel';
import { LessonLink } from './lesson/LessonLink';
import { hoursPerWeek, isFull, registrationLabel, seatsLabel, sessionDates } from './learning-format';
import './learning.css';

// The teaching team's tools, downloaded only by those who may edit the course.
const CourseStructureEditor = lazy(() => import('./lesson/CourseStructureEditor').then((m) => ({ default: m.CourseStructureEditor })));

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

export function CoursePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('session');
  const { me } = useSession();
  const [course, setCourse] = useState<CourseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [enrolments, setEnrolments] = useState<Enrolment[] | null>(null);
  const [version, setVersion] = useState(0);
  usePageTitle(course ? course.title : 'Formation');

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getCourse(id, wanted, controller.signal).then(setCourse, (err: unknown) => {
      if (isAbort(err)) return;
      setError(
        err instanceof ApiError && (err.status === 404 || err.status === 400)
          ? 'Cette formation n’existe pas ou n’est pas encore publiée.'
          : err instanceof ApiError
            ? err.message
            : 'Cette formation est indisponible pour le moment.',
      );
    });
    return () => controller.abort();
  }, [id, wanted, version]);

  const userId = me?.id ?? null;
  useEffect(() => {
    if (!userId) {
      setEnrolments(null);
      return;
    }
    const controller = new AbortController();
    myEnrolments(controller.signal).then(setEnrolments, (err: unknown) => {
      if (!isAbort(err)) setEnrolments([]);
    });
    return () => controller.abort();
  }, [userId, version]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  if (error) {
    return (
      <div className="page narrow">
        <p className="breadcrumb">
          <Link to="/se-former">Se former</Link>
        </p>
        <h1>Formation introuvable</h1>
        <p className="alert alert-error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/se-former">Voir les formations ouvertes</Link>
        </p>
      </div>
    );
  }
  if (!course) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> Formation
        </p>
        <h1>Formation</h1>
        <Loading label="Chargement de la formation…" />
      </div>
    );
  }

  const c = course;
  const selected = c.sessions.find((s) => s.id === c.sessionId) ?? null;
  const mine = selected && enrolments ? (enrolments.find((e) => e.sessionId === selected.id && e.status !== 'withdrawn') ?? null) : null;
  // Forum and groups: enrolled learners (any session of the course), the teaching team and the forum animators.
  const community =
    c.mayEdit ||
    !!enrolments?.some((e) => e.courseId === c.id && e.status === 'enrolled') ||
    !!me?.roles.some((r) => r.scope === c.id && (r.role === 'teacher' || r.role === 'forum_animator'));

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/se-former">Se former</Link> <span aria-hidden="true">›</span> {c.title}
      </p>
      <h1>{c.title}</h1>
      <p className="course-meta">
        <KindBadge kind={c.kind} />
        {hoursPerWeek(c.estimatedHoursPerWeek)}
        {c.dpcReference && <> · reconnu au titre du DPC (n° {c.dpcReference})</>}
      </p>
      {c.summary && <p className="lead">{c.summary}</p>}

      <div className="course-layout">
        {/* First in reading order: on a phone the panel comes before the long programme. */}
        <aside className="card enrolment-panel" aria-labelledby="inscription-titre">
          <h2 id="inscription-titre">Inscription</h2>
          {selected ? (
            <EnrolmentPanel
              key={selected.id}
              session={selected}
              spoc={c.kind === 'spoc'}
              signedIn={me === undefined ? undefined : !!me}
              mine={userId && enrolments === null ? undefined : mine}
              onChange={refresh}
            />
          ) : (
            <p>Aucune session ouverte pour le moment.</p>
          )}
          {mine?.status === 'enrolled' && <CourseProgressPanel courseId={c.id} />}
          {mine?.status === 'enrolled' && <SatisfactionPanel sessionId={mine.sessionId} />}
        </aside>
        <div className="course-main">
          {c.description && (
            <section aria-labelledby="description-titre">
              <h2 id="description-titre">Présentation</h2>
              {c.description
                .split(/\n\s*\n/)
                .filter((p) => p.trim())
                .map((p, i) => (
                  <p key={i}>{p.trim()}</p>
                ))}
            </section>
          )}

          {c.teachers.length > 0 && (
            <section aria-labelledby="equipe-titre">
              <h2 id="equipe-titre">L’équipe enseignante</h2>
              <ul className="teacher-list">
                {c.teachers.map((t) => (
                  <li key={t.id}>
                    <strong>{t.displayName}</strong>
                    {(t.profession || t.structure) && (
                      <>
                        <br />
                        <span className="muted">{[t.profession, t.structure].filter(Boolean).join(', ')}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section aria-labelledby="sessions-titre">
            <h2 id="sessions-titre">Les sessions</h2>
            {c.sessions.length === 0 ? (
              <p>Aucune session n’est programmée pour le moment.</p>
            ) : (
              <ul className="session-list">
                {c.sessions.map((s) => (
                  <li key={s.id} className="card">
                    <h3 className="h3">
                      {s.title}
                      {s.id === c.sessionId && c.sessions.length > 1 && ' '}
                      {s.id === c.sessionId && c.sessions.length > 1 && <span className="badge badge-ok course-kind">session affichée</span>}
                    </h3>
                    <p>
                      {sessionDates(s)}
                      <br />
                      {registrationLabel(s)} · {seatsLabel(s)}
                    </p>
                    {s.id !== c.sessionId && (
                      <p>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setParams({ session: s.id }, { replace: true, preventScrollReset: true })}
                        >
                          {s.registration === 'closed' ? 'Voir le programme de cette session' : 'Voir le programme et s’inscrire à cette session'}
                          <span className="visually-hidden"> : {s.title}</span>
                        </button>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {/* Community (forum, groups): open to the enrolled learners and the teaching team. */}
          {community && (
            <section aria-labelledby="communaute-titre">
              <h2 id="communaute-titre">Échanger</h2>
              <ul>
                <li>
                  <Link to={`/se-former/cours/${c.id}/forum`}>Forum du cours</Link>
                </li>
                <li>
                  <Link to={`/se-former/cours/${c.id}/groupes`}>Groupes de travail</Link>
                </li>
                <li>
                  <Link to={`/se-former/cours/${c.id}/quiz`}>Quiz et évaluation finale</Link>
                </li>
              </ul>
            </section>
          )}

          {/* The teaching team's figures and quiz management (the server checks the same right). */}
          {c.mayEdit && (
            <section aria-labelledby="enseigner-titre">
              <h2 id="enseigner-titre">Équipe pédagogique</h2>
              <ul>
                <li>
                  <Link to={`/se-former/cours/${c.id}/analyses${c.sessionId ? `?session=${c.sessionId}` : ''}`}>Tableau de bord du cours (inscriptions, achèvement, satisfaction)</Link>
                </li>
                <li>
                  <Link to={`/se-former/cours/${c.id}/quiz/gestion`}>Gérer les quiz et les attestations</Link>
                </li>
              </ul>
            </section>
          )}

          {c.modules.length > 0 && (
            <section aria-labelledby="programme-titre">
              <h2 id="programme-titre">Le programme</h2>
              {selected && <p className="muted">Dates d’ouverture des modules pour la session « {selected.title} ».</p>}
              <ol className="programme">
                {c.modules.map((m) => (
                  <li key={m.id}>
                    <h3 className="h3">{m.title}</h3>
                    {m.opensAt && <p className="opens-at">ouvre le {formatDate(m.opensAt)}</p>}
                    {community && (
                      <p>
                        <Link to={`/se-former/cours/${c.id}/forum?module=${m.id}`}>Forum du module</Link>
                      </p>
                    )}
                    {m.lessons.length > 0 && (
                      <ol>
                        {m.lessons.map((l) => (
                          <li key={l.id}>
                            <LessonLink id={l.id} title={l.title} opensAt={m.opensAt} canOpen={c.mayEdit ? 'always' : mine?.status === 'enrolled' ? 'enrolled' : 'no'} />
                            {l.summary && <span className="muted"> — {l.summary}</span>}
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {c.mayEdit && (
            <Suspense fallback={<Loading label="Chargement des outils d’édition…" />}>
              <CourseStructureEditor course={c} onChange={setCourse} />
            </Suspense>
          )}
        </div>

      </div>
    </div>
  );
}

function EnrolmentPanel({
  session,
  spoc,
  signedIn,
  mine,
  onChange,
}: {
  session: CourseSession;
  spoc: boolean;
  /** undefined while the session is being checked. */
  signedIn: boolean | undefined;
  /** undefined while loading; null when not enrolled. */
  mine: Enrolment | null | undefined;
  onChange: () => void;
}) {
  const location = useLocation();
  const { formRef, alertRef, errors, formError, failWith, reset, clearField } = useFormFeedback();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const [focusResult, setFocusResult] = useState(0);

  useEffect(() => {
    if (focusResult) resultRef.current?.focus();
  }, [focusResult]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const header = (
    <p>
      <strong>{session.title}</strong>
      <br />
      {sessionDates(session)}
      <br />
      {registrationLabel(session)}
      <br />
      {seatsLabel(session)}
    </p>
  );

  // Announced region, present from the start so screen readers pick up its changes.
  const resultBox = (
    <div ref={resultRef} tabIndex={-1} role="status" aria-live="polite" className={result ? 'alert alert-success enrolment-result' : 'visually-hidden'}>
      {result}
    </div>
  );

  if (signedIn === undefined || mine === undefined) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }

  if (!signedIn) {
    const retour = `${location.pathname}${location.search}`;
    return (
      <>
        {header}
        {session.registration === 'open' ? (
          <>
            <p>
              <Link className="button" to={`/connexion?retour=${encodeURIComponent(retour)}`}>
                S’inscrire (gratuit, obligatoire)
              </Link>
            </p>
            <p className="small muted">
              Vous serez invité(e) à vous connecter. Pas encore de compte ? <Link to="/inscription">Créer un compte</Link>
            </p>
          </>
        ) : null}
      </>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    reset();
    setResult(null);
    setBusy(true);
    try {
      const e = await enrol(session.id, spoc ? code.trim() || undefined : undefined);
      setResult(
        e.status === 'waiting'
          ? `La session est complète : vous êtes n° ${e.waitingRank ?? '?'} sur la liste d’attente. Nous vous écrirons si une place se libère.`
          : 'Inscription confirmée. Vous recevrez les accès au début de la session.',
      );
      setFocusResult((n) => n + 1);
      onChange();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        window.location.assign(`/connexion?retour=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
        return;
      }
      failWith(err, spoc ? ['invitationCode'] : []);
    } finally {
      setBusy(false);
    }
  }

  async function confirmWithdraw() {
    setBusy(true);
    reset();
    try {
      await withdraw(session.id);
      setConfirming(false);
      setResult('Vous êtes désinscrit(e) de cette session.');
      setFocusResult((n) => n + 1);
      onChange();
    } catch (err) {
      setConfirming(false);
      failWith(err);
    } finally {
      setBusy(false);
    }
  }

  if (mine) {
    return (
      <>
        {header}
        {resultBox}
        {!result && (
          <p className={mine.status === 'waiting' ? 'alert alert-warn' : 'alert alert-success'}>
            {mine.status === 'waiting'
              ? `Vous êtes n° ${mine.waitingRank ?? '?'} sur la liste d’attente.`
              : `Vous êtes inscrit(e) depuis le ${formatDate(mine.createdAt)}.`}
          </p>
        )}
        <FormAlert alertRef={alertRef} message={formError} />
        {confirming ? (
          <div>
            <p ref={confirmRef} tabIndex={-1}>
              <strong>Confirmer la désinscription ?</strong>{' '}
              {mine.status === 'waiting' ? 'Vous perdrez votre rang sur la liste d’attente.' : 'Votre place pourra être donnée à une autre personne.'}
            </p>
            <p className="actions">
              <button type="button" className="button button-danger" onClick={() => void confirmWithdraw()} disabled={busy}>
                Oui, me désinscrire
              </button>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
                Annuler
              </button>
            </p>
          </div>
        ) : (
          <p className="actions">
            <button type="button" className="button button-danger-outline" onClick={() => setConfirming(true)}>
              Se désinscrire
            </button>
          </p>
        )}
        <p className="small">
          <Link to="/se-former/mes-formations">Mes formations</Link>
        </p>
      </>
    );
  }

  return (
    <>
      {header}
      {resultBox}
      {session.registration === 'open' ? (
        <form ref={formRef} className="form" noValidate onSubmit={(e) => void submit(e)}>
          <FormAlert alertRef={alertRef} message={formError} />
          {isFull(session) && <p className="small">La session est complète : vous serez placé(e) sur la liste d’attente.</p>}
          {spoc && (
            <TextField
              name="invitationCode"
              label="Code d’invitation"
              hint="Formation à accès restreint. Si votre accès est accordé par votre profession ou votre adresse e-mail, laissez ce champ vide."
              optional
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              value={code}
              error={errors.invitationCode}
              onChange={(e) => {
                setCode(e.target.value);
                clearField('invitationCode');
              }}
            />
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
              {busy ? 'Inscription…' : 'S’inscrire (gratuit, obligatoire)'}
            </button>
          </p>
        </form>
      ) : session.registration === 'not_yet_open' ? (
        <p>Les inscriptions ouvriront le {formatDate(session.registrationOpensAt)}.</p>
      ) : (
        <p>Les inscriptions à cette session sont closes.</p>
      )}
    </>
  );
}

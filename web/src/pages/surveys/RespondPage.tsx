import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isEnabled, type AnswerValue, type Answers, type RespondentView } from '@palliance/core';
import { ApiError } from '../../api/http';
import { respondentView, saveDraft, submitAnswers } from '../../api/surveys';
import { formatDateTime } from '../../ui/format';
import { useSession } from '../../session/session-context';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { randomKey } from './survey-format';

type Question = RespondentView['questions'][number];

/** The draft key of an anonymous respondent lives in this browser, so a reload finds the answers again. */
function draftKeyFor(token: string): string {
  const k = `palliance-questionnaire-${token}`;
  let v = localStorage.getItem(k);
  if (!v) {
    v = randomKey();
    localStorage.setItem(k, v);
  }
  return v;
}

/** Public page of a questionnaire: answers are saved as the respondent goes, then sent. */
export function RespondPage() {
  const { token = '' } = useParams();
  const [view, setView] = useState<RespondentView | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [draftKey] = useState(() => draftKeyFor(token));
  const dirty = useRef(false);
  const { me } = useSession();
  usePageTitle(view?.title ?? 'Questionnaire');

  useEffect(() => {
    const ctrl = new AbortController();
    respondentView(token, draftKey, ctrl.signal)
      .then((v) => {
        setView(v);
        if (v.mine) setAnswers(v.mine.answers as Answers);
        if (v.mine?.status === 'submitted') setSent(true);
      })
      .catch((e) => e instanceof ApiError && setError(e));
    return () => ctrl.abort();
  }, [token, draftKey]);

  const visible = (view?.questions ?? []).filter((q) => isEnabled(q, answers));
  /** Only what is shown is sent: an answer to a question hidden since is dropped. */
  const payload = () => ({ draftKey: view?.mode === 'anonymous' ? draftKey : undefined, answers: Object.fromEntries(visible.filter((q) => answers[q.linkId] !== undefined).map((q) => [q.linkId, answers[q.linkId]])) });

  // Autosave one second after the last change.
  useEffect(() => {
    if (!dirty.current || sent || view?.state !== 'open') return;
    const timer = setTimeout(() => {
      saveDraft(token, payload())
        .then((r) => setSaved(`Réponses enregistrées à ${formatDateTime(r.updatedAt).split(' ').pop()}.`))
        .catch((e) => setSaved(e instanceof ApiError ? `Non enregistré : ${e.message}` : 'Non enregistré : connexion perdue.'));
    }, 1000);
    return () => clearTimeout(timer);
  }, [answers]);

  const set = (linkId: string, v: AnswerValue | undefined) => {
    dirty.current = true;
    setAnswers((a) => {
      const next = { ...a };
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[linkId];
      else next[linkId] = v;
      return next;
    });
  };

  if (error) {
    return (
      <div className="page">
        <div role="alert" className="alert alert-error">
          {error.message}
        </div>
      </div>
    );
  }
  if (!view) return <Loading />;
  if (sent) {
    return (
      <div className="page">
        <h1>{view.title}</h1>
        <p role="status" className="alert alert-success">
          Merci : vos réponses ont été envoyées.
        </p>
      </div>
    );
  }
  let section: string | null = null;
  return (
    <div className="page">
      <h1>{view.title}</h1>
      {view.description && <p className="lead">{view.description}</p>}
      {view.state !== 'open' && (
        <p role="alert" className="alert alert-error">
          {view.state === 'closed' ? 'Ce questionnaire est clos : il n’accepte plus de réponses.' : `Ce questionnaire ouvrira le ${formatDateTime(view.opensAt!)}.`}
        </p>
      )}
      {view.mode === 'identified' && me === null && (
        <p className="alert">
          Ce questionnaire est nominatif (une réponse par personne). <Link to={`/connexion?retour=${encodeURIComponent(location.pathname)}`}>Connectez-vous</Link> pour répondre.
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          submitAnswers(token, payload())
            .then(() => setSent(true))
            .catch((err) => {
              if (err instanceof ApiError) {
                setSaved(err.message);
                if (err.field) document.getElementById(`q-${err.field.replace(/^answers\./, '')}`)?.focus();
              }
            });
        }}
      >
        {visible.map((q) => {
          const head = q.section && q.section.text !== section ? q.section.text : null;
          section = q.section?.text ?? null;
          return (
            <div key={q.linkId}>
              {head && <h2>{head}</h2>}
              <QuestionField q={q} value={answers[q.linkId]} onChange={(v) => set(q.linkId, v)} />
            </div>
          );
        })}
        <p role="status" aria-live="polite" className="hint">
          {saved}
        </p>
        <button type="submit" className="button" disabled={view.state !== 'open'}>
          Envoyer mes réponses
        </button>
      </form>
    </div>
  );
}

function QuestionField({ q, value, onChange }: { q: Question; value: AnswerValue | undefined; onChange: (v: AnswerValue | undefined) => void }) {
  const id = `q-${q.linkId}`;
  const label = (
    <>
      {q.text}
      {q.required ? ' (obligatoire)' : ''}
    </>
  );
  if (q.kind === 'single' || q.kind === 'boolean' || q.kind === 'scale') {
    const opts =
      q.kind === 'boolean'
        ? [{ code: 'true', label: 'Oui' }, { code: 'false', label: 'Non' }]
        : q.kind === 'scale'
          ? [1, 2, 3, 4, 5].map((n) => ({ code: String(n), label: String(n) }))
          : q.options;
    return (
      <fieldset className="field" id={id} tabIndex={-1}>
        <legend>{label}</legend>
        <div className={q.kind === 'scale' ? 'scale-row' : undefined}>
          {opts.map((o) => (
            <label key={o.code} className="radio">
              <input
                type="radio"
                name={q.linkId}
                checked={String(value) === o.code}
                onChange={() => onChange(q.kind === 'boolean' ? o.code === 'true' : q.kind === 'scale' ? Number(o.code) : o.code)}
              />{' '}
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  if (q.kind === 'multiple') {
    const list = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field" id={id} tabIndex={-1}>
        <legend>{label}</legend>
        {q.options.map((o) => (
          <label key={o.code} className="checkbox">
            <input type="checkbox" checked={list.includes(o.code)} onChange={(e) => onChange(e.target.checked ? [...list, o.code] : list.filter((c) => c !== o.code))} /> {o.label}
          </label>
        ))}
      </fieldset>
    );
  }
  const bounds = q.min !== undefined || q.max !== undefined ? `Entre ${q.min ?? '…'} et ${q.max ?? '…'}.` : null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {bounds && <p className="hint">{bounds}</p>}
      {q.kind === 'text' ? (
        <textarea id={id} rows={3} maxLength={5000} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          type={q.kind === 'date' ? 'date' : 'number'}
          inputMode={q.kind === 'integer' ? 'numeric' : q.kind === 'decimal' ? 'decimal' : undefined}
          step={q.kind === 'decimal' ? 'any' : 1}
          min={q.min}
          max={q.max}
          value={value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : q.kind === 'date' ? e.target.value : Number(e.target.value))}
        />
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { REQUEST_ACTIONS, type SupportRequest } from '@palliance/core';
import { getRequest, postMessage, requestAction } from '../../api/coordination';
import { ApiError } from '../../api/http';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDateTime } from '../../ui/format';
import { TextAreaField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { CLOCK_BADGE, clockLabel, reasonLabel, statusLabel, urgencyLabel } from './labels';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

export function RequestPage() {
  usePageTitle('Demande d’appui');
  return (
    <RequireAuth>
      <Request />
    </RequireAuth>
  );
}

function Request() {
  const { id = '' } = useParams();
  const req = useLoad((s) => getRequest(id, s), [id]);
  if (req.error) return <div className="page"><h1>Demande d’appui</h1><ErrorAlert message={req.error} /></div>;
  if (!req.data) return <div className="page"><Loading /></div>;
  const r = req.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span>{' '}
        {r.iAmStructure ? <Link to={`/coordination/structures/${r.structureId}`}>{r.structureName}</Link> : <Link to={`/coordination/patients/${r.patientId}`}>{r.patientName}</Link>}{' '}
        <span aria-hidden="true">›</span> Demande
      </p>
      <h1>
        {reasonLabel(r.reason)} — {r.patientName}
      </h1>
      <p>
        <strong>Statut : {statusLabel(r.status)}</strong> · <span className={CLOCK_BADGE[r.clock]}>{clockLabel(r.clock)}</span>
      </p>
      <dl>
        <dt>De</dt>
        <dd>{r.requesterName}</dd>
        <dt>À</dt>
        <dd>{r.structureName}</dd>
        <dt>Urgence</dt>
        <dd>{urgencyLabel(r.urgency)}</dd>
        <dt>Envoyée le</dt>
        <dd>{formatDateTime(r.sentAt)}</dd>
        <dt>Réponse attendue avant le</dt>
        <dd>
          {formatDateTime(r.dueAt)} ({r.responseHours}&nbsp;h calendaires)
        </dd>
        {r.firstResponseAt && (<><dt>Première réponse</dt><dd>{formatDateTime(r.firstResponseAt)}</dd></>)}
        <dt>Patient</dt>
        <dd>
          <Link to={`/coordination/patients/${r.patientId}`}>{r.patientName}</Link>, {r.patientCommune}
        </dd>
      </dl>
      {r.body && <p className="entry-body">{r.body}</p>}
      {r.evaluations.length > 0 && <p>{r.evaluations.length} évaluation(s) jointe(s) (FHIR QuestionnaireResponse).</p>}
      {r.files.length > 0 && (
        <ul>
          {r.files.map((f) => (
            <li key={f.id}>
              <a href={f.url}>{f.fileName}</a> ({Math.ceil(f.sizeBytes / 1024)} Ko)
            </li>
          ))}
        </ul>
      )}
      {r.declineReason && <p className="alert">Motif du refus : {r.declineReason}</p>}
      {r.outcomeSummary && (
        <section aria-labelledby="cr-titre" className="card">
          <h2 id="cr-titre">Compte rendu de clôture</h2>
          <p className="entry-body">{r.outcomeSummary}</p>
        </section>
      )}
      {r.actions.length > 0 && <Actions request={r} onDone={req.setData} />}
      <section aria-labelledby="fil-titre">
        <h2 id="fil-titre">Échanges</h2>
        <ul className="thread">
          {r.messages.map((m) => (
            <li key={m.id} className={m.fromStructure ? 'from-structure' : undefined}>
              <strong>{m.authorName}</strong>, {formatDateTime(m.createdAt)}
              <p className="entry-body">{m.body}</p>
            </li>
          ))}
        </ul>
        <MessageForm requestId={r.id} onDone={req.setData} />
      </section>
    </div>
  );
}

function Actions({ request, onDone }: { request: SupportRequest; onDone: (r: SupportRequest) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const needsText = request.actions.includes('decline') || request.actions.includes('close');
  async function act(action: string) {
    try {
      onDone(await requestAction(request.id, { action, reason: action === 'decline' ? text : undefined, outcome: action === 'close' ? text : undefined }));
      setText('');
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’action a échoué.');
    }
  }
  return (
    <section aria-labelledby="actions-titre">
      <h2 id="actions-titre">Répondre</h2>
      {needsText && (
        <TextAreaField
          name="decisionText"
          label={request.actions.includes('close') ? 'Compte rendu de clôture' : 'Motif (si vous déclinez)'}
          hint={request.actions.includes('close') ? 'Envoyé au demandeur et au médecin traitant.' : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
        />
      )}
      <ErrorAlert message={error} />
      <p>
        {request.actions.map((a) => (
          <button key={a} type="button" className={a === 'decline' ? 'button button-secondary' : 'button'} onClick={() => act(a)}>
            {REQUEST_ACTIONS[a]}
          </button>
        ))}
      </p>
    </section>
  );
}

function MessageForm({ requestId, onDone }: { requestId: string; onDone: (r: SupportRequest) => void }) {
  const [error, setError] = useState<string | undefined>();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    try {
      onDone(await postMessage(requestId, String(new FormData(form).get('body') ?? '')));
      form.reset();
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’envoi a échoué.');
    }
  }
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <TextAreaField name="body" label="Votre message" rows={3} error={error} />
      <button type="submit" className="button">Envoyer le message</button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { REQUEST_REASONS, supportRequestInputSchema, URGENCIES } from '@palliance/core';
import { getPatient, sendRequest, suggestedStructures, uploadFile } from '../../api/coordination';
import { RequireAuth } from '../../session/RequireAuth';
import { FormAlert, issuesToErrors, RadioGroup, SelectField, TextAreaField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { ErrorAlert, useLoad } from './use-load';
import { AttachEvaluations, evaluationsToAttach } from './AttachEvaluations';
import './coordination.css';

export function NewRequestPage() {
  usePageTitle('Nouvelle demande d’appui');
  return (
    <RequireAuth>
      <NewRequest />
    </RequireAuth>
  );
}

function NewRequest() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const patient = useLoad((s) => getPatient(id, s), [id]);
  const suggestions = useLoad((s) => suggestedStructures(id, s), [id]);
  const f = useFormFeedback();
  const [structureId, setStructureId] = useState('');
  const [urgency, setUrgency] = useState('routine');
  const [busy, setBusy] = useState(false);
  const [attached, setAttached] = useState<string[]>([]);
  // One key per form: a double click or a retry after a network error stores one request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    let evaluations;
    try {
      evaluations = await evaluationsToAttach(id, attached);
    } catch (err) {
      return f.failWith(err, []);
    }
    const parsed = supportRequestInputSchema.safeParse({
      structureId,
      reason: String(fd.get('reason') ?? ''),
      urgency,
      body: String(fd.get('body') ?? ''),
      evaluations,
      idempotencyKey,
    });
    if (!parsed.success) return f.fail(issuesToErrors(parsed.error.issues));
    setBusy(true);
    try {
      const sent = await sendRequest(id, parsed.data);
      const files = (fd.getAll('files') as File[]).filter((file) => file.size > 0);
      for (const file of files) await uploadFile(sent.id, file);
      await navigate(`/coordination/demandes/${sent.id}`);
    } catch (err) {
      f.failWith(err, ['structureId', 'reason', 'urgency', 'body']);
    } finally {
      setBusy(false);
    }
  }

  if (patient.error) return <div className="page"><h1>Nouvelle demande d’appui</h1><ErrorAlert message={patient.error} /></div>;
  if (!patient.data) return <div className="page"><Loading /></div>;
  const p = patient.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/coordination/patients/${p.id}`}>
          {p.firstName} {p.lastName}
        </Link>{' '}
        <span aria-hidden="true">›</span> Demande d’appui
      </p>
      <h1>Demande d’appui pour {p.firstName} {p.lastName}</h1>
      <p>La structure choisie rejoint le cercle de soins pour pouvoir répondre ; elle s’engage à répondre dans son délai (48&nbsp;heures calendaires par défaut).</p>
      <form ref={f.formRef} onSubmit={submit} noValidate className="inline-form">
        <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
        <ErrorAlert message={suggestions.error} />
        {!suggestions.data ? (
          <Loading label="Recherche des structures qui couvrent la commune…" />
        ) : suggestions.data.structures.length === 0 ? (
          <p className="alert">Aucune structure d’appui n’est référencée pour {suggestions.data.commune.nom} dans l’annuaire.</p>
        ) : (
          <RadioGroup
            name="structureId"
            legend={`Structures qui couvrent ${suggestions.data.commune.nom}`}
            value={structureId}
            onChange={setStructureId}
            error={f.errors.structureId}
            options={suggestions.data.structures.map((s) => ({ value: s.id, label: `${s.name} — ${s.typeLabel}${s.inCircle ? ' (déjà dans le cercle)' : ''}` }))}
          />
        )}
        <SelectField name="reason" label="Motif" placeholder="Choisissez…" options={Object.entries(REQUEST_REASONS).map(([value, label]) => ({ value, label }))} error={f.errors.reason} />
        <RadioGroup name="urgency" legend="Urgence ressentie" value={urgency} onChange={setUrgency} error={f.errors.urgency} options={Object.entries(URGENCIES).map(([value, label]) => ({ value, label }))} />
        {urgency === 'emergency' && (
          <p className="alert alert-error">En cas d’urgence vitale, appelez le 15. Une demande écrite ne remplace pas un appel.</p>
        )}
        <TextAreaField name="body" label="Votre question" optional hint="Ce que vous attendez : avis, visite conjointe, évaluation, aide à la prescription." rows={5} error={f.errors.body} />
        <AttachEvaluations patientId={id} chosen={attached} onChange={setAttached} />
        <label>
          Fichiers (PDF, JPEG ou PNG, 10 Mo au plus)
          <input type="file" name="files" multiple accept="application/pdf,image/jpeg,image/png" />
        </label>
        <button type="submit" className="button" disabled={busy}>
          Envoyer la demande
        </button>
      </form>
    </div>
  );
}

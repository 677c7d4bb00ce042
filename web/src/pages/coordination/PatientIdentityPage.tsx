import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { CONSENT_GIVERS, CONSENT_PURPOSES, consentInputSchema, parisToday, patientIdentitySchema, PLACES_OF_LIFE, SEXES, type PatientFile } from '@palliance/core';
import { addConsent, getPatient, updatePatient } from '../../api/coordination';
import { RequireAuth } from '../../session/RequireAuth';
import { CommuneSearch } from '../../ui/CommuneSearch';
import { formatDate, formatDateTime } from '../../ui/format';
import { FormAlert, issuesToErrors, SelectField, StatusMessage, TextAreaField, TextField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { label } from './labels';
import { ErrorAlert, useLoad } from './use-load';
import './coordination.css';

const options = (map: Record<string, string>) => Object.entries(map).map(([value, l]) => ({ value, label: l }));

/** Identity, place of life and consents of a patient: any member of the circle edits them; each change is in the access log. */
export function PatientIdentityPage() {
  usePageTitle('Identité et consentements');
  return (
    <RequireAuth>
      <PatientIdentity />
    </RequireAuth>
  );
}

function PatientIdentity() {
  const { id = '' } = useParams();
  const file = useLoad((s) => getPatient(id, s), [id]);
  const p = file.data;
  if (file.error) return <div className="page"><h1>Identité et consentements</h1><ErrorAlert message={file.error} /></div>;
  if (!p) return <div className="page"><Loading /></div>;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/coordination/patients/${p.id}`}>{p.firstName} {p.lastName}</Link> <span aria-hidden="true">›</span> Identité et consentements
      </p>
      <h1>Identité et consentements</h1>
      <p>Chaque modification est visible dans le journal des accès du dossier. L’identité minimale suffit ; les champs INS se remplissent quand l’identité est qualifiée.</p>
      <IdentityForm file={p} onSaved={file.setData} />
      <Consents file={p} onSaved={file.setData} />
    </div>
  );
}

function IdentityForm({ file: p, onSaved }: { file: PatientFile; onSaved: (f: PatientFile) => void }) {
  const f = useFormFeedback();
  const [communeCode, setCommuneCode] = useState(p.communeCode);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const fd = new FormData(e.currentTarget);
    const v = (k: string) => String(fd.get(k) ?? '').trim();
    const parsed = patientIdentitySchema.safeParse({
      firstName: v('firstName'),
      lastName: v('lastName'),
      birthDate: v('birthDate') || null,
      sex: v('sex') || null,
      insMatricule: v('insMatricule').replace(/\s/g, '') || null,
      insOid: v('insOid') || null,
      placeOfLife: v('placeOfLife'),
      addressLine: v('addressLine') || null,
      communeCode,
    });
    if (!parsed.success) return f.fail(issuesToErrors(parsed.error.issues));
    setBusy(true);
    try {
      onSaved(await updatePatient(p.id, parsed.data));
      f.reset();
      setSaved(true);
    } catch (err) {
      f.failWith(err, ['firstName', 'lastName', 'birthDate', 'sex', 'insMatricule', 'insOid', 'placeOfLife', 'addressLine', 'communeCode']);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="identite-titre">
      <h2 id="identite-titre">Identité et lieu de vie</h2>
      <form ref={f.formRef} onSubmit={submit} noValidate className="inline-form">
        <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
        {saved && <StatusMessage>Identité et lieu de vie enregistrés.</StatusMessage>}
        <TextField name="firstName" label="Prénom" defaultValue={p.firstName} error={f.errors.firstName} autoComplete="off" />
        <TextField name="lastName" label="Nom" defaultValue={p.lastName} error={f.errors.lastName} autoComplete="off" />
        <TextField name="birthDate" type="date" label="Date de naissance" optional defaultValue={p.birthDate ?? ''} error={f.errors.birthDate} />
        <SelectField name="sex" label="Sexe" optional placeholder="Non renseigné" defaultValue={p.sex ?? ''} options={options(SEXES)} error={f.errors.sex} />
        <TextField name="insMatricule" label="Matricule INS (NIR)" optional hint="13 ou 15 chiffres, si l’identité est qualifiée." defaultValue={p.insMatricule ?? ''} error={f.errors.insMatricule} inputMode="numeric" />
        <TextField name="insOid" label="OID INS" optional hint="L’identifiant de l’autorité d’affectation, tel qu’il figure avec le matricule." defaultValue={p.insOid ?? ''} error={f.errors.insOid} />
        <SelectField name="placeOfLife" label="Lieu de vie" defaultValue={p.placeOfLife} options={options(PLACES_OF_LIFE)} error={f.errors.placeOfLife} />
        <TextField name="addressLine" label="Adresse" optional defaultValue={p.addressLine ?? ''} error={f.errors.addressLine} autoComplete="off" />
        <CommuneSearch
          label="Commune du lieu de vie"
          hint={`Actuellement ${p.communeName} (${p.departement}). Elle sert à proposer les structures qui couvrent le patient.`}
          initialQuery={p.communeName}
          onSelect={(c) => setCommuneCode(c?.code ?? '')}
          error={f.errors.communeCode}
          fieldPath="communeCode"
        />
        <button type="submit" className="button" disabled={busy}>Enregistrer l’identité</button>
      </form>
    </section>
  );
}

function Consents({ file: p, onSaved }: { file: PatientFile; onSaved: (f: PatientFile) => void }) {
  const f = useFormFeedback();
  const [saved, setSaved] = useState(false);
  const today = parisToday(new Date());
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const form = e.currentTarget;
    const fd = new FormData(form);
    const v = (k: string) => String(fd.get(k) ?? '').trim();
    const parsed = consentInputSchema.safeParse({ purpose: v('purpose'), decision: v('decision'), givenBy: v('givenBy'), givenOn: v('givenOn') || undefined, note: v('note') });
    if (!parsed.success) return f.fail(issuesToErrors(parsed.error.issues));
    try {
      onSaved(await addConsent(p.id, parsed.data));
      form.reset();
      f.reset();
      setSaved(true);
    } catch (err) {
      f.failWith(err, ['purpose', 'decision', 'givenBy', 'givenOn', 'note']);
    }
  }
  return (
    <section aria-labelledby="consentements-titre">
      <h2 id="consentements-titre">Consentements</h2>
      {p.consents.length === 0 ? <p>Aucun consentement enregistré.</p> : (
        <table>
          <caption className="visually-hidden">Consentements enregistrés, du plus ancien au plus récent</caption>
          <thead>
            <tr><th scope="col">Pour quoi</th><th scope="col">Décision</th><th scope="col">Qui</th><th scope="col">Quand</th><th scope="col">Enregistré par</th></tr>
          </thead>
          <tbody>
            {p.consents.map((c) => (
              <tr key={c.id}>
                <td>{label(CONSENT_PURPOSES, c.purpose)}{c.note ? <span className="muted"> ({c.note})</span> : null}</td>
                <td>{c.decision === 'given' ? 'Donné' : 'Retiré'}</td>
                <td>{label(CONSENT_GIVERS, c.givenBy)}</td>
                <td>{c.givenOn ? formatDate(c.givenOn) : '—'}</td>
                <td>{c.recordedByName}, le {formatDateTime(c.recordedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Enregistrer un consentement ou son retrait</h3>
      <p className="hint">Un retrait est une nouvelle ligne : l’historique reste entier.</p>
      <form ref={f.formRef} onSubmit={submit} noValidate className="inline-form">
        <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
        {saved && <StatusMessage>Consentement enregistré.</StatusMessage>}
        <SelectField name="purpose" label="Pour quoi" options={options(CONSENT_PURPOSES)} error={f.errors.purpose} />
        <SelectField name="decision" label="Décision" options={[{ value: 'given', label: 'Donné' }, { value: 'withdrawn', label: 'Retiré' }]} error={f.errors.decision} />
        <SelectField name="givenBy" label="Qui l’a exprimé" options={options(CONSENT_GIVERS)} error={f.errors.givenBy} />
        <TextField name="givenOn" type="date" label="Quand" hint="Le jour où il a été exprimé (aujourd’hui par défaut)." max={today} defaultValue={today} optional error={f.errors.givenOn} />
        <TextAreaField name="note" label="Précision" optional rows={2} maxLength={1000} error={f.errors.note} />
        <button type="submit" className="button">Enregistrer le consentement</button>
      </form>
    </section>
  );
}

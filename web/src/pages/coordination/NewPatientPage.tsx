import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { createPatientSchema, PLACES_OF_LIFE, type Commune } from '@palliance/core';
import { createPatient } from '../../api/coordination';
import { RequireAuth } from '../../session/RequireAuth';
import { CommuneSearch } from '../../ui/CommuneSearch';
import { FormAlert, issuesToErrors, SelectField, TextField, useFormFeedback } from '../../ui/forms';
import { usePageTitle } from '../../ui/page-title';
import './coordination.css';

export function NewPatientPage() {
  usePageTitle('Ouvrir un dossier patient');
  return (
    <RequireAuth>
      <NewPatient />
    </RequireAuth>
  );
}

function NewPatient() {
  const navigate = useNavigate();
  const f = useFormFeedback();
  const [commune, setCommune] = useState<Commune | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const raw = {
      firstName: String(fd.get('firstName') ?? ''),
      lastName: String(fd.get('lastName') ?? ''),
      birthDate: String(fd.get('birthDate') ?? '') || null,
      insMatricule: String(fd.get('insMatricule') ?? '').replace(/\s/g, '') || null,
      placeOfLife: String(fd.get('placeOfLife') ?? ''),
      communeCode: commune?.code ?? '',
      gpEmail: String(fd.get('gpEmail') ?? '').trim() || undefined,
      consent: fd.get('consent') ? { purpose: 'coordination', givenBy: 'patient', note: '' } : undefined,
    };
    const parsed = createPatientSchema.safeParse(raw);
    if (!parsed.success) return f.fail(issuesToErrors(parsed.error.issues));
    setBusy(true);
    try {
      const file = await createPatient(parsed.data);
      await navigate(`/coordination/patients/${file.id}`);
    } catch (err) {
      f.failWith(err, ['firstName', 'lastName', 'birthDate', 'insMatricule', 'placeOfLife', 'communeCode', 'gpEmail']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span> Nouveau dossier
      </p>
      <h1>Ouvrir un dossier patient</h1>
      <p>Seuls les membres du cercle de soins verront ce dossier ; chaque consultation est tracée. Vous en faites partie d’emblée.</p>
      <form ref={f.formRef} onSubmit={submit} noValidate className="inline-form">
        <FormAlert alertRef={f.alertRef} message={f.formError} errors={f.errors} />
        <TextField name="firstName" label="Prénom" error={f.errors.firstName} autoComplete="off" />
        <TextField name="lastName" label="Nom" error={f.errors.lastName} autoComplete="off" />
        <TextField name="birthDate" type="date" label="Date de naissance" optional error={f.errors.birthDate} />
        <TextField name="insMatricule" label="Matricule INS (NIR)" optional hint="13 ou 15 chiffres, si l’identité est qualifiée." error={f.errors.insMatricule} inputMode="numeric" />
        <SelectField name="placeOfLife" label="Lieu de vie" options={Object.entries(PLACES_OF_LIFE).map(([value, label]) => ({ value, label }))} error={f.errors.placeOfLife} />
        <CommuneSearch label="Commune du lieu de vie" hint="Elle sert à proposer les structures qui couvrent le patient." onSelect={setCommune} error={f.errors.communeCode} fieldPath="communeCode" />
        <TextField name="gpEmail" type="email" label="Adresse e-mail du médecin traitant" optional hint="S’il a un compte Palliance et que ce n’est pas vous : il devient le pivot du cercle." error={f.errors.gpEmail} />
        <label className="checkbox">
          <input type="checkbox" name="consent" defaultChecked /> Le patient a donné son consentement à la coordination de ses soins par ce cercle
        </label>
        <button type="submit" className="button" disabled={busy}>
          Créer le dossier
        </button>
      </form>
    </div>
  );
}

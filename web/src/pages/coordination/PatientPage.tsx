import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { CONSENT_GIVERS, CONSENT_PURPOSES, ENTRY_KINDS, PLACES_OF_LIFE, type EntryKind } from '@palliance/core';
import { accessLog, addCircleMember, addEntry, getPatient, listEntries, patientRequests, removeCircleMember } from '../../api/coordination';
import { ApiError } from '../../api/http';
import { RequireAuth } from '../../session/RequireAuth';
import { formatDate, formatDateTime } from '../../ui/format';
import { SelectField, TextAreaField, TextField } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { CLOCK_BADGE, clockLabel, label, reasonLabel, roleLabel, statusLabel } from './labels';
import { ErrorAlert, useLoad } from './use-load';
import { PatientCareSections } from './PatientCareSections';
import './coordination.css';

export function PatientPage() {
  usePageTitle('Dossier patient');
  return (
    <RequireAuth>
      <Patient />
    </RequireAuth>
  );
}

function Patient() {
  const { id = '' } = useParams();
  const file = useLoad((s) => getPatient(id, s), [id]);
  const entries = useLoad((s) => listEntries(id, s), [id]);
  const requests = useLoad((s) => patientRequests(id, s), [id]);
  const [showLog, setShowLog] = useState(false);
  const p = file.data;
  if (file.error) return <div className="page"><h1>Dossier patient</h1><ErrorAlert message={file.error} /></div>;
  if (!p) return <div className="page"><Loading /></div>;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/coordination">Coordination</Link> <span aria-hidden="true">›</span> {p.firstName} {p.lastName}
      </p>
      <h1>
        {p.firstName} {p.lastName}
      </h1>
      {p.isDemo && <p className="alert">Patient fictif de démonstration.</p>}
      <section aria-labelledby="identite-titre">
        <h2 id="identite-titre">Identité et lieu de vie</h2>
        <dl>
          {p.birthDate && (<><dt>Né(e) le</dt><dd>{formatDate(p.birthDate)}</dd></>)}
          {p.insMatricule && (<><dt>Matricule INS</dt><dd>{p.insMatricule}</dd></>)}
          <dt>Lieu de vie</dt>
          <dd>
            {label(PLACES_OF_LIFE, p.placeOfLife)} — {p.addressLine ? `${p.addressLine}, ` : ''}
            {p.communeName} ({p.departement})
          </dd>
          <dt>Consentements</dt>
          <dd>
            {p.consents.length === 0 ? 'Aucun consentement enregistré.' : (
              <ul>
                {p.consents.map((c) => (
                  <li key={c.id}>
                    {c.decision === 'given' ? 'Donné' : 'Retiré'} : {label(CONSENT_PURPOSES, c.purpose)} — {label(CONSENT_GIVERS, c.givenBy)}
                    {c.givenOn ? `, le ${formatDate(c.givenOn)}` : ''} (enregistré par {c.recordedByName} le {formatDateTime(c.recordedAt)})
                    {c.note ? ` (${c.note})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
        <p>
          <Link className="button button-secondary" to={`/coordination/patients/${p.id}/identite`}>
            Modifier l’identité, le lieu de vie ou les consentements
          </Link>
        </p>
      </section>

      <section aria-labelledby="cercle-titre">
        <h2 id="cercle-titre">Cercle de soins</h2>
        <ul className="coord-list">
          {p.circle.map((m) => (
            <li key={m.id} className="card">
              <strong>{m.displayName}</strong> — {roleLabel(m.circleRole)}
              {m.relationship && ` (${m.relationship})`}
              {m.phone && ` · ${m.phone}`}
              {m.joinedThrough === 'support_request' && <span className="muted"> · arrivée par une demande d’appui</span>}{' '}
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={async () => {
                  if (!window.confirm(`Retirer ${m.displayName} du cercle ?`)) return;
                  try {
                    file.setData(await removeCircleMember(p.id, m.id));
                  } catch (err) {
                    window.alert(err instanceof ApiError ? err.message : 'Le retrait a échoué.');
                  }
                }}
              >
                Retirer
              </button>
            </li>
          ))}
        </ul>
        <AddMember patientId={p.id} onDone={file.setData} />
      </section>

      <section aria-labelledby="demandes-titre">
        <h2 id="demandes-titre">Demandes d’appui</h2>
        <p>
          <Link className="button" to={`/coordination/patients/${p.id}/demande`}>
            Nouvelle demande d’appui
          </Link>
        </p>
        <ErrorAlert message={requests.error} />
        {requests.data && requests.data.length > 0 && (
          <ul className="coord-list">
            {requests.data.map((r) => (
              <li key={r.id} className="card">
                <Link to={`/coordination/demandes/${r.id}`}>{reasonLabel(r.reason)}</Link> — {r.structureName}, {statusLabel(r.status)}{' '}
                <span className={CLOCK_BADGE[r.clock]}>{clockLabel(r.clock)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <PatientCareSections patientId={p.id} communeDepartement={p.departement} />

      <section aria-labelledby="notes" id="notes">
        <h2 id="notes-titre">Notes et cahier de liaison</h2>
        <AddEntry patientId={p.id} onDone={entries.reload} />
        <ErrorAlert message={entries.error} />
        <ul className="thread">
          {entries.data?.map((e) => (
            <li key={e.id}>
              <strong>{ENTRY_KINDS[e.kind]}</strong> — {e.authorName}, {formatDateTime(e.createdAt)}
              <p className="entry-body">{e.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="journal-titre">
        <h2 id="journal-titre">Qui a consulté ce dossier</h2>
        {showLog ? <AccessLog patientId={p.id} /> : (
          <button type="button" className="button button-secondary" onClick={() => setShowLog(true)}>
            Afficher le journal des accès
          </button>
        )}
      </section>
    </div>
  );
}

function AccessLog({ patientId }: { patientId: string }) {
  const log = useLoad((s) => accessLog(patientId, s), [patientId]);
  if (log.error) return <ErrorAlert message={log.error} />;
  if (!log.data) return <Loading />;
  return (
    <table>
      <caption className="visually-hidden">Journal des accès au dossier</caption>
      <thead>
        <tr><th scope="col">Quand</th><th scope="col">Qui</th><th scope="col">Quoi</th></tr>
      </thead>
      <tbody>
        {log.data.map((e, i) => (
          <tr key={i}>
            <td>{formatDateTime(e.at)}</td>
            <td>{e.actorName}</td>
            <td>{e.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddEntry({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const [error, setError] = useState<string | undefined>();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    try {
      await addEntry(patientId, String(fd.get('kind')) as EntryKind, String(fd.get('body') ?? ''));
      form.reset();
      setError(undefined);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’écriture a échoué.');
    }
  }
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <SelectField name="kind" label="Type" options={Object.entries(ENTRY_KINDS).map(([value, l]) => ({ value, label: l }))} />
      <TextAreaField name="body" label="Texte" hint="Visible par tout le cercle ; une entrée ne se modifie pas. Un changement du plan de traitement prévient le médecin traitant et l’infirmier(e)." error={error} rows={3} />
      <button type="submit" className="button">Ajouter</button>
    </form>
  );
}

function AddMember({ patientId, onDone }: { patientId: string; onDone: (f: Awaited<ReturnType<typeof getPatient>>) => void }) {
  const [kind, setKind] = useState<'professional' | 'structure' | 'caregiver'>('professional');
  const [error, setError] = useState<string | undefined>();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const v = (k: string) => String(fd.get(k) ?? '').trim();
    const body =
      kind === 'professional'
        ? { kind, email: v('email'), circleRole: v('circleRole') as 'nurse' }
        : kind === 'structure'
          ? { kind, structureId: v('structureId') }
          : { kind, displayName: v('displayName'), relationship: v('relationship'), phone: v('phone'), email: '' };
    try {
      onDone(await addCircleMember(patientId, body));
      form.reset();
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’ajout a échoué.');
    }
  }
  return (
    <details>
      <summary>Ajouter au cercle</summary>
      <form onSubmit={submit} className="inline-form" noValidate>
        <SelectField
          name="memberKind"
          label="Qui"
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
          options={[
            { value: 'professional', label: 'Un professionnel (avec un compte)' },
            { value: 'structure', label: 'Une structure de l’annuaire' },
            { value: 'caregiver', label: 'Un aidant familial (contact, sans accès)' },
          ]}
        />
        {kind === 'professional' && (
          <>
            <TextField name="email" type="email" label="Adresse e-mail de son compte" />
            <SelectField name="circleRole" label="Rôle" options={['gp', 'nurse', 'physiotherapist', 'pharmacist', 'other'].map((r) => ({ value: r, label: roleLabel(r) }))} />
          </>
        )}
        {kind === 'structure' && <TextField name="structureId" label="Identifiant de la structure" hint="Depuis sa fiche de l’annuaire, ou passez par une demande d’appui." />}
        {kind === 'caregiver' && (
          <>
            <TextField name="displayName" label="Nom" />
            <TextField name="relationship" label="Lien" optional />
            <TextField name="phone" type="tel" label="Téléphone" optional />
          </>
        )}
        <ErrorAlert message={error ?? null} />
        <button type="submit" className="button">Ajouter</button>
      </form>
    </details>
  );
}

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { EvaluationSheetInput, SavedEvaluation } from '@palliance/core';
import { myPatients } from '../../api/coordination';
import { saveEvaluation } from '../../api/coordination-care';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { useLoad } from './use-load';

/** On the evaluation sheet: a signed-in circle member saves it in the file of one of their patients. */
export function SaveEvaluationForPatient({ sheet }: { sheet: () => EvaluationSheetInput }) {
  const { me } = useSession();
  if (!me) return null;
  return <SaveForm sheet={sheet} />;
}

function SaveForm({ sheet }: { sheet: () => EvaluationSheetInput }) {
  const [params] = useSearchParams();
  const patients = useLoad((s) => myPatients(s), []);
  const [patientId, setPatientId] = useState(params.get('patient') ?? '');
  const [saved, setSaved] = useState<SavedEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One key per filled sheet: a double click saves once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  if (!patients.data || patients.data.length === 0) return null;
  const chosen = patientId || patients.data[0].id;
  async function save() {
    setError(null);
    const s = sheet();
    if (s.scales.length === 0) return setError('Remplissez au moins une échelle en entier avant d’enregistrer.');
    try {
      setSaved(await saveEvaluation(chosen, { scales: s.scales, pps: s.pps ?? null, idempotencyKey: key }));
      setKey(crypto.randomUUID());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’évaluation n’a pas pu être enregistrée.');
    }
  }
  return (
    <div className="card">
      <h3>Enregistrer pour un patient</h3>
      <div className="field">
        <label htmlFor="save-patient">Patient (parmi mes cercles de soins)</label>
        <select id="save-patient" value={chosen} onChange={(e) => setPatientId(e.target.value)}>
          {patients.data.map((p) => <option key={p.id} value={p.id}>{p.lastName} {p.firstName}</option>)}
        </select>
      </div>
      {error && <p className="alert alert-error" role="alert">{error}</p>}
      {saved && (
        <p className="alert" role="status">
          Évaluation enregistrée (scores recalculés par le serveur). <Link to={`/coordination/patients/${saved.patientId}#evaluations`}>Voir le dossier</Link>
        </p>
      )}
      <button type="button" className="button" onClick={save}>Enregistrer pour un patient</button>
    </div>
  );
}

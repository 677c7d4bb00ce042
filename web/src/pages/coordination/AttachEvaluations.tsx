import { listEvaluations, evaluationFhir } from '../../api/coordination-care';
import { formatDateTime } from '../../ui/format';
import { useLoad } from './use-load';

/** The patient's saved evaluations, to attach to a support request (as FHIR QuestionnaireResponse). */
export function AttachEvaluations({ patientId, chosen, onChange }: { patientId: string; chosen: string[]; onChange: (ids: string[]) => void }) {
  const data = useLoad((s) => listEvaluations(patientId, s), [patientId]);
  const evaluations = data.data?.evaluations ?? [];
  if (evaluations.length === 0) return null;
  return (
    <fieldset>
      <legend>Joindre des évaluations enregistrées</legend>
      {[...evaluations].reverse().slice(0, 10).map((e) => (
        <div className="checkbox" key={e.id}>
          <input id={`att-${e.id}`} type="checkbox" checked={chosen.includes(e.id)} onChange={(ev) => onChange(ev.target.checked ? [...chosen, e.id] : chosen.filter((x) => x !== e.id))} />
          <label htmlFor={`att-${e.id}`}>
            {formatDateTime(e.evaluatedAt)} — {e.parts.map((p) => `${p.scaleTitle} ${p.score ?? '—'}`).join(', ')}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The QuestionnaireResponses of the chosen saved evaluations, as the request carries them. */
export async function evaluationsToAttach(patientId: string, ids: string[]) {
  const bundles = await Promise.all(ids.map((id) => evaluationFhir(patientId, id)));
  return bundles.flatMap((b) => b.entry.map((e) => e.resource));
}

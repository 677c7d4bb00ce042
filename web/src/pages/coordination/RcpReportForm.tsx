import { useState, type FormEvent } from 'react';
import { parisToday } from '@palliance/core';
import { rcpOwners, writeRcpReport } from '../../api/coordination-care';
import { ApiError } from '../../api/http';
import { ErrorAlert, useLoad } from './use-load';

/**
 * The standard report of a case: summary, decisions and an optional action whose owner is picked
 * among the people the server accepts (the patient's circle and the meeting's participants).
 */
export function RcpReportForm({ caseId, myId, onDone }: { caseId: string; myId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Écrire le compte-rendu</summary>
      {open && <ReportFields caseId={caseId} myId={myId} onDone={onDone} />}
    </details>
  );
}

function ReportFields({ caseId, myId, onDone }: { caseId: string; myId: string; onDone: () => void }) {
  const owners = useLoad((s) => rcpOwners(caseId, s), [caseId]);
  const [error, setError] = useState<string | null>(null);
  const today = parisToday(new Date());
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const action = String(fd.get('action') ?? '').trim();
    setError(null);
    try {
      await writeRcpReport(caseId, {
        summary: String(fd.get('summary') ?? ''),
        decisions: String(fd.get('decisions') ?? ''),
        actions: action ? [{ label: action, ownerId: String(fd.get('ownerId') ?? ''), dueOn: String(fd.get('dueOn') ?? '') }] : [],
      });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Le compte-rendu n’a pas pu être enregistré.');
    }
  }
  const list = owners.data ?? [];
  const preselected = list.some((o) => o.userId === myId) ? myId : (list[0]?.userId ?? '');
  return (
    <form onSubmit={submit} className="stack">
      <div className="field"><label htmlFor={`s-${caseId}`}>Synthèse</label><textarea id={`s-${caseId}`} name="summary" required rows={3} /></div>
      <div className="field"><label htmlFor={`d-${caseId}`}>Décisions</label><textarea id={`d-${caseId}`} name="decisions" required rows={2} /></div>
      <fieldset>
        <legend>Action décidée (facultatif)</legend>
        <div className="field"><label htmlFor={`a-${caseId}`}>Action</label><input id={`a-${caseId}`} name="action" maxLength={1000} /></div>
        <div className="field">
          <label htmlFor={`o-${caseId}`}>Responsable</label>
          <p className="hint" id={`o-${caseId}-hint`}>Un membre du cercle de soins du patient ou un participant de la réunion ; il retrouve l’action dans « Mes actions ».</p>
          {owners.error ? <ErrorAlert message={owners.error} /> : !owners.data ? <p>Chargement de la liste…</p> : (
            <select id={`o-${caseId}`} name="ownerId" defaultValue={preselected} aria-describedby={`o-${caseId}-hint`}>
              {list.map((o) => <option key={o.userId} value={o.userId}>{o.name} — {o.reason}</option>)}
            </select>
          )}
        </div>
        <div className="field"><label htmlFor={`e-${caseId}`}>Échéance</label><input id={`e-${caseId}`} name="dueOn" type="date" min={today} /></div>
      </fieldset>
      <ErrorAlert message={error} />
      <button className="button" type="submit">Enregistrer le compte-rendu</button>
    </form>
  );
}

import { useEffect, useId, useState, type FormEvent } from 'react';
import { REPORT_STATUSES, reportAnswerSchema } from '@palliance/core';
import { answerStructureReport, listStructureReports, type StructureReport } from '../../api/directory';
import { ApiError } from '../../api/http';
import { formatDateTime, plural } from '../../ui/format';
import { FormAlert, issuesToErrors, RadioGroup, TextAreaField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { FIELD_LABELS } from './directory-format';

const ANSWER_STATUSES = (['en_cours', 'corrige', 'rejete'] as const).map((s) => ({ value: s, label: REPORT_STATUSES[s] }));
const BADGE: Record<StructureReport['status'], string> = { ouvert: 'badge-danger', en_cours: 'badge-warn', corrige: 'badge-ok', rejete: 'badge-info' };

/** Error reports on an entry, for those who may edit it: read, then answer each one. */
export function StructureReports({ id }: { id: string }) {
  const titleId = useId();
  const [reports, setReports] = useState<StructureReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listStructureReports(id, controller.signal).then(setReports, (err: unknown) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      setError(err instanceof ApiError ? err.message : 'Les signalements sont indisponibles.');
    });
    return () => controller.abort();
  }, [id]);

  const open = reports?.filter((r) => r.status === 'ouvert' || r.status === 'en_cours').length ?? 0;

  return (
    <section className="card reports" aria-labelledby={titleId}>
      <h2 id={titleId} className="h3">
        Signalements reçus{reports ? ` (${plural(open, 'à traiter', 'à traiter')})` : ''}
      </h2>
      {error ? (
        <p className="alert alert-error">{error}</p>
      ) : !reports ? (
        <Loading label="Chargement des signalements…" />
      ) : reports.length === 0 ? (
        <p>Aucun signalement sur cette fiche.</p>
      ) : (
        <ul className="report-list">
          {reports.map((r) => (
            <ReportItem key={r.id} structureId={id} report={r} onAnswered={(u) => setReports((list) => list?.map((x) => (x.id === u.id ? u : x)) ?? null)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportItem({ structureId, report, onAnswered }: { structureId: string; report: StructureReport; onAnswered: (r: StructureReport) => void }) {
  const [status, setStatus] = useState<string>(report.status === 'ouvert' ? '' : report.status);
  const [answer, setAnswer] = useState(report.answer ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const parsed = reportAnswerSchema.safeParse({ status: status || undefined, answer });
    if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
    reset();
    setBusy(true);
    try {
      onAnswered(await answerStructureReport(structureId, report.id, parsed.data));
      setSaved(true);
    } catch (err) {
      failWith(err, ['status', 'answer']);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="report-item">
      <p className="report-head">
        <span className={`badge ${BADGE[report.status]}`}>{REPORT_STATUSES[report.status]}</span>{' '}
        <span className="small muted">
          {formatDateTime(report.createdAt)}
          {report.field ? ` · ${FIELD_LABELS[report.field] ?? (report.field === 'autre' ? 'Autre' : report.field)}` : ''}
        </span>
      </p>
      <blockquote className="report-message">
        <p>{report.message}</p>
      </blockquote>
      {report.answer && (
        <p className="small">
          <strong>Réponse :</strong> {report.answer}
        </p>
      )}
      <details className="disclosure">
        <summary>{report.answer ? 'Modifier la réponse' : 'Répondre'}</summary>
        <form ref={formRef} onSubmit={onSubmit} noValidate>
          <FormAlert alertRef={alertRef} message={formError} errors={errors} />
          <RadioGroup name={`status-${report.id}`} legend="Suite donnée" options={ANSWER_STATUSES} value={status} onChange={setStatus} error={errors.status} />
          <TextAreaField
            name="answer"
            label="Réponse"
            rows={3}
            value={answer}
            error={errors.answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer la réponse'}
            </button>
          </p>
          <div aria-live="polite">{saved && <p className="alert alert-success">Réponse enregistrée.</p>}</div>
        </form>
      </details>
    </li>
  );
}

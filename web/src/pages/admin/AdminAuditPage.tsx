import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listAuditEvents, type AuditFilters, type AuditList } from '../../api/admin';
import { ApiError } from '../../api/http';
import { useSession } from '../../session/session-context';
import { formatDateTime, plural } from '../../ui/format';
import { FormAlert, TextField, useFormFeedback } from '../../ui/forms';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/page-title';
import { Pagination } from '../../ui/Pagination';

const TEXT_FILTERS = ['action', 'actor', 'objectType', 'objectId'] as const;

/** A calendar day in the visitor's time zone, as an ISO 8601 instant (start or end of that day). */
function dayToIso(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function summarizeDetails(details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k} : ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ; ');
}

export default function AdminAuditPage() {
  usePageTitle("Journal d'audit – Administration");
  const { setMe } = useSession();
  const [params, setParams] = useSearchParams();
  const [inputs, setInputs] = useState(() => ({
    action: params.get('action') ?? '',
    actor: params.get('actor') ?? '',
    objectType: params.get('objectType') ?? '',
    objectId: params.get('objectId') ?? '',
    from: params.get('du') ?? '',
    to: params.get('au') ?? '',
  }));
  const [data, setData] = useState<AuditList | null>(null);
  const [loading, setLoading] = useState(true);
  const { formRef, alertRef, errors, formError, fail, failWith, reset } = useFormFeedback();

  useEffect(() => {
    const controller = new AbortController();
    const filters: AuditFilters = { page: Math.max(1, Number(params.get('page')) || 1) };
    for (const name of TEXT_FILTERS) filters[name] = params.get(name) ?? undefined;
    filters.from = dayToIso(params.get('du') ?? '', false);
    filters.to = dayToIso(params.get('au') ?? '', true);
    setLoading(true);
    listAuditEvents(filters, controller.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ApiError && err.status === 401) setMe(null);
        setLoading(false);
        setData(null);
        failWith(err, ['from', 'to', ...TEXT_FILTERS]);
      },
    );
    return () => controller.abort();
  }, [params, setMe, failWith]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (inputs.from && inputs.to && inputs.from > inputs.to) {
      return fail({ to: 'La date de fin doit être postérieure ou égale à la date de début.' });
    }
    reset();
    const next = new URLSearchParams();
    for (const name of TEXT_FILTERS) if (inputs[name].trim()) next.set(name, inputs[name].trim());
    if (inputs.from) next.set('du', inputs.from);
    if (inputs.to) next.set('au', inputs.to);
    setParams(next);
  }

  function goToPage(p: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  }

  const set = (name: keyof typeof inputs) => (e: { target: { value: string } }) => setInputs((v) => ({ ...v, [name]: e.target.value }));

  return (
    <div className="page">
      <p className="breadcrumb">
        Administration · <Link to="/admin/utilisateurs">Utilisateurs</Link>
      </p>
      <h1>Journal d'audit</h1>
      <p className="lead">Chaque action qui compte (connexion, modification de compte, attribution de rôle…) y est inscrite : qui, quoi, quand, d'où.</p>
      <form ref={formRef} className="card filters filters-audit" role="search" aria-label="Filtrer le journal" onSubmit={onSubmit} noValidate>
        <FormAlert alertRef={alertRef} message={formError} errors={errors} />
        <TextField name="action" label="Action" required={false} hint="Début du nom, ex. auth. ou admin." value={inputs.action} onChange={set('action')} error={errors.action} />
        <TextField name="actor" label="Auteur (e-mail)" required={false} value={inputs.actor} onChange={set('actor')} error={errors.actor} />
        <TextField name="objectType" label="Type d'objet" required={false} hint="Ex. user" value={inputs.objectType} onChange={set('objectType')} error={errors.objectType} />
        <TextField name="objectId" label="Identifiant de l'objet" required={false} value={inputs.objectId} onChange={set('objectId')} error={errors.objectId} />
        <TextField name="from" type="date" label="Du" required={false} value={inputs.from} onChange={set('from')} error={errors.from} />
        <TextField name="to" type="date" label="Au" required={false} value={inputs.to} onChange={set('to')} error={errors.to} />
        <div className="actions">
          <button type="submit" className="button">
            Filtrer
          </button>
        </div>
      </form>

      {loading && !data ? (
        <Loading label="Chargement du journal…" />
      ) : data ? (
        <section aria-labelledby="evenements-titre" aria-busy={loading}>
          <h2 id="evenements-titre" className="h3">
            {plural(data.total, 'événement', 'événements')}
          </h2>
          {data.events.length === 0 ? (
            <p>Aucun événement ne correspond à ces filtres.</p>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="journal-caption" tabIndex={0}>
              <table className="table table-audit">
                <caption id="journal-caption" className="visually-hidden">
                  Événements du journal d'audit, du plus récent au plus ancien
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Auteur</th>
                    <th scope="col">Action</th>
                    <th scope="col">Objet</th>
                    <th scope="col">Adresse IP</th>
                    <th scope="col">Détails</th>
                  </tr>
                </thead>
                <tbody>
                  {data.events.map((ev) => (
                    <tr key={ev.id}>
                      <td className="nowrap">
                        <time dateTime={ev.at}>{formatDateTime(ev.at)}</time>
                      </td>
                      <td>{ev.actorEmail ?? <span className="muted">système</span>}</td>
                      <td>
                        <code>{ev.action}</code>
                      </td>
                      <td>
                        {ev.objectType}
                        {ev.objectId && (
                          <>
                            <br />
                            <code className="small">{ev.objectId}</code>
                          </>
                        )}
                      </td>
                      <td>{ev.ip ?? '—'}</td>
                      <td className="small">{summarizeDetails(ev.details)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={goToPage} label="Pages du journal" />
        </section>
      ) : null}
    </div>
  );
}

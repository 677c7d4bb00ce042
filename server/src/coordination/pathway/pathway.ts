import { sql } from 'drizzle-orm';
import { CARE_PLACES, mergePathway, REQUEST_REASONS, type CarePlaceKind, type PathwayEvent, type RequestReason } from '@palliance/core';
import type { z } from 'zod';
import type { carePlaceInputSchema } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { carePlaceStay } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { assertCircleMember, readAsCircleMember } from '../patient-access';
import { patientLink } from '../circle-notify';

const rowsOf = async <T>(db: Db, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const iso = (d: Date | string) => new Date(d).toISOString();

const DORMANT_EVENTS: Record<string, string> = {
  created: 'Dossier dormant HAD préparé',
  document_added: 'Prescription anticipée jointe au dossier dormant',
  activated: 'Dossier dormant HAD activé',
  closed: 'Dossier dormant HAD clos',
};

/** A place of care entered by a circle member (a stay at home, in USP, a day-hospital session...). */
export async function addCarePlace(deps: AppDeps, actor: Actor | null, patientId: string, input: z.output<typeof carePlaceInputSchema>, ctx: RequestContext): Promise<PathwayEvent[]> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(carePlaceStay)
      .values({ patientId, kind: input.kind, label: input.label, startedOn: input.startedOn, endedOn: input.endedOn ?? null, note: input.note, createdBy: access.actor.id, createdAt: now })
      .returning({ id: carePlaceStay.id });
    await recordAuditEvent(tx, access.actor, ctx, { action: 'patient.care_place_added', objectType: 'patient', objectId: patientId, details: { stayId: r.id, kind: input.kind } });
  });
  return buildPathway(deps.db, patientId);
}

/** The pathway from every source, merged in time order (pure merge in core: mergePathway). */
export async function buildPathway(db: Db, patientId: string): Promise<PathwayEvent[]> {
  const places = await rowsOf<{ id: string; kind: CarePlaceKind; label: string; started_on: string; ended_on: string | null; note: string }>(
    db,
    sql`SELECT id, kind, label, started_on::text AS started_on, ended_on::text AS ended_on, note FROM care_place_stay WHERE patient_id = ${patientId}`,
  );
  const requests = await rowsOf<{ id: string; structure_name: string; reason: RequestReason; status: string; sent_at: Date }>(
    db,
    sql`SELECT id, structure_name, reason, status, sent_at FROM support_request WHERE patient_id = ${patientId}`,
  );
  const cases = await rowsOf<{ id: string; title: string; question: string; status: string; meeting_at: Date; discussed_at: Date | null; report: { summary: string; decisions: string } | null }>(
    db,
    sql`SELECT c.id, s.title, c.question, c.status, c.meeting_at, c.discussed_at, c.report FROM rcp_case c JOIN rcp_series s ON s.id = c.series_id WHERE c.patient_id = ${patientId}`,
  );
  // The actions decided in a report travel with it, with their owner and where they stand.
  const actions = await rowsOf<{ case_id: string; label: string; owner_name: string; due_on: string; done_at: Date | null }>(
    db,
    sql`SELECT a.case_id, a.label, coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.email) AS owner_name, a.due_on::text AS due_on, a.done_at
        FROM rcp_action a JOIN app_user u ON u.id = a.owner_id WHERE a.patient_id = ${patientId} ORDER BY a.due_on, a.id`,
  );
  const frDay = (d: string) => d.split('-').reverse().join('/');
  const actionLines = (caseId: string) =>
    actions.filter((a) => a.case_id === caseId).map((a) => `\nAction : ${a.label} — ${a.owner_name}, pour le ${frDay(a.due_on)}${a.done_at ? ' (faite)' : ''}`).join('');
  const evaluations = await rowsOf<{ id: string; evaluated_at: Date; evaluator_name: string; parts: { scaleTitle: string; score: number | null }[] }>(
    db,
    sql`SELECT id, evaluated_at, evaluator_name, parts FROM saved_evaluation WHERE patient_id = ${patientId}`,
  );
  const dormant = await rowsOf<{ id: number; kind: string; actor_name: string; at: Date; structure_name: string }>(
    db,
    sql`SELECT e.id, e.kind, e.actor_name, e.at, f.structure_name FROM dormant_file_event e JOIN dormant_file f ON f.id = e.dormant_file_id WHERE e.patient_id = ${patientId}`,
  );
  const link = patientLink(patientId);
  return mergePathway(
    places.map((p) => ({
      source: 'place',
      id: `place:${p.id}`,
      at: p.started_on,
      until: p.ended_on,
      title: CARE_PLACES[p.kind] + (p.label ? ` : ${p.label}` : ''),
      detail: p.note,
    })),
    requests.map((r) => ({ source: 'request', id: `request:${r.id}`, at: iso(r.sent_at), title: `Demande d'appui à ${r.structure_name}`, detail: REQUEST_REASONS[r.reason] ?? r.reason, link: `/coordination/demandes/${r.id}` })),
    cases.map((c) => ({
      source: 'rcp',
      id: `rcp:${c.id}`,
      at: iso(c.discussed_at ?? c.meeting_at),
      title: c.status === 'discussed' ? `Discuté en ${c.title}` : `Inscrit à ${c.title}`,
      detail: c.report ? `Question : ${c.question}\nSynthèse : ${c.report.summary}\nDécisions : ${c.report.decisions}${actionLines(c.id)}` : `Question : ${c.question}`,
      link: `${link}#rcp`,
    })),
    evaluations.map((e) => ({
      source: 'evaluation',
      id: `evaluation:${e.id}`,
      at: iso(e.evaluated_at),
      title: 'Évaluation enregistrée',
      detail: `${e.parts.map((p) => `${p.scaleTitle} ${p.score ?? '—'}`).join(', ')} (${e.evaluator_name})`,
      link: `${link}#evaluations`,
    })),
    dormant.map((d) => ({ source: 'dormant', id: `dormant:${d.id}`, at: iso(d.at), title: DORMANT_EVENTS[d.kind] ?? d.kind, detail: `${d.structure_name} — ${d.actor_name}`, link: `${link}#dormant` })),
  );
}

export async function readPathway(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<PathwayEvent[]> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'pathway');
  return buildPathway(deps.db, patientId);
}

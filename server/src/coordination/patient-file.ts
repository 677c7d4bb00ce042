import { sql } from 'drizzle-orm';
import type { AccessLogEntry, CircleMember, Consent, PatientEntry, PatientFile, PatientSummary } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { getStructure } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { notFound } from '../http/errors';
import { requireActor } from '../http/permissions';
import { actorStructureIds, readAsCircleMember, type CircleAccess } from './patient-access';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

interface PatientRow {
  id: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  sex: string | null;
  ins_matricule: string | null;
  ins_oid: string | null;
  place_of_life: PatientSummary['placeOfLife'];
  address_line: string | null;
  commune_code: string;
  commune_name: string;
  departement: string;
  is_demo: boolean;
  created_at: Date;
  updated_at: Date;
}

const myRoleOf = (access: Pick<CircleAccess, 'personalRoles' | 'viaStructures'>) => access.personalRoles[0] ?? (access.viaStructures.length ? 'structure' : 'other');

export async function loadPatientRow(db: Db, patientId: string): Promise<PatientRow | undefined> {
  const res = (await db.execute(sql`
    SELECT p.id, p.first_name, p.last_name, p.birth_date::text AS birth_date, p.sex, p.ins_matricule, p.ins_oid, p.place_of_life, p.address_line,
           p.commune_code, c.nom AS commune_name, c.departement, p.is_demo, p.created_at, p.updated_at
    FROM patient p JOIN commune c ON c.code = p.commune_code WHERE p.id = ${patientId}`)) as unknown as { rows: PatientRow[] };
  return res.rows[0];
}

export async function loadCircle(db: Db, patientId: string, now: Date): Promise<CircleMember[]> {
  const res = (await db.execute(sql`
    SELECT m.id, m.kind, m.circle_role, m.user_id, m.structure_id, m.display_name, m.relationship, m.phone, m.email, m.joined_through, m.added_at,
           u.first_name, u.last_name, u.profession, u.email AS user_email
    FROM care_circle_member m LEFT JOIN app_user u ON u.id = m.user_id
    WHERE m.patient_id = ${patientId} AND m.removed_at IS NULL
    ORDER BY CASE m.circle_role WHEN 'gp' THEN 0 WHEN 'nurse' THEN 1 WHEN 'structure' THEN 5 WHEN 'caregiver' THEN 6 ELSE 2 END, m.added_at`)) as unknown as {
    rows: {
      id: string; kind: CircleMember['kind']; circle_role: CircleMember['circleRole']; user_id: string | null; structure_id: string | null; display_name: string;
      relationship: string; phone: string; email: string; joined_through: CircleMember['joinedThrough']; added_at: Date;
      first_name: string | null; last_name: string | null; profession: string | null; user_email: string | null;
    }[];
  };
  const out: CircleMember[] = [];
  for (const r of res.rows) {
    let displayName = r.display_name;
    if (r.kind === 'professional') displayName = `${r.first_name} ${r.last_name}`;
    // Structure names come from the directory's own reader (few structures per circle).
    if (r.kind === 'structure') displayName = (await getStructure(db, r.structure_id!, now))?.name ?? 'Structure retirée de l’annuaire';
    out.push({
      id: r.id,
      kind: r.kind,
      circleRole: r.circle_role,
      userId: r.user_id,
      structureId: r.structure_id,
      displayName,
      profession: r.profession,
      relationship: r.relationship,
      phone: r.phone,
      email: r.kind === 'professional' ? (r.user_email ?? '') : r.email,
      joinedThrough: r.joined_through,
      addedAt: iso(r.added_at)!,
    });
  }
  return out;
}

async function loadConsents(db: Db, patientId: string): Promise<Consent[]> {
  const res = (await db.execute(sql`
    SELECT k.id, k.purpose, k.decision, k.given_by, k.given_on::text AS given_on, k.note, k.recorded_by, k.recorded_at,
           coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), 'Compte supprimé') AS recorded_by_name
    FROM patient_consent k LEFT JOIN app_user u ON u.id = k.recorded_by WHERE k.patient_id = ${patientId} ORDER BY k.recorded_at, k.id`)) as unknown as {
    rows: {
      id: string; purpose: Consent['purpose']; decision: Consent['decision']; given_by: Consent['givenBy']; given_on: string | null; note: string;
      recorded_by: string | null; recorded_at: Date; recorded_by_name: string;
    }[];
  };
  return res.rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    decision: r.decision,
    givenBy: r.given_by,
    givenOn: r.given_on,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at)!,
  }));
}

function toSummary(p: PatientRow, myRole: string): PatientSummary {
  return {
    id: p.id,
    firstName: p.first_name,
    lastName: p.last_name,
    birthDate: p.birth_date,
    communeCode: p.commune_code,
    communeName: p.commune_name,
    departement: p.departement,
    placeOfLife: p.place_of_life,
    myRole,
    isDemo: p.is_demo,
    updatedAt: iso(p.updated_at)!,
  };
}

/** The whole file as a circle member sees it; callers have checked access already. */
export async function buildPatientFile(db: Db, access: CircleAccess, now: Date): Promise<PatientFile> {
  const p = await loadPatientRow(db, access.patientId);
  if (!p) throw notFound("Ce dossier patient n'existe pas ou vous ne faites pas partie de son cercle de soins.");
  return {
    ...toSummary(p, myRoleOf(access)),
    sex: p.sex,
    insMatricule: p.ins_matricule,
    insOid: p.ins_oid,
    addressLine: p.address_line,
    createdAt: iso(p.created_at)!,
    consents: await loadConsents(db, p.id),
    circle: await loadCircle(db, p.id, now),
  };
}

export async function readPatientFile(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<PatientFile> {
  const access = await readAsCircleMember(deps, actor, patientId, ctx, 'file');
  return buildPatientFile(deps.db, access, deps.now());
}

/** "My circles": the patients the user cares for, in person or through their structures. */
export async function listMyPatients(deps: AppDeps, actor: Actor | null, ctx: RequestContext): Promise<PatientSummary[]> {
  const a = requireActor(actor);
  const structures = actorStructureIds(a);
  const res = (await deps.db.execute(sql`
    SELECT p.id, p.first_name, p.last_name, p.birth_date::text AS birth_date, p.place_of_life, p.commune_code, c.nom AS commune_name, c.departement,
           p.is_demo, p.updated_at,
           array_agg(m.circle_role ORDER BY m.circle_role) FILTER (WHERE m.user_id = ${a.id}) AS personal_roles,
           bool_or(m.structure_id IS NOT NULL) AS via_structure
    FROM care_circle_member m
    JOIN patient p ON p.id = m.patient_id
    JOIN commune c ON c.code = p.commune_code
    WHERE m.removed_at IS NULL AND (m.user_id = ${a.id} OR m.structure_id = ANY (${`{${structures.join(',')}}`}::uuid[]))
    GROUP BY p.id, c.nom, c.departement
    ORDER BY p.last_name, p.first_name
    LIMIT 1000`)) as unknown as { rows: (PatientRow & { personal_roles: string[] | null; via_structure: boolean })[] };
  await recordAuditEvent(deps.db, a, ctx, { action: 'patient.list_read', objectType: 'user', objectId: a.id, details: { count: res.rows.length } });
  return res.rows.map((r) => toSummary(r, r.personal_roles?.[0] ?? (r.via_structure ? 'structure' : 'other')));
}

export async function listEntries(deps: AppDeps, actor: Actor | null, patientId: string, kind: string | undefined, ctx: RequestContext): Promise<PatientEntry[]> {
  await readAsCircleMember(deps, actor, patientId, ctx, kind ? `entries:${kind}` : 'entries');
  const res = (await deps.db.execute(sql`
    SELECT id, kind, body, author_id, author_name, structure_id, created_at FROM patient_entry
    WHERE patient_id = ${patientId} ${kind ? sql`AND kind = ${kind}` : sql``}
    ORDER BY created_at DESC, id LIMIT 500`)) as unknown as {
    rows: { id: string; kind: PatientEntry['kind']; body: string; author_id: string | null; author_name: string; structure_id: string | null; created_at: Date }[];
  };
  return res.rows.map((r) => ({ id: r.id, kind: r.kind, body: r.body, authorId: r.author_id, authorName: r.author_name, structureId: r.structure_id, createdAt: iso(r.created_at)! }));
}

const ACTION_LABELS: Record<string, string> = {
  'patient.read': 'a consulté le dossier',
  'patient.created': 'a créé le dossier',
  'patient.updated': "a modifié l'identité ou le lieu de vie",
  'patient.consent_recorded': 'a enregistré un consentement',
  'patient.rcp_case_submitted': 'a présenté le cas en mini-RCP',
  'patient.rcp_report_written': 'a écrit le compte-rendu de mini-RCP',
  'patient.rcp_action_done': 'a marqué une action de mini-RCP comme faite',
  'patient.circle_added': 'a ajouté un membre au cercle',
  'patient.circle_removed': 'a retiré un membre du cercle',
  'patient.entry_added': 'a écrit dans le dossier',
  'patient.access_denied': "a tenté d'ouvrir le dossier sans faire partie du cercle (refusé)",
  'support_request.sent': "a envoyé une demande d'appui",
  'support_request.status_changed': "a fait avancer une demande d'appui",
  'support_request.message': "a écrit dans une demande d'appui",
  'support_request.file_added': "a joint un fichier à une demande d'appui",
};
const READ_LABELS: Record<string, string> = {
  file: 'a consulté le dossier',
  entries: 'a lu les notes et le cahier de liaison',
  'entries:note': 'a lu les notes partagées',
  'entries:notebook': 'a lu le cahier de liaison',
  'entries:treatment_plan': 'a lu les changements du plan de traitement',
  access_log: 'a consulté le journal des accès',
  requests: "a consulté les demandes d'appui",
  request: "a lu une demande d'appui",
  request_file: "a ouvert un fichier joint à une demande d'appui",
  suggestions: 'a consulté les structures qui couvrent la commune',
  rcp_cases: 'a consulté les cas présentés en mini-RCP',
  rcp_owners: 'a consulté les responsables possibles d’une action de mini-RCP',
};

/** Who opened or changed the file, and when (from the audit trail, the last 300 events). */
export async function readAccessLog(deps: AppDeps, actor: Actor | null, patientId: string, ctx: RequestContext): Promise<AccessLogEntry[]> {
  await readAsCircleMember(deps, actor, patientId, ctx, 'access_log');
  const res = (await deps.db.execute(sql`
    SELECT e.at, e.actor_id, e.actor_email, e.action, e.details, u.first_name, u.last_name
    FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
    WHERE e.object_type = 'patient' AND e.object_id = ${patientId}
    ORDER BY e.at DESC, e.id DESC LIMIT 300`)) as unknown as {
    rows: { at: Date; actor_id: string | null; actor_email: string | null; action: string; details: Record<string, unknown> | null; first_name: string | null; last_name: string | null }[];
  };
  return res.rows.map((r) => ({
    at: iso(r.at)!,
    actorId: r.actor_id,
    actorName: r.first_name ? `${r.first_name} ${r.last_name}` : (r.actor_email ?? 'Système'),
    action: r.action,
    label: (r.action === 'patient.read' ? READ_LABELS[String(r.details?.what)] : undefined) ?? ACTION_LABELS[r.action] ?? r.action,
  }));
}

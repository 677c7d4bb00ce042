import { eq, sql } from 'drizzle-orm';
import { defaultCircleRole, parisToday, type ConsentInput, type CreatePatientInput, type PatientFile, type PatientIdentityInput } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { findUserByEmail, findUserById } from '../accounts/queries';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { careCircleMember, patient, patientConsent } from '../db/schema';
import { communeInfo } from '../directory/queries';
import type { Actor, RequestContext } from '../http/actor';
import { badInput } from '../http/errors';
import { requireActor } from '../http/permissions';
import { createNotifications, deliverNotificationMails, type NotificationInput } from '../notifications/in-app/notify';
import { patientInitials, patientLink } from './circle-notify';
import { assertCircleMember } from './patient-access';
import { buildPatientFile } from './patient-file';

async function checkCommune(deps: AppDeps, code: string) {
  const c = await communeInfo(deps.handle, code);
  if (!c) throw badInput('communeCode', "Cette commune n'existe pas : choisissez-la dans la liste.");
  return c;
}

const identityValues = (input: PatientIdentityInput) => ({
  firstName: input.firstName,
  lastName: input.lastName,
  birthDate: input.birthDate ?? null,
  sex: input.sex ?? null,
  insMatricule: input.insMatricule ?? null,
  insOid: input.insOid ?? null,
  placeOfLife: input.placeOfLife,
  addressLine: input.addressLine ?? null,
  communeCode: input.communeCode,
});

/** The day a consent was given: by default the day it is recorded (Paris), never a day to come. */
function consentDay(c: ConsentInput, now: Date, field: string): string {
  const today = parisToday(now);
  if (c.givenOn && c.givenOn > today) throw badInput(field, 'La date du consentement ne peut pas être dans le futur.');
  return c.givenOn ?? today;
}

async function insertConsent(tx: Db, a: Actor, ctx: RequestContext, patientId: string, c: ConsentInput, givenOn: string, now: Date) {
  const [row] = await tx
    .insert(patientConsent)
    .values({ patientId, purpose: c.purpose, decision: c.decision, givenBy: c.givenBy, givenOn, note: c.note, recordedBy: a.id, recordedAt: now })
    .returning({ id: patientConsent.id });
  await recordAuditEvent(tx, a, ctx, {
    action: 'patient.consent_recorded',
    objectType: 'patient',
    objectId: patientId,
    details: { consentId: row.id, purpose: c.purpose, decision: c.decision, givenBy: c.givenBy, givenOn },
  });
}

/**
 * Opens a patient file. Its creator is in the circle (as GP when they are one, or in the role they
 * chose); a GP named at creation joins as the pivot and is told so.
 */
export async function createPatient(deps: AppDeps, actor: Actor | null, input: CreatePatientInput, ctx: RequestContext, opts: { isDemo?: boolean } = {}): Promise<PatientFile> {
  const a = requireActor(actor);
  await checkCommune(deps, input.communeCode);
  const me = await findUserById(deps.db, a.id);
  const myRole = input.myRole ?? defaultCircleRole(me?.profession ?? 'autre');
  let gp: { id: string } | undefined;
  if (input.gpEmail && input.gpEmail !== a.email.toLowerCase()) {
    gp = await findUserByEmail(deps.db, input.gpEmail);
    if (!gp) throw badInput('gpEmail', "Aucun compte Palliance n'utilise cette adresse : le médecin traitant doit d'abord créer son compte.");
  }
  const now = deps.now();
  const consentOn = input.consent ? consentDay(input.consent, now, 'consent.givenOn') : null;
  const { patientId, created } = await deps.db.transaction(async (tx) => {
    const [p] = await tx.insert(patient).values({ ...identityValues(input), isDemo: opts.isDemo ?? false, createdBy: a.id, createdAt: now, updatedAt: now }).returning({ id: patient.id });
    await tx.insert(careCircleMember).values({ patientId: p.id, kind: 'professional', circleRole: myRole, userId: a.id, joinedThrough: 'creator', addedBy: a.id, addedAt: now });
    await recordAuditEvent(tx, a, ctx, { action: 'patient.created', objectType: 'patient', objectId: p.id, details: { myRole, communeCode: input.communeCode } });
    const notes: NotificationInput[] = [];
    if (gp) {
      await tx.insert(careCircleMember).values({ patientId: p.id, kind: 'professional', circleRole: 'gp', userId: gp.id, addedBy: a.id, addedAt: now });
      await recordAuditEvent(tx, a, ctx, { action: 'patient.circle_added', objectType: 'patient', objectId: p.id, details: { kind: 'professional', userId: gp.id, circleRole: 'gp' } });
      notes.push({ userId: gp.id, kind: 'circle.added', title: `Vous êtes le médecin traitant (pivot) du cercle de soins de ${await patientInitials(tx, p.id)}`, link: patientLink(p.id) });
    }
    if (input.consent) await insertConsent(tx, a, ctx, p.id, input.consent, consentOn!, now);
    return { patientId: p.id, created: await createNotifications(tx, notes, now) };
  });
  await deliverNotificationMails(deps, created);
  return buildPatientFile(deps.db, { actor: a, patientId, personalRoles: [myRole], viaStructures: [] }, deps.now());
}

export async function updatePatientIdentity(deps: AppDeps, actor: Actor | null, patientId: string, input: PatientIdentityInput, ctx: RequestContext): Promise<PatientFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  await checkCommune(deps, input.communeCode);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(patient).where(eq(patient.id, patientId));
    const values = identityValues(input);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => (before[k] ?? null) !== (values[k] ?? null));
    await tx.update(patient).set({ ...values, updatedAt: now }).where(eq(patient.id, patientId));
    await recordAuditEvent(tx, access.actor, ctx, { action: 'patient.updated', objectType: 'patient', objectId: patientId, details: { changed } });
  });
  return buildPatientFile(deps.db, access, now);
}

export async function recordConsent(deps: AppDeps, actor: Actor | null, patientId: string, input: ConsentInput, ctx: RequestContext): Promise<PatientFile> {
  const access = await assertCircleMember(deps, actor, patientId, ctx);
  const now = deps.now();
  const givenOn = consentDay(input, now, 'givenOn');
  await deps.db.transaction(async (tx) => {
    await insertConsent(tx, access.actor, ctx, patientId, input, givenOn, now);
    await tx.execute(sql`UPDATE patient SET updated_at = ${now} WHERE id = ${patientId}`);
  });
  return buildPatientFile(deps.db, access, now);
}

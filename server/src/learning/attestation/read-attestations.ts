import { desc, eq } from 'drizzle-orm';
import type { Attestation, AttestationPublic } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import { attestation } from '../../db/schema';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { can, requireActor } from '../../http/permissions';

export type AttestationRow = typeof attestation.$inferSelect;

const iso = (d: Date | string) => new Date(d).toISOString();

export const verifyUrl = (publicUrl: string, code: string) => `${publicUrl}/verifier/${encodeURIComponent(code)}`;

/** Only what a third party needs to check the document: no e-mail, no profession, no account id. */
export const toPublic = (r: AttestationRow): AttestationPublic => ({
  code: r.code,
  status: r.revokedAt ? 'révoquée' : 'valide',
  learnerName: r.learnerName,
  courseTitle: r.courseTitle,
  sessionStartsAt: iso(r.sessionStartsAt),
  sessionEndsAt: iso(r.sessionEndsAt),
  hours: r.hours,
  scorePercent: r.scorePercent,
  dpcReference: r.dpcReference,
  issuedAt: iso(r.issuedAt),
  revokedAt: r.revokedAt ? iso(r.revokedAt) : null,
  revocationReason: r.revocationReason,
});

export const toAttestation = (r: AttestationRow, publicUrl: string): Attestation => ({
  ...toPublic(r),
  id: r.id,
  courseId: r.courseId,
  profession: r.profession,
  verifyUrl: verifyUrl(publicUrl, r.code),
});

export async function findByCode(db: Db, code: string): Promise<AttestationRow | null> {
  const [row] = await db.select().from(attestation).where(eq(attestation.code, code.trim().toUpperCase()));
  return row ?? null;
}

export async function publicAttestation(deps: AppDeps, code: string): Promise<AttestationPublic> {
  const row = await findByCode(deps.db, code);
  if (!row) throw notFound('Attestation introuvable : vérifiez le code saisi.');
  return toPublic(row);
}

export async function myAttestations(deps: AppDeps, actor: Actor | null): Promise<Attestation[]> {
  const a = requireActor(actor);
  const rows = await deps.db.select().from(attestation).where(eq(attestation.userId, a.id)).orderBy(desc(attestation.issuedAt));
  return rows.map((r) => toAttestation(r, deps.config.publicUrl));
}

/** Its holder, the course's teaching team and admins may read the full attestation (and its PDF). */
export async function attestationForHolderOrTeacher(deps: AppDeps, actor: Actor | null, code: string): Promise<AttestationRow> {
  const a = requireActor(actor);
  const row = await findByCode(deps.db, code);
  if (!row || (row.userId !== a.id && !can(a, 'learning.teach', { courseId: row.courseId }))) throw notFound('Attestation introuvable.');
  return row;
}

export async function courseAttestations(deps: AppDeps, courseId: string): Promise<Attestation[]> {
  const rows = await deps.db.select().from(attestation).where(eq(attestation.courseId, courseId)).orderBy(desc(attestation.issuedAt));
  return rows.map((r) => toAttestation(r, deps.config.publicUrl));
}

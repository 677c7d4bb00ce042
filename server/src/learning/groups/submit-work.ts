import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { MAX_SUBMISSION_FILE_BYTES, type GroupSpace, type SubmissionInput } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { groupReview, groupSubmission } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, forbidden, notFound } from '../../http/errors';
import type { OutgoingMail } from '../../notifications/mailer';
import { groupAccess } from './group-access';
import { loadGroupSpace } from './read-groups';

/** Files of group work live under DATA_DIR, outside the web root; only the route below serves them. */
const filesDir = (deps: AppDeps) => path.join(deps.config.dataDir, 'group-submissions');

/**
 * A member hands in a new version of the group's work (text and/or one file). Versions are
 * numbered per group under a lock on the group; the same idempotency key answers the same version.
 */
export async function submitWork(deps: AppDeps, actor: Actor | null, groupId: string, input: SubmissionInput, ctx: RequestContext): Promise<{ space: GroupSpace; created: boolean }> {
  let file: { name: string; type: string; bytes: Buffer } | null = null;
  if (input.file) {
    const bytes = Buffer.from(input.file.contentBase64, 'base64');
    if (bytes.length === 0) throw badInput('file', 'Le fichier est vide ou mal encodé.');
    if (bytes.length > MAX_SUBMISSION_FILE_BYTES) throw badInput('file', 'Le fichier ne peut pas dépasser 5 Mo.');
    file = { name: path.basename(input.file.name).replace(/[\r\n"]/g, '_'), type: input.file.type, bytes };
  }
  let written: string | null = null;
  try {
    const created = await deps.db.transaction(async (tx) => {
      const access = await groupAccess(tx, actor, groupId, { lock: true });
      if (!access.member) throw forbidden('Seuls les membres du groupe déposent son travail.');
      if (input.idempotencyKey) {
        const [old] = await tx.select({ id: groupSubmission.id }).from(groupSubmission).where(and(eq(groupSubmission.authorId, access.actor.id), eq(groupSubmission.idempotencyKey, input.idempotencyKey)));
        if (old) return false;
      }
      const r = (await tx.execute(sql`SELECT coalesce(max(version), 0)::int AS v FROM group_submission WHERE group_id = ${groupId}`)) as unknown as { rows: { v: number }[] };
      const version = Number(r.rows[0].v) + 1;
      let relPath: string | null = null;
      if (file) {
        relPath = path.join(groupId, `${randomUUID()}.bin`);
        const abs = path.join(filesDir(deps), relPath);
        await fs.mkdir(path.dirname(abs), { recursive: true });
        await fs.writeFile(abs, file.bytes);
        written = abs;
      }
      const [s] = await tx
        .insert(groupSubmission)
        .values({
          groupId,
          version,
          authorId: access.actor.id,
          body: input.body,
          fileName: file?.name ?? null,
          fileType: file?.type ?? null,
          fileSize: file?.bytes.length ?? null,
          filePath: relPath,
          idempotencyKey: input.idempotencyKey ?? null,
          createdAt: deps.now(),
        })
        .returning({ id: groupSubmission.id });
      await recordAuditEvent(tx, access.actor, ctx, { action: 'group.work_submitted', objectType: 'group_submission', objectId: s.id, details: { groupId, version, withFile: !!file } });
      return true;
    });
    written = null;
    return { space: await loadGroupSpace(deps, actor, groupId), created };
  } finally {
    // Nothing half-written: a file whose row was not committed is removed.
    if (written) await fs.rm(written, { force: true });
  }
}

/** The file of a version, for the group's members and the teaching team only. */
export async function readSubmissionFile(deps: AppDeps, actor: Actor | null, groupId: string, submissionId: string) {
  await groupAccess(deps.db, actor, groupId);
  const [s] = await deps.db.select().from(groupSubmission).where(and(eq(groupSubmission.id, submissionId), eq(groupSubmission.groupId, groupId)));
  if (!s || !s.filePath) throw notFound("Ce fichier n'existe pas.");
  const bytes = await fs.readFile(path.join(filesDir(deps), s.filePath)).catch(() => {
    throw notFound("Ce fichier n'est plus disponible.");
  });
  return { name: s.fileName ?? 'rendu', bytes };
}

/** A teacher reviews a version: comment and status « à revoir » or « validé ». */
export async function reviewWork(deps: AppDeps, actor: Actor | null, submissionId: string, input: { status: 'a_revoir' | 'valide'; comment: string }, ctx: RequestContext): Promise<GroupSpace> {
  const [s] = await deps.db.select({ groupId: groupSubmission.groupId, version: groupSubmission.version }).from(groupSubmission).where(eq(groupSubmission.id, submissionId));
  if (!s) throw notFound("Ce rendu n'existe pas.");
  const mails = await deps.db.transaction(async (tx) => {
    const access = await groupAccess(tx, actor, s.groupId);
    if (!access.mayManage) throw forbidden("Seule l'équipe pédagogique évalue le travail des groupes.");
    const [r] = await tx.insert(groupReview).values({ submissionId, reviewerId: access.actor.id, status: input.status, comment: input.comment, createdAt: deps.now() }).returning({ id: groupReview.id });
    await recordAuditEvent(tx, access.actor, ctx, { action: 'group.work_reviewed', objectType: 'group_review', objectId: r.id, details: { submissionId, groupId: s.groupId, version: s.version, status: input.status } });
    const members = (await tx.execute(sql`
      SELECT u.email, u.first_name FROM learning_group_member m JOIN app_user u ON u.id = m.user_id
      WHERE m.group_id = ${s.groupId} AND u.disabled_at IS NULL ORDER BY u.id`)) as unknown as { rows: { email: string; first_name: string }[] };
    return members.rows.map((m) => reviewMail(m, { id: s.groupId, name: access.group.name }, s.version, input, deps.config.publicUrl));
  });
  // The group hears about the review once it is committed.
  for (const m of mails) await deps.mailer.send(m);
  return loadGroupSpace(deps, actor, s.groupId);
}

function reviewMail(to: { email: string; first_name: string }, group: { id: string; name: string }, version: number, review: { status: 'a_revoir' | 'valide'; comment: string }, publicUrl: string): OutgoingMail {
  const verdict = review.status === 'valide' ? 'validée' : 'à revoir';
  return {
    to: to.email,
    subject: `${group.name} : version ${version} ${verdict}`,
    text: `Bonjour ${to.first_name},\n\nL'équipe pédagogique a évalué la version ${version} du travail de votre groupe « ${group.name} » : ${verdict}.${review.comment ? `\n\nCommentaire :\n${review.comment}` : ''}\n\nVoir l'espace du groupe :\n${publicUrl}/se-former/groupes/${group.id}\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\nVous recevez ce message parce que vous êtes membre de ce groupe.`,
  };
}

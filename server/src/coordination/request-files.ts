import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { SupportRequest } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { supportRequestFile } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { buildSupportRequest, requestAccess } from './read-support-request';

/** What a request may carry: documents and photos a professional has at hand (letters, prescriptions, wounds). */
export const ALLOWED_FILE_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const fileDir = (deps: AppDeps, requestId: string) => path.join(deps.config.dataDir, 'coordination-files', requestId);

/** Stores an uploaded file under DATA_DIR; the row is written only once the bytes are on disk. */
export async function attachFile(
  deps: AppDeps,
  actor: Actor | null,
  requestId: string,
  file: { name: string; mediaType: string; bytes: Buffer },
  ctx: RequestContext,
): Promise<SupportRequest> {
  const { access, row } = await requestAccess(deps, actor, requestId, ctx);
  const mediaType = file.mediaType.split(';')[0].trim().toLowerCase();
  if (!ALLOWED_FILE_TYPES[mediaType]) throw badInput('file', 'Joignez un PDF, une image JPEG ou PNG.');
  if (file.bytes.length === 0) throw badInput('file', 'Le fichier est vide.');
  if (file.bytes.length > MAX_FILE_BYTES) throw badInput('file', 'Le fichier dépasse 10 Mo.');
  const name = [...file.name].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch)).join('').trim().slice(0, 200) || `piece-jointe.${ALLOWED_FILE_TYPES[mediaType]}`;
  const now = deps.now();
  const id = crypto.randomUUID();
  const dir = fileDir(deps, requestId);
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, id);
  await fs.writeFile(target, file.bytes);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(supportRequestFile).values({
        id,
        requestId,
        fileName: name,
        mediaType,
        sizeBytes: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        uploadedBy: access.actor.id,
        uploadedAt: now,
      });
      await recordAuditEvent(tx, access.actor, ctx, { action: 'support_request.file_added', objectType: 'patient', objectId: row.patient_id, details: { requestId, fileId: id, size: file.bytes.length } });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return buildSupportRequest(deps, access, requestId);
}

export async function readFile(deps: AppDeps, actor: Actor | null, requestId: string, fileId: string, ctx: RequestContext) {
  const { access, row } = await requestAccess(deps, actor, requestId, ctx);
  const [f] = await deps.db.select().from(supportRequestFile).where(and(eq(supportRequestFile.id, fileId), eq(supportRequestFile.requestId, requestId)));
  if (!f) throw notFound("Ce fichier n'existe pas.");
  const bytes = await fs.readFile(path.join(fileDir(deps, requestId), f.id)).catch(() => null);
  if (!bytes) throw notFound("Ce fichier n'est plus disponible sur le serveur.");
  await recordAuditEvent(deps.db, access.actor, ctx, { action: 'patient.read', objectType: 'patient', objectId: row.patient_id, details: { what: 'request_file', requestId, fileId } });
  return { file: f, bytes };
}

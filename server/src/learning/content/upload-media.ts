import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DOCUMENT_TYPES, MEDIA_LIMITS, VIDEO_TYPES, type MediaFile } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import { mediaFile } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput } from '../../http/errors';
import { lockCourseForEdit } from './edit-access';
import { moveIntoPlace, streamToTempFile } from './media-store';
import { toMediaFile } from './media-queries';

type Kind = 'video' | 'subtitles' | 'document';

/** The kind of file and the extension it keeps, from the declared type; null when we do not take it. */
export function classify(contentType: string | undefined): { kind: Kind; mime: string; ext: string } | null {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (VIDEO_TYPES[mime]) return { kind: 'video', mime, ext: VIDEO_TYPES[mime] };
  if (mime === 'text/vtt') return { kind: 'subtitles', mime, ext: 'vtt' };
  if (DOCUMENT_TYPES[mime]) return { kind: 'document', mime, ext: DOCUMENT_TYPES[mime] };
  return null;
}

const REFUSED =
  "Ce type de fichier n'est pas accepté. Envoyez une vidéo (WebM, MP4, Ogg), des sous-titres WebVTT (.vtt) ou un document (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, texte).";

/** A WebVTT file starts with "WEBVTT" (after an optional byte-order mark), then a space, tab or line end. */
export const looksLikeWebVtt = (head: Buffer) => /^(\uFEFF)?WEBVTT([ \t\r\n]|$)/.test(head.toString('utf8'));

export async function uploadMedia(
  deps: AppDeps,
  actor: Actor | null,
  courseId: string,
  input: { contentType: string | undefined; body: unknown; name: string; duration?: number },
  ctx: RequestContext,
): Promise<MediaFile> {
  // Rights first (a short transaction), so nobody can fill the disk of a course they do not edit.
  await deps.db.transaction(async (tx) => lockCourseForEdit(tx, actor, courseId));
  const type = classify(input.contentType);
  const body = input.body as Readable | null;
  if (!type || !body || typeof (body as Readable).pipe !== 'function') {
    (body as Readable | null)?.resume?.();
    throw badInput('file', REFUSED);
  }
  const { tmpPath, size, head } = await streamToTempFile(deps.config.dataDir, body, MEDIA_LIMITS[type.kind]);
  try {
    if (size === 0) throw badInput('file', 'Le fichier envoyé est vide.');
    if (type.kind === 'subtitles' && !looksLikeWebVtt(head)) throw badInput('file', 'Ce fichier de sous-titres n’est pas au format WebVTT : il doit commencer par « WEBVTT ».');
    const id = randomUUID();
    const storageKey = `${courseId}/${id}.${type.ext}`;
    await moveIntoPlace(deps.config.dataDir, tmpPath, storageKey);
    try {
      const row = await deps.db.transaction(async (tx) => {
        const a = await lockCourseForEdit(tx, actor, courseId);
        const [r] = await tx
          .insert(mediaFile)
          .values({
            id,
            courseId,
            kind: type.kind,
            mime: type.mime,
            sizeBytes: size,
            originalName: input.name.replace(/[\\/]/g, '_'),
            storageKey,
            durationSeconds: type.kind === 'video' ? (input.duration ?? null) : null,
            uploadedBy: a.id,
            createdAt: deps.now(),
          })
          .returning();
        await recordAuditEvent(tx, a, ctx, { action: 'course.media_uploaded', objectType: 'course', objectId: courseId, details: { mediaId: id, kind: type.kind, mime: type.mime, sizeBytes: size } });
        return r;
      });
      return toMediaFile(row);
    } catch (err) {
      // No row, no file: nothing half-written.
      await fs.promises.rm(`${deps.config.dataDir}/media/${storageKey}`, { force: true });
      throw err;
    }
  } finally {
    await fs.promises.rm(tmpPath, { force: true });
  }
}

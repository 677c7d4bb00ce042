import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-types';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { mayEditCourse } from '../read-courses';
import { mediaPath } from './media-store';

interface ServedRow {
  id: string;
  course_id: string;
  kind: string;
  mime: string;
  size_bytes: number | string;
  original_name: string;
  storage_key: string;
  created_at: Date | string;
  allowed: boolean;
}

/**
 * A stored file, for its course's authors and for learners who may open a lesson showing it.
 * Anyone else gets 404: the address of a file says nothing about its existence.
 */
async function findServable(deps: AppDeps, actor: Actor, id: string): Promise<ServedRow> {
  const res = (await deps.db.execute(sql`
    SELECT mf.id, mf.course_id, mf.kind, mf.mime, mf.size_bytes, mf.original_name, mf.storage_key, mf.created_at,
      EXISTS (
        SELECT 1 FROM lesson_block b
        JOIN lesson l ON l.id = b.lesson_id
        JOIN module_release r ON r.module_id = l.module_id AND r.opens_at <= ${deps.now()}
        JOIN enrolment e ON e.session_id = r.session_id AND e.user_id = ${actor.id} AND e.status = 'enrolled'
        WHERE b.media_id = mf.id OR b.subtitles_id = mf.id
      ) AS allowed
    FROM media_file mf WHERE mf.id = ${id}`)) as unknown as { rows: ServedRow[] };
  const row = res.rows[0];
  if (!row || !(row.allowed || mayEditCourse(actor, row.course_id))) throw notFound("Ce fichier n'existe pas ou vous n'y avez pas accès.");
  return row;
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * Reads a Range header for one byte range (what video players send). Returns null when the header is
 * absent or not understood (the whole file is then sent, as RFC 9110 allows), 'unsatisfiable' for a
 * range outside the file (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || (m[2] !== '' && Number(m[2]) < start)) return 'unsatisfiable';
  return { start, end };
}

const contentDisposition = (kind: string, name: string, fallbackExt: string) => {
  const file = name || `fichier.${fallbackExt}`;
  const ascii = file.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind === 'document' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file)}`;
};

export async function serveMedia(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, id: string) {
  const actor = requireActor(req.actor);
  const row = await findServable(deps, actor, id);
  const size = Number(row.size_bytes);
  // A stored file never changes (a new upload is a new id): its id is a strong validator.
  const etag = `"${row.id}"`;
  const lastModified = new Date(row.created_at).toUTCString();
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', lastModified)
    // Private: access depends on who asks. Files never change, so a day of cache is safe.
    .header('cache-control', 'private, max-age=86400')
    .header('content-disposition', contentDisposition(row.kind, row.original_name, row.storage_key.split('.').pop() ?? 'bin'))
    .type(row.kind === 'subtitles' ? 'text/vtt; charset=utf-8' : row.mime);

  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return reply.status(304).send();

  const path = mediaPath(deps.config.dataDir, row.storage_key);
  if (!fs.existsSync(path)) throw notFound("Ce fichier n'est plus disponible sur le serveur.");

  // If-Range with another validator means the client's copy is stale: send the whole file.
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag && ifRange !== lastModified ? null : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${size}`).type('text/plain; charset=utf-8').send('La plage demandée est en dehors du fichier.');
  }
  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', String(range.end - range.start + 1));
    return reply.send(fs.createReadStream(path, { start: range.start, end: range.end }));
  }
  reply.status(200).header('content-length', String(size));
  return reply.send(fs.createReadStream(path));
}

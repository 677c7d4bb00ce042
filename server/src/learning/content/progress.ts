import { sql } from 'drizzle-orm';
import { unionIntervals, watchedPercent, type Interval, type ProgressInput, type VideoProgress } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';
import { lessonPlace } from './access';

/** "Lesson opened": kept once per learner and lesson, with the last time (the resume link uses it). */
export async function recordVisit(deps: AppDeps, actor: Actor | null, lessonId: string): Promise<{ tracked: boolean }> {
  const now = deps.now();
  const place = await lessonPlace(deps.db, actor, lessonId, now);
  if (!place.tracked) return { tracked: false };
  await deps.db.execute(sql`
    INSERT INTO lesson_visit (user_id, lesson_id, course_id, first_seen_at, last_seen_at)
    VALUES (${actor!.id}, ${lessonId}, ${place.courseId}, ${now}, ${now})
    ON CONFLICT (user_id, lesson_id) DO UPDATE SET last_seen_at = greatest(lesson_visit.last_seen_at, EXCLUDED.last_seen_at)`);
  return { tracked: true };
}

interface ProgressRow {
  position_seconds: number;
  watched: Interval[];
  duration: number | null;
}

/**
 * A report from the player: where it is and what it played since the last report.
 * One statement, no read before it (2,000 learners report every 30 s): the access check
 * (enrolled in a session where the module is open) is part of the INSERT … SELECT, the
 * watched parts are merged by watched_union() in the database, and the position only moves
 * for a report made later than the one stored, so a retried or late report changes nothing.
 */
export async function reportProgress(deps: AppDeps, actor: Actor | null, blockId: string, input: ProgressInput): Promise<VideoProgress> {
  const a = requireActor(actor);
  const now = deps.now();
  const parts = JSON.stringify(unionIntervals(input.watched as Interval[]));
  // A device whose clock runs ahead must not freeze the resume point for everyone else (another
  // device, the same one once its clock is fixed): a report is never taken as later than a minute from now.
  const sentAt = new Date(Math.min(input.sentAt, now.getTime() + 60_000));
  const res = (await deps.db.execute(sql`
    INSERT INTO video_progress AS p (user_id, block_id, lesson_id, course_id, position_seconds, duration_seconds, watched, reported_at, updated_at)
    SELECT ${a.id}, b.id, l.id, m.course_id, ${input.positionSeconds}, ${input.durationSeconds ?? null}, watched_union('[]'::jsonb, ${parts}::jsonb), ${sentAt}, ${now}
    FROM lesson_block b JOIN lesson l ON l.id = b.lesson_id JOIN course_module m ON m.id = l.module_id
    WHERE b.id = ${blockId} AND b.kind = 'video' AND EXISTS (
      SELECT 1 FROM enrolment e JOIN module_release r ON r.session_id = e.session_id AND r.module_id = m.id
      WHERE e.user_id = ${a.id} AND e.status = 'enrolled' AND r.opens_at <= ${now})
    ON CONFLICT (user_id, block_id) DO UPDATE SET
      watched = watched_union(p.watched, EXCLUDED.watched),
      position_seconds = CASE WHEN EXCLUDED.reported_at > p.reported_at THEN EXCLUDED.position_seconds ELSE p.position_seconds END,
      duration_seconds = coalesce(EXCLUDED.duration_seconds, p.duration_seconds),
      reported_at = greatest(p.reported_at, EXCLUDED.reported_at),
      updated_at = CASE WHEN EXCLUDED.reported_at > p.reported_at THEN EXCLUDED.updated_at ELSE p.updated_at END
    RETURNING p.position_seconds, p.watched, p.duration_seconds AS duration`)) as unknown as { rows: ProgressRow[] };
  const row = res.rows[0];
  if (!row) throw notFound("Cette vidéo n'existe pas, ou son module n'est pas ouvert pour vous.");
  return { blockId, positionSeconds: Number(row.position_seconds), watchedPercent: watchedPercent(row.watched, row.duration), watched: row.watched };
}

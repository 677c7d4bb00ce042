import { sql } from 'drizzle-orm';
import { watchedPercent, type Interval, type LessonBlock, type LessonPage, type VideoProgress } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { lessonPlace } from './access';
import { mediaUrl } from './media-queries';

interface BlockRow {
  id: string;
  position: number;
  kind: LessonBlock['kind'];
  title: string;
  body: string;
  html: string;
  quiz_id: string | null;
  m_id: string | null;
  m_kind: string | null;
  m_mime: string | null;
  m_size: number | string | null;
  m_name: string | null;
  m_duration: number | null;
  s_id: string | null;
  s_size: number | string | null;
  s_name: string | null;
}

/** The blocks of a lesson in order, each with its files. */
export async function listBlocks(db: Db, lessonId: string): Promise<LessonBlock[]> {
  const res = (await db.execute(sql`
    SELECT b.id, b.position, b.kind, b.title, b.body, b.html, b.quiz_id,
      m.id AS m_id, m.kind AS m_kind, m.mime AS m_mime, m.size_bytes AS m_size, m.original_name AS m_name, m.duration_seconds AS m_duration,
      s.id AS s_id, s.size_bytes AS s_size, s.original_name AS s_name
    FROM lesson_block b LEFT JOIN media_file m ON m.id = b.media_id LEFT JOIN media_file s ON s.id = b.subtitles_id
    WHERE b.lesson_id = ${lessonId} ORDER BY b.position`)) as unknown as { rows: BlockRow[] };
  return res.rows.map((r) => ({
    id: r.id,
    position: Number(r.position),
    kind: r.kind,
    title: r.title,
    body: r.body,
    html: r.html,
    quizId: r.quiz_id,
    media: r.m_id
      ? { id: r.m_id, kind: r.m_kind as 'video' | 'document', mime: r.m_mime!, sizeBytes: Number(r.m_size), originalName: r.m_name ?? '', durationSeconds: r.m_duration, url: mediaUrl(r.m_id) }
      : null,
    subtitles: r.s_id ? { id: r.s_id, kind: 'subtitles', mime: 'text/vtt', sizeBytes: Number(r.s_size), originalName: r.s_name ?? '', durationSeconds: null, url: mediaUrl(r.s_id) } : null,
  }));
}

interface NeighbourRow {
  id: string;
  title: string;
  module_title: string;
  opens_at: Date | string | null;
  dir: 'previous' | 'next';
}

export async function readLesson(deps: AppDeps, actor: Actor | null, lessonId: string): Promise<LessonPage> {
  const now = deps.now();
  const place = await lessonPlace(deps.db, actor, lessonId, now);
  const blocks = await listBlocks(deps.db, lessonId);
  const progress = place.tracked
    ? ((await deps.db.execute(sql`
        SELECT p.block_id, p.position_seconds, p.watched, coalesce(m.duration_seconds, p.duration_seconds) AS duration
        FROM video_progress p JOIN lesson_block b ON b.id = p.block_id LEFT JOIN media_file m ON m.id = b.media_id
        WHERE p.user_id = ${actor!.id} AND p.lesson_id = ${lessonId}`)) as unknown as { rows: { block_id: string; position_seconds: number; watched: Interval[]; duration: number | null }[] }).rows
    : [];
  // The lessons just before and after in the course order (module, then lesson position).
  const neighbours = (await deps.db.execute(sql`
    WITH ordered AS (
      SELECT l.id, l.title, m.title AS module_title, m.id AS module_id,
        row_number() OVER (ORDER BY m.position, l.position) AS n
      FROM lesson l JOIN course_module m ON m.id = l.module_id WHERE m.course_id = ${place.courseId}
    ), me AS (SELECT n FROM ordered WHERE id = ${lessonId})
    SELECT o.id, o.title, o.module_title, r.opens_at, CASE WHEN o.n < me.n THEN 'previous' ELSE 'next' END AS dir
    FROM ordered o CROSS JOIN me
    LEFT JOIN module_release r ON r.module_id = o.module_id AND r.session_id = ${place.sessionId}
    WHERE o.n IN (me.n - 1, me.n + 1)`)) as unknown as { rows: NeighbourRow[] };
  const link = (dir: 'previous' | 'next') => {
    const r = neighbours.rows.find((x) => x.dir === dir);
    if (!r) return null;
    const opensAt = r.opens_at ? new Date(r.opens_at).toISOString() : null;
    const locked = !place.mayEdit && (!opensAt || Date.parse(opensAt) > now.getTime());
    return { id: r.id, title: r.title, moduleTitle: r.module_title, opensAt, locked };
  };
  const videoProgress: VideoProgress[] = progress.map((p) => ({
    blockId: p.block_id,
    positionSeconds: Number(p.position_seconds),
    watchedPercent: watchedPercent(p.watched, p.duration),
    watched: p.watched,
  }));
  return {
    id: place.lessonId,
    title: place.title,
    summary: place.summary,
    courseId: place.courseId,
    courseTitle: place.courseTitle,
    module: { id: place.moduleId, position: place.modulePosition, title: place.moduleTitle },
    blocks,
    videoProgress,
    previous: link('previous'),
    next: link('next'),
    mayEdit: place.mayEdit,
    tracked: place.tracked,
  };
}

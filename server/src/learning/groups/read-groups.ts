import { sql } from 'drizzle-orm';
import { PROFESSIONS, type GroupSpace, type GroupSummary, type GroupsOverview } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { courseAccess } from '../forum/forum-access';
import { groupAccess, mayManageGroups, type GroupRow } from './group-access';

const professionLabel = (p: string) => (PROFESSIONS as Record<string, string>)[p] ?? p;
const iso = (d: Date | string) => new Date(d).toISOString();

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function summaries(db: Db, groups: GroupRow[]): Promise<GroupSummary[]> {
  if (!groups.length) return [];
  const ids = groups.map((g) => g.id);
  const idList = sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `);
  const members = await rows<{ group_id: string; id: string; first_name: string; last_name: string; profession: string }>(
    db,
    sql`SELECT m.group_id, u.id, u.first_name, u.last_name, u.profession FROM learning_group_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.group_id IN (${idList}) ORDER BY u.first_name, u.last_name, u.id`,
  );
  const threads = await rows<{ group_id: string; id: string }>(db, sql`SELECT group_id, min(id::text) AS id FROM forum_thread WHERE group_id IN (${idList}) GROUP BY group_id`);
  const latest = await rows<{ group_id: string; version: number; status: string | null }>(
    db,
    sql`SELECT DISTINCT ON (s.group_id) s.group_id, s.version,
          (SELECT r.status FROM group_review r WHERE r.submission_id = s.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS status
        FROM group_submission s WHERE s.group_id IN (${idList}) ORDER BY s.group_id, s.version DESC`,
  );
  return groups.map((g) => {
    const l = latest.find((x) => x.group_id === g.id);
    return {
      id: g.id,
      courseId: g.course_id,
      name: g.name,
      assignment: g.assignment,
      members: members.filter((m) => m.group_id === g.id).map((m) => ({ id: m.id, displayName: `${m.first_name} ${m.last_name}`, profession: professionLabel(m.profession) })),
      discussionThreadId: threads.find((t) => t.group_id === g.id)?.id ?? null,
      latestVersion: l ? Number(l.version) : null,
      status: !l ? 'aucun_rendu' : ((l.status as 'a_revoir' | 'valide' | null) ?? 'soumis'),
    };
  });
}

/** Teachers see every group and who is left out; a learner sees only their own group. */
export async function groupsOverview(deps: AppDeps, actor: Actor | null, courseId: string): Promise<GroupsOverview> {
  const access = await courseAccess(deps.db, actor, courseId);
  const mayManage = mayManageGroups(access);
  const groups = await rows<GroupRow>(
    deps.db,
    mayManage
      ? sql`SELECT * FROM learning_group WHERE course_id = ${courseId} ORDER BY name, id`
      : sql`SELECT g.* FROM learning_group g JOIN learning_group_member m ON m.group_id = g.id WHERE g.course_id = ${courseId} AND m.user_id = ${access.actor.id}`,
  );
  const unassigned = mayManage
    ? (await enrolledLearners(deps.db, courseId)).filter((l) => !l.grouped).map((l) => ({ id: l.id, displayName: l.displayName, profession: professionLabel(l.profession) }))
    : [];
  return { courseId, courseTitle: access.courseTitle, mayManage, groups: await summaries(deps.db, groups), unassigned };
}

/** Learners enrolled in a session of the course (the teaching team and animators are not mixed into groups). */
export async function enrolledLearners(db: Db, courseId: string) {
  const r = await rows<{ id: string; first_name: string; last_name: string; profession: string; grouped: boolean }>(
    db,
    sql`SELECT DISTINCT u.id, u.first_name, u.last_name, u.profession,
          EXISTS (SELECT 1 FROM learning_group_member m WHERE m.course_id = ${courseId} AND m.user_id = u.id) AS grouped
        FROM enrolment e JOIN course_session s ON s.id = e.session_id JOIN app_user u ON u.id = e.user_id
        WHERE s.course_id = ${courseId} AND e.status = 'enrolled'
          AND u.id NOT IN (SELECT user_id FROM role_grant WHERE scope = ${courseId} AND role = 'teacher')
          AND u.id NOT IN (SELECT user_id FROM course_teacher WHERE course_id = ${courseId} AND user_id IS NOT NULL)
        ORDER BY u.first_name, u.last_name, u.id`,
  );
  return r.map((u) => ({ id: u.id, displayName: `${u.first_name} ${u.last_name}`, profession: u.profession, grouped: u.grouped }));
}

export async function loadGroupSpace(deps: AppDeps, actor: Actor | null, groupId: string): Promise<GroupSpace> {
  const access = await groupAccess(deps.db, actor, groupId);
  const [summary] = await summaries(deps.db, [access.group]);
  const subs = await rows<{ id: string; version: number; body: string; first_name: string; last_name: string; file_name: string | null; file_type: string | null; file_size: number | null; created_at: Date }>(
    deps.db,
    sql`SELECT s.id, s.version, s.body, u.first_name, u.last_name, s.file_name, s.file_type, s.file_size, s.created_at
        FROM group_submission s JOIN app_user u ON u.id = s.author_id WHERE s.group_id = ${groupId} ORDER BY s.version DESC`,
  );
  const reviews = subs.length
    ? await rows<{ id: string; submission_id: string; status: 'a_revoir' | 'valide'; comment: string; first_name: string; last_name: string; created_at: Date }>(
        deps.db,
        sql`SELECT r.id, r.submission_id, r.status, r.comment, u.first_name, u.last_name, r.created_at FROM group_review r JOIN app_user u ON u.id = r.reviewer_id
            JOIN group_submission s ON s.id = r.submission_id WHERE s.group_id = ${groupId} ORDER BY r.created_at, r.id`,
      )
    : [];
  return {
    ...summary,
    courseTitle: access.courseTitle,
    mayManage: access.mayManage,
    submissions: subs.map((s) => ({
      id: s.id,
      version: Number(s.version),
      body: s.body,
      author: `${s.first_name} ${s.last_name}`,
      file: s.file_name ? { name: s.file_name, type: s.file_type ?? 'application/octet-stream', size: Number(s.file_size), url: `/api/v1/groups/${groupId}/submissions/${s.id}/file` } : null,
      createdAt: iso(s.created_at),
      reviews: reviews.filter((r) => r.submission_id === s.id).map((r) => ({ id: r.id, status: r.status, comment: r.comment, reviewer: `${r.first_name} ${r.last_name}`, createdAt: iso(r.created_at) })),
    })),
  };
}

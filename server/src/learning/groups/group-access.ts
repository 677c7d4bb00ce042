import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { can } from '../../http/permissions';
import { courseAccess, isGroupMember, type CourseAccess } from '../forum/forum-access';

export interface GroupRow {
  id: string;
  course_id: string;
  name: string;
  assignment: string;
  created_at: Date;
}

export interface GroupAccess extends CourseAccess {
  group: GroupRow;
  mayManage: boolean;
  member: boolean;
}

export const mayManageGroups = (a: CourseAccess) => a.team || can(a.actor, 'learning.groups.manage', { courseId: a.courseId });

/** A group is seen by its members and by the teaching team; to anyone else it does not exist (404). */
export async function groupAccess(db: Db, actor: Actor | null, groupId: string, opts: { lock?: boolean } = {}): Promise<GroupAccess> {
  const res = (await db.execute(
    opts.lock ? sql`SELECT * FROM learning_group WHERE id = ${groupId} FOR UPDATE` : sql`SELECT * FROM learning_group WHERE id = ${groupId}`,
  )) as unknown as { rows: GroupRow[] };
  const group = res.rows[0];
  if (!group) throw notFound("Ce groupe n'existe pas.");
  const access = await courseAccess(db, actor, group.course_id);
  const mayManage = mayManageGroups(access);
  const member = await isGroupMember(db, groupId, access.actor.id);
  if (!mayManage && !member) throw notFound("Ce groupe n'existe pas.");
  return { ...access, group, mayManage, member };
}

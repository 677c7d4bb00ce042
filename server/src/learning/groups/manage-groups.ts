import { eq, sql } from 'drizzle-orm';
import type { GroupsOverview } from '@palliance/core';
import type { AppDeps } from '../../app-types';
import { recordAuditEvent } from '../../audit/record-audit-event';
import type { Db } from '../../db/client';
import { forumFollow, forumPost, forumThread, learningGroup, learningGroupMember } from '../../db/schema';
import type { Actor, RequestContext } from '../../http/actor';
import { badInput, conflict, forbidden } from '../../http/errors';
import { courseAccess } from '../forum/forum-access';
import { renderMarkdown } from '../forum/render-markdown';
import { mayManageGroups } from './group-access';
import { mixProfessions } from './mix-professions';
import { enrolledLearners, groupsOverview } from './read-groups';

const notManager = () => forbidden("Seule l'équipe pédagogique du cours peut former les groupes.");

/** Inserts a group, its members and its discussion (a private thread, opened by the teacher with the assignment). */
export async function insertGroup(tx: Db, courseId: string, name: string, assignment: string, memberIds: string[], teacherId: string, now: Date): Promise<string> {
  const [g] = await tx.insert(learningGroup).values({ courseId, name, assignment, createdAt: now }).returning({ id: learningGroup.id });
  if (memberIds.length) await tx.insert(learningGroupMember).values(memberIds.map((userId) => ({ groupId: g.id, courseId, userId })));
  const [t] = await tx.insert(forumThread).values({ courseId, groupId: g.id, authorId: teacherId, title: `Discussion du ${name}`, createdAt: now, lastActivityAt: now }).returning({ id: forumThread.id });
  const body = assignment || 'Espace de discussion de votre groupe : présentez-vous et organisez votre travail.';
  await tx.insert(forumPost).values({ threadId: t.id, authorId: teacherId, isOpening: true, bodySource: body, bodyHtml: renderMarkdown(body), createdAt: now });
  // Members follow their group's discussion: they hear about each message.
  for (const userId of memberIds) await tx.insert(forumFollow).values({ threadId: t.id, userId, createdAt: now }).onConflictDoNothing();
  return g.id;
}

/** A teacher creates a group by hand from enrolled learners not yet in a group. */
export async function createGroup(deps: AppDeps, actor: Actor | null, courseId: string, input: { name: string; assignment: string; memberIds: string[] }, ctx: RequestContext): Promise<GroupsOverview> {
  const access = await courseAccess(deps.db, actor, courseId);
  if (!mayManageGroups(access)) throw notManager();
  await deps.db.transaction(async (tx) => {
    // One writer at a time per course, so two teachers cannot put the same learner in two groups.
    await tx.execute(sql`SELECT id FROM course WHERE id = ${courseId} FOR UPDATE`);
    const learners = new Map((await enrolledLearners(tx, courseId)).map((l) => [l.id, l]));
    const ids = [...new Set(input.memberIds)];
    for (const id of ids) {
      const l = learners.get(id);
      if (!l) throw badInput('memberIds', "Un des membres choisis n'est pas inscrit à ce cours.");
      if (l.grouped) throw conflict(`${l.displayName} fait déjà partie d'un groupe de ce cours.`, 'memberIds');
    }
    const taken = (await tx.execute(sql`SELECT 1 FROM learning_group WHERE course_id = ${courseId} AND name = ${input.name}`)) as unknown as { rows: unknown[] };
    if (taken.rows.length) throw conflict('Un groupe de ce cours porte déjà ce nom.', 'name');
    const id = await insertGroup(tx, courseId, input.name, input.assignment, ids, access.actor.id, deps.now());
    await recordAuditEvent(tx, access.actor, ctx, { action: 'group.created', objectType: 'learning_group', objectId: id, details: { courseId, members: ids } });
  });
  return groupsOverview(deps, actor, courseId);
}

/**
 * Lets the platform mix professions: every enrolled learner is placed in one of `groupCount` new
 * groups (see mixProfessions). Replaces the groups of the course, which is refused once a group
 * has handed in work (its versions and reviews must not vanish).
 */
export async function autoMixGroups(deps: AppDeps, actor: Actor | null, courseId: string, input: { groupCount: number; assignment: string }, ctx: RequestContext): Promise<GroupsOverview> {
  const access = await courseAccess(deps.db, actor, courseId);
  if (!mayManageGroups(access)) throw notManager();
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM course WHERE id = ${courseId} FOR UPDATE`);
    const handedIn = (await tx.execute(sql`SELECT 1 FROM group_submission s JOIN learning_group g ON g.id = s.group_id WHERE g.course_id = ${courseId} LIMIT 1`)) as unknown as { rows: unknown[] };
    if (handedIn.rows.length) throw conflict('Des groupes ont déjà rendu un travail : on ne peut plus les refaire automatiquement. Créez les nouveaux groupes à la main.', 'groupCount');
    const learners = await enrolledLearners(tx, courseId);
    if (learners.length === 0) throw badInput('groupCount', "Aucun apprenant n'est inscrit à ce cours : il n'y a personne à répartir.");
    if (input.groupCount > learners.length) throw badInput('groupCount', `Il n'y a que ${learners.length} apprenant(s) inscrit(s) : choisissez au plus ${learners.length} groupe(s).`);
    const removed = await tx.delete(learningGroup).where(eq(learningGroup.courseId, courseId)).returning({ id: learningGroup.id });
    const mix = mixProfessions(learners.map((l) => ({ id: l.id, profession: l.profession })), input.groupCount);
    const now = deps.now();
    const ids: string[] = [];
    for (const [i, members] of mix.entries()) ids.push(await insertGroup(tx, courseId, `Groupe ${i + 1}`, input.assignment, members, access.actor.id, now));
    await recordAuditEvent(tx, access.actor, ctx, { action: 'group.auto_mixed', objectType: 'course', objectId: courseId, details: { groupCount: input.groupCount, learners: learners.length, groups: ids, replaced: removed.map((r) => r.id) } });
  });
  return groupsOverview(deps, actor, courseId);
}

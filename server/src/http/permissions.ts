import type { Actor } from './actor';
import { hasRole } from './actor';
import { forbidden, unauthenticated } from './errors';

/**
 * Every access decision of the platform goes through can(). Each action names what is done;
 * the resource, when there is one, says on what (a department, a course, a structure).
 */
export type Action =
  | 'account.use'
  | 'admin.users.read'
  | 'admin.users.manage'
  | 'admin.roles.assign'
  | 'audit.read'
  | 'reference.edit'
  | 'territory.coordinate'
  | 'directory.propose'
  | 'directory.edit'
  | 'directory.approve'
  | 'directory.import'
  | 'learning.author'
  | 'learning.teach'
  | 'events.organise'
  | 'learning.attestation.revoke'
  | 'learning.forum.moderate'
  | 'learning.groups.manage'
  | 'survey.manage'
  | 'coordination.inbox'
  | 'coordination.structure.manage'
  | 'indicators.read_all'
  | 'indicators.set_target'
  | 'rcp.organise';

export interface Resource {
  departement?: string | null;
  cptsId?: string | null;
  courseId?: string | null;
  structureId?: string | null;
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const isAdmin: Rule = (a) => hasRole(a, 'admin');

/** A coordinator of the department (or of the CPTS) the resource belongs to. */
const coordinates: Rule = (a, r) =>
  (!!r.departement && hasRole(a, 'territory_coordinator', `dep:${r.departement}`)) ||
  (!!r.cptsId && hasRole(a, 'territory_coordinator', `cpts:${r.cptsId}`));

const isEditor: Rule = (a) => hasRole(a, 'content_editor');

const RULES: Record<Action, Rule> = {
  'account.use': () => true,
  'admin.users.read': isAdmin,
  'admin.users.manage': isAdmin,
  'admin.roles.assign': isAdmin,
  'audit.read': isAdmin,
  'reference.edit': (a) => isAdmin(a, {}) || hasRole(a, 'content_editor'),
  'territory.coordinate': (a, r) => isAdmin(a, r) || coordinates(a, r),
  // Any signed-in professional may propose a new entry; it waits for approval.
  'directory.propose': () => true,
  // Its managers edit their own entry; coordinators and editors any entry of their territory.
  'directory.edit': (a, r) =>
    isAdmin(a, r) || isEditor(a, r) || coordinates(a, r) || (!!r.structureId && hasRole(a, 'structure_manager', r.structureId)),
  'directory.approve': (a, r) => isAdmin(a, r) || isEditor(a, r) || coordinates(a, r),
  'directory.import': (a, r) => isAdmin(a, r) || isEditor(a, r),
  // Admins and content editors open courses and may edit any of them.
  'learning.author': (a, r) => isAdmin(a, r) || isEditor(a, r),
  // A teacher edits the course they teach (scope = course id), and sees its learners.
  'learning.teach': (a, r) => isAdmin(a, r) || isEditor(a, r) || (!!r.courseId && hasRole(a, 'teacher', r.courseId)),
  // Webinars, workshops and exchange groups: admins, content editors, coordinators of the event's department.
  'events.organise': (a, r) => isAdmin(a, r) || isEditor(a, r) || coordinates(a, r),
  // Revoking an attestation of success: a teacher of its course or an admin.
  'learning.attestation.revoke': (a, r) => isAdmin(a, r) || (!!r.courseId && hasRole(a, 'teacher', r.courseId)),
  // Teachers and the learner-animators of the course pin, lock, hide and handle reports.
  // (Reading and posting depend on enrolment, checked with the data in learning/forum/forum-access.ts.)
  'learning.forum.moderate': (a, r) =>
    isAdmin(a, r) || isEditor(a, r) || (!!r.courseId && (hasRole(a, 'teacher', r.courseId) || hasRole(a, 'forum_animator', r.courseId))),
  // Teachers form the groups of their course and review their work.
  'learning.groups.manage': (a, r) => isAdmin(a, r) || isEditor(a, r) || (!!r.courseId && hasRole(a, 'teacher', r.courseId)),
  // Surveys are run by a regional cell or a territory: coordinators (any territory), editors, admins.
  'survey.manage': (a, r) => isAdmin(a, r) || isEditor(a, r) || hasRole(a, 'territory_coordinator'),
  // A structure's inbox holds patient data: its members and managers only, never an admin as such.
  'coordination.inbox': (a, r) => !!r.structureId && (hasRole(a, 'structure_member', r.structureId) || hasRole(a, 'structure_manager', r.structureId)),
  // The response commitment (48 h by default) is set by the structure's managers (or an admin).
  'coordination.structure.manage': (a, r) => isAdmin(a, r) || (!!r.structureId && hasRole(a, 'structure_manager', r.structureId)),
  // Indicator figures on fewer than 5 cases, and targets: coordinators of the department, admins (regions and France: admins).
  'indicators.read_all': (a, r) => isAdmin(a, r) || coordinates(a, r),
  'indicators.set_target': (a, r) => isAdmin(a, r) || coordinates(a, r),
  // Mini-RCP "flash" meetings of a territory are organised by its coordinators (they see the agenda, not the files).
  'rcp.organise': (a, r) => coordinates(a, r),
};

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  return RULES[action](actor, resource);
}

/** Throws 401 for a visitor and 403 for a signed-in user without the right. */
export function assertCan(actor: Actor | null, action: Action, resource: Resource = {}): asserts actor is Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action, resource)) throw forbidden();
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

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
  | 'territory.coordinate';

export interface Resource {
  departement?: string | null;
  cptsId?: string | null;
  courseId?: string | null;
  structureId?: string | null;
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const isAdmin: Rule = (a) => hasRole(a, 'admin');

const RULES: Record<Action, Rule> = {
  'account.use': () => true,
  'admin.users.read': isAdmin,
  'admin.users.manage': isAdmin,
  'admin.roles.assign': isAdmin,
  'audit.read': isAdmin,
  'reference.edit': (a) => isAdmin(a, {}) || hasRole(a, 'content_editor'),
  'territory.coordinate': (a, r) =>
    isAdmin(a, r) ||
    (!!r.departement && hasRole(a, 'territory_coordinator', `dep:${r.departement}`)) ||
    (!!r.cptsId && hasRole(a, 'territory_coordinator', `cpts:${r.cptsId}`)),
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

import type { Role, RoleGrant } from '@palliance/core';

/** Who is asking: the signed-in user with their scoped roles, or null for a visitor. */
export interface Actor {
  id: string;
  email: string;
  roles: RoleGrant[];
  sessionHash: string;
}

/** Where a request came from, recorded with every audit event. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export const hasRole = (actor: Actor | null, role: Role, scope?: string | null): boolean =>
  !!actor && actor.roles.some((g) => g.role === role && (scope === undefined || g.scope === scope));

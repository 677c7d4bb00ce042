import { and, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { ROLES, type AdminUser, type Profession, type Role, type RoleGrantBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Db } from '../db/client';
import { appUser, roleGrant } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, badInput, conflict, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { departementExists } from '../territory/queries';
import { findUserById, loadRoleGrants, type UserRow } from './queries';

export const ADMIN_PAGE_SIZE = 25;

const toAdminUser = (u: UserRow, roles: AdminUser['roles']): AdminUser => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  profession: u.profession as Profession,
  departement: u.departement,
  emailVerified: !!u.emailVerifiedAt,
  disabled: !!u.disabledAt,
  createdAt: u.createdAt.toISOString(),
  roles,
});

async function loadAdminUser(db: Db, id: string): Promise<AdminUser> {
  const u = await findUserById(db, id);
  if (!u) throw notFound('Cet utilisateur n’existe pas.');
  return toAdminUser(u, (await loadRoleGrants(db, [id])).get(id) ?? []);
}

export async function listUsers(
  deps: AppDeps,
  actor: Actor | null,
  query: { q?: string; role?: Role; page: number },
): Promise<{ total: number; page: number; pageSize: number; users: AdminUser[] }> {
  assertCan(actor, 'admin.users.read');
  const conditions = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(appUser.email, like), ilike(appUser.lastName, like), ilike(appUser.firstName, like)));
  }
  if (query.role) {
    conditions.push(sql`EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = ${appUser.id} AND g.role = ${query.role})`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [{ total }] = await deps.db.select({ total: count() }).from(appUser).where(where);
  const rows = await deps.db
    .select()
    .from(appUser)
    .where(where)
    .orderBy(desc(appUser.createdAt), appUser.id)
    .limit(ADMIN_PAGE_SIZE)
    .offset((query.page - 1) * ADMIN_PAGE_SIZE);
  const grants = await loadRoleGrants(deps.db, rows.map((r) => r.id));
  return { total, page: query.page, pageSize: ADMIN_PAGE_SIZE, users: rows.map((u) => toAdminUser(u, grants.get(u.id) ?? [])) };
}

export async function grantRole(deps: AppDeps, actor: Actor | null, userId: string, input: RoleGrantBody, ctx: RequestContext): Promise<AdminUser> {
  assertCan(actor, 'admin.roles.assign');
  const scope = input.scope ?? null;
  if (scope?.startsWith('dep:') && !(await departementExists(deps.handle, scope.slice(4)))) {
    throw badInput('scope', "Ce département n'existe pas.");
  }
  await deps.db.transaction(async (tx) => {
    if (!(await findUserById(tx, userId))) throw notFound('Cet utilisateur n’existe pas.');
    const inserted = await tx.insert(roleGrant).values({ userId, role: input.role, scope, grantedBy: actor.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw conflict('Cet utilisateur a déjà ce rôle sur ce périmètre.', 'role');
    await recordAuditEvent(tx, actor, ctx, {
      action: 'admin.role_granted',
      objectType: 'user',
      objectId: userId,
      details: { role: input.role, scope, label: ROLES[input.role].label },
    });
  });
  return loadAdminUser(deps.db, userId);
}

export async function revokeRole(deps: AppDeps, actor: Actor | null, userId: string, grantId: string, ctx: RequestContext): Promise<AdminUser> {
  assertCan(actor, 'admin.roles.assign');
  await deps.db.transaction(async (tx) => {
    const [g] = await tx.select().from(roleGrant).where(and(eq(roleGrant.id, grantId), eq(roleGrant.userId, userId)));
    if (!g) throw notFound('Ce rôle n’existe pas pour cet utilisateur.');
    if (g.role === 'admin' && userId === actor.id) {
      throw new AppError(409, 'conflict', 'Vous ne pouvez pas retirer votre propre rôle d’administrateur.');
    }
    await tx.delete(roleGrant).where(eq(roleGrant.id, grantId));
    await recordAuditEvent(tx, actor, ctx, {
      action: 'admin.role_revoked',
      objectType: 'user',
      objectId: userId,
      details: { role: g.role, scope: g.scope },
    });
  });
  return loadAdminUser(deps.db, userId);
}

export async function setUserDisabled(deps: AppDeps, actor: Actor | null, userId: string, disabled: boolean, ctx: RequestContext): Promise<AdminUser> {
  assertCan(actor, 'admin.users.manage');
  if (userId === actor.id) throw new AppError(409, 'conflict', 'Vous ne pouvez pas désactiver votre propre compte.');
  await deps.db.transaction(async (tx) => {
    const [u] = await tx
      .update(appUser)
      .set({ disabledAt: disabled ? deps.now() : null, updatedAt: deps.now() })
      .where(eq(appUser.id, userId))
      .returning({ id: appUser.id });
    if (!u) throw notFound('Cet utilisateur n’existe pas.');
    if (disabled) await tx.execute(sql`DELETE FROM user_session WHERE user_id = ${userId}`);
    await recordAuditEvent(tx, actor, ctx, { action: disabled ? 'admin.user_disabled' : 'admin.user_enabled', objectType: 'user', objectId: userId });
  });
  return loadAdminUser(deps.db, userId);
}

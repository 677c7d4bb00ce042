import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { ROLES, type Me, type PracticeMode, type Profession, type Role, type RoleGrant } from '@palliance/core';
import type { Db } from '../db/client';
import { appUser, departement, roleGrant, userSession, userToken } from '../db/schema';

export type UserRow = typeof appUser.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(appUser).where(sql`lower(${appUser.email}) = ${email.toLowerCase()}`).limit(1);
  return rows[0];
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(appUser).where(eq(appUser.id, id)).limit(1);
  return rows[0];
}

/** Role grants with a readable scope ("Alpes-Maritimes (06)") for screens. */
export async function loadRoleGrants(db: Db, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ id: roleGrant.id, userId: roleGrant.userId, role: roleGrant.role, scope: roleGrant.scope, depNom: departement.nom })
    .from(roleGrant)
    .leftJoin(departement, sql`${roleGrant.scope} = 'dep:' || ${departement.code}`)
    .where(sql`${roleGrant.userId} IN ${userIds}`)
    .orderBy(roleGrant.createdAt);
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({
      id: r.id,
      role: r.role as Role,
      scope: r.scope,
      scopeLabel: r.depNom ? `${r.depNom} (${r.scope!.slice(4)})` : r.scope,
    });
    out.set(r.userId, list);
  }
  return out;
}

export function toMe(u: UserRow, roles: RoleGrant[]): Me {
  return {
    id: u.id,
    email: u.email,
    emailVerified: !!u.emailVerifiedAt,
    firstName: u.firstName,
    lastName: u.lastName,
    profession: u.profession as Profession,
    professionOther: u.professionOther,
    practiceMode: u.practiceMode as PracticeMode,
    departement: u.departement,
    profileComplete: !!u.departement,
    rpps: u.rpps,
    totpEnabled: !!u.totpEnabledAt,
    roles,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function loadMe(db: Db, userId: string): Promise<Me | undefined> {
  const u = await findUserById(db, userId);
  if (!u) return undefined;
  const roles = (await loadRoleGrants(db, [u.id])).get(u.id) ?? [];
  return toMe(u, roles);
}

export async function findSessionUser(db: Db, tokenHash: string, now: Date) {
  const rows = await db
    .select({ userId: userSession.userId, email: appUser.email, lastSeenAt: userSession.lastSeenAt, disabledAt: appUser.disabledAt })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(and(eq(userSession.tokenHash, tokenHash), gt(userSession.expiresAt, now)))
    .limit(1);
  return rows[0];
}

/** Consumes a single-use token: marks it used and returns its user, or nothing when unknown, used or expired. */
export async function consumeToken(db: Db, tokenHash: string, purpose: string, now: Date): Promise<string | undefined> {
  const rows = await db
    .update(userToken)
    .set({ usedAt: now })
    .where(and(eq(userToken.tokenHash, tokenHash), eq(userToken.purpose, purpose), isNull(userToken.usedAt), gt(userToken.expiresAt, now)))
    .returning({ userId: userToken.userId });
  return rows[0]?.userId;
}

export const roleScopeKind = (role: Role) => ROLES[role].scope;

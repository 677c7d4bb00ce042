import { eq } from 'drizzle-orm';
import type { Me, ProfileUpdateBody } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { departementExists } from '../territory/queries';
import { findUserById, loadMe } from './queries';

const FIELDS = ['firstName', 'lastName', 'profession', 'professionOther', 'practiceMode', 'departement', 'rpps'] as const;

export async function updateProfile(deps: AppDeps, actor: Actor, input: ProfileUpdateBody, ctx: RequestContext): Promise<Me> {
  if (!(await departementExists(deps.handle, input.departement))) {
    throw badInput('departement', "Ce département n'existe pas.");
  }
  const next = {
    firstName: input.firstName,
    lastName: input.lastName,
    profession: input.profession,
    professionOther: input.profession === 'autre' ? (input.professionOther ?? null) : null,
    practiceMode: input.practiceMode,
    departement: input.departement,
    rpps: input.rpps ?? null,
  };
  await deps.db.transaction(async (tx) => {
    const before = await findUserById(tx, actor.id);
    if (!before) throw notFound();
    const changed = FIELDS.filter((f) => (before[f] ?? null) !== (next[f] ?? null));
    if (changed.length === 0) return;
    await tx.update(appUser).set({ ...next, updatedAt: deps.now() }).where(eq(appUser.id, actor.id));
    await recordAuditEvent(tx, actor, ctx, { action: 'account.profile_updated', objectType: 'user', objectId: actor.id, details: { changed } });
  });
  return (await loadMe(deps.db, actor.id))!;
}

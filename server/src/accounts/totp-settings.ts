import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Me } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { appUser } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { AppError, conflict } from '../http/errors';
import { findUserById, loadMe } from './queries';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp';

/** Stores a new secret, not yet active: the user scans it, then confirms with a code. */
export async function setupTotp(deps: AppDeps, actor: Actor, ctx: RequestContext) {
  const u = await findUserById(deps.db, actor.id);
  if (u?.totpEnabledAt) throw conflict("La double authentification est déjà active. Désactivez-la d'abord pour changer d'appareil.");
  const secret = newTotpSecret();
  await deps.db.transaction(async (tx) => {
    await tx.update(appUser).set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null }).where(eq(appUser.id, actor.id));
    await recordAuditEvent(tx, actor, ctx, { action: 'auth.totp_setup', objectType: 'user', objectId: actor.id });
  });
  const url = otpauthUrl(secret, actor.email);
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUrl: url, qrSvg };
}

export async function confirmTotp(deps: AppDeps, actor: Actor, code: string, ctx: RequestContext): Promise<Me> {
  const u = await findUserById(deps.db, actor.id);
  if (!u?.totpSecret) throw new AppError(400, 'totp_not_started', "Commencez par afficher le QR code à scanner.", 'code');
  if (u.totpEnabledAt) throw conflict('La double authentification est déjà active.');
  const now = deps.now();
  const step = verifyTotp(u.totpSecret, code, now, u.totpLastStep);
  if (step === null) throw new AppError(400, 'invalid_totp', "Ce code est incorrect. Vérifiez l'heure de votre téléphone et réessayez.", 'code');
  await deps.db.transaction(async (tx) => {
    await tx.update(appUser).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(appUser.id, actor.id));
    await recordAuditEvent(tx, actor, ctx, { action: 'auth.totp_enabled', objectType: 'user', objectId: actor.id });
  });
  return (await loadMe(deps.db, actor.id))!;
}

export async function disableTotp(deps: AppDeps, actor: Actor, code: string, ctx: RequestContext): Promise<Me> {
  const u = await findUserById(deps.db, actor.id);
  if (!u?.totpEnabledAt || !u.totpSecret) throw new AppError(400, 'totp_not_enabled', "La double authentification n'est pas active.", 'code');
  const step = verifyTotp(u.totpSecret, code, deps.now(), u.totpLastStep);
  if (step === null) throw new AppError(400, 'invalid_totp', 'Ce code est incorrect ou a déjà servi.', 'code');
  await deps.db.transaction(async (tx) => {
    await tx.update(appUser).set({ totpEnabledAt: null, totpSecret: null, totpLastStep: null }).where(eq(appUser.id, actor.id));
    await recordAuditEvent(tx, actor, ctx, { action: 'auth.totp_disabled', objectType: 'user', objectId: actor.id });
  });
  return (await loadMe(deps.db, actor.id))!;
}

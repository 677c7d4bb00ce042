/** Pure rules of the "Se former" domain, shared by the server and the browser. */

const DAY_MS = 86_400_000;

/**
 * When each module of a session opens: module N (1-based position) opens (N - 1) × everyDays
 * after the start, at the same time of day. Every day is 24 h, so the time drifts by an hour across
 * a daylight-saving change: the release time is a UTC instant, shown in the learner's zone.
 */
export function moduleOpensAt(startsAt: Date, position: number, everyDays = 7): Date {
  if (!Number.isInteger(position) || position < 1) throw new RangeError('position must be a positive integer');
  return new Date(startsAt.getTime() + (position - 1) * everyDays * DAY_MS);
}

export type RegistrationState = 'not_yet_open' | 'open' | 'closed';

/** Registration is open from opensAt (included) to closesAt (excluded). */
export function registrationState(session: { registrationOpensAt: Date; registrationClosesAt: Date }, now: Date): RegistrationState {
  if (now.getTime() < session.registrationOpensAt.getTime()) return 'not_yet_open';
  if (now.getTime() >= session.registrationClosesAt.getTime()) return 'closed';
  return 'open';
}

export interface SpocAccess {
  invitationCode?: string;
  professions?: string[];
  emails?: string[];
}

export type SpocRefusal = 'wrong_code' | 'not_allowed';

/**
 * Whether a user may enter a SPOC. Any one of the doors lets them in: the right invitation code,
 * a profession on the list, or an address on the list. A SPOC with no door at all is closed.
 * Codes compare without case or surrounding spaces (they are read aloud and retyped).
 */
export function spocAdmits(access: SpocAccess, who: { profession: string; email: string; invitationCode?: string | null }): { ok: true } | { ok: false; reason: SpocRefusal } {
  if (access.professions?.includes(who.profession)) return { ok: true };
  if (access.emails?.some((e) => e.trim().toLowerCase() === who.email.trim().toLowerCase())) return { ok: true };
  const given = who.invitationCode?.trim().toUpperCase();
  if (access.invitationCode && given) {
    return given === access.invitationCode.trim().toUpperCase() ? { ok: true } : { ok: false, reason: 'wrong_code' };
  }
  return { ok: false, reason: 'not_allowed' };
}

import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { buildCalendar, EVENT_KINDS, type FeedToken, type IcsEvent } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { eventFeedToken } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { notFound } from '../http/errors';
import { requireActor } from '../http/permissions';
import { mayOrganise } from './access';
import { findEvent, iso } from './queries';

interface IcsRow {
  occurrence_id: string;
  event_id: string;
  starts_at: Date;
  ends_at: Date;
  kind: keyof typeof EVENT_KINDS;
  title: string;
  description: string;
  organiser_name: string;
  organiser_email: string | null;
  address: string | null;
  commune_name: string | null;
  video_url: string | null;
  status: string;
  sequence: number;
  updated_at: Date;
  registration_status?: string | null;
}

const ICS_SELECT = sql`SELECT o.id AS occurrence_id, e.id AS event_id, o.starts_at, o.ends_at, e.kind, e.title, e.description, e.organiser_name, e.organiser_email,
  e.address, c.nom AS commune_name, e.video_url, e.status, e.sequence, e.updated_at
  FROM event_occurrence o JOIN event e ON e.id = o.event_id LEFT JOIN commune c ON c.code = e.commune_code`;

/** One VEVENT per date; the UID is the date's id, so a feed and a downloaded file name the same event. */
function toIcs(r: IcsRow, publicUrl: string, withVideo: boolean): IcsEvent {
  const page = `${publicUrl}/se-former/evenements/${r.event_id}`;
  const online = r.video_url ? (withVideo ? `Lien de connexion : ${r.video_url}` : `Lien de connexion sur la page de l'événement (réservé aux inscrits) : ${page}`) : null;
  return {
    uid: `${r.occurrence_id}@palliance`,
    start: new Date(r.starts_at),
    end: new Date(r.ends_at),
    summary: r.status === 'cancelled' ? `Annulé : ${r.title}` : r.title,
    description: [`${EVENT_KINDS[r.kind]} organisé par ${r.organiser_name}.`, r.description, online, page].filter(Boolean).join('\n\n'),
    location: r.address ? `${r.address}${r.commune_name ? `, ${r.commune_name}` : ''}` : r.video_url ? 'En ligne' : undefined,
    url: page,
    organizer: { name: r.organiser_name, email: r.organiser_email },
    categories: [EVENT_KINDS[r.kind]],
    status: r.status === 'cancelled' ? 'CANCELLED' : r.registration_status === 'waiting' ? 'TENTATIVE' : 'CONFIRMED',
    sequence: r.sequence,
    lastModified: new Date(r.updated_at),
  };
}

export async function eventIcs(deps: AppDeps, actor: Actor | null, id: string): Promise<string> {
  const e = await findEvent(deps.db, id);
  const organiser = !!e && mayOrganise(actor, e);
  if (!e || (e.status === 'draft' && !organiser)) throw notFound("Cet événement n'existe pas.");
  const res = (await deps.db.execute(sql`${ICS_SELECT} WHERE e.id = ${id} ORDER BY o.starts_at`)) as unknown as { rows: IcsRow[] };
  let registered = false;
  if (actor && !organiser) {
    const r = (await deps.db.execute(
      sql`SELECT 1 FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id WHERE o.event_id = ${id} AND r.user_id = ${actor.id} AND r.status = 'enrolled'`,
    )) as unknown as { rows: unknown[] };
    registered = r.rows.length > 0;
  }
  return buildCalendar({ name: e.title, now: deps.now(), events: res.rows.map((r) => toIcs(r, deps.config.publicUrl, organiser || registered)) });
}

/** Published (and cancelled, so subscribers see it go) events of the last month and to come. */
export async function publicFeed(deps: AppDeps, departement?: string): Promise<string> {
  const since = new Date(deps.now().getTime() - 31 * 86_400_000);
  const res = (await deps.db.execute(sql`${ICS_SELECT}
    WHERE e.status IN ('published', 'cancelled') AND o.ends_at > ${since} ${departement ? sql`AND e.departement = ${departement}` : sql``}
    ORDER BY o.starts_at, o.id LIMIT 2000`)) as unknown as { rows: IcsRow[] };
  return buildCalendar({
    name: departement ? `Palliance : événements (${departement})` : 'Palliance : événements',
    now: deps.now(),
    events: res.rows.map((r) => toIcs(r, deps.config.publicUrl, false)),
  });
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A user's registrations, reached by the secret address alone (calendar apps send no cookie). */
export async function personalFeed(deps: AppDeps, token: string): Promise<string> {
  const [owner] = await deps.db.select({ userId: eventFeedToken.userId }).from(eventFeedToken).where(eq(eventFeedToken.tokenHash, hashToken(token)));
  if (!owner) throw notFound("Cette adresse d'agenda n'existe pas ou a été révoquée.");
  const res = (await deps.db.execute(sql`SELECT x.*, r.status AS registration_status FROM event_registration r
    JOIN (${ICS_SELECT}) x ON x.occurrence_id = r.occurrence_id
    WHERE r.user_id = ${owner.userId} AND r.status IN ('enrolled', 'waiting') AND x.status <> 'draft'
    ORDER BY x.starts_at LIMIT 2000`)) as unknown as { rows: IcsRow[] };
  return buildCalendar({
    name: 'Palliance : mes événements',
    now: deps.now(),
    events: res.rows.map((r) => toIcs(r, deps.config.publicUrl, r.registration_status === 'enrolled')),
  });
}

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/v1/events/feeds/${token}/calendar.ics`;

export async function feedTokenStatus(deps: AppDeps, actor: Actor | null): Promise<FeedToken> {
  const a = requireActor(actor);
  const [row] = await deps.db.select().from(eventFeedToken).where(eq(eventFeedToken.userId, a.id));
  return { active: !!row, createdAt: row ? iso(row.createdAt) : null, url: null };
}

/** Creates the secret address, or replaces it (the old one stops working at once). */
export async function createFeedToken(deps: AppDeps, actor: Actor | null, ctx: RequestContext): Promise<FeedToken> {
  const a = requireActor(actor);
  const token = randomBytes(32).toString('base64url');
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(eventFeedToken).where(eq(eventFeedToken.userId, a.id));
    await tx.insert(eventFeedToken).values({ userId: a.id, tokenHash: hashToken(token), createdAt: now });
    await recordAuditEvent(tx, a, ctx, { action: 'event.feed_token_created', objectType: 'event_feed_token', objectId: a.id });
  });
  return { active: true, createdAt: iso(now), url: feedUrl(deps.config.publicUrl, token) };
}

export async function revokeFeedToken(deps: AppDeps, actor: Actor | null, ctx: RequestContext): Promise<FeedToken> {
  const a = requireActor(actor);
  await deps.db.transaction(async (tx) => {
    await tx.delete(eventFeedToken).where(eq(eventFeedToken.userId, a.id));
    await recordAuditEvent(tx, a, ctx, { action: 'event.feed_token_revoked', objectType: 'event_feed_token', objectId: a.id });
  });
  return { active: false, createdAt: null, url: null };
}

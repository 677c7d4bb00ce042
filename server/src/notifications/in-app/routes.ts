import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notificationListSchema, notificationPreferenceSchema, notificationSchema, unreadCountSchema, type AppNotification } from '@palliance/core';
import type { AppInstance } from '../../app-types';
import type { Db } from '../../db/client';
import { notification, notificationPreference } from '../../db/schema';
import { notFound } from '../../http/errors';
import { requireActor } from '../../http/permissions';

const tags = ['Notifications'];
const idParams = z.object({ id: z.uuid({ error: "L'identifiant de la notification n'est pas valide." }) });

const toDto = (r: typeof notification.$inferSelect): AppNotification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

async function unreadCount(db: Db, userId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(notification).where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return Number(r.n);
}

/** The signed-in user's notifications (in-app), unread count, mark read, and e-mail preference. */
export async function notificationRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;

  app.get(
    '/api/v1/notifications',
    { config: { access: 'user' }, schema: { tags, summary: 'Mes 100 dernières notifications', response: { 200: notificationListSchema } } },
    async (req) => {
      const a = requireActor(req.actor);
      const rows = await deps.db.select().from(notification).where(eq(notification.userId, a.id)).orderBy(desc(notification.createdAt)).limit(100);
      return { items: rows.map(toDto), unread: await unreadCount(deps.db, a.id) };
    },
  );

  app.get(
    '/api/v1/notifications/unread-count',
    { config: { access: 'user' }, schema: { tags, summary: 'Nombre de notifications non lues', response: { 200: unreadCountSchema } } },
    async (req) => ({ unread: await unreadCount(deps.db, requireActor(req.actor).id) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    { config: { access: 'user' }, schema: { tags, summary: 'Marquer comme lue', params: idParams, response: { 200: notificationSchema } } },
    async (req) => {
      const a = requireActor(req.actor);
      const [row] = await deps.db
        .update(notification)
        .set({ readAt: sql`coalesce(${notification.readAt}, ${deps.now()})` })
        .where(and(eq(notification.id, req.params.id), eq(notification.userId, a.id)))
        .returning();
      if (!row) throw notFound("Cette notification n'existe pas.");
      return toDto(row);
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    { config: { access: 'user' }, schema: { tags, summary: 'Tout marquer comme lu', response: { 200: unreadCountSchema } } },
    async (req) => {
      const a = requireActor(req.actor);
      await deps.db.update(notification).set({ readAt: deps.now() }).where(and(eq(notification.userId, a.id), isNull(notification.readAt)));
      return { unread: 0 };
    },
  );

  app.get(
    '/api/v1/me/notification-preference',
    { config: { access: 'user' }, schema: { tags, summary: 'Courriel à chaque notification ou résumé quotidien', response: { 200: notificationPreferenceSchema } } },
    async (req) => {
      const [p] = await deps.db.select().from(notificationPreference).where(eq(notificationPreference.userId, requireActor(req.actor).id));
      return { emailMode: (p?.emailMode ?? 'immediate') as 'immediate' | 'daily_digest' };
    },
  );

  app.put(
    '/api/v1/me/notification-preference',
    { config: { access: 'user' }, schema: { tags, body: notificationPreferenceSchema, response: { 200: notificationPreferenceSchema } } },
    async (req) => {
      const a = requireActor(req.actor);
      await deps.db
        .insert(notificationPreference)
        .values({ userId: a.id, emailMode: req.body.emailMode, updatedAt: deps.now() })
        .onConflictDoUpdate({ target: notificationPreference.userId, set: { emailMode: req.body.emailMode, updatedAt: deps.now() } });
      return { emailMode: req.body.emailMode };
    },
  );
}

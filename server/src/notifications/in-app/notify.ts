import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-types';
import type { Db } from '../../db/client';
import { coalesce } from '../../db/coalesce';
import { notification } from '../../db/schema';

export interface NotificationInput {
  userId: string;
  /** What happened, e.g. 'circle.structure_joined', 'request.sent'. */
  kind: string;
  title: string;
  body?: string;
  /** The address of the item in the web app (e.g. /coordination/patients/<id>). */
  link: string;
}

export interface CreatedNotification extends Required<NotificationInput> {
  id: string;
}

/**
 * Writes in-app notifications in the caller's transaction (one per distinct user), so they exist
 * exactly when the change they announce does. Hand the result to deliverNotificationMails after commit.
 */
export async function createNotifications(tx: Db, items: NotificationInput[], now: Date): Promise<CreatedNotification[]> {
  const seen = new Set<string>();
  const unique = items.filter((n) => {
    const key = `${n.userId}|${n.kind}|${n.link}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return [];
  const rows = await tx
    .insert(notification)
    .values(unique.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link, createdAt: now })))
    .returning();
  return rows.map((r) => ({ id: r.id, userId: r.userId, kind: r.kind, title: r.title, body: r.body, link: r.link }));
}

const mailText = (n: { title: string; body: string; link: string }, publicUrl: string) =>
  `${n.title}\n\n${n.body ? `${n.body}\n\n` : ''}Voir : ${publicUrl}${n.link}\n\n` +
  'Vous recevez ce courriel car vous êtes membre d’un cercle de soins sur Palliance. Vous pouvez choisir un résumé quotidien dans « Mes notifications ».';

const markers = new WeakMap<AppDeps, (ids: string[]) => Promise<void>>();
/** Marks notifications as e-mailed; under load, those of many requests in one UPDATE. */
function markEmailed(deps: AppDeps) {
  let mark = markers.get(deps);
  if (!mark) {
    mark = coalesce<string>(async (ids) => {
      await deps.db.execute(sql`UPDATE notification SET emailed_at = ${deps.now()} WHERE id = ANY (${`{${ids.join(',')}}`}::uuid[])`);
    });
    markers.set(deps, mark);
  }
  return mark;
}

/**
 * After commit: e-mails each notification at once to users who keep the default; those who chose
 * the daily digest get it in the morning summary instead. Never throws: the change is already saved.
 */
export async function deliverNotificationMails(deps: AppDeps, created: CreatedNotification[]): Promise<void> {
  if (created.length === 0) return;
  try {
    const ids = created.map((n) => n.id);
    const res = (await deps.db.execute(sql`
      SELECT n.id, u.email FROM notification n
      JOIN app_user u ON u.id = n.user_id AND u.disabled_at IS NULL
      LEFT JOIN notification_preference p ON p.user_id = n.user_id
      WHERE n.id = ANY (${`{${ids.join(',')}}`}::uuid[]) AND coalesce(p.email_mode, 'immediate') = 'immediate'`)) as unknown as {
      rows: { id: string; email: string }[];
    };
    const byId = new Map(created.map((n) => [n.id, n]));
    const mails = res.rows.map((r) => {
      const n = byId.get(r.id)!;
      return { to: r.email, subject: `[Palliance] ${n.title}`, text: mailText(n, deps.config.publicUrl) };
    });
    const sent: string[] = [];
    if (deps.mailer.sendMany && mails.length > 1) {
      // One write for all of them (a request reaches a whole team).
      await deps.mailer.sendMany(mails);
      sent.push(...res.rows.map((r) => r.id));
    } else {
      for (const [i, mail] of mails.entries()) {
        await deps.mailer.send(mail);
        sent.push(res.rows[i].id);
      }
    }
    if (sent.length) await markEmailed(deps)(sent);
  } catch (err) {
    console.error('[notifications] envoi des courriels', (err as Error).message);
  }
}

/** Every morning: one summary mail per user who chose the digest, of what they have not been mailed yet. */
export async function sendDailyDigests(deps: AppDeps): Promise<{ users: number }> {
  const res = (await deps.db.execute(sql`
    SELECT n.id, n.user_id, n.title, n.link, n.read_at, u.email FROM notification n
    JOIN notification_preference p ON p.user_id = n.user_id AND p.email_mode = 'daily_digest'
    JOIN app_user u ON u.id = n.user_id AND u.disabled_at IS NULL
    WHERE n.emailed_at IS NULL
    ORDER BY n.user_id, n.created_at`)) as unknown as { rows: { id: string; user_id: string; title: string; link: string; read_at: Date | null; email: string }[] };
  const byUser = new Map<string, typeof res.rows>();
  for (const r of res.rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  let users = 0;
  for (const rows of byUser.values()) {
    const unread = rows.filter((r) => !r.read_at);
    if (unread.length) {
      const lines = unread.map((r) => `- ${r.title}\n  ${deps.config.publicUrl}${r.link}`).join('\n');
      await deps.mailer.send({
        to: rows[0].email,
        subject: `[Palliance] Résumé du jour : ${unread.length} notification${unread.length > 1 ? 's' : ''}`,
        text: `Bonjour,\n\nVoici ce qui s'est passé dans vos cercles de soins :\n\n${lines}\n\nToutes vos notifications : ${deps.config.publicUrl}/notifications`,
      });
      users++;
    }
    // Read ones are marked too: they never need a mail.
    await deps.db.execute(sql`UPDATE notification SET emailed_at = ${deps.now()} WHERE id = ANY (${`{${rows.map((r) => r.id).join(',')}}`}::uuid[])`);
  }
  return { users };
}

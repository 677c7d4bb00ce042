import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import type { JobQueue } from '../queue/job-queue';
import { reminderMail } from './mails';

interface Claimed {
  registration_id: string;
  kind: '24h' | '1h';
  email: string;
  first_name: string;
  event_id: string;
  title: string;
  event_kind: string;
  address: string | null;
  commune_name: string | null;
  video_url: string | null;
  starts_at: Date;
}

const HOUR = 3_600_000;

/**
 * Sends the reminders now due: 24 h before (when the date is more than an hour away) and 1 h
 * before. Each one is first claimed by a row in event_reminder (primary key registration + kind):
 * a second run, or a second machine, claims nothing and sends nothing. Mails go after the commit;
 * a mail the queue refused releases its claim so the next run tries again.
 */
export async function sendEventReminders(deps: AppDeps): Promise<{ sent: number }> {
  const now = deps.now();
  const in1h = new Date(now.getTime() + HOUR);
  const in24h = new Date(now.getTime() + 24 * HOUR);
  const claimed = await deps.db.transaction(async (tx) => {
    const res = (await tx.execute(sql`
      WITH due AS (
        SELECT r.id AS registration_id, CASE WHEN o.starts_at <= ${in1h} THEN '1h' ELSE '24h' END AS kind
        FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id JOIN event e ON e.id = o.event_id
        WHERE r.status = 'enrolled' AND e.status = 'published' AND o.starts_at > ${now} AND o.starts_at <= ${in24h}
      ), claimed AS (
        INSERT INTO event_reminder (registration_id, kind, sent_at)
        SELECT registration_id, kind, ${now} FROM due
        ON CONFLICT DO NOTHING
        RETURNING registration_id, kind
      )
      SELECT c.registration_id, c.kind, u.email, u.first_name, e.id AS event_id, e.title, e.kind AS event_kind, e.address, cm.nom AS commune_name, e.video_url, o.starts_at
      FROM claimed c JOIN event_registration r ON r.id = c.registration_id JOIN app_user u ON u.id = r.user_id
      JOIN event_occurrence o ON o.id = r.occurrence_id JOIN event e ON e.id = o.event_id LEFT JOIN commune cm ON cm.code = e.commune_code
      ORDER BY o.starts_at, u.email`)) as unknown as { rows: Claimed[] };
    return res.rows;
  });
  let sent = 0;
  for (const c of claimed) {
    try {
      await deps.mailer.send(
        reminderMail(c.email, c.first_name, { id: c.event_id, title: c.title, kind: c.event_kind, address: c.address, communeName: c.commune_name, videoUrl: c.video_url }, new Date(c.starts_at), c.kind, deps.config.publicUrl),
      );
      sent += 1;
    } catch {
      await deps.db.execute(sql`DELETE FROM event_reminder WHERE registration_id = ${c.registration_id} AND kind = ${c.kind}`);
    }
  }
  return { sent };
}

/** Every five minutes, once across all instances: the 1 h reminder leaves between 60 and 55 minutes before. */
export async function startEventReminders(deps: AppDeps, queue: JobQueue | null): Promise<void> {
  if (!queue) return;
  await queue.work('event-reminders', async () => {
    await sendEventReminders(deps);
  });
  await queue.schedule('event-reminders', '*/5 * * * *');
}

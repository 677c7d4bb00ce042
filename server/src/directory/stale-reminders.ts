import { STALE_AFTER_DAYS } from '@palliance/core';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import { structurePath } from './queries';

/** A manager is reminded of an entry at most this often while it stays unconfirmed. */
export const REMIND_EVERY_DAYS = 30;

interface StaleRow {
  id: string;
  name: string;
  confirmed_at: Date;
  manager_email: string;
}

/**
 * Mails each structure manager the entries of theirs not confirmed for six months ("à vérifier"),
 * with a link to confirm or correct them. Each reminder is an audit event, which is also how the
 * next run knows not to mail again within REMIND_EVERY_DAYS.
 */
export async function sendStaleReminders(deps: AppDeps): Promise<{ structures: number; mails: number }> {
  const now = deps.now();
  const rows = await deps.handle.query<StaleRow>(
    `SELECT s.id, s.name, s.confirmed_at, u.email AS manager_email
     FROM structure s
     JOIN role_grant g ON g.role = 'structure_manager' AND g.scope = s.id::text
     JOIN app_user u ON u.id = g.user_id AND u.disabled_at IS NULL
     WHERE s.status = 'published'
       AND s.confirmed_at < $1::timestamptz - make_interval(days => $2)
       AND NOT EXISTS (SELECT 1 FROM audit_event a
                       WHERE a.action = 'directory.stale_reminder' AND a.object_id = s.id::text
                         AND a.at > $1::timestamptz - make_interval(days => $3))
     ORDER BY u.email, s.name`,
    [now, STALE_AFTER_DAYS, REMIND_EVERY_DAYS],
  );
  const byManager = new Map<string, StaleRow[]>();
  for (const r of rows) byManager.set(r.manager_email, [...(byManager.get(r.manager_email) ?? []), r]);
  const structures = new Set(rows.map((r) => r.id));
  await deps.db.transaction(async (tx) => {
    for (const id of structures) {
      await recordAuditEvent(tx, null, null, { action: 'directory.stale_reminder', objectType: 'structure', objectId: id });
    }
  });
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  for (const [email, list] of byManager) {
    const lines = list.map((r) => `- ${r.name} (confirmée le ${date.format(new Date(r.confirmed_at))}) : ${deps.config.publicUrl}${structurePath(r.id)}`);
    await deps.mailer.send({
      to: email,
      subject: list.length === 1 ? 'Une fiche de l’annuaire est à vérifier' : `${list.length} fiches de l’annuaire sont à vérifier`,
      text: `Bonjour,\n\nLes fiches suivantes n'ont pas été confirmées depuis plus de six mois. Elles s'affichent « à vérifier » pour les professionnels qui les consultent :\n\n${lines.join('\n')}\n\nOuvrez chaque fiche, corrigez ce qui a changé (numéros, horaires, délai d'accès) puis enregistrez : l'enregistrement vaut confirmation.\n\n--\nPalliance, la plateforme des soins palliatifs à domicile\n${deps.config.publicUrl}`,
    });
  }
  return { structures: structures.size, mails: byManager.size };
}

import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '../db/client';

/**
 * What the platform keeps about one person, domain by domain: what "download my data" returns and
 * what deleting the account erases or pseudonymises. A domain that stores personal data adds its
 * source here; a test checks that every table pointing at app_user is covered by one.
 */
export interface PersonalDataSource {
  /** Key in the exported JSON. */
  key: string;
  /** Tables whose user columns this source covers (checked against the database's foreign keys). */
  tables: string[];
  export(handle: DbHandle, userId: string): Promise<unknown>;
  /** Inside the deletion transaction. Absent: the rows stay, attached to the pseudonymised account. */
  erase?(tx: Db, userId: string): Promise<void>;
}

const rows = (handle: DbHandle, text: string) => (userId: string) => handle.query(text, [userId]);

export const personalDataSources: PersonalDataSource[] = [
  {
    key: 'compte',
    tables: ['app_user'],
    export: async (h, id) =>
      (
        await rows(
          h,
          `SELECT email, email_verified_at, first_name, last_name, profession, profession_other, practice_mode, departement, rpps,
                  totp_enabled_at IS NOT NULL AS double_authentification, created_at, updated_at
             FROM app_user WHERE id = $1`,
        )(id)
      )[0] ?? null,
  },
  {
    key: 'identitesExternes',
    tables: ['user_identity'],
    export: (h, id) => rows(h, 'SELECT provider, created_at FROM user_identity WHERE user_id = $1')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM user_identity WHERE user_id = ${id}`);
    },
  },
  {
    key: 'roles',
    tables: ['role_grant'],
    export: (h, id) => rows(h, 'SELECT role, scope, created_at FROM role_grant WHERE user_id = $1 ORDER BY created_at')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM role_grant WHERE user_id = ${id}`);
      await tx.execute(sql`UPDATE role_grant SET granted_by = NULL WHERE granted_by = ${id}`);
    },
  },
  {
    key: 'sessions',
    tables: ['user_session', 'user_token'],
    export: (h, id) => rows(h, 'SELECT created_at, last_seen_at, expires_at, ip, user_agent FROM user_session WHERE user_id = $1 ORDER BY created_at')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM user_session WHERE user_id = ${id}`);
      await tx.execute(sql`DELETE FROM user_token WHERE user_id = ${id}`);
    },
  },
  {
    key: 'signalementsAnnuaire',
    tables: ['structure_report'],
    export: (h, id) => rows(h, 'SELECT * FROM structure_report WHERE reporter_id = $1 OR answered_by = $1 ORDER BY created_at')(id),
    // The report stays for the entry's managers; the address it was sent from goes.
    erase: async (tx, id) => {
      await tx.execute(sql`UPDATE structure_report SET reporter_email = NULL WHERE reporter_id = ${id}`);
    },
  },
  {
    key: 'equipesPedagogiques',
    tables: ['course_teacher'],
    export: (h, id) => rows(h, 'SELECT course_id, display_name, profession, structure FROM course_teacher WHERE user_id = $1')(id),
  },
  {
    key: 'inscriptionsFormations',
    tables: ['enrolment'],
    export: (h, id) => rows(h, 'SELECT * FROM enrolment WHERE user_id = $1 ORDER BY created_at')(id),
    // Completed enrolments stay (course statistics); a place in a waiting list is given up.
    erase: async (tx, id) => {
      await tx.execute(sql`UPDATE enrolment SET status = 'withdrawn', waiting_position = NULL, updated_at = now() WHERE user_id = ${id} AND status = 'waiting'`);
    },
  },
  {
    key: 'journalDeMesActions',
    tables: [],
    export: (h, id) => rows(h, 'SELECT at, action, object_type, object_id, ip FROM audit_event WHERE actor_id = $1 ORDER BY at DESC LIMIT 10000')(id),
  },
];

import type { Role } from '@palliance/core';
import { hashPassword } from '../../accounts/secrets';
import type { DbHandle } from '../client';

/** Every demo account shares this password; the README lists them. Fictional people, example.org addresses. */
export const DEMO_PASSWORD = 'Palliance-demo-2026';

/** Fixed ids so later seeds (courses, structures) can attach the demo roles to real entries. */
export const DEMO_IDS = {
  course: '00000000-0000-4000-8000-00000000c001',
  structure: '00000000-0000-4000-8000-00000000a001',
} as const;

interface DemoAccount {
  email: string;
  firstName: string;
  lastName: string;
  profession: string;
  practiceMode: string;
  departement: string;
  roles: { role: Role; scope: string | null }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@example.org', firstName: 'Alice', lastName: 'Admin (démo)', profession: 'autre', practiceMode: 'autre', departement: '75', roles: [{ role: 'admin', scope: null }] },
  { email: 'apprenante@example.org', firstName: 'Inès', lastName: 'Infirmière (démo)', profession: 'infirmier', practiceMode: 'liberal', departement: '06', roles: [{ role: 'learner', scope: null }] },
  { email: 'enseignant@example.org', firstName: 'Théo', lastName: 'Enseignant (démo)', profession: 'medecin_specialiste', practiceMode: 'salarie_hospitalier', departement: '06', roles: [{ role: 'teacher', scope: DEMO_IDS.course }] },
  { email: 'animatrice@example.org', firstName: 'Anna', lastName: 'Animatrice (démo)', profession: 'psychologue', practiceMode: 'liberal', departement: '13', roles: [{ role: 'forum_animator', scope: DEMO_IDS.course }] },
  { email: 'membre@example.org', firstName: 'Marc', lastName: 'Membre EMSP (démo)', profession: 'infirmier', practiceMode: 'salarie_hospitalier', departement: '34', roles: [{ role: 'structure_member', scope: DEMO_IDS.structure }] },
  { email: 'responsable@example.org', firstName: 'Rita', lastName: 'Responsable EMSP (démo)', profession: 'medecin_specialiste', practiceMode: 'salarie_hospitalier', departement: '34', roles: [{ role: 'structure_manager', scope: DEMO_IDS.structure }] },
  { email: 'coordinatrice@example.org', firstName: 'Chloé', lastName: 'Coordinatrice (démo)', profession: 'infirmier', practiceMode: 'salarie_medico_social', departement: '73', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }] },
  { email: 'editeur@example.org', firstName: 'Éric', lastName: 'Éditeur (démo)', profession: 'pharmacien', practiceMode: 'salarie_hospitalier', departement: '13', roles: [{ role: 'content_editor', scope: null }] },
  // Coordonner: a GP and a private-practice nurse of Montpellier sharing demo patients (server/src/coordination/demo-patients.ts).
  { email: 'medecin-traitant@example.org', firstName: 'Gilles', lastName: 'Généraliste (démo)', profession: 'medecin_generaliste', practiceMode: 'liberal', departement: '34', roles: [] },
  { email: 'infirmiere-liberale@example.org', firstName: 'Nadia', lastName: 'Infirmière libérale (démo)', profession: 'infirmier', practiceMode: 'liberal', departement: '34', roles: [] },
  // HAD Savoie's demo nurse (the structure membership is granted by coordination/pathway/demo-pathway.ts once the directory is seeded).
  { email: 'infirmiere-had@example.org', firstName: 'Hélène', lastName: 'Infirmière HAD (démo)', profession: 'infirmier', practiceMode: 'salarie_hospitalier', departement: '73', roles: [] },
];

/** Creates the demo accounts once (skipped when already there, so a restart keeps what was changed). */
export async function seedDemoData(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-comptes'");
  if (done.length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      for (const a of DEMO_ACCOUNTS) {
        const rows = await s.query<{ id: string }>(
          `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
           VALUES ($1, now(), $2, $3, $4, $5, $6, $7)
           ON CONFLICT DO NOTHING RETURNING id`,
          [a.email, passwordHash, a.firstName, a.lastName, a.profession, a.practiceMode, a.departement],
        );
        if (!rows[0]) continue;
        for (const r of a.roles) {
          await s.query('INSERT INTO role_grant (user_id, role, scope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [rows[0].id, r.role, r.scope]);
        }
        await s.query(
          "INSERT INTO audit_event (action, object_type, object_id, details) VALUES ('seed.demo_account', 'user', $1, $2)",
          [rows[0].id, JSON.stringify({ email: a.email })],
        );
      }
      await s.query(
        "INSERT INTO reference_dataset (name, version, source) VALUES ('demo-comptes', '1', 'Comptes de démonstration fictifs (example.org)')",
      );
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  return true;
}

import type { DbHandle } from '../db/client';
import { DEMO_IDS } from '../db/seed/demo';

/** The demo GP and nurse of Montpellier (seed/demo.ts), whose patients the demo EMSP of Montpellier covers. */
const GP_EMAIL = 'medecin-traitant@example.org';
const NURSE_EMAIL = 'infirmiere-liberale@example.org';

export const DEMO_PATIENT_IDS = {
  jeanne: '00000000-0000-4000-8000-0000000d0001',
  henri: '00000000-0000-4000-8000-0000000d0002',
} as const;

/** Demo circles for the demo accounts; once (a restart keeps what was changed). */
export async function seedDemoPatients(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-coordination'");
  if (done.length > 0) return false;
  const users = await handle.query<{ id: string; email: string }>('SELECT id, lower(email) AS email FROM app_user WHERE lower(email) IN ($1, $2)', [GP_EMAIL, NURSE_EMAIL]);
  const gp = users.find((u) => u.email === GP_EMAIL)?.id;
  const nurse = users.find((u) => u.email === NURSE_EMAIL)?.id;
  // Accounts renamed or deleted by hand: no demo circles rather than half of them.
  if (!gp || !nurse) return false;
  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      const patients = [
        { id: DEMO_PATIENT_IDS.jeanne, first: 'Jeanne', last: 'Exemple (démo)', birth: '1934-03-12', sex: 'female', place: 'home' },
        { id: DEMO_PATIENT_IDS.henri, first: 'Henri', last: 'Fictif (démo)', birth: '1948-09-30', sex: 'male', place: 'home' },
      ];
      for (const p of patients) {
        await s.query(
          `INSERT INTO patient (id, first_name, last_name, birth_date, sex, place_of_life, address_line, commune_code, is_demo, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'Adresse fictive (démo)', '34172', true, $7)`,
          [p.id, p.first, p.last, p.birth, p.sex, p.place, gp],
        );
        await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id, joined_through, added_by) VALUES ($1, 'professional', 'gp', $2, 'creator', $2)", [p.id, gp]);
        await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id, added_by) VALUES ($1, 'professional', 'nurse', $2, $3)", [p.id, nurse, gp]);
        await s.query(
          "INSERT INTO patient_consent (patient_id, purpose, decision, given_by, note, recorded_by) VALUES ($1, 'coordination', 'given', 'patient', 'Consentement oral recueilli au domicile (démo).', $2)",
          [p.id, gp],
        );
        await s.query("INSERT INTO audit_event (action, object_type, object_id, details) VALUES ('seed.demo_patient', 'patient', $1, '{}')", [p.id]);
      }
      await s.query(
        "INSERT INTO care_circle_member (patient_id, kind, circle_role, display_name, relationship, phone) VALUES ($1, 'caregiver', 'caregiver', 'Paul Exemple (démo)', 'fils', '01 99 00 45 10')",
        [DEMO_PATIENT_IDS.jeanne],
      );
      // Henri is already followed by the demo EMSP of Montpellier (its demo members see his file).
      await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, structure_id, added_by) VALUES ($1, 'structure', 'structure', $2, $3)", [DEMO_PATIENT_IDS.henri, DEMO_IDS.structure, gp]);
      await s.query(
        "INSERT INTO patient_entry (patient_id, kind, body, author_id, author_name) VALUES ($1, 'notebook', 'Passage du matin : douleur 3/10, nuit calme. Aidant présent. (Note fictive de démonstration.)', $2, 'Nadia Infirmière libérale (démo)')",
        [DEMO_PATIENT_IDS.jeanne, nurse],
      );
      await s.query("INSERT INTO reference_dataset (name, version, source) VALUES ('demo-coordination', '1', 'Patients et cercles de soins fictifs de démonstration')");
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  return true;
}

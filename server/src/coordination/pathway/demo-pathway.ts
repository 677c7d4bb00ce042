import { DEMO_RCP_CRITERIA, SCALES, scoreScale } from '@palliance/core';
import type { DbHandle } from '../../db/client';

const GP_EMAIL = 'medecin-traitant@example.org';
const NURSE_EMAIL = 'infirmiere-liberale@example.org';
const COORDINATOR_EMAIL = 'coordinatrice@example.org';
const HAD_NURSE_EMAIL = 'infirmiere-had@example.org';

export const DEMO_PATHWAY_PATIENT_ID = '00000000-0000-4000-8000-0000000d0003';

/**
 * A fictional pathway built like the one seed 002 shows ("Parcours patient"): a woman of 91
 * at home, a DAC request and an HAD dormant file early on, USP stays, monthly day hospital, an RCP
 * discussion, then HAD at the end. She lives in Savoie, where the demo directory has an HAD and the
 * demo coordinator organises the mini-RCP; the demo GP and nurse follow her. Once per database.
 */
export async function seedDemoPathway(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-parcours'");
  if (done.length > 0) return false;
  const users = await handle.query<{ id: string; email: string }>('SELECT id, lower(email) AS email FROM app_user WHERE lower(email) IN ($1, $2, $3)', [GP_EMAIL, NURSE_EMAIL, COORDINATOR_EMAIL]);
  const id = (e: string) => users.find((u) => u.email === e)?.id;
  const gp = id(GP_EMAIL);
  const nurse = id(NURSE_EMAIL);
  const coordinator = id(COORDINATOR_EMAIL);
  const [had] = await handle.query<{ id: string; name: string }>("SELECT id, name FROM structure WHERE name = 'HAD Savoie (démo)' LIMIT 1");
  if (!gp || !nurse || !coordinator || !had) return false;
  const p = DEMO_PATHWAY_PATIENT_ID;
  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      await s.query(
        `INSERT INTO patient (id, first_name, last_name, birth_date, sex, place_of_life, address_line, commune_code, is_demo, created_by)
         VALUES ($1, 'Marthe', 'Parcours (démo)', '1935-02-14', 'female', 'home', 'Adresse fictive (démo)', '73054', true, $2)`,
        [p, gp],
      );
      await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id, joined_through, added_by) VALUES ($1, 'professional', 'gp', $2, 'creator', $2)", [p, gp]);
      await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, user_id, added_by) VALUES ($1, 'professional', 'nurse', $2, $3)", [p, nurse, gp]);
      await s.query("INSERT INTO care_circle_member (patient_id, kind, circle_role, structure_id, added_by) VALUES ($1, 'structure', 'structure', $2, $3)", [p, had.id, gp]);
      await s.query(
        "INSERT INTO care_circle_member (patient_id, kind, circle_role, display_name, relationship, phone) VALUES ($1, 'caregiver', 'caregiver', 'Claire Parcours (démo)', 'fille', '01 99 00 45 20')",
        [p],
      );
      await s.query(
        "INSERT INTO patient_consent (patient_id, purpose, decision, given_by, note, recorded_by) VALUES ($1, 'coordination', 'given', 'patient', 'Consentement oral (démo).', $2)",
        [p, gp],
      );
      // Places of care, after seed 002's "Parcours patient" (dates of the slide, a fictional person).
      const places: [string, string, string | null, string][] = [
        ['home', '2022-06-01', null, 'Domicile, suivi par le médecin traitant et l’infirmière libérale'],
        ['usp', '2022-12-05', '2022-12-20', 'Altération de l’état général'],
        ['usp', '2023-07-03', '2023-07-14', 'Altération de l’état général, troubles anxieux'],
        ['usp', '2023-09-11', '2023-09-22', 'Troubles anxieux'],
        ...['2023-11-14', '2023-12-12', '2024-01-16', '2024-02-13', '2024-03-12'].map((d): [string, string, string | null, string] => ['day_hospital', d, d, 'Hôpital de jour de soins palliatifs (1 fois par mois)']),
        ['usp', '2024-04-02', '2024-04-19', 'Hospitalisation en USP'],
        ['had', '2024-04-19', null, 'Sortie en HAD'],
      ];
      for (const [kind, from, to, note] of places) {
        await s.query('INSERT INTO care_place_stay (patient_id, kind, started_on, ended_on, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $3::date)', [p, kind, from, to, note, nurse]);
      }
      // The HAD dormant file prepared in January 2023 (seed 002: "Sollicitation DAC, dossier HAD dormant"), activated at the exit in HAD.
      const [file] = await s.query<{ id: string }>(
        `INSERT INTO dormant_file (patient_id, structure_id, structure_name, status, urgency_sheet, contacts, created_by, created_at, activated_at, activated_by, activated_by_name, updated_at)
         VALUES ($1, $2, $3, 'activated', $4, $5, $6, '2023-01-10T10:00:00Z', '2024-04-19T17:30:00Z', $6, 'Gilles Généraliste (démo)', '2024-04-19T17:30:00Z') RETURNING id`,
        [
          p,
          had.id,
          had.name,
          JSON.stringify({ illnesses: 'Situation fictive de démonstration.', goalsOfCare: 'Confort, maintien à domicile (démo).', resuscitation: 'Fictif : à décider avec la patiente.' }),
          JSON.stringify([{ name: 'Claire Parcours (démo)', role: 'Fille, personne de confiance', phone: '01 99 00 45 20' }]),
          gp,
        ],
      );
      await s.query("INSERT INTO dormant_file_event (dormant_file_id, patient_id, kind, actor_id, actor_name, at) VALUES ($1, $2, 'created', $3, 'Gilles Généraliste (démo)', '2023-01-10T10:00:00Z')", [file.id, p, gp]);
      await s.query("INSERT INTO dormant_file_event (dormant_file_id, patient_id, kind, actor_id, actor_name, at) VALUES ($1, $2, 'activated', $3, 'Gilles Généraliste (démo)', '2024-04-19T17:30:00Z')", [file.id, p, gp]);
      // Pain (EN) evaluations saved by the nurse, scored with core's scoring.
      for (const [n, [at, v]] of ([['2023-11-14T09:00:00Z', 6], ['2024-01-16T09:00:00Z', 4], ['2024-03-12T09:00:00Z', 7]] as const).entries()) {
        const r = scoreScale(SCALES.en, { intensite: v });
        const parts = [{ scaleId: 'en', scaleTitle: SCALES.en.shortTitle, version: SCALES.en.version, answers: { intensite: v }, score: r.score, thresholdReached: r.thresholdReached, interpretation: r.interpretation, highlighted: r.highlighted }];
        await s.query(
          "INSERT INTO saved_evaluation (patient_id, evaluator_id, evaluator_name, idempotency_key, evaluated_at, parts, created_at) VALUES ($1, $2, 'Nadia Infirmière libérale (démo)', $3, $4, $5, $4)",
          [p, nurse, `demo-parcours-${n}`, at, JSON.stringify(parts)],
        );
      }
      // The mini-RCP of Savoie (every Tuesday 20:00, 30 min) and the case discussed before the last USP stay.
      const [series] = await s.query<{ id: string }>(
        `INSERT INTO rcp_series (departement, title, weekday, local_time, duration_minutes, video_link, max_cases, criteria, created_by, created_at)
         VALUES ('73', 'Mini-RCP flash Savoie (démo)', 2, '20:00', 30, 'https://visio.example.org/rcp-savoie', 4, $1, $2, '2023-10-01T08:00:00Z') RETURNING id`,
        [JSON.stringify(DEMO_RCP_CRITERIA), coordinator],
      );
      const [c] = await s.query<{ id: string }>(
        `INSERT INTO rcp_case (series_id, meeting_at, patient_id, submitted_by, submitter_name, idempotency_key, question, criteria_checked, status, report, discussed_at, created_at)
         VALUES ($1, '2024-03-26T19:00:00Z', $2, $3, 'Gilles Généraliste (démo)', 'demo-parcours-rcp', 'Quel lieu de soins après la prochaine hospitalisation ? (question fictive)', $4, 'discussed', $5, '2024-03-26T19:30:00Z', '2024-03-20T08:00:00Z') RETURNING id`,
        [
          series.id,
          p,
          gp,
          JSON.stringify(DEMO_RCP_CRITERIA.map((x) => x.id)),
          JSON.stringify({ summary: 'Situation fictive de démonstration discutée.', decisions: 'Préparer la sortie en HAD ; activer le dossier dormant le moment venu.' }),
        ],
      );
      await s.query("INSERT INTO rcp_action (case_id, patient_id, label, owner_id, due_on, done_at, created_at) VALUES ($1, $2, 'Prévenir l’HAD de la sortie prévue', $3, '2024-04-05', '2024-04-04T10:00:00Z', '2024-03-26T19:30:00Z')", [c.id, p, gp]);
      // The demo HAD nurse works for HAD Savoie: she receives its activations.
      await s.query(
        "INSERT INTO role_grant (user_id, role, scope) SELECT id, 'structure_member', $1 FROM app_user WHERE lower(email) = $2 AND NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = app_user.id AND g.scope = $1)",
        [had.id, HAD_NURSE_EMAIL],
      );
      await s.query("INSERT INTO audit_event (action, object_type, object_id, details) VALUES ('seed.demo_patient', 'patient', $1, '{}')", [p]);
      await s.query("INSERT INTO reference_dataset (name, version, source) VALUES ('demo-parcours', '1', 'Parcours fictif de démonstration, construit comme celui du document source 002')");
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  return true;
}

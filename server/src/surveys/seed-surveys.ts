import { readResponsesCsv } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { definitionOf } from './load-survey';
import { newPublicToken } from './manage-survey';
import { enqueteLiberauxIdf2025 } from './templates/enquete-liberaux-idf-2025';
import { sampleResponsesCsv } from './templates/enquete-liberaux-idf-2025.sample-responses';

const TEMPLATE_TITLE = 'Modèle : pratiques et besoins des professionnels libéraux en soins palliatifs (enquête régionale, seed 004)';
const DEMO_TITLE = 'Démonstration : enquête libéraux Île-de-France (40 réponses fictives)';

/**
 * The seed-004 questionnaire ships as a template (always), and with demo data a survey made from it
 * holding the 40 fictional sample responses, so the report page is not empty. Both run once.
 */
export async function seedSurveys(handle: DbHandle, opts: { demo: boolean }): Promise<void> {
  const json = JSON.stringify(enqueteLiberauxIdf2025);
  const [tpl] = await handle.query<{ id: string }>('SELECT id FROM survey WHERE is_template AND questionnaire->>\'id\' = $1', [enqueteLiberauxIdf2025.id]);
  if (!tpl) {
    await handle.query('INSERT INTO survey (title, questionnaire, is_template, public_token) VALUES ($1, $2::jsonb, true, $3)', [TEMPLATE_TITLE, json, newPublicToken()]);
  }
  if (!opts.demo) return;
  const [demo] = await handle.query<{ id: string }>('SELECT id FROM survey WHERE is_demo');
  if (demo) return;
  const def = definitionOf({ questionnaire: enqueteLiberauxIdf2025, title: DEMO_TITLE });
  const read = readResponsesCsv(def, sampleResponsesCsv);
  if (read.problemCount > 0) throw new Error(`Réponses de démonstration non valides : ${read.problems[0].message}`);
  await handle.withSession(async (s) => {
    await s.exec('BEGIN');
    try {
      const [row] = await s.query<{ id: string }>(
        "INSERT INTO survey (title, questionnaire, is_demo, mode, public_token) VALUES ($1, $2::jsonb, true, 'anonymous', $3) RETURNING id",
        [DEMO_TITLE, json, newPublicToken()],
      );
      await s.query(
        "INSERT INTO survey_response (survey_id, status, answers, submitted_at) SELECT $1, 'submitted', a, now() FROM jsonb_array_elements($2::jsonb) AS a",
        [row.id, JSON.stringify(read.rows)],
      );
      await s.exec('COMMIT');
    } catch (err) {
      await s.exec('ROLLBACK');
      throw err;
    }
  });
}

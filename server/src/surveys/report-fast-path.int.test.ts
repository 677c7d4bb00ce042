// The report the server serves (answers read back as bare arrays, integer sorts by counting, reports
// kept until their data changes) must equal the pure core computation over the stored responses.
import fc from 'fast-check';
import { buildReport, readQuestionnaire, type Answers, type SurveyDefinition } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { compactWriteBacks, reportProgress, reportSlicing } from './survey-report';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const bound = (min: number, max: number) => [
  { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: min },
  { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: max },
];
const opts = (codes: string[]) => codes.map((c) => ({ valueCoding: { code: c, display: `Réponse ${c}` } }));
/** Every item kind, a condition, a multiple choice and a free text. */
const questionnaire = {
  resourceType: 'Questionnaire',
  id: 'aleatoire',
  title: 'Questionnaire aléatoire',
  item: [
    { linkId: 'profession', type: 'choice', text: 'Profession', answerOption: opts(['mg', 'ms', 'ide', 'kine']) },
    { linkId: 'taille', type: 'integer', text: 'Taille du cabinet', extension: bound(1, 30) },
    { linkId: 'part', type: 'decimal', text: 'Part (%)' },
    { linkId: 'debut', type: 'date', text: 'Début' },
    { linkId: 'aisance', type: 'group', text: 'Aisance', item: ['douleur', 'sedation'].map((d) => ({ linkId: `aisance-${d}`, type: 'integer', text: d, extension: bound(1, 5) })) },
    { linkId: 'outils', type: 'boolean', text: 'Outils ?' },
    { linkId: 'lesquels', type: 'choice', repeats: true, text: 'Lesquels ?', enableWhen: [{ question: 'outils', operator: '=', answerBoolean: true }], answerOption: opts(['en', 'esas', 'ppi']) },
    { linkId: 'verbatim', type: 'text', text: 'Verbatim' },
  ],
};
const def = readQuestionnaire(questionnaire).definition as SurveyDefinition;

const answersArb: fc.Arbitrary<Answers> = fc.record(
  {
    profession: fc.constantFrom('mg', 'ms', 'ide', 'kine'),
    taille: fc.integer({ min: 1, max: 30 }),
    part: fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
    debut: fc.constantFrom('2020-01-15', '2024-06-30', '2026-11-01'),
    'aisance-douleur': fc.integer({ min: 1, max: 5 }),
    'aisance-sedation': fc.integer({ min: 1, max: 5 }),
    outils: fc.boolean(),
    lesquels: fc.subarray(['en', 'esas', 'ppi']),
    verbatim: fc.constantFrom('Plus de temps', 'Un numéro unique', 'Moins de papier'),
  },
  { requiredKeys: [] },
);

let t: TestPlatform;
let cell: TestClient;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  const u = await createUser(t, { email: 'cellule-rapide@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:75' }] });
  cell = t.client();
  expect((await cell.login(u.email, u.password)).status).toBe(200);
});
afterAll(async () => {
  // Compact forms written back after the last reports: before the database closes.
  if (t) await compactWriteBacks(t.platform.deps.db);
  await t?.stop();
});

const options = {
  groupBy: { linkId: 'profession', merges: [{ label: 'Médecins', codes: ['mg', 'ms'] }] },
  crossTables: [
    { rows: { linkId: 'taille', bins: [{ label: '1', min: 1, max: 1 }, { label: '2 à 5', min: 2, max: 5 }, { label: 'plus de 5', min: 6 }] }, columns: 'lesquels' },
  ],
};

/** The pure core computation over what the database holds (responses in id order, themes). */
async function expected(surveyId: string, d: SurveyDefinition = { ...def, title: 'Aléatoire' }) {
  const responses = await t.query<{ id: string; answers: Answers }>("SELECT id, answers FROM survey_response WHERE survey_id = $1 AND status = 'submitted' ORDER BY id", [surveyId]);
  const themes = await t.query<{ response_id: string; link_id: string; themes: string[] }>(
    'SELECT t.response_id, t.link_id, t.themes FROM survey_text_theme t JOIN survey_response r ON r.id = t.response_id WHERE r.survey_id = $1',
    [surveyId],
  );
  const report = buildReport(d, responses, { ...options, themes: new Map(themes.map((x) => [`${x.response_id}:${x.link_id}`, x.themes])) });
  return JSON.parse(JSON.stringify(report)) as unknown;
}

const insert = (surveyId: string, rows: Answers[]) =>
  t.query("INSERT INTO survey_response (survey_id, status, answers) SELECT $1, 'submitted', a FROM jsonb_array_elements($2::jsonb) a", [surveyId, JSON.stringify(rows)]);

describe('survey report fast path', () => {
  it('equals the pure core computation on random responses, also after more answers and new themes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answersArb, { maxLength: 40 }), fc.array(answersArb, { minLength: 1, maxLength: 5 }), async (first, more) => {
        const created = await cell.post('/api/v1/surveys', { questionnaire, title: 'Aléatoire' });
        expect(created.status).toBe(201);
        const id = created.body.id as string;
        await insert(id, first);
        const r1 = await cell.post(`/api/v1/surveys/${id}/report`, options);
        expect(r1.status).toBe(200);
        expect(r1.body).toEqual(await expected(id));
        // A report kept from the first view must not outlive the data it was computed from.
        await insert(id, more);
        const r2 = await cell.post(`/api/v1/surveys/${id}/report`, options);
        expect(r2.body.respondents).toBe(first.length + more.length);
        expect(r2.body).toEqual(await expected(id));
        const text = r2.body.items.find((i: { linkId: string }) => i.linkId === 'verbatim').texts.listed[0];
        if (text) {
          expect((await cell.put(`/api/v1/surveys/${id}/responses/${text.responseId}/themes/verbatim`, { themes: ['coordination'] })).status).toBe(200);
          const r3 = await cell.post(`/api/v1/surveys/${id}/report`, options);
          expect(r3.body).toEqual(await expected(id));
          expect(r3.body.items.find((i: { linkId: string }) => i.linkId === 'verbatim').texts.themes).toContainEqual({ theme: 'coordination', count: 1 });
        }
      }),
      { numRuns: 12 },
    );
  });

  it('computes again after a response is deleted or a draft is submitted, not after a draft is saved', async () => {
    const created = await cell.post('/api/v1/surveys', { questionnaire, title: 'Brouillons' });
    const id = created.body.id as string;
    await insert(id, [{ profession: 'mg' }, { profession: 'ide' }]);
    expect((await cell.post(`/api/v1/surveys/${id}/report`, {})).body.respondents).toBe(2);
    const [version] = await t.query<{ version: string }>('SELECT version FROM survey_report_version WHERE survey_id = $1', [id]);
    await t.query("INSERT INTO survey_response (survey_id, status, answers, draft_key) VALUES ($1, 'draft', '{}', 'brouillon-1')", [id]);
    await t.query("UPDATE survey_response SET answers = '{\"profession\":\"kine\"}' WHERE draft_key = 'brouillon-1'");
    expect(await t.query('SELECT version FROM survey_report_version WHERE survey_id = $1', [id])).toEqual([version]);
    await t.query("UPDATE survey_response SET status = 'submitted' WHERE draft_key = 'brouillon-1'");
    expect((await cell.post(`/api/v1/surveys/${id}/report`, {})).body.respondents).toBe(3);
    await t.query("DELETE FROM survey_response WHERE survey_id = $1 AND answers->>'profession' = 'mg'", [id]);
    const r = (await cell.post(`/api/v1/surveys/${id}/report`, {})).body;
    expect(r.respondents).toBe(2);
    expect(r).toEqual(JSON.parse(JSON.stringify(buildReport({ ...def, title: 'Brouillons' }, await t.query("SELECT id, answers FROM survey_response WHERE survey_id = $1 AND status = 'submitted' ORDER BY id", [id])))));
  });

  it('writes the compact form at import and submission, writes back the one missing without moving the report version, and again after the questionnaire changes', async () => {
    const created = await cell.post('/api/v1/surveys', { questionnaire, title: 'Compact' });
    const id = created.body.id as string;
    const token = (created.body.publicUrl as string).split('/').pop()!;
    const stored = () =>
      t.query<{ answers_compact: string | null; compact_layout: string | null }>('SELECT answers_compact, compact_layout FROM survey_response WHERE survey_id = $1 ORDER BY id', [id]);
    const version = async () => (await t.query<{ version: string }>('SELECT version FROM survey_report_version WHERE survey_id = $1', [id]))[0].version;
    const csv = 'profession,taille,outils,lesquels,verbatim\nmg,3,true,ppi;en,Du temps\nide,,false,,\n';
    expect((await cell.post(`/api/v1/surveys/${id}/responses/import`, csv, { 'content-type': 'text/csv' })).status).toBe(201);
    expect((await t.client().post(`/api/v1/public/surveys/${token}/submit`, { draftKey: 'cle-compacte-0001', answers: { profession: 'kine', 'aisance-douleur': 4 } })).status).toBe(200);
    expect((await stored()).filter((r) => r.answers_compact !== null && r.compact_layout !== null)).toHaveLength(3);
    // Written before migration 0025: no compact form.
    await insert(id, [{ profession: 'ms', part: 12.5, debut: '2024-06-30' }, { outils: true, lesquels: ['esas'], verbatim: 'Un numéro unique' }]);
    const before = await version();
    const r1 = await cell.post(`/api/v1/surveys/${id}/report`, options);
    expect(r1.body).toEqual(await expected(id, { ...def, title: 'Compact' }));
    await compactWriteBacks(t.platform.deps.db);
    const first = await stored();
    expect(first.every((r) => r.answers_compact !== null && r.compact_layout === first[0].compact_layout)).toBe(true);
    // Writing it back changed nothing the report reads: the report kept stays valid.
    expect(await version()).toBe(before);
    expect((await cell.post(`/api/v1/surveys/${id}/report`, options)).body).toEqual(r1.body);

    // A new option first: every option position moves, the compact rows are of another layout.
    const changed = { ...questionnaire, item: questionnaire.item.map((i) => (i.linkId === 'profession' ? { ...i, answerOption: opts(['pharma', 'mg', 'ms', 'ide', 'kine']) } : i)) };
    expect((await cell.put(`/api/v1/surveys/${id}/questionnaire`, changed)).status).toBe(200);
    const changedDef = { ...(readQuestionnaire(changed).definition as SurveyDefinition), title: 'Compact' };
    const r2 = await cell.post(`/api/v1/surveys/${id}/report`, options);
    expect(r2.body).toEqual(await expected(id, changedDef));
    expect(r2.body.groupBy.groups[0]).toMatchObject({ key: 'pharma', respondents: 0 });
    await compactWriteBacks(t.platform.deps.db);
    const second = await stored();
    expect(second.every((r) => r.answers_compact !== null && r.compact_layout === second[0].compact_layout && r.compact_layout !== first[0].compact_layout)).toBe(true);
    await cell.post(`/api/v1/surveys/${id}/responses/import`, 'profession\npharma\n', { 'content-type': 'text/csv' });
    expect((await cell.post(`/api/v1/surveys/${id}/report`, options)).body).toEqual(await expected(id, changedDef));
  });

  it('answers other requests while a report is computed', async () => {
    const created = await cell.post('/api/v1/surveys', { questionnaire, title: 'Gros rapport' });
    const id = created.body.id as string;
    const total = 6000;
    await insert(
      id,
      Array.from({ length: total }, (_, i) => ({ profession: ['mg', 'ide', 'kine'][i % 3], taille: 1 + (i % 30), outils: i % 2 === 0, verbatim: `Réponse ${i}` })),
    );
    // Once the computation has started (first slice of responses handled), a health request is sent;
    // it must be answered while responses remain to be handled, not after the report.
    let handled = 0;
    let health: Promise<void> | null = null;
    let answeredAt: number | null = null;
    const onProgress = (message: unknown) => {
      const m = message as { surveyId: string; rows: number };
      if (m.surveyId !== id) return;
      handled = m.rows;
      health ??= fetch(`${t.baseUrl}/healthz`).then((res) => {
        expect(res.status).toBe(200);
        answeredAt = handled;
      });
    };
    reportProgress.subscribe(onProgress);
    // A turn of the event loop every 64 rows (in time slices, a fast machine might compute 6,000 rows in one).
    const slice = reportSlicing.ms;
    reportSlicing.ms = 0;
    try {
      const report = await cell.post(`/api/v1/surveys/${id}/report`, {});
      expect(report.body.respondents).toBe(total);
      expect(health).not.toBeNull();
      await health;
    } finally {
      reportSlicing.ms = slice;
      reportProgress.unsubscribe(onProgress);
    }
    expect(handled).toBe(total);
    expect(answeredAt).not.toBeNull();
    expect(answeredAt!).toBeLessThan(total);
  });
});

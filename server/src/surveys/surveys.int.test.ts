import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestTerritorialSurveyFigures } from './territorial-figures';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';

const REF = '/work/shared/reference/survey/enquete-liberaux-idf-2025';
const NOW = new Date('2026-11-22T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

const questionnaire = {
  resourceType: 'Questionnaire',
  id: 'test',
  title: 'Questionnaire de test',
  item: [
    {
      linkId: 'profession',
      type: 'choice',
      text: 'Profession',
      required: true,
      answerOption: [
        { valueCoding: { code: 'mg', display: 'Médecin généraliste' } },
        { valueCoding: { code: 'ide', display: 'Infirmier' } },
      ],
    },
    { linkId: 'appui', type: 'boolean', text: 'Connaissez-vous le numéro d’appui ?' },
    { linkId: 'verbatim', type: 'text', text: 'Verbatim' },
  ],
};

let t: TestPlatform;
let cell: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  const u = await createUser(t, { email: 'cellule@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:75' }] });
  cell = t.client();
  expect((await cell.login(u.email, u.password)).status).toBe(200);
});
afterAll(async () => t?.stop());

async function newSurvey(settings: Record<string, unknown> = {}) {
  n++;
  const created = await cell.post('/api/v1/surveys', { questionnaire, title: `Test ${n}` });
  expect(created.status).toBe(201);
  const s = await cell.put(`/api/v1/surveys/${created.body.id}/settings`, { title: `Test ${n}`, mode: 'anonymous', opensAt: null, closesAt: null, ...settings });
  expect(s.status).toBe(200);
  return { id: s.body.id as string, token: (s.body.publicUrl as string).split('/').pop()! };
}

const csv = (c: TestClient, id: string, body: string, key?: string) =>
  c.post(`/api/v1/surveys/${id}/responses/import`, body, { 'content-type': 'text/csv', ...(key ? { 'idempotency-key': key } : {}) });

describe('questionnaires', () => {
  it('ships the seed-004 questionnaire as a template, copied into a survey and exported back as FHIR', async () => {
    const list = await cell.get('/api/v1/surveys');
    const tpl = list.body.find((s: { isTemplate: boolean }) => s.isTemplate);
    expect(tpl).toMatchObject({ questionCount: 36, publicUrl: null });
    const copy = await cell.post('/api/v1/surveys', { templateId: tpl.id, title: 'Enquête 2027' });
    expect(copy.status).toBe(201);
    expect(copy.body.questions.find((q: { linkId: string }) => q.linkId === 'aisance-douleur')).toMatchObject({ kind: 'scale', scaleGroup: { linkId: 'aisance' } });
    const fhir = await cell.get(`/api/v1/surveys/${copy.body.id}/questionnaire`);
    expect(fhir.body).toEqual(JSON.parse(fs.readFileSync(`${REF}.questionnaire.json`, 'utf8')));
  });

  it('refuses an invalid questionnaire with a French message, and visitors', async () => {
    const bad = await cell.post('/api/v1/surveys', { questionnaire: { resourceType: 'Questionnaire', item: [{ linkId: 'x', type: 'attachment' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('« attachment »');
    expect((await t.client().get('/api/v1/surveys')).status).toBe(401);
  });
});

describe('responses import', () => {
  it('imports the sample file whole, once per idempotency key, and exports it back', async () => {
    const list = await cell.get('/api/v1/surveys');
    const tpl = list.body.find((s: { isTemplate: boolean }) => s.isTemplate);
    const s = await cell.post('/api/v1/surveys', { templateId: tpl.id });
    const sample = fs.readFileSync(`${REF}.sample-responses.csv`, 'utf8');
    const first = await csv(cell, s.body.id, sample, 'import-echantillon-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 40, alreadyImported: false });
    const again = await csv(cell, s.body.id, sample, 'import-echantillon-1');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 40, alreadyImported: true, importId: first.body.importId });
    const [{ count }] = await t.query<{ count: number }>('SELECT count(*)::int AS count FROM survey_response WHERE survey_id = $1', [s.body.id]);
    expect(count).toBe(40);
    const exported = await cell.get(`/api/v1/surveys/${s.body.id}/responses.csv`);
    expect(exported.body.split('\r\n')[0]).toBe(sample.split('\n')[0].trim());
    const fhir = await cell.get(`/api/v1/surveys/${s.body.id}/responses.fhir.json`);
    expect(fhir.body).toMatchObject({ resourceType: 'Bundle', total: 40 });
    expect(fhir.body.entry[0].resource).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'urn:palliance:questionnaire:enquete-liberaux-idf-2025|1' });
  });

  it('stores nothing when one line is wrong, and says where (line, column, French message)', async () => {
    const { id } = await newSurvey();
    const res = await csv(cell, id, 'profession,appui\nmg,true\nide,peut-être\nkine,false\n');
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      { line: 3, column: 'appui', message: "« peut-être » n'est pas une réponse oui/non (attendu : true ou false)." },
      { line: 4, column: 'profession', message: expect.stringContaining("« kine » n'est pas une réponse possible") },
    ]);
    const [{ count }] = await t.query<{ count: number }>('SELECT count(*)::int AS count FROM survey_response WHERE survey_id = $1', [id]);
    expect(count).toBe(0);
  });
});

describe('a NUL character in a free text (PostgreSQL cannot store it)', () => {
  it('is refused with a French message naming the line and column of the file, or the answer, and nothing is stored', async () => {
    const { id, token } = await newSurvey();
    const res = await csv(cell, id, 'profession,verbatim\nmg,bien\nide,"avant\u0000après"\n');
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ line: 3, column: 'verbatim', message: expect.stringContaining('caractère nul') }]);
    const online = await t.client().post(`/api/v1/public/surveys/${token}/submit`, { draftKey: 'cle-caractere-nul-0001', answers: { profession: 'mg', verbatim: 'a\u0000b' } });
    expect(online.status).toBe(400);
    expect(online.body).toMatchObject({ field: 'answers.verbatim', message: expect.stringContaining('caractère nul') });
    const [{ count }] = await t.query<{ count: number }>('SELECT count(*)::int AS count FROM survey_response WHERE survey_id = $1', [id]);
    expect(count).toBe(0);
  });
});

describe('responses import of several batches (2,000 responses per INSERT)', () => {
  const lines = (count: number) => Array.from({ length: count }, (_, i) => `${i % 3 ? 'mg' : 'ide'},${i % 2 ? 'true' : ''},r${i}`);
  const stored = async (id: string) => {
    const [{ responses }] = await t.query<{ responses: number }>('SELECT count(*)::int AS responses FROM survey_response WHERE survey_id = $1', [id]);
    const [{ imports }] = await t.query<{ imports: number }>('SELECT count(*)::int AS imports FROM survey_import WHERE survey_id = $1', [id]);
    return { responses, imports };
  };

  it('stores nothing when only the last line of a long file is wrong, and names that line', async () => {
    const { id } = await newSurvey();
    const res = await csv(cell, id, ['profession,appui,verbatim', ...lines(4500), 'kine,true,fin'].join('\n'), 'import-long-refuse');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_file', problemCount: 1 });
    expect(res.body.problems).toEqual([{ line: 4502, column: 'profession', message: expect.stringContaining("« kine » n'est pas une réponse possible") }]);
    expect(await stored(id)).toEqual({ responses: 0, imports: 0 });
  });

  it('stores every response of a long file once, and nothing more on a retry with the same key', async () => {
    const { id } = await newSurvey();
    const body = ['profession,appui,verbatim', ...lines(4500)].join('\r\n');
    const first = await csv(cell, id, body, 'import-long-accepte');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 4500, alreadyImported: false });
    expect(await stored(id)).toEqual({ responses: 4500, imports: 1 });
    const [imp] = await t.query<{ row_count: number; distinct_texts: number }>(
      'SELECT i.row_count, (SELECT count(DISTINCT r.answers ->> $2)::int FROM survey_response r WHERE r.import_id = i.id) AS distinct_texts FROM survey_import i WHERE i.survey_id = $1',
      [id, 'verbatim'],
    );
    expect(imp).toEqual({ row_count: 4500, distinct_texts: 4500 });
    const again = await csv(cell, id, body, 'import-long-accepte');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ importId: first.body.importId, imported: 4500, alreadyImported: true });
    expect(await stored(id)).toEqual({ responses: 4500, imports: 1 });
    const audit = await t.query<{ details: { rows: number } }>("SELECT details FROM audit_event WHERE action = 'survey.responses_imported' AND object_id = $1", [id]);
    expect(audit).toEqual([{ details: { importId: first.body.importId, rows: 4500 } }]);
  });

  it('undoes the batches already written when a later one fails', async () => {
    const { id } = await newSurvey();
    // A write failure in the third batch, whatever its cause, after two batches went in.
    await t.query(`CREATE FUNCTION test_import_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'panne simulée'; END $$`);
    await t.query(`CREATE TRIGGER test_import_failure BEFORE INSERT ON survey_response FOR EACH ROW WHEN (NEW.answers ->> 'verbatim' = 'panne') EXECUTE FUNCTION test_import_failure()`);
    try {
      const res = await csv(cell, id, ['profession,appui,verbatim', ...lines(4500), 'mg,true,panne'].join('\n'), 'import-long-panne');
      expect(res.status).toBe(500);
      expect(await stored(id)).toEqual({ responses: 0, imports: 0 });
    } finally {
      await t.query('DROP TRIGGER test_import_failure ON survey_response');
      await t.query('DROP FUNCTION test_import_failure()');
    }
    // The key was not used: the same upload goes in once the cause is gone.
    const retry = await csv(cell, id, ['profession,appui,verbatim', ...lines(4500), 'mg,true,panne'].join('\n'), 'import-long-panne');
    expect(retry.status).toBe(201);
    expect(await stored(id)).toEqual({ responses: 4501, imports: 1 });
  });
});

describe('answering through the public link', () => {
  it('saves a draft as the respondent goes (same key, same row) then submits it', async () => {
    const { token, id } = await newSurvey();
    const anon = t.client();
    const draftKey = 'cle-de-brouillon-0001';
    expect((await anon.put(`/api/v1/public/surveys/${token}/draft`, { draftKey, answers: { appui: true } })).status).toBe(200);
    expect((await anon.put(`/api/v1/public/surveys/${token}/draft`, { draftKey, answers: { appui: false } })).status).toBe(200);
    const view = await anon.get(`/api/v1/public/surveys/${token}?draftKey=${draftKey}`);
    expect(view.body.mine).toMatchObject({ status: 'draft', answers: { appui: false } });
    const missing = await anon.post(`/api/v1/public/surveys/${token}/submit`, { draftKey, answers: { appui: false } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ field: 'answers.profession', message: 'Profession : Cette question est obligatoire.' });
    const ok = await anon.post(`/api/v1/public/surveys/${token}/submit`, { draftKey, answers: { profession: 'ide', appui: false } });
    expect(ok.status).toBe(200);
    // A retried submission answers the same.
    expect((await anon.post(`/api/v1/public/surveys/${token}/submit`, { draftKey, answers: { profession: 'ide', appui: false } })).status).toBe(200);
    const [{ count }] = await t.query<{ count: number }>('SELECT count(*)::int AS count FROM survey_response WHERE survey_id = $1', [id]);
    expect(count).toBe(1);
  });

  it('takes one answer per person when identified', async () => {
    const { token } = await newSurvey({ mode: 'identified' });
    expect((await t.client().post(`/api/v1/public/surveys/${token}/submit`, { answers: { profession: 'mg' } })).status).toBe(401);
    const u = await createUser(t, { email: 'repondant@example.org' });
    const c = t.client();
    await c.login(u.email, u.password);
    expect((await c.post(`/api/v1/public/surveys/${token}/submit`, { answers: { profession: 'mg' } })).status).toBe(200);
    const second = await c.post(`/api/v1/public/surveys/${token}/submit`, { answers: { profession: 'ide' } });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('une seule réponse par personne');
    expect((await c.get(`/api/v1/public/surveys/${token}`)).body.mine).toMatchObject({ status: 'submitted', answers: { profession: 'mg' } });
  });

  it('refuses answers before opening and after closing', async () => {
    const closed = await newSurvey({ opensAt: at(-10), closesAt: at(-1) });
    const res = await t.client().post(`/api/v1/public/surveys/${closed.token}/submit`, { draftKey: 'cle-de-brouillon-0002', answers: { profession: 'mg' } });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain("n'accepte plus de réponses");
    const later = await newSurvey({ opensAt: at(2), closesAt: at(10) });
    expect((await t.client().put(`/api/v1/public/surveys/${later.token}/draft`, { draftKey: 'cle-de-brouillon-0003', answers: {} })).body.code).toBe('survey_not_open');
  });
});

describe('report', () => {
  it('groups, merges, cross-tabulates, counts themes, and exports CSV and PDF', async () => {
    const { id } = await newSurvey();
    expect((await csv(cell, id, 'profession,appui,verbatim\nmg,true,Un numéro unique\nmg,false,\nide,true,"Plus de temps, moins de papier"\nide,,\n')).status).toBe(201);
    const options = { groupBy: { linkId: 'profession' }, crossTables: [{ rows: { linkId: 'profession' }, columns: 'appui' }] };
    const r1 = await cell.post(`/api/v1/surveys/${id}/report`, options);
    expect(r1.status).toBe(200);
    const text = r1.body.items.find((i: { linkId: string }) => i.linkId === 'verbatim');
    const responseId = text.texts.listed[0].responseId;
    expect((await cell.put(`/api/v1/surveys/${id}/responses/${responseId}/themes/verbatim`, { themes: ['coordination'] })).status).toBe(200);

    const r = (await cell.post(`/api/v1/surveys/${id}/report`, options)).body;
    expect(r.respondents).toBe(4);
    expect(r.groupBy.groups.map((g: { label: string; respondents: number }) => [g.label, g.respondents])).toEqual([['Médecin généraliste', 2], ['Infirmier', 2], ['Sans réponse', 0]]);
    const appui = r.items.find((i: { linkId: string }) => i.linkId === 'appui');
    expect(appui.overall).toMatchObject({ answered: 3, missing: 1, denominator: 3 });
    expect(appui.byGroup.ide.counts[0]).toMatchObject({ count: 1, percent: 100 });
    expect(r.crossTables[0].lines[0]).toMatchObject({ label: 'Médecin généraliste', total: 2, counts: [1, 1], percents: [50, 50] });
    expect(r.items.find((i: { linkId: string }) => i.linkId === 'verbatim').texts.themes).toEqual([{ theme: 'coordination', count: 1 }]);

    const merged = await cell.post(`/api/v1/surveys/${id}/report`, { groupBy: { linkId: 'profession', merges: [{ label: 'Tous', codes: ['mg', 'ide'] }] } });
    expect(merged.body.groupBy.groups[0]).toMatchObject({ label: 'Tous', respondents: 4 });
    const bad = await cell.post(`/api/v1/surveys/${id}/report`, { groupBy: { linkId: 'verbatim' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'groupBy', message: expect.stringContaining('texte libre') });

    const csvRes = await cell.post(`/api/v1/surveys/${id}/report/csv`, options);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.body).toContain('Tableau croisé');
    const pdf = await fetch(`${t.baseUrl}/api/v1/surveys/${id}/report/pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.baseUrl, cookie: [...cell.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify(options),
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it('gives the QR code of the public link', async () => {
    const { id } = await newSurvey();
    const qr = await cell.get(`/api/v1/surveys/${id}/qr.svg`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(String(qr.body)).toContain('<svg');
  });
});

describe('figures for the territorial indicators', () => {
  it('come from the latest survey that asks both questions', async () => {
    const list = await cell.get('/api/v1/surveys');
    const tpl = list.body.find((s: { isTemplate: boolean }) => s.isTemplate);
    const s = await cell.post('/api/v1/surveys', { templateId: tpl.id, title: 'Enquête indicateurs' });
    expect((await csv(cell, s.body.id, 'profession,appui-territorial,cotations\ninfirmier,true,false\ninfirmier,false,false\nmedecin-generaliste,true,true\nmedecin-generaliste,,true\n')).status).toBe(201);
    // The test clock is fixed: place these answers a week later than the other surveys' answers.
    await t.query("UPDATE survey_response SET submitted_at = submitted_at + interval '7 days' WHERE survey_id = $1", [s.body.id]);
    const f = await latestTerritorialSurveyFigures(t.platform.deps.db);
    expect(f).toMatchObject({
      survey: { id: s.body.id },
      knowsSupportNumber: { yes: 2, answered: 3, percent: 66.7 },
      billsPalliativeCodes: { yes: 2, answered: 4, percent: 50 },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { computeDashboard } from './compute-dashboard';
import { defaultIndicatorSources } from './sources';

// A controlled dataset in the Hérault (34), October 2026, read on 20 November 2026.
const NOW = new Date('2026-11-20T12:00:00.000Z');
const H = 3_600_000;
let t: TestPlatform;
let coord: TestClient;
let visitor: TestClient;
let otherCoord: TestClient;

type Figure = { value: number | null; numerator: number | null; denominator: number | null; status: string };
type Indicator = { id: string; current: Figure & { period: string }; series: (Figure & { period: string })[]; breakdown: { rows: (Figure & { label: string })[] } | null; target: { value: number | null; origin: string; met: boolean | null }; note: string | null };
const find = (body: { indicators: Indicator[] }, id: string) => body.indicators.find((i) => i.id === id)!;

async function user(email: string, practiceMode: string, profession: string, departement = '34') {
  const [u] = await t.query<{ id: string }>(
    `INSERT INTO app_user (email, email_verified_at, first_name, last_name, profession, practice_mode, departement) VALUES ($1, now(), 'Test', 'Pro', $2, $3, $4) RETURNING id`,
    [email, profession, practiceMode, departement],
  );
  return u.id;
}

async function request(structureId: string, requesterId: string, departement: string, sentAt: string, answeredAfterHours: number | null) {
  const sent = new Date(sentAt);
  const [p] = await t.query<{ id: string }>(
    `INSERT INTO patient (first_name, last_name, place_of_life, commune_code) VALUES ('Patient', 'Fictif', 'home', $1) RETURNING id`,
    [departement === '34' ? '34172' : '06088'],
  );
  await t.query(
    `INSERT INTO support_request (patient_id, structure_id, requester_id, structure_name, requester_name, idempotency_key, reason, urgency,
       patient_commune_code, patient_departement, response_hours, sent_at, due_at, reminder_at, first_response_at, received_at, status, updated_at)
     VALUES ($1, $2, $3, 'x', 'y', $4, 'pain', 'routine', $5, $6, 48, $7, $8, $9, $10, $10, $11, $7)`,
    [
      p.id, structureId, requesterId, `cle-${Math.random().toString(36).slice(2, 12)}`, departement === '34' ? '34172' : '06088', departement,
      sent, new Date(sent.getTime() + 48 * H), new Date(sent.getTime() + 24 * H),
      answeredAfterHours === null ? null : new Date(sent.getTime() + answeredAfterHours * H), answeredAfterHours === null ? 'sent' : 'received',
    ],
  );
}

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => NOW });
  const [a] = await t.query<{ id: string }>("INSERT INTO structure (name, types, departement) VALUES ('EMSP test Hérault', '{EMSP_EXTRA}', '34') RETURNING id");
  const [b] = await t.query<{ id: string }>("INSERT INTO structure (name, types, departement) VALUES ('DAC test Hérault', '{DAC}', '34') RETURNING id");
  const [c] = await t.query<{ id: string }>("INSERT INTO structure (name, types, departement) VALUES ('ETSP test Nice', '{ETSP}', '06') RETURNING id");

  const lib1 = await user('lib1@example.org', 'liberal', 'infirmier');
  const lib2 = await user('lib2@example.org', 'liberal', 'medecin_generaliste');
  const hosp = await user('hosp@example.org', 'salarie_hospitalier', 'infirmier');
  const lib06 = await user('lib06@example.org', 'liberal', 'infirmier', '06');
  // To the EMSP: 2 of 3 from liberal professionals; answered after 10 h, 50 h, 20 h.
  await request(a.id, lib1, '34', '2026-10-05T08:00:00Z', 10);
  await request(a.id, lib2, '34', '2026-10-12T08:00:00Z', 50);
  await request(a.id, hosp, '34', '2026-10-20T08:00:00Z', 20);
  // To the DAC (not an EM(T)SP): answered after 4 h; another never answered (overdue).
  await request(b.id, lib1, '34', '2026-10-21T08:00:00Z', 4);
  await request(b.id, lib2, '34', '2026-10-22T08:00:00Z', null);
  // November: sent 12 h ago, unanswered: not yet judged for the 48 h share.
  await request(a.id, lib1, '34', '2026-11-20T00:00:00Z', null);
  // Another department: only in the figures for all of France.
  await request(c.id, lib06, '06', '2026-10-15T08:00:00Z', 30);

  // Training: 3 confirmed enrolments in October (2 nurses, 1 GP), one attestation; a waiting one not counted.
  const [course] = await t.query<{ id: string }>("INSERT INTO course (slug, title, kind, status) VALUES ('indicateurs-test', 'Cours test', 'mooc', 'published') RETURNING id");
  const [session] = await t.query<{ id: string }>(
    "INSERT INTO course_session (course_id, title, registration_opens_at, registration_closes_at, starts_at, ends_at) VALUES ($1, 'S1', '2026-09-01', '2026-12-01', '2026-10-01', '2026-12-15') RETURNING id",
    [course.id],
  );
  for (const [u, status, pos] of [[lib1, 'enrolled', null], [hosp, 'enrolled', null], [lib2, 'enrolled', null], [lib06, 'waiting', 1]] as const) {
    await t.query("INSERT INTO enrolment (session_id, user_id, status, waiting_position, created_at) VALUES ($1, $2, $3, $4, '2026-10-03T09:00:00Z')", [session.id, u, status, pos]);
  }
  await t.query(
    `INSERT INTO attestation (code, user_id, course_id, session_id, learner_name, course_title, hours, session_starts_at, session_ends_at, score_percent)
     VALUES ('TEST-ATT-1', $1, $2, $3, 'Test Pro', 'Cours test', 4, '2026-10-01', '2026-12-15', 90)`,
    [lib1, course.id, session.id],
  );

  const c34 = await createUser(t, { email: 'coord34@example.org', departement: '34', roles: [{ role: 'territory_coordinator', scope: 'dep:34' }] });
  coord = t.client();
  expect((await coord.login(c34.email, c34.password)).status).toBe(200);
  const c06 = await createUser(t, { email: 'coord06@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:06' }] });
  otherCoord = t.client();
  expect((await otherCoord.login(c06.email, c06.password)).status).toBe(200);
  visitor = t.client();

  // The latest survey (seed-004 template): 5 of 6 answered on the support number (3 yes), 6 on billing (2 yes).
  const cell = await createUser(t, { email: 'cellule@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:75' }] });
  const cc = t.client();
  await cc.login(cell.email, cell.password);
  const tpl = (await cc.get('/api/v1/surveys')).body.find((s: { isTemplate: boolean }) => s.isTemplate);
  const s = await cc.post('/api/v1/surveys', { templateId: tpl.id, title: 'Enquête test indicateurs' });
  const imported = await cc.post(
    `/api/v1/surveys/${s.body.id}/responses/import`,
    'profession,appui-territorial,cotations\ninfirmier,true,true\ninfirmier,true,false\nmedecin-generaliste,false,false\nmedecin-generaliste,true,false\ninfirmier,,true\ninfirmier,false,false\n',
    { 'content-type': 'text/csv' },
  );
  expect(imported.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('indicator dashboard', () => {
  it('gives the coordinator the exact figures of her department for a month, with denominators', async () => {
    const res = await coord.get('/api/v1/indicators?territory=dep:34&period=2026-10');
    expect(res.status).toBe(200);
    expect(res.body.detail).toBe('full');
    expect(res.body.territory).toEqual({ code: 'dep:34', label: 'Hérault (34)' });
    expect(res.body.period).toMatchObject({ key: '2026-10', label: 'octobre 2026', granularity: 'month', from: '2026-09-30T22:00:00.000Z' });
    expect(find(res.body, 'liberal_share').current).toMatchObject({ value: 66.7, numerator: 2, denominator: 3, status: 'ok' });
    // Answered: 10, 50, 20, 4 h → mean 21 h, median (20 + 10) / 2 = 15 h.
    expect(find(res.body, 'first_response_mean').current).toMatchObject({ value: 21, denominator: 4, status: 'ok' });
    expect(find(res.body, 'first_response_median').current).toMatchObject({ value: 15, denominator: 4, status: 'ok' });
    // Within 48 h: 3 of (4 answered + 1 overdue).
    expect(find(res.body, 'answered_within_48h').current).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    // Per structure: the EMSP alone (10, 50, 20 h).
    const byStructure = find(res.body, 'first_response_median').breakdown!.rows;
    expect(byStructure.map((r) => [r.label, r.value])).toEqual([
      ['DAC test Hérault', 4],
      ['EMSP test Hérault', 20],
    ]);
    expect(find(res.body, 'liberal_share').breakdown!.rows.map((r) => r.label)).toEqual(['EMSP test Hérault']);
    // Training: 3 confirmed enrolments, 1 attestation; by profession.
    expect(find(res.body, 'training_enrolments').current).toMatchObject({ value: 3, status: 'ok' });
    expect(find(res.body, 'training_completion').current).toMatchObject({ value: 33.3, numerator: 1, denominator: 3 });
    expect(find(res.body, 'training_enrolments').breakdown!.rows.map((r) => [r.label, r.value])).toEqual([
      ['Infirmier(e)', 2],
      ['Médecin généraliste', 1],
    ]);
    // Survey: from the latest survey, whatever the period.
    expect(find(res.body, 'knows_support_number').current).toMatchObject({ value: 60, numerator: 3, denominator: 5, status: 'ok' });
    expect(find(res.body, 'bills_palliative_codes').current).toMatchObject({ value: 33.3, numerator: 2, denominator: 6 });
    expect(find(res.body, 'knows_support_number').note).toContain('Enquête test indicateurs');
    // Mini-RCP is read from the coordination module: no meeting in this dataset, so zero cases (a real figure).
    expect(find(res.body, 'rcp_cases').current).toMatchObject({ status: 'ok', value: 0 });
  });

  it('trend: 12 months ending with the period; empty months are « pas de données », not 0', async () => {
    const res = await coord.get('/api/v1/indicators?territory=dep:34&period=2026-11');
    const share = find(res.body, 'answered_within_48h');
    expect(share.series).toHaveLength(12);
    expect(share.series[0].period).toBe('2025-12');
    expect(share.series[10]).toMatchObject({ period: '2026-10', value: 60 });
    // November: one request sent 12 h ago, unanswered: not judged yet → no data, not 0 %.
    expect(share.series[11]).toMatchObject({ period: '2026-11', value: null, status: 'no_data' });
    expect(share.series[3]).toMatchObject({ value: null, status: 'no_data' });
    expect(find(res.body, 'training_enrolments').series[11]).toMatchObject({ value: 0, status: 'ok' });
    // Quarters: 8 of them; the fourth quarter holds October and November.
    const q = await coord.get('/api/v1/indicators?territory=dep:34&period=2026-T4');
    expect(find(q.body, 'liberal_share').series.map((s) => s.period)).toEqual(['2025-T1', '2025-T2', '2025-T3', '2025-T4', '2026-T1', '2026-T2', '2026-T3', '2026-T4']);
    expect(find(q.body, 'liberal_share').current).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
    // Default period: the current quarter.
    expect((await coord.get('/api/v1/indicators?territory=dep:34')).body.period.key).toBe('2026-T4');
  });

  it('all of France counts every department; a region its own', async () => {
    const fr = await visitor.get('/api/v1/indicators?territory=fr&period=2026-10');
    expect(fr.status).toBe(200);
    expect(fr.body.territory.label).toBe('France entière');
    // 3 of 4 EM(T)SP requests from liberal professionals (the Nice ETSP one added): still under 5 cases, withheld from a visitor.
    expect(find(fr.body, 'liberal_share').current.status).toBe('suppressed');
    expect(find(fr.body, 'answered_within_48h').current).toMatchObject({ value: 66.7, numerator: 4, denominator: 6 });
    const paca = await visitor.get('/api/v1/indicators?territory=reg:93&period=2026-10');
    expect(paca.body.territory.label).toMatch(/Provence/);
    expect(find(paca.body, 'answered_within_48h').current.status).toBe('suppressed');
  });

  it('withholds from the public any figure on fewer than 5 cases, and shows the rest', async () => {
    for (const c of [visitor, otherCoord]) {
      const res = await c.get('/api/v1/indicators?territory=dep:34&period=2026-10');
      expect(res.status).toBe(200);
      expect(res.body.detail).toBe('public');
      expect(res.body.suppressionThreshold).toBe(5);
      expect(find(res.body, 'liberal_share').current).toMatchObject({ value: null, numerator: null, denominator: null, status: 'suppressed' });
      expect(find(res.body, 'first_response_mean').current.status).toBe('suppressed');
      expect(find(res.body, 'training_enrolments').current.status).toBe('suppressed');
      expect(find(res.body, 'answered_within_48h').current).toMatchObject({ value: 60, denominator: 5, status: 'ok' });
      expect(find(res.body, 'knows_support_number').current).toMatchObject({ value: 60, denominator: 5 });
      expect(find(res.body, 'first_response_median').breakdown!.rows.every((r) => r.status === 'suppressed')).toBe(true);
      expect(find(res.body, 'liberal_share').series.find((s) => s.period === '2026-10')!.status).toBe('suppressed');
    }
  });

  it('refuses an unknown territory or a malformed period with a French message naming the field', async () => {
    const bad = await visitor.get('/api/v1/indicators?territory=dep:99');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('territory');
    const badPeriod = await visitor.get('/api/v1/indicators?territory=dep:34&period=2026-13');
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body)).toMatch(/période/);
    expect((await visitor.get('/api/v1/indicators?territory=paris')).status).toBe(400);
  });

  it('reads the mini-RCP count from the source it is given', async () => {
    const deps = t.platform.deps;
    const seen: { departements: string[] | null; from: Date; to: Date }[] = [];
    const d = await computeDashboard(
      deps,
      { ...defaultIndicatorSources, rcpCasesDiscussed: async (_d, f) => (seen.push(f), f.from.toISOString().startsWith('2026-09-30') ? 7 : 0) },
      null,
      { territory: 'dep:34', period: '2026-10' },
    );
    const rcp = d.indicators.find((i) => i.id === 'rcp_cases')!;
    expect(rcp.current).toMatchObject({ value: 7, status: 'ok' });
    expect(rcp.series[10]).toMatchObject({ value: 0, status: 'ok' });
    expect(seen).toHaveLength(12);
    expect(seen[11]).toEqual({ departements: ['34'], from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') });
  });
});

describe('exports', () => {
  it('CSV: every period of every trend with numerator, denominator and status words', async () => {
    const res = await coord.get('/api/v1/indicators/export.csv?territory=dep:34&period=2026-10');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('indicateurs-dep-34-2026-10.csv');
    const lines = (res.body as string).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('indicateur,libelle,territoire,periode,libelle_periode,ventilation,valeur,unite,numerateur,denominateur,statut,cible');
    expect(lines.find((l) => l.startsWith('liberal_share') && l.includes(',2026-10,') && l.includes('octobre 2026,,'))).toContain('"66,7",%,2,3,,');
    expect(lines.find((l) => l.startsWith('first_response_mean') && l.includes(',2026-10,'))).toMatch(/,21,heures,,4,,48$/);
    expect(lines.some((l) => l.startsWith('answered_within_48h') && l.includes('2026-03') && l.includes('pas de données'))).toBe(true);
    expect(lines.some((l) => l.startsWith('rcp_cases') && l.includes(',2026-10,'))).toBe(true);
    const pub = await visitor.get('/api/v1/indicators/export.csv?territory=dep:34&period=2026-10');
    expect(pub.body).toContain('masqué (moins de 5 cas)');
    expect(pub.body).not.toContain('"66,7"');
  });

  it('FHIR: one MeasureReport per indicator with period, score and populations; Measures describe each', async () => {
    const res = await coord.get('/api/v1/indicators/fhir/MeasureReport?territory=dep:34&period=2026-10');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = res.body;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry).toHaveLength(9);
    const liberal = bundle.entry.map((e: { resource: Record<string, any> }) => e.resource).find((r: Record<string, any>) => r.id === 'liberal-share-dep-34-2026-10');
    expect(liberal).toMatchObject({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      period: { start: '2026-09-30T22:00:00.000Z', end: '2026-10-31T23:00:00.000Z' },
      subject: { identifier: { value: 'dep:34' } },
      improvementNotation: { coding: [{ code: 'increase' }] },
    });
    expect(liberal.measure).toMatch(/\/api\/v1\/indicators\/fhir\/Measure\/liberal-share$/);
    expect(liberal.group[0].measureScore).toMatchObject({ value: 66.7, unit: '%', system: 'http://unitsofmeasure.org', code: '%' });
    expect(liberal.group[0].population.map((p: { code: { coding: { code: string }[] }; count: number }) => [p.code.coding[0].code, p.count])).toEqual([
      ['numerator', 2],
      ['denominator', 3],
    ]);
    const rcp = bundle.entry.find((e: { resource: { id: string } }) => e.resource.id.startsWith('rcp-cases')).resource;
    expect(rcp.group[0].measureScore).toMatchObject({ value: 0 });
    const pub = (await visitor.get('/api/v1/indicators/fhir/MeasureReport?territory=dep:34&period=2026-10')).body;
    const masked = pub.entry.find((e: { resource: { id: string } }) => e.resource.id.startsWith('liberal-share')).resource;
    expect(masked.group[0].measureScore.extension[0].valueCode).toBe('masked');
    expect(masked.group[0].population).toEqual([]);

    const measures = (await visitor.get('/api/v1/indicators/fhir/Measure')).body;
    expect(measures.entry).toHaveLength(9);
    const m = measures.entry[0].resource;
    expect(m).toMatchObject({ resourceType: 'Measure', status: 'active', name: 'liberal_share', scoring: { coding: [{ code: 'proportion' }] } });
    expect(m.description).toMatch(/Numérateur/);
    expect(m.url).toBe(liberal.measure);
  });
});

describe('documentation', () => {
  it('the OpenAPI document lists the indicator routes', async () => {
    const doc = await visitor.get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/indicators', '/api/v1/indicators/export.csv', '/api/v1/indicators/targets']));
  });
});

describe('targets', () => {
  it('the mean delay carries the seed-004 target (≤ 48 h) by default; the others none', async () => {
    const res = await coord.get('/api/v1/indicators?territory=dep:34&period=2026-10');
    expect(find(res.body, 'first_response_mean').target).toMatchObject({ value: 48, origin: 'default', met: true });
    expect(find(res.body, 'liberal_share').target).toMatchObject({ value: null, origin: 'none', met: null });
    expect(res.body.mayEditTargets).toBe(true);
  });

  it('a coordinator sets a target for her department, audited; others may not; null removes it', async () => {
    const set = await coord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: 70 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ territory: 'dep:34', indicatorId: 'liberal_share', target: 70 });
    expect((await coord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: 70 })).status).toBe(200);
    const res = await coord.get('/api/v1/indicators?territory=dep:34&period=2026-10');
    expect(find(res.body, 'liberal_share').target).toMatchObject({ value: 70, origin: 'territory', met: false });
    // Another territory keeps no target.
    expect(find((await coord.get('/api/v1/indicators?territory=dep:06&period=2026-10')).body, 'liberal_share').target.value).toBeNull();
    const audit = await t.query<{ details: { before: number | null; after: number } }>("SELECT details FROM audit_event WHERE action = 'indicator.target_set' ORDER BY at");
    expect(audit.map((a) => [a.details.before, a.details.after])).toEqual([
      [null, 70],
      [70, 70],
    ]);

    expect((await otherCoord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: 10 })).status).toBe(403);
    expect((await coord.put('/api/v1/indicators/targets', { territory: 'reg:76', indicatorId: 'liberal_share', target: 10 })).status).toBe(403);
    expect((await visitor.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: 10 })).status).toBe(401);
    const bad = await coord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: 'beaucoup' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('target');
    expect((await coord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'inconnu', target: 1 })).status).toBe(400);
    expect((await t.query("SELECT 1 FROM indicator_target WHERE target = 10")).length).toBe(0);

    expect((await coord.put('/api/v1/indicators/targets', { territory: 'dep:34', indicatorId: 'liberal_share', target: null })).status).toBe(200);
    expect(find((await coord.get('/api/v1/indicators?territory=dep:34&period=2026-10')).body, 'liberal_share').target.origin).toBe('none');
  });
});

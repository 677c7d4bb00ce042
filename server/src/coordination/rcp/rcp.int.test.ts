import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RCP_CRITERIA } from '@palliance/core';
import { rcpCasesDiscussed } from './rcp';
import { createUser, startTestPlatform, type TestPlatform } from '../../test/harness';

let t: TestPlatform;
let n = 0;
// Monday 16 November 2026, noon in Paris: the next meetings are Tuesdays 17, 24 Nov, 1 Dec at 20:00.
let clock = new Date('2026-11-16T11:00:00Z');

async function pro(profession: string, roles: { role: string; scope?: string | null }[] = []) {
  n += 1;
  const u = await createUser(t, { email: `rcp${n}@example.org`, profession, roles });
  const client = t.client();
  expect((await client.login(u.email, u.password)).status).toBe(200);
  return { ...u, client };
}
const key = () => `key-${Math.random().toString(36).slice(2)}-${n}`;
const allCriteria = DEMO_RCP_CRITERIA.map((c) => c.id);

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
});
afterAll(async () => t?.stop());

describe('mini-RCP flash', () => {
  it('coordinators set up the meeting; cases over the cap go to the next meeting; the report lands in the pathway', async () => {
    const coordinator = await pro('infirmier', [{ role: 'territory_coordinator', scope: 'dep:73' }]);
    const gp = await pro('medecin_generaliste');
    const outsider = await pro('medecin_generaliste');
    const series = { departement: '73', title: 'Mini-RCP flash Savoie (fictive)', weekday: 2, localTime: '20:00', durationMinutes: 30, videoLink: 'https://visio.example.org/rcp-73', maxCases: 2, criteria: DEMO_RCP_CRITERIA };
    expect((await gp.client.post('/api/v1/rcp/series', series)).status).toBe(403);
    const created = await coordinator.client.post('/api/v1/rcp/series', series);
    expect(created.status).toBe(201);
    expect(created.body.upcoming[0].meetingAt).toBe('2026-11-17T19:00:00.000Z');
    const seriesId = created.body.id;

    const patients: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await gp.client.post('/api/v1/patients', { firstName: `Rose${i}`, lastName: 'Fictive', birthDate: '1935-01-01', placeOfLife: 'home', communeCode: '73054' });
      patients.push(p.body.id);
    }
    const unticked = await gp.client.post(`/api/v1/patients/${patients[0]}/rcp-cases`, { seriesId, question: 'Quelle conduite ?', criteriaChecked: ['question'], idempotencyKey: key() });
    expect(unticked.status).toBe(400);
    expect(unticked.body.field).toBe('criteriaChecked');

    const submitted = [];
    for (const p of patients) {
      const r = await gp.client.post(`/api/v1/patients/${p}/rcp-cases`, { seriesId, question: `Question pour ${p.slice(0, 4)}`, criteriaChecked: allCriteria, idempotencyKey: key() });
      expect(r.status).toBe(201);
      submitted.push(r.body);
    }
    expect(submitted.map((c) => [c.meetingAt, c.postponed])).toEqual([
      ['2026-11-17T19:00:00.000Z', false],
      ['2026-11-17T19:00:00.000Z', false],
      ['2026-11-24T19:00:00.000Z', true],
    ]);

    // The agenda: organisers and registered participants see initials, age and the question only.
    expect((await outsider.client.get(`/api/v1/rcp/series/${seriesId}/agenda?meetingAt=2026-11-17T19:00:00.000Z`)).status).toBe(403);
    const joined = await outsider.client.post(`/api/v1/rcp/series/${seriesId}/attendance`, { meetingAt: '2026-11-17T19:00:00.000Z' });
    expect(joined.status).toBe(200);
    expect(joined.body.cases).toHaveLength(2);
    expect(joined.body.cases[0].patientLabel).toMatch(/^R\. F\., 9\d ans$/);
    expect(JSON.stringify(joined.body)).not.toContain('Rose');
    // ...but the file stays behind the circle.
    expect((await outsider.client.get(`/api/v1/patients/${patients[0]}`)).status).toBe(404);

    clock = new Date('2026-11-17T19:30:00Z');
    const caseId = submitted[0].id;
    const past = await coordinator.client.post(`/api/v1/rcp/cases/${caseId}/report`, { summary: 'S', decisions: 'D', actions: [{ label: 'Appeler', ownerId: gp.id, dueOn: '2026-11-10' }] });
    expect(past.status).toBe(400);
    expect(past.body.field).toBe('actions.0.dueOn');
    expect((await outsider.client.post(`/api/v1/rcp/cases/${caseId}/report`, { summary: 'S', decisions: 'D' })).status).toBe(404);
    const report = await coordinator.client.post(`/api/v1/rcp/cases/${caseId}/report`, {
      summary: 'Situation fictive discutée',
      decisions: 'Préparer un dossier dormant HAD',
      actions: [
        { label: 'Contacter l’HAD', ownerId: gp.id, dueOn: '2026-11-19' },
        { label: 'Revoir les prescriptions anticipées', ownerId: gp.id, dueOn: '2026-11-24' },
      ],
    });
    expect(report.status).toBe(200);
    expect(report.body.status).toBe('discussed');
    expect((await coordinator.client.post(`/api/v1/rcp/cases/${caseId}/report`, { summary: 'S', decisions: 'D' })).status).toBe(409);

    const pathway = await gp.client.get(`/api/v1/patients/${patients[0]}/pathway`);
    const rcp = pathway.body.find((e: { source: string }) => e.source === 'rcp');
    expect(rcp.title).toBe('Discuté en Mini-RCP flash Savoie (fictive)');
    expect(rcp.detail).toContain('Préparer un dossier dormant HAD');

    // Actions tracked until done; overdue from the day after the due date.
    clock = new Date('2026-11-20T09:00:00Z');
    const mine = await gp.client.get('/api/v1/me/rcp-actions');
    expect(mine.body.map((a: { label: string; overdue: boolean }) => [a.label, a.overdue])).toEqual([
      ['Contacter l’HAD', true],
      ['Revoir les prescriptions anticipées', false],
    ]);
    expect((await outsider.client.post(`/api/v1/rcp/actions/${mine.body[0].id}/done`)).status).toBe(404);
    const after = await gp.client.post(`/api/v1/rcp/actions/${mine.body[0].id}/done`);
    expect(after.body.map((a: { label: string }) => a.label)).toEqual(['Revoir les prescriptions anticipées']);

    expect(await rcpCasesDiscussed(t.platform.deps, { departement: '73' })).toEqual({ count: 1, byDepartement: { '73': 1 } });
    expect((await rcpCasesDiscussed(t.platform.deps, { departement: '06' })).count).toBe(0);
  });
});

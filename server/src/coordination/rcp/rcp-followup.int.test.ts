import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RCP_CRITERIA } from '@palliance/core';
import { createUser, startTestPlatform, type TestPlatform } from '../../test/harness';

let t: TestPlatform;
let n = 0;
// Monday 16 November 2026, noon in Paris: the next meetings are Tuesdays 17, 24 Nov, 1 Dec at 20:00 (19:00Z).
let clock = new Date('2026-11-16T11:00:00Z');

async function pro(profession: string, roles: { role: string; scope?: string | null }[] = []) {
  n += 1;
  const u = await createUser(t, { email: `suivi-rcp${n}@example.org`, profession, roles });
  const client = t.client();
  expect((await client.login(u.email, u.password)).status).toBe(200);
  return { ...u, client };
}
const key = () => `key-${Math.random().toString(36).slice(2)}-${n}`;
const allCriteria = DEMO_RCP_CRITERIA.map((c) => c.id);
const auditCount = async (action: string, objectId: string) =>
  Number((await t.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND object_id = $2', [action, objectId]))[0].n);

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
});
afterAll(async () => t?.stop());

async function setUp(maxCases = 4) {
  const coordinator = await pro('infirmier', [{ role: 'territory_coordinator', scope: 'dep:73' }]);
  const gp = await pro('medecin_generaliste');
  const nurse = await pro('infirmier');
  const participant = await pro('psychologue');
  const outsider = await pro('medecin_generaliste');
  const series = await coordinator.client.post('/api/v1/rcp/series', {
    departement: '73', title: 'Mini-RCP de suivi (fictive)', weekday: 2, localTime: '20:00', durationMinutes: 30, videoLink: 'https://visio.example.org/suivi', maxCases, criteria: DEMO_RCP_CRITERIA,
  });
  expect(series.status).toBe(201);
  const patient = await gp.client.post('/api/v1/patients', { firstName: 'Berthe', lastName: 'Suivie', birthDate: '1938-02-02', placeOfLife: 'home', communeCode: '73054' });
  expect((await gp.client.post(`/api/v1/patients/${patient.body.id}/circle`, { kind: 'professional', email: nurse.email, circleRole: 'nurse' })).status).toBe(201);
  const submitted = await gp.client.post(`/api/v1/patients/${patient.body.id}/rcp-cases`, { seriesId: series.body.id, question: 'Quel relais la nuit ?', criteriaChecked: allCriteria, idempotencyKey: key() });
  expect(submitted.status).toBe(201);
  return { coordinator, gp, nurse, participant, outsider, seriesId: series.body.id as string, patientId: patient.body.id as string, caseId: submitted.body.id as string, meetingAt: submitted.body.meetingAt as string };
}

describe('mini-RCP follow-up', () => {
  it('an action owner is picked among the circle and the participants; the owner closes it; the pathway shows it', async () => {
    clock = new Date('2026-11-16T11:00:00Z');
    const { coordinator, gp, nurse, participant, outsider, seriesId, patientId, caseId, meetingAt } = await setUp();
    expect((await participant.client.post(`/api/v1/rcp/series/${seriesId}/attendance`, { meetingAt })).status).toBe(200);

    const owners = await coordinator.client.get(`/api/v1/rcp/cases/${caseId}/owners`);
    expect(owners.status).toBe(200);
    expect(owners.body.map((o: { userId: string }) => o.userId).sort()).toEqual([gp.id, nurse.id, participant.id].sort());
    expect(owners.body.find((o: { userId: string }) => o.userId === nurse.id).reason).toBe('Cercle de soins : Infirmier(e)');
    expect(owners.body.find((o: { userId: string }) => o.userId === participant.id).reason).toBe('Participant à la réunion');
    // The GP of the circle sees the same list; someone outside gets the 404 of an unknown case, audited on the patient.
    expect((await gp.client.get(`/api/v1/rcp/cases/${caseId}/owners`)).status).toBe(200);
    const denied = await auditCount('patient.access_denied', patientId);
    expect((await outsider.client.get(`/api/v1/rcp/cases/${caseId}/owners`)).status).toBe(404);
    expect(await auditCount('patient.access_denied', patientId)).toBe(denied + 1);

    // An owner outside that list is refused by the server, naming the field; nothing is written.
    clock = new Date('2026-11-17T19:40:00Z');
    const wrong = await coordinator.client.post(`/api/v1/rcp/cases/${caseId}/report`, {
      summary: 'S', decisions: 'D', actions: [{ label: 'Passer la nuit', ownerId: nurse.id, dueOn: '2026-11-20' }, { label: 'Autre', ownerId: outsider.id, dueOn: '2026-11-20' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('actions.1.ownerId');
    expect(wrong.body.message).toMatch(/cercle de soins/);
    expect((await gp.client.get(`/api/v1/patients/${patientId}/rcp-cases`)).body[0].status).toBe('scheduled');

    const report = await coordinator.client.post(`/api/v1/rcp/cases/${caseId}/report`, {
      summary: 'Relais de nuit discuté (fictif)', decisions: 'Astreinte infirmière', actions: [{ label: 'Organiser l’astreinte de nuit', ownerId: nurse.id, dueOn: '2026-11-20' }],
    });
    expect(report.status).toBe(200);
    expect(report.body.actions[0]).toMatchObject({ ownerId: nurse.id, doneAt: null });

    const mine = await nurse.client.get('/api/v1/me/rcp-actions');
    expect(mine.body.map((a: { label: string }) => a.label)).toEqual(['Organiser l’astreinte de nuit']);
    expect((await gp.client.post(`/api/v1/rcp/actions/${mine.body[0].id}/done`)).status).toBe(404);
    const done = await nurse.client.post(`/api/v1/rcp/actions/${mine.body[0].id}/done`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual([]);
    expect(await auditCount('patient.rcp_action_done', patientId)).toBe(1);
    const pathway = await gp.client.get(`/api/v1/patients/${patientId}/pathway`);
    const rcp = pathway.body.find((e: { source: string }) => e.source === 'rcp');
    expect(rcp.detail).toContain('Action : Organiser l’astreinte de nuit');
    expect(rcp.detail).toContain('pour le 20/11/2026 (faite)');
  });

  it('coordinators change a series: the meetings to come follow, those already held keep their date', async () => {
    clock = new Date('2026-11-16T11:00:00Z');
    // One case per meeting: the second case goes to the 24th.
    const { coordinator, gp, participant, seriesId, patientId, caseId } = await setUp(1);
    const held = await gp.client.post(`/api/v1/patients/${patientId}/rcp-cases`, { seriesId, question: 'Deuxième question', criteriaChecked: allCriteria, idempotencyKey: key() });
    expect(held.body).toMatchObject({ meetingAt: '2026-11-24T19:00:00.000Z', postponed: true });
    expect((await participant.client.post(`/api/v1/rcp/series/${seriesId}/attendance`, { meetingAt: '2026-11-24T19:00:00.000Z' })).status).toBe(200);
    // A week later: the meeting of the 17th is held; the case for the 24th and the registration are to come.
    clock = new Date('2026-11-18T09:00:00Z');
    const change = { title: 'Mini-RCP de suivi, jeudi (fictive)', weekday: 4, localTime: '18:30', durationMinutes: 45, videoLink: 'https://visio.example.org/jeudi', maxCases: 3 };
    expect((await gp.client.put(`/api/v1/rcp/series/${seriesId}`, change)).status).toBe(403);
    const bad = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}`, { ...change, localTime: '25:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('localTime');
    const updated = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}`, change);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ weekday: 4, localTime: '18:30', durationMinutes: 45, maxCases: 3, title: change.title });
    // Criteria omitted: unchanged.
    expect(updated.body.criteria.map((c: { id: string }) => c.id)).toEqual(allCriteria);
    // Thursday 19 Nov 18:30 Paris = 17:30Z is the first meeting to come.
    expect(updated.body.upcoming[0]).toEqual({ meetingAt: '2026-11-19T17:30:00.000Z', cases: 1 });
    expect(updated.body.recent).toEqual([{ meetingAt: '2026-11-17T19:00:00.000Z', cases: 1, attendanceRecorded: false }]);
    const cases = (await gp.client.get(`/api/v1/patients/${patientId}/rcp-cases`)).body as { id: string; meetingAt: string }[];
    expect(cases.find((c) => c.id === caseId)!.meetingAt).toBe('2026-11-17T19:00:00.000Z');
    expect(cases.find((c) => c.id === held.body.id)!.meetingAt).toBe('2026-11-19T17:30:00.000Z');
    const agenda = await participant.client.get(`/api/v1/rcp/series/${seriesId}/agenda?meetingAt=2026-11-19T17:30:00.000Z`);
    expect(agenda.status).toBe(200);
    expect(agenda.body.participants).toHaveLength(1);
    const audit = await t.query<{ details: { changed: string[]; movedMeetings: number } }>("SELECT details FROM audit_event WHERE action = 'rcp.series_updated' AND object_id = $1", [seriesId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].details.changed).toEqual(['title', 'weekday', 'localTime', 'durationMinutes', 'videoLink', 'maxCases']);
    expect(audit[0].details.movedMeetings).toBe(1);
    // The people whose case or registration moved are told.
    const told = await t.query<{ user_id: string }>("SELECT user_id FROM notification WHERE kind = 'rcp.schedule_changed' ORDER BY user_id");
    expect(told.map((r) => r.user_id).sort()).toEqual([gp.id, participant.id].sort());
  });

  it('after the meeting, a coordinator records who attended among the invited; it shows on the meeting', async () => {
    clock = new Date('2026-11-16T11:00:00Z');
    const { coordinator, gp, participant, outsider, seriesId, meetingAt } = await setUp();
    expect((await participant.client.post(`/api/v1/rcp/series/${seriesId}/attendance`, { meetingAt })).status).toBe(200);
    const before = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt, attendedUserIds: [gp.id] });
    expect(before.status).toBe(400);
    expect(before.body.field).toBe('meetingAt');

    clock = new Date('2026-11-17T19:35:00Z');
    const agenda = await coordinator.client.get(`/api/v1/rcp/series/${seriesId}/agenda?meetingAt=${meetingAt}`);
    expect(agenda.body.started).toBe(true);
    expect(agenda.body.attendance.map((l: { userId: string }) => l.userId).sort()).toEqual([coordinator.id, gp.id, participant.id].sort());
    expect(agenda.body.attendance.every((l: { attended: null }) => l.attended === null)).toBe(true);
    expect((await participant.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt, attendedUserIds: [participant.id] })).status).toBe(403);
    const stranger = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt, attendedUserIds: [outsider.id] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.field).toBe('attendedUserIds');
    const noMeeting = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt: '2026-11-10T19:00:00.000Z', attendedUserIds: [] });
    expect(noMeeting.status).toBe(400);
    expect(noMeeting.body.field).toBe('meetingAt');

    const sheet = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt, attendedUserIds: [gp.id, coordinator.id] });
    expect(sheet.status).toBe(200);
    const by = Object.fromEntries(sheet.body.attendance.map((l: { userId: string; attended: boolean; registered: boolean }) => [l.userId, [l.attended, l.registered]]));
    expect(by).toEqual({ [gp.id]: [true, false], [coordinator.id]: [true, false], [participant.id]: [false, true] });
    expect(sheet.body.attendanceRecordedAt).toBe('2026-11-17T19:35:00.000Z');
    // Registered participants stay the registered ones; the sheet is replaced when recorded again.
    expect(sheet.body.participants).toHaveLength(1);
    clock = new Date('2026-11-17T19:50:00Z');
    const again = await coordinator.client.put(`/api/v1/rcp/series/${seriesId}/attendance-sheet`, { meetingAt, attendedUserIds: [participant.id] });
    expect(again.body.attendance.filter((l: { attended: boolean }) => l.attended).map((l: { userId: string }) => l.userId)).toEqual([participant.id]);
    expect(await auditCount('rcp.attendance_recorded', seriesId)).toBe(2);
    const series = await coordinator.client.get('/api/v1/rcp/series?departement=73');
    const mine = series.body.find((s: { id: string }) => s.id === seriesId);
    expect(mine.recent[0]).toEqual({ meetingAt, cases: 1, attendanceRecorded: true });
  });
});

describe('patient identity and consent', () => {
  it('circle members edit the identity and record a dated consent; others get 404; every write is audited', async () => {
    clock = new Date('2026-11-16T11:00:00Z');
    const gp = await pro('medecin_generaliste');
    const outsider = await pro('infirmier');
    const file = await gp.client.post('/api/v1/patients', { firstName: 'Odile', lastName: 'Identité', placeOfLife: 'home', communeCode: '73054' });
    const id = file.body.id;
    const identity = { firstName: 'Odile', lastName: 'Identité-Fictive', birthDate: '1940-04-04', sex: 'female', insMatricule: '2400473054123', insOid: '1.2.250.1.213.1.4.8', placeOfLife: 'ehpad', addressLine: '1 rue Fictive', communeCode: '73011' };
    expect((await outsider.client.put(`/api/v1/patients/${id}`, identity)).status).toBe(404);
    expect((await outsider.client.post(`/api/v1/patients/${id}/consents`, { purpose: 'coordination', givenBy: 'patient' })).status).toBe(404);
    const badIns = await gp.client.put(`/api/v1/patients/${id}`, { ...identity, insMatricule: '12' });
    expect(badIns.status).toBe(400);
    expect(badIns.body.field).toBe('insMatricule');
    const updated = await gp.client.put(`/api/v1/patients/${id}`, identity);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ lastName: 'Identité-Fictive', insMatricule: '2400473054123', placeOfLife: 'ehpad', communeCode: '73011' });

    const future = await gp.client.post(`/api/v1/patients/${id}/consents`, { purpose: 'data_sharing', givenBy: 'trusted_person', givenOn: '2026-11-17' });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe('givenOn');
    const consent = await gp.client.post(`/api/v1/patients/${id}/consents`, { purpose: 'data_sharing', givenBy: 'trusted_person', givenOn: '2026-11-13', note: 'Fille (fictive), à la visite' });
    expect(consent.status).toBe(201);
    expect(consent.body.consents).toEqual([
      expect.objectContaining({ purpose: 'data_sharing', givenBy: 'trusted_person', givenOn: '2026-11-13', decision: 'given', recordedBy: gp.id, recordedByName: 'Test Utilisateur', recordedAt: '2026-11-16T11:00:00.000Z' }),
    ]);
    clock = new Date('2026-11-16T11:05:00Z');
    const today = await gp.client.post(`/api/v1/patients/${id}/consents`, { purpose: 'data_sharing', givenBy: 'trusted_person', decision: 'withdrawn' });
    expect(today.body.consents[1]).toMatchObject({ decision: 'withdrawn', givenOn: '2026-11-16' });
    expect(await auditCount('patient.updated', id)).toBe(1);
    expect(await auditCount('patient.consent_recorded', id)).toBe(2);
    expect(await auditCount('patient.access_denied', id)).toBe(2);
  });
});

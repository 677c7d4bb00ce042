import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../test/harness';
import { sendEventReminders } from './reminders';

// A clock the tests move: reminders and attendance depend on the time.
const START = new Date('2027-02-01T10:00:00.000Z');
let clock = START;
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();

let t: TestPlatform;
let organiser: TestClient;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { now: () => clock });
  const o = await createUser(t, { email: 'coord-73@example.org', roles: [{ role: 'territory_coordinator', scope: 'dep:73' }], departement: '73' });
  organiser = await signIn(o);
});
afterAll(async () => t?.stop());

async function signIn(u: { email: string; password: string }): Promise<TestClient> {
  const c = t.client();
  expect((await c.login(u.email, u.password)).status).toBe(200);
  return c;
}

async function person(opts: { departement?: string; roles?: { role: string; scope?: string | null }[] } = {}) {
  n += 1;
  const u = await createUser(t, { email: `pro${n}@example.org`, departement: opts.departement ?? '73', roles: opts.roles });
  return { ...u, client: await signIn(u) };
}

const workshop = (over: Record<string, unknown> = {}) => ({
  kind: 'workshop',
  title: 'Atelier test ; sédation, domicile',
  description: 'Description',
  organiserName: 'CPTS test (démo)',
  organiserEmail: 'cpts@example.org',
  departement: '73',
  communeCode: '73006',
  address: '1 place fictive',
  seatCap: 2,
  status: 'published',
  startsAt: at(48),
  endsAt: at(49.5),
  ...over,
});

async function createEvent(body: Record<string, unknown>) {
  const res = await organiser.post('/api/v1/events', body);
  expect(res.status).toBe(201);
  return res.body as { id: string; occurrences: { id: string; startsAt: string }[] };
}

describe('organising', () => {
  it('lets a coordinator of the department create a workshop, and refuses one of another department or a plain professional', async () => {
    const ev = await createEvent(workshop());
    expect(ev).toMatchObject({ kind: 'workshop', communeName: 'Aime-la-Plagne', mayOrganise: true, seatCap: 2 });
    expect(ev.occurrences).toHaveLength(1);
    expect((await organiser.post('/api/v1/events', workshop({ departement: '06', communeCode: '06088' }))).status).toBe(403);
    const p = await person();
    expect((await p.client.post('/api/v1/events', workshop())).status).toBe(403);
    expect((await t.client().post('/api/v1/events', workshop())).status).toBe(401);
  });

  it('answers 400 naming the field for a workshop without a commune, or a commune of another department', async () => {
    const a = await organiser.post('/api/v1/events', workshop({ communeCode: null }));
    expect(a.status).toBe(400);
    expect(a.body.field).toBe('communeCode');
    const b = await organiser.post('/api/v1/events', workshop({ communeCode: '06088' }));
    expect(b.status).toBe(400);
    expect(b.body.message).toMatch(/département/);
  });

  it('generates the dates of a monthly exchange group at 20:00 Paris time across the change to summer time', async () => {
    const ev = await createEvent({
      kind: 'exchange_group',
      title: 'Groupe mensuel',
      organiserName: 'DAC test',
      departement: '73',
      videoUrl: 'https://visio.example.org/groupe',
      status: 'published',
      recurrence: { freq: 'monthly', weekday: 2, setPos: 2, time: '20:00', durationMinutes: 60, startDate: '2027-02-01', count: 3 },
    });
    expect(ev.occurrences.map((o) => o.startsAt)).toEqual(['2027-02-09T19:00:00.000Z', '2027-03-09T19:00:00.000Z', '2027-04-13T18:00:00.000Z']);
    const detail = await t.client().get(`/api/v1/events/${ev.id}`);
    expect(detail.body).toMatchObject({ recurrenceText: 'Chaque mois, le 2e mardi à 20 h 00', videoUrl: null, hasVideo: true });
  });

  it('keeps drafts to their organisers', async () => {
    const ev = await createEvent(workshop({ status: 'draft', title: 'Brouillon' }));
    expect((await t.client().get(`/api/v1/events/${ev.id}`)).status).toBe(404);
    const p = await person();
    expect((await p.client.post(`/api/v1/occurrences/${ev.occurrences[0].id}/registration`)).status).toBe(404);
  });
});

describe('registration', () => {
  it('fills the seats, puts the next on the waiting list, and gives a freed seat to the first in line, who is told by e-mail', async () => {
    const ev = await createEvent(workshop());
    const occ = ev.occurrences[0].id;
    const [a, b, c, d] = [await person(), await person(), await person(), await person()];
    expect((await a.client.post(`/api/v1/occurrences/${occ}/registration`)).body).toMatchObject({ status: 'enrolled' });
    expect((await b.client.post(`/api/v1/occurrences/${occ}/registration`)).body).toMatchObject({ status: 'enrolled' });
    expect((await c.client.post(`/api/v1/occurrences/${occ}/registration`)).body).toMatchObject({ status: 'waiting', waitingRank: 1 });
    expect((await d.client.post(`/api/v1/occurrences/${occ}/registration`)).body).toMatchObject({ status: 'waiting', waitingRank: 2 });

    const left = await a.client.delete(`/api/v1/occurrences/${occ}/registration`);
    expect(left.body.status).toBe('withdrawn');
    const mail = await t.waitForMail(c.email, (m) => m.subject.includes('Une place'));
    expect(mail.text).toContain(`/se-former/evenements/${ev.id}`);
    const detail = await c.client.get(`/api/v1/events/${ev.id}`);
    expect(detail.body.occurrences[0]).toMatchObject({ myStatus: 'enrolled', enrolledCount: 2, waitingCount: 1, seatsLeft: 0 });
    expect((await d.client.get('/api/v1/me/events')).body[0]).toMatchObject({ status: 'waiting', waitingRank: 1 });
  });

  it('stores a repeated registration once and answers it the same', async () => {
    const ev = await createEvent(workshop({ seatCap: 5 }));
    const occ = ev.occurrences[0].id;
    const p = await person();
    const first = await p.client.post(`/api/v1/occurrences/${occ}/registration`);
    const again = await Promise.all([p.client.post(`/api/v1/occurrences/${occ}/registration`), p.client.post(`/api/v1/occurrences/${occ}/registration`)]);
    expect(first.status).toBe(201);
    for (const r of again) expect(r.body).toEqual(first.body);
    const rows = await t.query('SELECT 1 FROM event_registration WHERE occurrence_id = $1', [occ]);
    expect(rows).toHaveLength(1);
  });

  it('shows the video link of a webinar only to the registered', async () => {
    const ev = await createEvent({ kind: 'webinar', title: 'Webinaire', organiserName: 'EMSP', departement: '73', videoUrl: 'https://visio.example.org/w', status: 'published', startsAt: at(30), endsAt: at(31) });
    const p = await person();
    expect((await p.client.get(`/api/v1/events/${ev.id}`)).body.videoUrl).toBeNull();
    await p.client.post(`/api/v1/occurrences/${ev.occurrences[0].id}/registration`);
    expect((await p.client.get(`/api/v1/events/${ev.id}`)).body.videoUrl).toBe('https://visio.example.org/w');
  });

  it('tells the registered and the waiting when the organiser cancels', async () => {
    const ev = await createEvent(workshop({ seatCap: 1, title: 'Annulé bientôt' }));
    const occ = ev.occurrences[0].id;
    const [a, b] = [await person(), await person()];
    await a.client.post(`/api/v1/occurrences/${occ}/registration`);
    await b.client.post(`/api/v1/occurrences/${occ}/registration`);
    const res = await organiser.put(`/api/v1/events/${ev.id}`, workshop({ seatCap: 1, title: 'Annulé bientôt', status: 'cancelled' }));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    for (const u of [a, b]) expect((await t.waitForMail(u.email, (m) => m.subject.startsWith('Annulé'))).text).toContain('annulé');
    expect((await (await person()).client.post(`/api/v1/occurrences/${occ}/registration`)).status).toBe(409);
  });
});

describe('reminders', () => {
  it('sends the 24 h and the 1 h reminder once each, even when the job runs twice', async () => {
    const ev = await createEvent(workshop({ seatCap: 10, title: 'Rappels', startsAt: at(20), endsAt: at(21) }));
    const p = await person();
    await p.client.post(`/api/v1/occurrences/${ev.occurrences[0].id}/registration`);
    const count = (kind: string) => t.platform.deps.catcher!.list(p.email).filter((m) => m.subject.includes(kind)).length;

    const runs = await Promise.all([sendEventReminders(t.platform.deps), sendEventReminders(t.platform.deps)]);
    expect(runs.map((r) => r.sent).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(1);
    await t.waitForMail(p.email, (m) => m.subject.includes('demain'));
    clock = new Date(START.getTime() + 19.5 * HOUR);
    await sendEventReminders(t.platform.deps);
    await sendEventReminders(t.platform.deps);
    await t.waitForMail(p.email, (m) => m.subject.includes('dans une heure'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(count('demain')).toBe(1);
    expect(count('dans une heure')).toBe(1);
    const rows = await t.query<{ kind: string }>(
      'SELECT kind FROM event_reminder er JOIN event_registration r ON r.id = er.registration_id WHERE r.user_id = $1 ORDER BY kind',
      [p.id],
    );
    expect(rows.map((r) => r.kind)).toEqual(['1h', '24h']);

    // The organiser moves the date a day later: the reminders go again, for the new time.
    clock = START;
    const moved = await organiser.put(`/api/v1/events/${ev.id}`, workshop({ seatCap: 10, title: 'Rappels', startsAt: at(44), endsAt: at(45) }));
    expect(moved.status).toBe(200);
    expect(moved.body.occurrences[0].startsAt).toBe(at(44));
    clock = new Date(START.getTime() + 21 * HOUR);
    await sendEventReminders(t.platform.deps);
    await t.waitForMail(p.email, (m) => m.subject.includes('demain') && m.text.includes('3 février'));
    expect(count('demain')).toBe(2);
    clock = START;
  });
});

describe('attendance', () => {
  it('lets the organiser tick presence after the start only, computes the rate, exports CSV, and refuses others', async () => {
    const ev = await createEvent(workshop({ seatCap: 10, title: 'Émargement', startsAt: at(2), endsAt: at(3) }));
    const occ = ev.occurrences[0].id;
    const [a, b] = [await person(), await person()];
    await a.client.post(`/api/v1/occurrences/${occ}/registration`);
    await b.client.post(`/api/v1/occurrences/${occ}/registration`);
    const sheet = await organiser.get(`/api/v1/occurrences/${occ}/registrants`);
    expect(sheet.body.registrants).toHaveLength(2);
    const [ra, rb] = [a, b].map((u) => sheet.body.registrants.find((r: { userId: string }) => r.userId === u.id).id);

    const early = await organiser.put(`/api/v1/occurrences/${occ}/attendance`, { marks: [{ registrationId: ra, present: true }] });
    expect(early.status).toBe(409);
    clock = new Date(START.getTime() + 2.25 * HOUR);
    expect((await a.client.put(`/api/v1/occurrences/${occ}/attendance`, { marks: [{ registrationId: ra, present: true }] })).status).toBe(403);
    expect((await a.client.get(`/api/v1/occurrences/${occ}/registrants`)).status).toBe(403);
    const marked = await organiser.put(`/api/v1/occurrences/${occ}/attendance`, { marks: [{ registrationId: ra, present: true }, { registrationId: rb, present: false }] });
    expect(marked.status).toBe(200);
    expect(marked.body.attendance).toMatchObject({ registered: 2, present: 1, absent: 1, unmarked: 0, rate: 0.5 });
    expect((await organiser.get(`/api/v1/events/${ev.id}`)).body.attendance).toMatchObject({ rate: 0.5 });
    const bad = await organiser.put(`/api/v1/occurrences/${occ}/attendance`, { marks: [{ registrationId: '00000000-0000-4000-8000-000000000000', present: true }] });
    expect(bad.status).toBe(400);

    const csv = await organiser.get(`/api/v1/occurrences/${occ}/attendance.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Événement;Date;Nom;Prénom;Adresse e-mail;Profession;Statut;Présence');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.includes(a.email) && l.endsWith('Présent(e)'))).toBe(true);
    expect(lines.some((l) => l.includes(b.email) && l.endsWith('Absent(e)'))).toBe(true);
    clock = START;
  });
});

describe('calendars', () => {
  it('serves an .ics per event, a public feed filtered by department, and a personal feed behind a revocable secret address', async () => {
    const ev = await createEvent(workshop({ seatCap: 10, title: 'Agenda, test; virgule' }));
    const other = await (async () => {
      const admin = await person({ roles: [{ role: 'admin' }] });
      const r = await admin.client.post('/api/v1/events', workshop({ departement: '06', communeCode: '06088', title: 'Atelier niçois' }));
      expect(r.status).toBe(201);
      return r.body;
    })();

    const ics = await t.client().get(`/api/v1/events/${ev.id}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.body).toContain('BEGIN:VCALENDAR\r\n');
    expect(ics.body).toContain(`UID:${ev.occurrences[0].id}@palliance\r\n`);
    expect(ics.body).toContain('SUMMARY:Agenda\\, test\\; virgule\r\n');

    const feed73 = String((await t.client().get('/api/v1/events/feed.ics?departement=73')).body);
    expect(feed73).toContain(ev.occurrences[0].id);
    expect(feed73).not.toContain(other.occurrences[0].id);
    expect((await t.client().get('/api/v1/events/feed.ics?departement=xx')).status).toBe(400);

    const p = await person();
    await p.client.post(`/api/v1/occurrences/${ev.occurrences[0].id}/registration`);
    expect((await p.client.get('/api/v1/me/events/feed')).body).toMatchObject({ active: false });
    const created = await p.client.post('/api/v1/me/events/feed');
    expect(created.status).toBe(201);
    const path = new URL(created.body.url).pathname;
    const mine = await t.client().get(path);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(`UID:${ev.occurrences[0].id}@palliance`);
    expect(mine.body).not.toContain(other.occurrences[0].id);

    // Replacing the address kills the old one; revoking kills the new one.
    const replaced = await p.client.post('/api/v1/me/events/feed');
    expect((await t.client().get(path)).status).toBe(404);
    const newPath = new URL(replaced.body.url).pathname;
    expect((await t.client().get(newPath)).status).toBe(200);
    expect((await p.client.delete('/api/v1/me/events/feed')).body).toMatchObject({ active: false });
    expect((await t.client().get(newPath)).status).toBe(404);
  });

  it('lists upcoming published events with filters', async () => {
    const list = await t.client().get('/api/v1/events?kind=exchange_group&departement=73');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    for (const e of list.body) expect(e).toMatchObject({ kind: 'exchange_group', departement: '73', status: 'published' });
    expect((await t.client().get('/api/v1/events?kind=concert')).status).toBe(400);
    const noRule = await organiser.post('/api/v1/events', { kind: 'exchange_group', title: 'Sans rythme', organiserName: 'DAC', departement: '73' });
    expect(noRule.status).toBe(400);
    expect(noRule.body.field).toBe('recurrence');
  });
});

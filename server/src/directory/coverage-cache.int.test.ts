import { numberToCall, type DirectoryContact, type Schedule } from '@palliance/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestPlatform, type TestPlatform } from '../test/harness';
import { createWhoCovers, MAX_COVERINGS } from './who-covers';

// The coverage answer of a structure is kept for as long as none of its lines opens or closes and
// reused for any instant of that stretch. Asked in random order over two weeks (nights, weekends,
// 11 November), every answer must be the one computed afresh for that instant.
let t: TestPlatform;
const day = [
  { open: '09:00', close: '12:30' },
  { open: '13:30', close: '17:30' },
];
const weekdays: Schedule = {
  days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  holidays: 'closed',
  exceptions: [],
};
const nights: Schedule = {
  days: {
    mon: [{ open: '18:00', close: '08:00' }],
    tue: [{ open: '18:00', close: '08:00' }],
    wed: [{ open: '18:00', close: '08:00' }],
    thu: [{ open: '18:00', close: '08:00' }],
    fri: [{ open: '18:00', close: '08:00' }],
    sat: [{ open: '08:00', close: '08:00' }],
    sun: [],
  },
  holidays: [{ open: '08:00', close: '08:00' }],
  exceptions: [],
};
const contacts: DirectoryContact[] = [
  { kind: 'secretariat_medical', value: '01 99 00 31 01', schedule: weekdays },
  { kind: 'astreinte', label: 'Astreinte', value: '01 99 00 31 02', schedule: nights },
  { kind: 'email', value: 'equipe-cache@example.org' },
];

beforeAll(async () => {
  t = await startTestPlatform({});
  const admin = await createUser(t, { email: 'admin-cache@example.org', roles: [{ role: 'admin' }] });
  const a = t.client();
  await a.login(admin.email, admin.password);
  const created = await a.post('/api/v1/structures', {
    name: 'Équipe fictive de Moûtiers (test du cache)',
    types: ['ETSP'],
    communeCode: '73181',
    postalCode: '73600',
    contacts,
    openingHours: weekdays,
    coverage: { departements: [], communes: ['73181'] },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => t?.stop());

describe('GET /api/v1/coverage at many instants', () => {
  it('gives, whatever the order of the questions, the line and times computed for each instant', async () => {
    const start = Date.parse('2026-11-05T00:00:00Z');
    // Every 47 minutes over two weeks, in a scrambled order (multiplying by a number prime to the count).
    const count = 430;
    const instants = Array.from({ length: count }, (_, i) => start + ((i * 173) % count) * 47 * 60_000);
    for (const ms of instants) {
      const at = new Date(ms).toISOString();
      const res = await t.client().get(`/api/v1/coverage?commune=73181&at=${encodeURIComponent(at)}`);
      expect(res.status).toBe(200);
      const item = res.body.groups.flatMap((g: { structures: unknown[] }) => g.structures)[0];
      const expected = numberToCall(contacts, new Date(ms), 'Europe/Paris', '73', weekdays);
      expect({ at, number: item.call?.number ?? null, openUntil: item.call?.openUntil ?? null, nextOpening: item.nextOpening }).toEqual({
        at,
        number: expected.contact?.value ?? null,
        openUntil: expected.contact ? (expected.openUntil?.toISOString() ?? null) : null,
        nextOpening: expected.contact ? null : (expected.nextOpening?.toISOString() ?? null),
      });
    }
  });
});

describe('communes kept in memory', () => {
  it('keeps at most MAX_COVERINGS communes, and answers a commune dropped meanwhile as before', async () => {
    const whoCovers = createWhoCovers(t.platform.deps);
    const at = '2026-11-10T10:00:00+01:00';
    const first = await whoCovers({ commune: '73181', at });
    const others = await t.query<{ code: string }>(`SELECT code FROM commune WHERE code <> '73181' ORDER BY code LIMIT ${MAX_COVERINGS + 50}`);
    for (const { code } of others) await whoCovers({ commune: code, at });
    expect(await whoCovers.keptCommunes()).toBe(MAX_COVERINGS);
    // 73181 was the oldest: dropped, then rebuilt the same.
    expect(await whoCovers({ commune: '73181', at })).toBe(first);
    expect(JSON.parse(first).groups[0].structures[0].name).toBe('Équipe fictive de Moûtiers (test du cache)');
  });
});

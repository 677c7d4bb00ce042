/**
 * Test data for the import / export tests: demo-like fictional structures (phone numbers from the
 * range ARCEP keeps for fiction, e-mails at example.org) covering every field the directory holds.
 */
import { expect } from 'vitest';
import { createUser, startTestPlatform, type TestClient, type TestPlatform } from '../../test/harness';

const weekdays = (open: string, close: string) => ({
  days: { mon: [{ open, close }], tue: [{ open, close }], wed: [{ open, close }], thu: [{ open, close }], fri: [{ open, close }] },
  holidays: 'closed',
});

const nightsAndWeekends = {
  days: {
    mon: [{ open: '18:00', close: '08:00' }],
    tue: [{ open: '18:00', close: '08:00' }],
    wed: [{ open: '18:00', close: '08:00' }],
    thu: [{ open: '18:00', close: '08:00' }],
    fri: [{ open: '18:00', close: '08:00' }],
    sat: [{ open: '08:00', close: '08:00' }],
    sun: [{ open: '08:00', close: '08:00' }],
  },
  holidays: [{ open: '08:00', close: '08:00' }],
};

export async function signIn(t: TestPlatform, email: string, roles: { role: string; scope?: string | null }[] = []): Promise<TestClient> {
  const user = await createUser(t, { email, roles });
  const c = t.client();
  expect((await c.login(user.email, user.password)).status).toBe(200);
  return c;
}

export interface SeededDirectory {
  ids: Record<'etsp' | 'had' | 'dac' | 'usp' | 'erisp' | 'brest' | 'archived', string>;
  published: string[];
}

/** Seven entries, six published (one a demo entry, one the child of another), one archived. */
export async function seedDirectory(t: TestPlatform, admin: TestClient): Promise<SeededDirectory> {
  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/structures', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const etsp = await create({
    name: 'Équipe territoriale de soins palliatifs Nice Est (test)',
    types: ['ETSP'],
    finess: '069990101',
    communeCode: '06088',
    postalCode: '06000',
    addressLine: "101 rue de l'Exemple",
    latitude: 43.7102,
    longitude: 7.262,
    audience: ['professionnels', 'patients', 'familles'],
    contacts: [
      { kind: 'secretariat_medical', label: 'Secrétariat', value: '01 99 00 01 01', schedule: weekdays('09:00', '17:30') },
      { kind: 'appui_territorial', label: 'Appui territorial nuit / week-end / jours fériés', value: '01 99 00 01 51', schedule: nightsAndWeekends },
      { kind: 'email', value: 'equipe101@example.org' },
    ],
    openingHours: {
      ...weekdays('09:00', '17:30'),
      exceptions: [
        { date: '2026-12-24', slots: [{ open: '09:00', close: '12:00' }], label: 'Veille de Noël' },
        { date: '2026-12-31', closed: true, label: 'Fermeture annuelle' },
      ],
    },
    accessDelayDays: 2,
    accessDelayConfirmedAt: '2026-10-01',
    description: 'Structure fictive de démonstration ; « guillemets » et "doubles",\nsur deux lignes.',
    coverage: { departements: [], communes: ['06088', '06083', '06149'] },
  });
  const had = await create({
    name: 'HAD Côte d’Azur (test)',
    types: ['HAD'],
    siret: '12345678900011',
    communeCode: '06088',
    postalCode: '06200',
    addressLine: '102 avenue de la Fiction',
    contacts: [
      { kind: 'accueil', label: 'Accueil', value: '01 99 00 01 02', schedule: weekdays('08:30', '18:00') },
      { kind: 'astreinte', label: 'Astreinte 24 h/24', value: '01 99 00 01 52', alwaysOn: true },
      { kind: 'mssante', value: 'had@had-test.mssante.example.org' },
    ],
    openingHours: weekdays('08:30', '18:00'),
    coverage: { departements: ['06'], communes: [] },
  });
  const dac = await create({
    name: 'DAC Hérault (test)',
    types: ['DAC'],
    rorId: 'ROR-TEST-340',
    communeCode: '34172',
    postalCode: '34000',
    contacts: [{ kind: 'accueil', value: '01 99 00 03 40', schedule: weekdays('09:00', '17:00') }],
    openingHours: weekdays('09:00', '17:00'),
    coverage: { departements: ['34'], communes: [] },
  });
  const usp = await create({
    name: 'Unité de soins palliatifs Montpellier (test)',
    types: ['USP', 'LISP_MCO'],
    parentId: dac,
    communeCode: '34172',
    postalCode: '34090',
    latitude: 43.61,
    longitude: 3.87,
    capacityBeds: 12,
    accessDelayDays: 5,
    contacts: [{ kind: 'secretariat_medical', value: '01 99 00 03 41', schedule: weekdays('09:00', '17:30') }],
    openingHours: weekdays('09:00', '17:30'),
    coverage: { departements: ['34'], communes: [] },
  });
  const erisp = await create({
    name: 'ERISP Paris et petite couronne (test)',
    types: ['ERISP'],
    communeCode: '75056',
    postalCode: '75014',
    // An international number starts with '+': a spreadsheet would read it as a formula.
    contacts: [
      { kind: 'appui_territorial', label: 'Ligne ERISP jour et nuit', value: '+33 1 99 00 07 50', alwaysOn: true },
      { kind: 'email', value: 'erisp@example.org' },
    ],
    openingHours: null,
    description: '=Équipe fictive (une cellule qui commence par « = »)',
    coverage: { departements: ['75', '92', '93', '94'], communes: [] },
  });
  const brest = await create({
    name: 'Réseau de soins palliatifs du Finistère Nord (test)',
    types: ['RESEAU'],
    communeCode: '29019',
    postalCode: '29200',
    latitude: 48.39,
    longitude: -4.49,
    audience: ['professionnels'],
    coverage: { departements: ['29'], communes: [] },
  });
  const archived = await create({ name: 'Bénévoles archivés (test)', types: ['BENEVOLES'], communeCode: '73054', postalCode: '73700' });
  expect((await admin.post(`/api/v1/structures/${archived}/status`, { status: 'archived' })).status).toBe(200);
  await t.query('UPDATE structure SET is_demo = true WHERE id = $1', [erisp]);
  return { ids: { etsp, had, dac, usp, erisp, brest, archived }, published: [etsp, had, dac, usp, erisp, brest] };
}

export async function countStructures(t: TestPlatform): Promise<number> {
  const [{ n }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM structure');
  return n;
}

/** The raw bytes of an answer (Response.text() would drop the byte-order mark). */
export async function getBytes(t: TestPlatform, path: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await fetch(t.baseUrl + path);
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Posts raw bytes as the given client (its cookies, our Origin). */
export async function postBytes(t: TestPlatform, client: TestClient, path: string, bytes: Uint8Array, contentType: string) {
  const res = await fetch(t.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': contentType, origin: t.baseUrl, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export interface TwoDirectories {
  /** The source directory, seeded. */
  a: TestPlatform;
  /** An empty directory on its own fresh database. */
  b: TestPlatform;
  adminA: TestClient;
  adminB: TestClient;
  seeded: SeededDirectory;
  stop(): Promise<void>;
}

/** Two platforms, each on its own fresh database: a seeded source directory, and an empty one. */
export async function startTwoDirectories(): Promise<TwoDirectories> {
  const [a, b] = await Promise.all([startTestPlatform(), startTestPlatform()]);
  const adminA = await signIn(a, 'admin-a@example.org', [{ role: 'admin' }]);
  const adminB = await signIn(b, 'admin-b@example.org', [{ role: 'admin' }]);
  const seeded = await seedDirectory(a, adminA);
  return { a, b, adminA, adminB, seeded, stop: async () => void (await Promise.all([a.stop(), b.stop()])) };
}

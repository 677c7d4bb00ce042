import type { ScheduleInput, StructureInputRaw } from '@palliance/core';
import { structureInputSchema } from '@palliance/core';
import { sql } from 'drizzle-orm';
import type { DbHandle } from '../db/client';
import { DEMO_IDS } from '../db/seed/demo';
import { insertStructure } from './save-structure';

// Fictional entries for the territories of the seeds. Phone numbers from the range ARCEP keeps for
// fiction (01 99 00 xx xx); names say "(démo)".
const weekdays = (open: string, close: string): ScheduleInput => ({
  days: { mon: [{ open, close }], tue: [{ open, close }], wed: [{ open, close }], thu: [{ open, close }], fri: [{ open, close }] },
  holidays: 'closed',
});

/** Nights, weekends and public holidays: from 18:00 on weekdays, round the clock from Friday evening to Monday 08:00. */
const nightsAndWeekends: ScheduleInput = {
  days: {
    mon: [{ open: '18:00', close: '08:00' }],
    tue: [{ open: '18:00', close: '08:00' }],
    wed: [{ open: '18:00', close: '08:00' }],
    thu: [{ open: '18:00', close: '08:00' }],
    fri: [{ open: '18:00', close: '08:00' }],
    // 08:00–08:00 is a full day, into the next morning.
    sat: [{ open: '08:00', close: '08:00' }],
    sun: [{ open: '08:00', close: '08:00' }],
  },
  holidays: [{ open: '08:00', close: '08:00' }],
};

const phone = (n: number) => `01 99 00 ${String(Math.floor(n / 100) % 100).padStart(2, '0')} ${String(n % 100).padStart(2, '0')}`;

interface DemoStructure extends StructureInputRaw {
  id?: string;
}

// Town-centre positions of the communes (public geography); the structures themselves are fictional.
const TOWN_CENTRES: Record<string, [number, number]> = {
  '06088': [43.7034, 7.2663],
  '13055': [43.2965, 5.3698],
  '13001': [43.5297, 5.4474],
  '13004': [43.6767, 4.6278],
  '13005': [43.2927, 5.5708],
  '13056': [43.4045, 5.0476],
  '13103': [43.64, 5.097],
  '34172': [43.6108, 3.8767],
  '73054': [45.6186, 6.7695],
  '73065': [45.5646, 5.9178],
  '75056': [48.8566, 2.3522],
};

function team(n: number, name: string, types: string[], commune: string, postal: string, coverage: StructureInputRaw['coverage'], extra: Partial<StructureInputRaw> = {}): DemoStructure {
  const [lat, lon] = TOWN_CENTRES[commune] ?? [null, null];
  // A small offset per entry so that entries of one town do not sit on the same point.
  const jitter = ((n % 7) - 3) * 0.004;
  return {
    latitude: lat === null ? null : lat + jitter,
    longitude: lon === null ? null : lon - jitter,
    name: `${name} (démo)`,
    types,
    communeCode: commune,
    postalCode: postal,
    addressLine: `${n} rue de l'Exemple`,
    audience: ['professionnels', 'patients', 'familles'],
    contacts: [
      { kind: 'secretariat_medical', label: 'Secrétariat', value: phone(n), schedule: weekdays('09:00', '17:30') },
      { kind: 'appui_territorial', label: 'Appui territorial nuit / week-end / jours fériés', value: phone(n + 50), schedule: nightsAndWeekends },
      { kind: 'email', value: `equipe${n}@example.org` },
    ],
    openingHours: weekdays('09:00', '17:30'),
    accessDelayDays: 2,
    accessDelayConfirmedAt: '2026-10-01',
    description: `Structure fictive de démonstration (${types.join(', ')}). Les numéros sont réservés à la fiction par l'ARCEP.`,
    coverage,
    ...extra,
  };
}

export const DEMO_STRUCTURES: DemoStructure[] = [
  // Alpes-Maritimes
  team(101, 'Équipe territoriale de soins palliatifs Nice Est', ['ETSP'], '06088', '06000', { departements: [], communes: ['06088', '06083', '06149', '06065'] }),
  team(102, 'HAD Côte d’Azur', ['HAD'], '06088', '06200', { departements: ['06'], communes: [] }, {
    contacts: [
      { kind: 'accueil', label: 'Accueil', value: phone(102), schedule: weekdays('08:30', '18:00') },
      { kind: 'astreinte', label: 'Astreinte 24 h/24', value: phone(152), alwaysOn: true },
    ],
  }),
  // Bouches-du-Rhône: a network coordinating 7 territorial mobile teams
  team(130, 'Réseau de soins palliatifs des Bouches-du-Rhône', ['RESEAU'], '13055', '13005', { departements: ['13'], communes: [] }),
  ...['Marseille Nord', 'Marseille Sud', 'Aix-en-Provence', 'Arles', 'Aubagne', 'Martigues', 'Salon-de-Provence'].map((zone, i) =>
    team(131 + i, `Équipe mobile territoriale ${zone}`, ['ETSP'], ['13055', '13055', '13001', '13004', '13005', '13056', '13103'][i], ['13013', '13009', '13100', '13200', '13400', '13500', '13300'][i], {
      departements: [],
      communes: [['13055'], ['13055'], ['13001'], ['13004'], ['13005'], ['13056'], ['13103']][i],
    }),
  ),
  // Hérault: a DAC, a USP, an EMSP
  team(340, 'DAC Hérault', ['DAC'], '34172', '34000', { departements: ['34'], communes: [] }),
  team(341, 'Unité de soins palliatifs Montpellier', ['USP'], '34172', '34090', { departements: ['34'], communes: [] }, { capacityBeds: 12, accessDelayDays: 5 }),
  { ...team(342, 'Équipe mobile de soins palliatifs Montpellier', ['EMSP_EXTRA', 'EMSP_INTRA'], '34172', '34090', { departements: ['34'], communes: [] }), id: DEMO_IDS.structure },
  // Savoie: the Haute-Tarentaise network and an HAD
  team(730, 'Réseau de soins palliatifs de Haute-Tarentaise', ['RESEAU'], '73054', '73700', {
    departements: [],
    communes: ['73054', '73285', '73176', '73077', '73296'],
  }),
  team(731, 'HAD Savoie', ['HAD'], '73065', '73000', { departements: ['73'], communes: [] }),
  // Paris and its inner ring: an ERISP working day and night
  team(750, 'ERISP Paris et petite couronne', ['ERISP'], '75056', '75014', { departements: ['75', '92', '93', '94'], communes: [] }, {
    contacts: [{ kind: 'appui_territorial', label: 'Ligne ERISP jour et nuit', value: phone(750), alwaysOn: true }, { kind: 'email', value: 'erisp@example.org' }],
    openingHours: null,
  }),
];

/** Loads the demo directory once; marked as demo so every screen says it is fictional. */
export async function seedDemoStructures(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-annuaire'");
  if (done.length > 0) return false;
  const now = new Date();
  await handle.db.transaction(async (tx) => {
    for (const s of DEMO_STRUCTURES) {
      const { id, ...raw } = s;
      await insertStructure(tx, structureInputSchema.parse(raw), null, null, now, { id, isDemo: true, changeKind: 'démo' });
    }
    await tx.execute(
      sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-annuaire', '1', 'Structures fictives de démonstration')`,
    );
  });
  return true;
}

import { sql } from 'drizzle-orm';
import { eventInputSchema, parisToUtc, toParisWallTime, type EventInput } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { DEMO_IDS } from '../db/seed/demo';
import { insertEvent } from './author-event';

// Fictional demo events built on the actions a local palliative-care network lists in
// ../shared/seeds/002_df28210f2ac50e3c.txt ("Cafés mortels", mini-formations, escape game on
// advance directives, meetings with the public) and on the survey of
// ../shared/seeds/004_0e6e5cbee401f38a.txt (webinars preferred, in-person sessions in the evening,
// monthly inter-professional exchange groups). Organisers, places and contacts are fictional.

const SOURCE_002 = 'Idée tirée du document source 002 (Journées nationales des CPTS 2025 : actions d’un réseau local). Événement fictif de démonstration.';
const SOURCE_004 = 'Format recommandé par le document source 004 (enquête régionale auprès des libéraux : webinaires, groupes d’échanges mensuels en visio, créneaux du soir). Événement fictif de démonstration.';

const ORGANISER = { organiserName: 'CPTS des Vallées (démo)', organiserEmail: 'cpts-vallees@example.org', organiserPhone: '01 99 00 12 34' };

/** A Paris evening some days after `from`: the seeds say professionals prefer evenings. */
function evening(from: Date, days: number, hour: number, minute = 0): string {
  const w = toParisWallTime(new Date(from.getTime() + days * 86_400_000));
  return parisToUtc({ year: w.year, month: w.month, day: w.day, hour, minute }).toISOString();
}

function demoEvents(now: Date): EventInput[] {
  const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
  const cafe = evening(now, 9, 19, 30);
  const mini = evening(now, 16, 20);
  const escape = evening(now, 23, 18, 30);
  const webinar = evening(now, 12, 20, 30);
  const firstOfNextMonth = toParisWallTime(new Date(now.getTime() + 7 * 86_400_000));
  const list: Record<string, unknown>[] = [
    {
      kind: 'workshop',
      title: 'Café mortel : parler de la mort autour d’un café (démo)',
      description:
        'Un temps d’échange libre et convivial entre professionnels et habitants pour parler de la fin de vie, sans tabou. Pas d’exposé : on s’assoit, on échange.\n\nCafé offert. Places limitées pour garder un petit groupe.',
      audience: [],
      ...ORGANISER,
      departement: '73',
      communeCode: '73006',
      address: 'Maison de santé (démo), 1 place fictive',
      seatCap: 12,
      status: 'published',
      source: SOURCE_002,
      startsAt: cafe,
      endsAt: plus(cafe, 90),
    },
    {
      kind: 'workshop',
      title: 'Mini-formation : la sédation au domicile (démo)',
      description:
        'Une heure et demie en petit groupe, animée par l’équipe mobile et le DAC du territoire (fictifs) : repères, cas pratiques, questions des libéraux. Thème tiré du plan de formation présenté dans le document source 002.',
      audience: ['medecin_generaliste', 'infirmier', 'pharmacien'],
      ...ORGANISER,
      departement: '73',
      communeCode: '73011',
      address: 'Salle de réunion de la CPTS (démo), 10 rue fictive',
      seatCap: 20,
      status: 'published',
      source: SOURCE_002,
      startsAt: mini,
      endsAt: plus(mini, 90),
    },
    {
      kind: 'workshop',
      title: 'Escape game sur les directives anticipées (démo)',
      description:
        'Par équipes de quatre, une heure pour résoudre des énigmes autour des directives anticipées et de la personne de confiance, puis un temps de débriefing. Ouvert aux professionnels, aux bénévoles et aux habitants.',
      audience: [],
      ...ORGANISER,
      departement: '73',
      communeCode: '73065',
      address: 'Tiers-lieu associatif (démo), 5 avenue fictive',
      seatCap: 16,
      status: 'published',
      source: SOURCE_002,
      startsAt: escape,
      endsAt: plus(escape, 120),
    },
    {
      kind: 'exchange_group',
      title: 'Groupe d’échange inter-professionnel mensuel (démo)',
      description:
        'Chaque mois, une heure en visio pour parler des situations difficiles, rompre l’isolement et partager les ressources du territoire. Inscription à chaque séance : venez quand vous pouvez.',
      audience: [],
      organiserName: 'DAC Savoie (démo)',
      organiserEmail: 'dac-savoie@example.org',
      organiserPhone: '01 99 00 56 78',
      departement: '73',
      videoUrl: 'https://visio.example.org/groupe-echange-demo',
      seatCap: 15,
      status: 'published',
      source: SOURCE_004,
      recurrence: {
        freq: 'monthly',
        interval: 1,
        weekday: 2,
        setPos: 2,
        time: '20:00',
        durationMinutes: 60,
        startDate: `${firstOfNextMonth.year}-${String(firstOfNextMonth.month).padStart(2, '0')}-${String(firstOfNextMonth.day).padStart(2, '0')}`,
        count: 6,
      },
    },
    {
      kind: 'webinar',
      title: 'Webinaire : directives anticipées, en parler avec son patient (démo)',
      description: 'Soixante minutes en visio, un cas clinique et les questions des participants. Le lien de connexion s’affiche une fois inscrit(e).',
      audience: [],
      organiserName: 'Équipe mobile de soins palliatifs (démo)',
      organiserEmail: 'emsp-demo@example.org',
      organiserPhone: '01 99 00 90 12',
      departement: '73',
      videoUrl: 'https://visio.example.org/webinaire-da-demo',
      seatCap: null,
      courseId: DEMO_IDS.course,
      status: 'published',
      source: SOURCE_004,
      startsAt: webinar,
      endsAt: plus(webinar, 60),
    },
  ];
  return list.map((e) => eventInputSchema.parse(e));
}

/** Loads the demo events once, dated in the weeks after loading so that registration is open. */
export async function seedDemoEvents(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-evenements'");
  if (done.length > 0) return false;
  const now = new Date();
  const hasCourse = (await handle.query('SELECT 1 FROM course WHERE id = $1', [DEMO_IDS.course])).length > 0;
  await handle.db.transaction(async (tx) => {
    for (const e of demoEvents(now)) await insertEvent(tx, hasCourse ? e : { ...e, courseId: null }, { createdBy: null, isDemo: true, now });
    await tx.execute(sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-evenements', '1', 'Événements fictifs de démonstration (documents sources 002 et 004)')`);
  });
  return true;
}

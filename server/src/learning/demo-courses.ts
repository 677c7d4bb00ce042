import { sql } from 'drizzle-orm';
import { courseInputSchema, sessionInputSchema, type CourseInput, type TeacherInput } from '@palliance/core';
import type { DbHandle } from '../db/client';
import { DEMO_IDS } from '../db/seed/demo';
import { insertCourse, insertLesson, insertModule, insertSession, insertTeacher } from './author-course';
import { seedDemoQuizzes } from './quiz/demo-quizzes';

// Fictional demo content built on the source documents: the palliative-care MOOC of
// ../shared/seeds/000_3b322474cea294c0.txt (2025 session: 6 modules) and the 6-week SPOC of
// ../shared/seeds/001_858c72e927580846.txt. Teachers are fictional and say "(démo)".

export const DEMO_SPOC_CODE = 'SPOC-DEMO-2026';
export const DEMO_SPOC_ID = '00000000-0000-4000-8000-00000000c002';

const MOOC: CourseInput = courseInputSchema.parse({
  slug: 'mooc-soins-palliatifs',
  title: 'MOOC soins palliatifs (démo)',
  kind: 'mooc',
  summary: 'Les thèmes de la prise en charge des patients en soins palliatifs : douleur, accompagnement relationnel, nutrition, sédation…',
  description: [
    'Cours de démonstration, fictif, construit d’après le document source 000 (présentation du MOOC soins palliatifs, sessions 2022 et 2025).',
    'Pour tous les professionnels de santé, diplômés ou étudiants. Des séquences filmées et des quiz d’auto-évaluation, une équipe pluriprofessionnelle d’enseignants.',
    'Temps estimé : une heure par semaine. Inscription gratuite mais obligatoire. Un module s’ouvre chaque semaine.',
  ].join('\n\n'),
  estimatedHoursPerWeek: 1,
  status: 'published',
});

// Session 2025 of seed 000: 6 modules and their lessons, by title.
const MOOC_MODULES: [string, string[]][] = [
  ['Les soins palliatifs', ['Soins palliatifs : droit des patients – sédation', 'Vidéo législation', 'Vidéo ressources territoriales dans les Alpes-Maritimes']],
  ['La douleur', ['La douleur en soins palliatifs', 'Les opioïdes forts en pratique']],
  ['Autres symptômes', ['Nutrition et hydratation en fin de vie', 'Prise en charge des symptômes en soins palliatifs', 'Moment du mourir']],
  ['Le prendre soin', ['Prise en charge des soins de bouche', 'Prise en charge des plaies en unité de soins palliatifs']],
  ['L’accompagnement', ['L’accompagnement social au domicile dans un contexte de soins palliatifs', 'Soins palliatifs : l’accompagnement relationnel', 'Motion design']],
  ['Cas cliniques', ['Cas cliniques']],
];

const SPOC: CourseInput = courseInputSchema.parse({
  slug: 'spoc-parcours-soins-cancers',
  title: 'SPOC Parcours de soins des patients atteints de cancers (démo)',
  kind: 'spoc',
  summary: 'Six semaines sur les fondamentaux du parcours de soins des patients atteints de cancers, avec des experts et en groupes pluridisciplinaires.',
  description: [
    'Cours de démonstration, fictif, construit d’après le document source 001 (annonce de la 2e édition du SPOC « Parcours de soins des patients atteints de cancers »).',
    'Un SPOC (Small Private Online Course) est une formation en ligne séquencée dans le temps destinée à un public ciblé. Chaque semaine : des vidéos, un quiz récapitulatif et des publications pour approfondir. Une évaluation finale donne une attestation de réussite.',
    `Accès restreint. Pour la démonstration, le code d’invitation est ${DEMO_SPOC_CODE}.`,
  ].join('\n\n'),
  dpcReference: 'DEMO-DPC-0001',
  estimatedHoursPerWeek: 2,
  spocAccess: { invitationCode: DEMO_SPOC_CODE },
  status: 'published',
});

const SPOC_WEEKS = [
  'Le programme personnalisé de soins et le parcours de soins',
  'La chirurgie des cancers',
  'Les radiations ionisantes',
  'Les traitements médicamenteux anti-cancer',
  'Les essais cliniques',
  'Les soins oncologiques de support',
];
const SPOC_LESSONS = ['Vidéos de la semaine', 'Quiz récapitulatif', 'Publications pour approfondir'];

const TEAM: TeacherInput[] = [
  { displayName: 'Théo Enseignant (démo)', profession: 'Médecin douleur – soins palliatifs', structure: 'Centre de lutte contre le cancer (démo)' },
  { displayName: 'Claire Infirmière (démo)', profession: 'Infirmière', structure: 'Équipe mobile de soins palliatifs (démo)' },
  { displayName: 'Paul Assistant social (démo)', profession: 'Assistant de service social', structure: 'DAC (démo)' },
];

const DAY = 86_400_000;

/** Loads the demo courses once, with sessions placed around the day of loading so that registration is open. */
export async function seedDemoCourses(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-cours'");
  if (done.length > 0) return false;
  const now = new Date();
  // The last 07:00 UTC (08:00 in Paris in winter) so that dates read as whole days and the
  // running session's second module is already open whatever the hour of loading.
  const sevenToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7);
  const today = sevenToday <= now.getTime() ? sevenToday : sevenToday - DAY;
  const at = (days: number) => new Date(today + days * DAY).toISOString();
  const teacher = await handle.query<{ id: string }>("SELECT id FROM app_user WHERE email = 'enseignant@example.org'");
  await handle.db.transaction(async (tx) => {
    const mooc = await insertCourse(tx, MOOC, null, null, now, { id: DEMO_IDS.course, isDemo: true });
    for (const [i, t] of TEAM.entries()) await insertTeacher(tx, mooc, { ...t, userId: i === 0 ? (teacher[0]?.id ?? null) : null }, null, null);
    for (const [title, lessons] of MOOC_MODULES) {
      const m = await insertModule(tx, mooc, title, null, null);
      for (const l of lessons) await insertLesson(tx, mooc, m, { title: l, summary: '' }, null, null);
    }
    // The 2025 session as the source gives it (registration from 24 February, course from 22 April to 15 June).
    const past = sessionInputSchema.parse({
      title: 'Session 2025',
      registrationOpensAt: '2025-02-24T08:00:00+01:00',
      registrationClosesAt: '2025-06-01T00:00:00+02:00',
      startsAt: '2025-04-22T08:00:00+02:00',
      endsAt: '2025-06-15T23:00:00+02:00',
    });
    await insertSession(tx, mooc, past, null, null, now);
    // The running session: started a week ago (modules 1 and 2 open), registration open for a month.
    await insertSession(
      tx,
      mooc,
      sessionInputSchema.parse({ title: 'Session en cours (démo)', registrationOpensAt: at(-30), registrationClosesAt: at(30), startsAt: at(-7), endsAt: at(49) }),
      null,
      null,
      now,
    );
    await seedDemoQuizzes(tx, mooc, now);

    const spoc = await insertCourse(tx, SPOC, null, null, now, { id: DEMO_SPOC_ID, isDemo: true });
    await insertTeacher(tx, spoc, TEAM[0], null, null);
    await insertTeacher(tx, spoc, { displayName: 'Sophie Oncologue (démo)', profession: 'Oncologue médicale', structure: 'Centre hospitalier (démo)' }, null, null);
    for (const [i, theme] of SPOC_WEEKS.entries()) {
      const m = await insertModule(tx, spoc, `Semaine ${i + 1} : ${theme}`, null, null);
      for (const l of SPOC_LESSONS) await insertLesson(tx, spoc, m, { title: l, summary: '' }, null, null);
    }
    await insertSession(
      tx,
      spoc,
      sessionInputSchema.parse({ title: 'Édition de démonstration', registrationOpensAt: at(-14), registrationClosesAt: at(35), startsAt: at(14), endsAt: at(14 + 42), seatCap: 30 }),
      null,
      null,
      now,
    );
    await tx.execute(sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-cours', '1', 'Cours fictifs de démonstration (documents sources 000 et 001)')`);
  });
  return true;
}

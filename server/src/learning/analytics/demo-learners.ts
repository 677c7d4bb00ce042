import { sql } from 'drizzle-orm';
import { scoreQuestion, quizPercent, type QuestionSpec, type QuizResponse } from '@palliance/core';
import { hashPassword } from '../../accounts/secrets';
import type { Db, DbHandle } from '../../db/client';
import { DEMO_IDS, DEMO_PASSWORD } from '../../db/seed/demo';

// Fictional learners of the demo MOOC's 2025 session so that the teacher dashboard is not empty.
// The proportions follow what seed 000 reports for that session (note moyenne 4,6/5, 87 % ont suivi
// la totalité des cours, 84 % « utile », 79 % recommanderaient; douleur, droits des patients et
// sédation, accompagnement relationnel parmi les sujets les plus vus). People are invented:
// « (démo) » in their names, addresses *.demo@example.org. Everything is written with a handful of
// set-based INSERTs in one transaction, so the first start stays fast.

export const DEMO_ANALYTICS_LEARNER_COUNT = 120;
const COMPLETERS = 104; // 104 / 120 = 86.7 %, « 87 % »
const RATINGS = [...Array(68).fill(5), ...Array(26).fill(4), ...Array(4).fill(3), ...Array(2).fill(2)] as number[]; // 100 answers, mean 4.60
const USEFUL_YES = 84; // of 100
const RECOMMEND_YES = 79; // of 100

const FIRST_NAMES = ['Camille', 'Dominique', 'Claude', 'Alix', 'Sacha', 'Morgan', 'Charlie', 'Lou', 'Andréa', 'Maxime', 'Noa', 'Eden'];
const PROFESSIONS: [string, number][] = [
  ['infirmier', 38],
  ['medecin_generaliste', 16],
  ['aide_soignant', 12],
  ['pharmacien', 9],
  ['masseur_kinesitherapeute', 8],
  ['psychologue', 7],
  ['medecin_specialiste', 7],
  ['interne_etudiant', 6],
  ['assistant_service_social', 4],
  ['ergotherapeute', 3],
  ['benevole', 3],
  ['orthophoniste', 2],
  ['autre', 5],
];
// The course is run from the Alpes-Maritimes (seed 000): most learners nearby, others across France and overseas.
const DEPARTEMENTS: [string, number][] = [
  ['06', 40],
  ['13', 12],
  ['83', 10],
  ['04', 4],
  ['05', 3],
  ['84', 4],
  ['69', 6],
  ['73', 4],
  ['75', 8],
  ['34', 6],
  ['33', 5],
  ['31', 4],
  ['59', 4],
  ['35', 3],
  ['2A', 2],
  ['971', 2],
  ['974', 3],
];
const COMMENTS = [
  'Très complet, les vidéos sur la douleur m’ont beaucoup servi à domicile.',
  'Quelques difficultés pour me connecter à la plateforme la première semaine.',
  'Le module sur l’accompagnement relationnel est celui que je recommanderais à mes collègues.',
  'Un peu dense certaines semaines, mais le rythme d’un module par semaine convient.',
  'Utile pour connaître les ressources du territoire.',
  'J’aurais aimé plus de cas cliniques.',
  'Les sous-titres des vidéos sont appréciables en consultation.',
  'Bonne articulation entre les vidéos et les quiz.',
  'Difficultés logistiques pour suivre les vidéos au cabinet (connexion).',
  'Merci à l’équipe pédagogique pluriprofessionnelle.',
  'Le forum a permis d’échanger avec des kinés et des pharmaciens.',
  'Je suivrai la prochaine session pour revoir la sédation.',
];

/** A small deterministic generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = (r: () => number, weighted: [string, number][]) => {
  const total = weighted.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
function shuffle<T>(r: () => number, a: T[]): T[] {
  const out = [...a];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Arrays go to the driver as one PostgreSQL array parameter (a bare array would be spread as a list).
const A = (v: unknown[]) => sql.param(v);

const rows = async <T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/** A right answer (or, one time in five, a wrong one) to the kinds the demo self-assessment uses. */
function respond(r: () => number, spec: QuestionSpec): QuizResponse | null {
  const right = r() < 0.8;
  switch (spec.kind) {
    case 'single':
      return { kind: 'single', choiceId: right ? spec.correct : (spec.choices.find((c) => c.id !== spec.correct)?.id ?? spec.correct) };
    case 'true_false':
      return { kind: 'true_false', value: right ? spec.correct : !spec.correct };
    case 'numeric':
      return { kind: 'numeric', value: right ? spec.value : spec.value + 10 };
    case 'multiple':
      return { kind: 'multiple', choiceIds: right ? spec.correct : spec.correct.slice(0, 1) };
    default:
      return null;
  }
}

/** Loads the fictional learners of the demo MOOC once (skipped when already there). */
export async function seedDemoLearners(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-apprenants-analytique'");
  if (done.length > 0) return false;
  const [session] = await handle.query<{ id: string; starts_at: Date | string }>(
    "SELECT id, starts_at FROM course_session WHERE course_id = $1 AND title = 'Session 2025'",
    [DEMO_IDS.course],
  );
  if (!session) return false;
  // The demo accounts' shared hash, computed once, not once per learner.
  const [existing] = await handle.query<{ password_hash: string }>("SELECT password_hash FROM app_user WHERE email = 'apprenante@example.org' AND password_hash IS NOT NULL");
  const passwordHash = existing?.password_hash ?? (await hashPassword(DEMO_PASSWORD));
  const r = random(2025);

  const people = Array.from({ length: DEMO_ANALYTICS_LEARNER_COUNT }, (_, i) => {
    const nnn = String(i + 1).padStart(3, '0');
    return {
      email: `apprenant-${nnn}.demo@example.org`,
      firstName: FIRST_NAMES[i % FIRST_NAMES.length],
      lastName: `Apprenant·e ${nnn} (démo)`,
      profession: pick(r, PROFESSIONS),
      departement: pick(r, DEPARTEMENTS),
      // Registrations from the opening (24 February 2025) to the close (1 June), more at the start.
      enrolledAt: new Date(Date.parse('2025-02-24T08:00:00+01:00') + Math.floor(r() ** 2 * 96 * 86_400_000)).toISOString(),
    };
  });

  await handle.db.transaction(async (tx) => {
    const users = await rows<{ id: string; email: string }>(
      tx,
      sql`INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement, created_at)
        SELECT e, now(), ${passwordHash}, f, l, p, 'liberal', d, t::timestamptz
        FROM unnest(${A(people.map((p) => p.email))}::text[], ${A(people.map((p) => p.firstName))}::text[], ${A(people.map((p) => p.lastName))}::text[],
                    ${A(people.map((p) => p.profession))}::text[], ${A(people.map((p) => p.departement))}::text[], ${A(people.map((p) => p.enrolledAt))}::text[]) AS x(e, f, l, p, d, t)
        ON CONFLICT DO NOTHING RETURNING id, email`,
    );
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const learners = people.filter((p) => idOf.has(p.email)).map((p) => ({ ...p, id: idOf.get(p.email)! }));
    if (learners.length === 0) return;
    await tx.execute(sql`INSERT INTO enrolment (session_id, user_id, status, created_at, updated_at)
      SELECT ${session.id}, u::uuid, 'enrolled', t::timestamptz, t::timestamptz
      FROM unnest(${A(learners.map((l) => l.id))}::text[], ${A(learners.map((l) => l.enrolledAt))}::text[]) AS x(u, t) ON CONFLICT DO NOTHING`);

    // Lessons, in course order; completers open all of them and watch the video through.
    const lessons = await rows<{ id: string; title: string }>(
      tx,
      sql`SELECT l.id, l.title FROM lesson l JOIN course_module m ON m.id = l.module_id WHERE m.course_id = ${DEMO_IDS.course} ORDER BY m.position, l.position`,
    );
    const videos = await rows<{ block_id: string; lesson_id: string; duration: number }>(
      tx,
      sql`SELECT b.id AS block_id, b.lesson_id, mf.duration_seconds AS duration FROM lesson_block b JOIN media_file mf ON mf.id = b.media_id
        JOIN lesson l ON l.id = b.lesson_id JOIN course_module m ON m.id = l.module_id WHERE m.course_id = ${DEMO_IDS.course} AND b.kind = 'video'`,
    );
    const order = shuffle(r, learners);
    const completers = order.slice(0, COMPLETERS);
    const others = order.slice(COMPLETERS);
    // Topics most viewed by those who did not finish: the pain, rights and sedation, and accompaniment lessons.
    const favoured = (title: string) => /douleur|opio|droit|sédation|accompagnement/i.test(title);
    const visits: { u: string; l: string; at: string }[] = [];
    const progress: { u: string; b: string; l: string; pos: number; dur: number; watched: string; at: string }[] = [];
    const startsAt = new Date(session.starts_at).getTime();
    const when = (k: number) => new Date(startsAt + k * 3 * 86_400_000 + Math.floor(r() * 86_400_000)).toISOString();
    for (const l of completers) lessons.forEach((ls, k) => visits.push({ u: l.id, l: ls.id, at: when(k) }));
    for (const l of others) lessons.forEach((ls, k) => (r() < (favoured(ls.title) ? 0.75 : 0.35) ? visits.push({ u: l.id, l: ls.id, at: when(k) }) : undefined));
    const seen = new Set(visits.map((v) => `${v.u}|${v.l}`));
    for (const v of videos) {
      for (const l of learners) {
        if (!seen.has(`${l.id}|${v.lesson_id}`)) continue;
        const done = completers.includes(l) ? v.duration : Math.floor(v.duration * (0.2 + r() * 0.5));
        progress.push({ u: l.id, b: v.block_id, l: v.lesson_id, pos: done, dur: v.duration, watched: JSON.stringify([[0, done]]), at: when(0) });
      }
    }
    if (visits.length)
      await tx.execute(sql`INSERT INTO lesson_visit (user_id, lesson_id, course_id, first_seen_at, last_seen_at)
        SELECT u::uuid, l::uuid, ${DEMO_IDS.course}, t::timestamptz, t::timestamptz
        FROM unnest(${A(visits.map((v) => v.u))}::text[], ${A(visits.map((v) => v.l))}::text[], ${A(visits.map((v) => v.at))}::text[]) AS x(u, l, t) ON CONFLICT DO NOTHING`);
    if (progress.length)
      await tx.execute(sql`INSERT INTO video_progress (user_id, block_id, lesson_id, course_id, position_seconds, duration_seconds, watched, reported_at, updated_at)
        SELECT u::uuid, b::uuid, l::uuid, ${DEMO_IDS.course}, p, d, w::jsonb, t::timestamptz, t::timestamptz
        FROM unnest(${A(progress.map((p) => p.u))}::text[], ${A(progress.map((p) => p.b))}::text[], ${A(progress.map((p) => p.l))}::text[],
                    ${A(progress.map((p) => p.pos))}::float8[], ${A(progress.map((p) => p.dur))}::float8[], ${A(progress.map((p) => p.watched))}::text[], ${A(progress.map((p) => p.at))}::text[]) AS x(u, b, l, p, d, w, t)
        ON CONFLICT DO NOTHING`);

    // The end-of-course survey: 100 of the completers answered, with the counts seed 000 reports.
    const respondents = shuffle(r, completers).slice(0, RATINGS.length);
    const ratings = shuffle(r, RATINGS);
    const usefulFlags = shuffle(r, respondents.map((_, i) => i < USEFUL_YES));
    const recommendFlags = shuffle(r, respondents.map((_, i) => i < RECOMMEND_YES));
    const endsAt = '2025-06-15T20:00:00Z';
    await tx.execute(sql`INSERT INTO course_satisfaction (session_id, user_id, rating, useful, would_recommend, comment, created_at)
      SELECT ${session.id}, u::uuid, rt, us, rc, c, ${endsAt}::timestamptz - (i * interval '37 minutes')
      FROM unnest(${A(respondents.map((l) => l.id))}::text[], ${A(ratings)}::int[], ${A(usefulFlags)}::bool[], ${A(recommendFlags)}::bool[],
                  ${A(respondents.map((_, i) => (i < COMMENTS.length ? COMMENTS[i] : '')))}::text[]) WITH ORDINALITY AS x(u, rt, us, rc, c, i)
      ON CONFLICT DO NOTHING`);

    // Some self-assessment attempts on the demo MOOC's « le MOOC en chiffres » quiz.
    const [qz] = await rows<{ id: string; selection: { mode: string; questionIds?: string[] } }>(
      tx,
      sql`SELECT id, selection FROM quiz WHERE course_id = ${DEMO_IDS.course} AND kind = 'self_assessment' AND selection->>'mode' = 'fixed' ORDER BY created_at LIMIT 1`,
    );
    const qids = qz?.selection.questionIds ?? [];
    if (qz && qids.length) {
      const bank = await rows<{ id: string; prompt: string; explanation: string; spec: QuestionSpec }>(
        tx,
        sql`SELECT id, prompt, explanation, spec FROM quiz_question WHERE id IN (${sql.join(qids.map((id) => sql`${id}::uuid`), sql`, `)})`,
      );
      const questions = qids.map((id) => bank.find((b) => b.id === id)!).filter(Boolean).map((b) => ({ id: b.id, prompt: b.prompt, explanation: b.explanation, spec: b.spec }));
      const takers = shuffle(r, learners).slice(0, 90);
      const attempts: { id: string; u: string; score: number; at: string }[] = [];
      const answers: { a: string; q: string; resp: string; pts: number; ok: boolean }[] = [];
      for (const l of takers) {
        const id = crypto.randomUUID();
        const points: number[] = [];
        for (const q of questions) {
          const resp = respond(r, q.spec);
          const s = scoreQuestion(q.spec, resp);
          points.push(s.points);
          if (resp) answers.push({ a: id, q: q.id, resp: JSON.stringify(resp), pts: s.points, ok: s.correct });
        }
        attempts.push({ id, u: l.id, score: quizPercent(points, questions.length), at: when(1) });
      }
      await tx.execute(sql`INSERT INTO quiz_attempt (id, quiz_id, user_id, session_id, number, questions, started_at, submitted_at, score_percent, passed)
        SELECT id::uuid, ${qz.id}, u::uuid, ${session.id}, 1, ${JSON.stringify(questions)}::jsonb, t::timestamptz, t::timestamptz + interval '4 minutes', s, true
        FROM unnest(${A(attempts.map((a) => a.id))}::text[], ${A(attempts.map((a) => a.u))}::text[], ${A(attempts.map((a) => a.at))}::text[], ${A(attempts.map((a) => a.score))}::float8[]) AS x(id, u, t, s)`);
      if (answers.length)
        await tx.execute(sql`INSERT INTO quiz_answer (attempt_id, question_id, response, points, correct)
          SELECT a::uuid, q::uuid, resp::jsonb, p, ok
          FROM unnest(${A(answers.map((x) => x.a))}::text[], ${A(answers.map((x) => x.q))}::text[], ${A(answers.map((x) => x.resp))}::text[], ${A(answers.map((x) => x.pts))}::float8[], ${A(answers.map((x) => x.ok))}::bool[]) AS x(a, q, resp, p, ok)`);
    }
    await tx.execute(sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-apprenants-analytique', '1', 'Apprenants fictifs du MOOC de démonstration, proportions du document source 000')`);
  });
  return true;
}

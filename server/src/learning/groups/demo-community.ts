import { sql } from 'drizzle-orm';
import { hashPassword } from '../../accounts/secrets';
import type { Db, DbHandle } from '../../db/client';
import { DEMO_IDS, DEMO_PASSWORD } from '../../db/seed/demo';
import { forumFollow, forumLike, forumPost, forumThread } from '../../db/schema';
import { renderMarkdown } from '../forum/render-markdown';
import { DEMO_SPOC_ID } from '../demo-courses';
import { insertGroup } from './manage-groups';
import { mixProfessions } from './mix-professions';

// Fictional community for the demo courses. The people are invented (example.org addresses,
// « (démo) » in their names). The forum exists because the sources describe one: seed 001 (SPOC
// « Parcours de soins des patients atteints de cancers ») counts « publications, commentaires et
// mentions J'aime », says learner-animators enrich the forum and that learners work « en groupes
// pluridisciplinaires au travers d'exercices collaboratifs ». The messages ask questions and share
// organisation, they give no medical instruction.

export const DEMO_COMMUNITY_LEARNERS = [
  { email: 'kine.demo@example.org', firstName: 'Karim', lastName: 'Kiné (démo)', profession: 'masseur_kinesitherapeute' },
  { email: 'pharmacienne.demo@example.org', firstName: 'Pauline', lastName: 'Pharmacienne (démo)', profession: 'pharmacien' },
  { email: 'generaliste.demo@example.org', firstName: 'Gilles', lastName: 'Généraliste (démo)', profession: 'medecin_generaliste' },
  { email: 'psychologue.demo@example.org', firstName: 'Sonia', lastName: 'Psychologue (démo)', profession: 'psychologue' },
  { email: 'aide-soignant.demo@example.org', firstName: 'Adrien', lastName: 'Aide-soignant (démo)', profession: 'aide_soignant' },
];

const SOURCE_NOTE = '\n\n*Message fictif de démonstration.*';

async function userId(tx: Db, email: string): Promise<string | null> {
  const r = (await tx.execute(sql`SELECT id FROM app_user WHERE email = ${email}`)) as unknown as { rows: { id: string }[] };
  return r.rows[0]?.id ?? null;
}

async function currentSession(tx: Db, courseId: string): Promise<string | null> {
  const r = (await tx.execute(sql`SELECT id FROM course_session WHERE course_id = ${courseId} ORDER BY ends_at DESC LIMIT 1`)) as unknown as { rows: { id: string }[] };
  return r.rows[0]?.id ?? null;
}

async function enrol(tx: Db, sessionId: string, user: string) {
  await tx.execute(sql`INSERT INTO enrolment (session_id, user_id, status) VALUES (${sessionId}, ${user}, 'enrolled') ON CONFLICT DO NOTHING`);
}

async function thread(tx: Db, courseId: string, moduleId: string | null, authorId: string, title: string, body: string, at: Date, replies: [string, string][], likers: string[], pinned = false) {
  const [t] = await tx.insert(forumThread).values({ courseId, moduleId, authorId, title, pinned, createdAt: at, lastActivityAt: at }).returning({ id: forumThread.id });
  const src = body + SOURCE_NOTE;
  const [p] = await tx.insert(forumPost).values({ threadId: t.id, authorId, isOpening: true, bodySource: src, bodyHtml: renderMarkdown(src), createdAt: at }).returning({ id: forumPost.id });
  await tx.insert(forumFollow).values({ threadId: t.id, userId: authorId }).onConflictDoNothing();
  let when = at.getTime();
  for (const [who, text] of replies) {
    when += 3 * 3_600_000;
    const s = text + SOURCE_NOTE;
    await tx.insert(forumPost).values({ threadId: t.id, authorId: who, bodySource: s, bodyHtml: renderMarkdown(s), createdAt: new Date(when) });
  }
  for (const u of likers) await tx.insert(forumLike).values({ postId: p.id, userId: u }).onConflictDoNothing();
  await tx.update(forumThread).set({ lastActivityAt: new Date(when) }).where(sql`id = ${t.id}`);
}

/** Loads the demo forum threads (MOOC) and the demo group exercise (SPOC) once. */
export async function seedDemoCommunity(handle: DbHandle): Promise<boolean> {
  const done = await handle.query("SELECT 1 FROM reference_dataset WHERE name = 'demo-communaute'");
  if (done.length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await handle.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const l of DEMO_COMMUNITY_LEARNERS) {
      await tx.execute(sql`INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, profession, practice_mode, departement)
        VALUES (${l.email}, now(), ${passwordHash}, ${l.firstName}, ${l.lastName}, ${l.profession}, 'liberal', '06') ON CONFLICT DO NOTHING`);
      ids.push((await userId(tx, l.email))!);
    }
    const ines = await userId(tx, 'apprenante@example.org');
    const anna = await userId(tx, 'animatrice@example.org');
    const theo = await userId(tx, 'enseignant@example.org');
    const learners = ines ? [ines, ...ids] : ids;
    const moocSession = await currentSession(tx, DEMO_IDS.course);
    const spocSession = await currentSession(tx, DEMO_SPOC_ID);
    if (!moocSession || !spocSession || !theo) return;
    for (const u of learners) {
      await enrol(tx, moocSession, u);
      await enrol(tx, spocSession, u);
    }
    const [karim, pauline, gilles, sonia] = ids;
    const mods = (await tx.execute(sql`SELECT id, position FROM course_module WHERE course_id = ${DEMO_IDS.course} ORDER BY position`)) as unknown as { rows: { id: string }[] };
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * 86_400_000);

    await thread(
      tx,
      DEMO_IDS.course,
      null,
      anna ?? theo,
      'Présentez-vous !',
      'Bienvenue dans le forum du MOOC. Dites-nous **votre métier**, votre territoire et ce que vous attendez de la formation.',
      ago(6),
      [
        [karim, 'Kinésithérapeute libéral, je suis de plus en plus souvent appelé à domicile pour des patients en soins palliatifs.'],
        [pauline, 'Pharmacienne d’officine : je voudrais mieux connaître les ressources du territoire pour orienter les familles.'],
        [gilles, 'Médecin généraliste. Merci @Pauline Pharmacienne (démo), la question des ressources m’intéresse aussi.'],
      ],
      [karim, pauline, gilles, sonia],
      true,
    );
    if (mods.rows[0]) {
      await thread(
        tx,
        DEMO_IDS.course,
        mods.rows[0].id,
        sonia,
        'Droits des patients : comment en parler avec les proches ?',
        'Après la séquence sur les droits des patients, je me demande comment vous abordez ces questions avec les proches à domicile. Des retours d’expérience ?',
        ago(4),
        [[karim, 'Je laisse en général le médecin traitant aborder le sujet, mais je note ce que la famille me confie pour le lui transmettre.']],
        [gilles],
      );
    }
    if (mods.rows[1]) {
      await thread(tx, DEMO_IDS.course, mods.rows[1].id, gilles, 'Évaluer la douleur à domicile : quels outils utilisez-vous ?', 'Quels outils d’évaluation utilisez-vous en visite, et comment partagez-vous le résultat avec l’infirmière ?', ago(1), [], [karim]);
    }

    // The SPOC's collaborative exercise: the demo learners mixed by profession into two groups.
    const rows = (await tx.execute(sql`SELECT id, profession FROM app_user WHERE id IN (${sql.join(learners.map((u) => sql`${u}::uuid`), sql`, `)})`)) as unknown as {
      rows: { id: string; profession: string }[];
    };
    const assignment = [
      'Exercice collaboratif (démonstration, cas fictif) : en groupe pluridisciplinaire, décrivez le parcours de soins de M. R., 67 ans, de l’annonce du diagnostic aux soins de support à domicile.',
      'Qui intervient, à quel moment, et comment l’information circule-t-elle entre vous ? Déposez votre synthèse (texte ou fichier) avant la fin de la semaine 6.',
      'D’après le document source 001 : les apprenants travaillent « en groupes pluridisciplinaires au travers d’exercices collaboratifs ».',
    ].join('\n\n');
    for (const [i, members] of mixProfessions(rows.rows, 2).entries()) await insertGroup(tx, DEMO_SPOC_ID, `Groupe ${i + 1}`, assignment, members, theo, new Date());
    await tx.execute(sql`INSERT INTO reference_dataset (name, version, source) VALUES ('demo-communaute', '1', 'Forum et groupes fictifs de démonstration (documents sources 000 et 001)')`);
  });
  return true;
}

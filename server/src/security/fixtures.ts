import { randomUUID } from 'node:crypto';
import { DEMO_IDS, DEMO_PASSWORD } from '../db/seed/demo';
import { createUser, type TestPlatform } from '../test/harness';
import type { Fixtures } from './route-access';

/** The demo patient whose care circle holds none of the personas (see demo-patients.ts). */
export const STRANGER_PATIENT = '00000000-0000-4000-8000-0000000d0001';
/** The demo patient whose circle holds the demo structure (its member and manager are in it). */
export const STRUCTURE_PATIENT = '00000000-0000-4000-8000-0000000d0002';

const one = async (t: TestPlatform, text: string, params: unknown[] = []) => {
  const rows = await t.query<{ id: string }>(text, params);
  if (!rows[0]) throw new Error(`donnée de démonstration introuvable : ${text}`);
  return rows[0].id;
};

/**
 * Objects of the demo data for every path parameter of the app, plus what the demo data lacks
 * (an attempt, an attestation, a forum report, a group submission, a support request, a notification),
 * owned by demo accounts that are none of the personas: whoever reads them is checked as a stranger.
 */
export async function loadFixtures(t: TestPlatform, opts: { victim?: boolean } = {}): Promise<Fixtures> {
  const [structure] = await t.query<{ departement: string; commune_code: string }>('SELECT departement, commune_code FROM structure WHERE id = $1', [DEMO_IDS.structure]);
  const userId = (email: string) => one(t, 'SELECT id FROM app_user WHERE email = $1', [email]);
  const learnerOwner = await userId('apprenante@example.org');
  const gp = await userId('medecin-traitant@example.org');
  const moduleId = await one(t, 'SELECT id FROM course_module WHERE course_id = $1 ORDER BY position LIMIT 1', [DEMO_IDS.course]);
  const sessionId = await one(t, 'SELECT id FROM course_session WHERE course_id = $1 ORDER BY starts_at LIMIT 1', [DEMO_IDS.course]);
  const lessonId = await one(t, 'SELECT l.id FROM lesson l JOIN course_module m ON m.id = l.module_id WHERE m.course_id = $1 ORDER BY m.position, l.position LIMIT 1', [DEMO_IDS.course]);
  const blockId = await one(t, 'SELECT id FROM lesson_block WHERE lesson_id = $1 ORDER BY position LIMIT 1', [lessonId]);
  const mediaId = await one(t, 'SELECT id FROM media_file WHERE course_id = $1 LIMIT 1', [DEMO_IDS.course]);
  const quizId = await one(t, 'SELECT id FROM quiz WHERE course_id = $1 ORDER BY title LIMIT 1', [DEMO_IDS.course]);
  const questionId = await one(t, 'SELECT id FROM quiz_question WHERE course_id = $1 ORDER BY prompt LIMIT 1', [DEMO_IDS.course]);
  const attemptId = await one(t, "INSERT INTO quiz_attempt (quiz_id, user_id, number, questions) VALUES ($1, $2, 1, '[]') RETURNING id", [quizId, learnerOwner]);
  const attestationCode = `CTRL-${randomUUID().slice(0, 8).toUpperCase()}`;
  await t.query(
    `INSERT INTO attestation (code, user_id, course_id, learner_name, course_title, hours, session_starts_at, session_ends_at, score_percent)
     VALUES ($1, $2, $3, 'Inès Infirmière (démo)', 'MOOC (démo)', 10, now() - interval '60 days', now() - interval '1 day', 90)`,
    [attestationCode, learnerOwner, DEMO_IDS.course],
  );
  const threadId = await one(t, 'SELECT id FROM forum_thread WHERE course_id = $1 ORDER BY created_at LIMIT 1', [DEMO_IDS.course]);
  const postId = await one(t, 'SELECT id FROM forum_post WHERE thread_id = $1 ORDER BY created_at LIMIT 1', [threadId]);
  const forumReportId = await one(t, "INSERT INTO forum_report (post_id, reporter_id, reason) VALUES ($1, $2, 'Contrôle des accès') RETURNING id", [postId, learnerOwner]);
  const groupId = await one(t, 'SELECT id FROM learning_group ORDER BY name LIMIT 1');
  const groupAuthor = await one(t, 'SELECT user_id AS id FROM learning_group_member WHERE group_id = $1 LIMIT 1', [groupId]);
  const submissionId = await one(t, "INSERT INTO group_submission (group_id, version, author_id, body) VALUES ($1, 1, $2, 'Travail de contrôle') RETURNING id", [groupId, groupAuthor]);
  const eventId = await one(t, 'SELECT id FROM event ORDER BY title LIMIT 1');
  const occurrenceId = await one(t, 'SELECT id FROM event_occurrence WHERE event_id = $1 ORDER BY starts_at LIMIT 1', [eventId]);
  const kitDocumentId = await one(t, 'SELECT id FROM kit_document ORDER BY slug LIMIT 1');
  const scales = (await t.client().get('/api/v1/scales')).body as { id: string }[];
  const [survey] = await t.query<{ id: string; public_token: string; questionnaire: { item?: { linkId: string; item?: { linkId: string }[] }[] } }>(
    'SELECT id, public_token, questionnaire FROM survey s WHERE EXISTS (SELECT 1 FROM survey_response r WHERE r.survey_id = s.id) ORDER BY created_at LIMIT 1',
  );
  const responseId = await one(t, 'SELECT id FROM survey_response WHERE survey_id = $1 LIMIT 1', [survey.id]);
  const firstItem = survey.questionnaire.item?.[0];
  const circleMemberId = await one(t, 'SELECT id FROM care_circle_member WHERE patient_id = $1 AND user_id IS NULL LIMIT 1', [STRANGER_PATIENT]);
  // Throw-away objects for the routes that delete what they are given (see `destroys` in route-access.ts).
  const spareModuleId = await one(t, "INSERT INTO course_module (course_id, position, title) SELECT $1, max(position) + 1, 'Module à supprimer' FROM course_module WHERE course_id = $1 RETURNING id", [DEMO_IDS.course]);
  const spareLessonId = await one(t, "INSERT INTO lesson (module_id, position, title) SELECT $1, max(position) + 1, 'Leçon à supprimer' FROM lesson WHERE module_id = $1 RETURNING id", [moduleId]);
  const spareBlockId = await one(t, "INSERT INTO lesson_block (lesson_id, position, kind) SELECT $1, max(position) + 1, 'text' FROM lesson_block WHERE lesson_id = $1 RETURNING id", [lessonId]);
  const spareSessionId = await one(
    t,
    "INSERT INTO course_session (course_id, title, registration_opens_at, registration_closes_at, starts_at, ends_at) VALUES ($1, 'Session à supprimer', now() + interval '100 days', now() + interval '110 days', now() + interval '120 days', now() + interval '150 days') RETURNING id",
    [DEMO_IDS.course],
  );
  const sparePostId = await one(t, "INSERT INTO forum_post (thread_id, author_id, body_source, body_html) VALUES ($1, $2, 'Réponse à supprimer', '<p>Réponse à supprimer</p>') RETURNING id", [threadId, learnerOwner]);
  const requestId = await one(
    t,
    `INSERT INTO support_request (patient_id, structure_id, requester_id, structure_name, requester_name, idempotency_key, reason, urgency, body,
       patient_commune_code, patient_departement, response_hours, sent_at, due_at, reminder_at, updated_at)
     SELECT $1, s.id, $2, s.name, 'Gilles Généraliste (démo)', 'controle-acces-1', 'pain', 'routine', 'Demande de contrôle',
       $3, $4, 48, now(), now() + interval '48 hours', now() + interval '24 hours', now()
     FROM structure s WHERE s.id = $5 RETURNING id`,
    [STRUCTURE_PATIENT, gp, structure.commune_code, structure.departement, DEMO_IDS.structure],
  );
  // A real attached file (its bytes on disk), sent by the GP of the circle.
  const gpClient = t.client();
  await gpClient.login('medecin-traitant@example.org', DEMO_PASSWORD);
  const attached = await gpClient.post(`/api/v1/requests/${requestId}/files?name=controle.pdf`, '%PDF-1.4\n% Fichier de contrôle\n%%EOF\n', { 'content-type': 'application/pdf' });
  const requestFileId = (attached.body as { files?: { id: string }[] }).files?.[0]?.id;
  if (!requestFileId) throw new Error(`fichier joint de contrôle refusé : ${attached.status} ${JSON.stringify(attached.body)}`);
  const notificationId = await one(t, "INSERT INTO notification (user_id, kind, title, link) VALUES ($1, 'controle', 'Contrôle', '/') RETURNING id", [learnerOwner]);
  const [report] = await t.query<{ id: string }>("INSERT INTO structure_report (structure_id, message) VALUES ($1, 'Numéro à vérifier') RETURNING id", [DEMO_IDS.structure]);
  const victimId = opts.victim === false ? '00000000-0000-4000-8000-00000000cccc' : (await createUser(t, { email: `cible-admin-${randomUUID().slice(0, 6)}@example.org` })).id;
  return {
    courseId: DEMO_IDS.course,
    moduleId,
    sessionId,
    structureId: DEMO_IDS.structure,
    reportId: report.id,
    victimId,
    communeCode: structure.commune_code,
    departement: structure.departement,
    lessonId,
    blockId,
    mediaId,
    quizId,
    questionId,
    attemptId,
    attestationCode,
    threadId,
    postId,
    forumReportId,
    groupId,
    submissionId,
    eventId,
    occurrenceId,
    feedToken: 'jeton-inconnu-0123456789abcdef0123456789abcdef',
    kitDocumentId,
    scaleId: scales[0]?.id ?? 'inconnue',
    scaleVersion: '1',
    surveyId: survey.id,
    surveyToken: survey.public_token,
    surveyResponseId: responseId,
    surveyLinkId: firstItem?.item?.[0]?.linkId ?? firstItem?.linkId ?? 'q1',
    patientId: STRANGER_PATIENT,
    circleMemberId,
    requestId,
    requestFileId,
    notificationId,
    spare: { moduleId: spareModuleId, lessonId: spareLessonId, blockId: spareBlockId, sessionId: spareSessionId, postId: sparePostId },
  };
}

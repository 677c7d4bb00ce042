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
  // Themes are tagged on free-text answers: the first text question of the questionnaire.
  type Item = { linkId: string; type?: string; item?: Item[] };
  const flat = (items: Item[] = []): Item[] => items.flatMap((i) => [i, ...flat(i.item)]);
  const textLinkId = flat(survey.questionnaire.item as Item[]).find((i) => i.type === 'text')?.linkId;
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
  const grantId =
    opts.victim === false ? '00000000-0000-4000-8000-00000000cccd' : await one(t, "INSERT INTO role_grant (user_id, role, scope) VALUES ($1, 'content_editor', NULL) RETURNING id", [victimId]);

  // What the writes of the permission suite send back or act on (valid bodies: route-access.ts).
  const admin = t.client();
  await admin.login('admin@example.org', DEMO_PASSWORD);
  const read = async (c: ReturnType<TestPlatform['client']>, path: string) => {
    const res = await c.get(path);
    if (res.status !== 200) throw new Error(`lecture de contrôle refusée : ${path} ${res.status}`);
    return res.body;
  };
  const openSessionId = await one(
    t,
    "INSERT INTO course_session (course_id, title, registration_opens_at, registration_closes_at, starts_at, ends_at) VALUES ($1, 'Session ouverte de contrôle', now() - interval '1 day', now() + interval '20 days', now() + interval '21 days', now() + interval '60 days') RETURNING id",
    [DEMO_IDS.course],
  );
  // A report on a post of its own: hiding the fixture post (a moderation route) settles the reports of that post.
  const reportedPostId = await one(t, "INSERT INTO forum_post (thread_id, author_id, body_source, body_html) VALUES ($1, $2, 'Réponse signalée', '<p>Réponse signalée</p>') RETURNING id", [threadId, learnerOwner]);
  const spareForumReportId = await one(t, "INSERT INTO forum_report (post_id, reporter_id, reason) VALUES ($1, $2, 'Contrôle des accès (à traiter)') RETURNING id", [reportedPostId, learnerOwner]);
  // Attendance is taken once an occurrence has begun: one under way now (of another event than the fixture's), with a registration.
  const ongoingOccurrenceId = await one(
    t,
    "INSERT INTO event_occurrence (event_id, starts_at, ends_at) SELECT id, now() - interval '1 hour', now() + interval '1 hour' FROM event WHERE id <> $1 ORDER BY title LIMIT 1 RETURNING id",
    [eventId],
  );
  const registrationId = await one(t, "INSERT INTO event_registration (occurrence_id, user_id, status) VALUES ($1, $2, 'enrolled') RETURNING id", [ongoingOccurrenceId, learnerOwner]);
  const videoBlockId = await one(
    t,
    "SELECT b.id FROM lesson_block b JOIN lesson l ON l.id = b.lesson_id JOIN course_module m ON m.id = l.module_id WHERE m.course_id = $1 AND b.kind = 'video' ORDER BY m.position, l.position, b.position LIMIT 1",
    [DEMO_IDS.course],
  );
  // A submission with a file on disk, for the route that serves it.
  const [{ email: authorEmail }] = await t.query<{ email: string }>('SELECT email FROM app_user WHERE id = $1', [groupAuthor]);
  const author = t.client();
  await author.login(authorEmail, DEMO_PASSWORD);
  const filed = await author.post(`/api/v1/groups/${groupId}/submissions`, { body: 'Travail avec fichier', file: { name: 'controle.txt', type: 'text/plain', contentBase64: Buffer.from('Fichier de contrôle').toString('base64') } });
  if (filed.status !== 201) throw new Error(`dépôt de contrôle refusé : ${filed.status} ${JSON.stringify(filed.body)}`);
  const fileSubmissionId = await one(t, 'SELECT id FROM group_submission WHERE group_id = $1 AND file_path IS NOT NULL ORDER BY version DESC LIMIT 1', [groupId]);
  // A mini-RCP series of the department, a case of the stranger patient at its next meeting, an action of a non-persona.
  const organiser = await createUser(t, { email: `organisation-rcp-${randomUUID().slice(0, 6)}@example.org`, roles: [{ role: 'territory_coordinator', scope: `dep:${structure.departement}` }] });
  const organiserClient = t.client();
  await organiserClient.login(organiser.email, organiser.password);
  const series = await organiserClient.post('/api/v1/rcp/series', { departement: structure.departement, title: 'RCP de contrôle des accès', weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 4 });
  if (series.status !== 201) throw new Error(`réunion de contrôle refusée : ${series.status} ${JSON.stringify(series.body)}`);
  const rcpSeriesId = series.body.id as string;
  const rcpMeetingAt = series.body.upcoming[0].meetingAt as string;
  const rcpCaseId = await one(
    t,
    "INSERT INTO rcp_case (series_id, meeting_at, patient_id, submitted_by, submitter_name, idempotency_key, question, created_at) VALUES ($1, $2, $3, $4, 'Gilles Généraliste (démo)', 'controle-rcp-cas', 'Question de contrôle', now()) RETURNING id",
    [rcpSeriesId, rcpMeetingAt, STRANGER_PATIENT, gp],
  );
  const rcpActionId = await one(t, "INSERT INTO rcp_action (case_id, patient_id, label, owner_id, due_on, created_at) VALUES ($1, $2, 'Action de contrôle', $3, current_date + 7, now()) RETURNING id", [rcpCaseId, STRANGER_PATIENT, gp]);
  const [block] = await t.query<{ kind: string; title: string; body: string; media_id: string | null; subtitles_id: string | null; quiz_id: string | null }>(
    'SELECT kind, title, body, media_id, subtitles_id, quiz_id FROM lesson_block WHERE id = $1',
    [blockId],
  );
  const blockInput =
    block.kind === 'text'
      ? { kind: 'text', title: block.title, markdown: block.body || 'Texte' }
      : block.kind === 'video'
        ? { kind: 'video', title: block.title, mediaId: block.media_id, subtitlesId: block.subtitles_id }
        : block.kind === 'document'
          ? { kind: 'document', title: block.title, mediaId: block.media_id }
          : { kind: 'quiz', title: block.title, quizId: block.quiz_id };
  const [questionRow] = await t.query<{ prompt: string; explanation: string; tags: string[]; source: string; spec: unknown }>('SELECT prompt, explanation, tags, source, spec FROM quiz_question WHERE id = $1', [questionId]);
  const [quizRow] = await t.query<Record<string, any>>(
    'SELECT title, description, kind, is_final, selection, max_attempts, pass_mark_percent, opens_at, closes_at, time_limit_minutes, review_mode FROM quiz WHERE id = $1',
    [quizId],
  );
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);
  const kitDocument = (await read(admin, `/api/v1/kit/documents/${kitDocumentId}`)) as { placeholders: { key: string; type: string }[] };
  // Current content, sent back unchanged by the routes that replace it.
  const billing = (await read(admin, '/api/v1/billing/codes')) as { version: number; codes: unknown[] };
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
    surveyLinkId: textLinkId ?? firstItem?.item?.[0]?.linkId ?? firstItem?.linkId ?? 'q1',
    patientId: STRANGER_PATIENT,
    circleMemberId,
    requestId,
    requestFileId,
    notificationId,
    grantId,
    hadStructureId: await one(t, "SELECT id FROM structure WHERE status = 'published' AND 'HAD' = ANY(types) ORDER BY name LIMIT 1"),
    openSessionId,
    spareForumReportId,
    registrationId,
    ongoingOccurrenceId,
    videoBlockId,
    fileSubmissionId,
    rcpSeriesId,
    rcpMeetingAt,
    rcpCaseId,
    rcpActionId,
    block: blockInput,
    question: { prompt: questionRow.prompt, explanation: questionRow.explanation, tags: questionRow.tags, source: questionRow.source, spec: questionRow.spec },
    quiz: {
      title: quizRow.title,
      description: quizRow.description,
      kind: quizRow.kind,
      isFinal: quizRow.is_final,
      selection: quizRow.selection,
      maxAttempts: quizRow.max_attempts,
      passMarkPercent: Number(quizRow.pass_mark_percent),
      opensAt: iso(quizRow.opens_at),
      closesAt: iso(quizRow.closes_at),
      timeLimitMinutes: quizRow.time_limit_minutes,
      reviewMode: quizRow.review_mode,
    },
    kitValues: Object.fromEntries(kitDocument.placeholders.map((p) => [p.key, p.type === 'date' ? '2026-11-22' : p.type === 'number' ? 1 : 'Contrôle'])),
    ids: async (text: string, params: unknown[]) => (await t.query<{ id: string }>(text, params)).map((r) => r.id),
    current: {
      structure: await read(admin, `/api/v1/structures/${DEMO_IDS.structure}`),
      event: await read(admin, `/api/v1/events/${eventId}`),
      kitDocument,
      survey: await read(admin, `/api/v1/surveys/${survey.id}`),
      surveyQuestionnaire: await read(admin, `/api/v1/surveys/${survey.id}/questionnaire`),
      scaleQuestionnaire: await read(admin, `/fhir/R4/Questionnaire/${scales[0]?.id}`),
      billing: { codes: billing.codes, baseVersion: billing.version },
      directoryCsv: (await admin.get(`/api/v1/structures/export.csv`)).body as string,
      directoryBundle: await read(admin, '/fhir/R4/$export-directory'),
    },
    spare: { moduleId: spareModuleId, lessonId: spareLessonId, blockId: spareBlockId, sessionId: spareSessionId, postId: sparePostId },
  };
}

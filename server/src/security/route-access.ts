/**
 * Who gets past the door of every route: the permission suite (route-access.int.test.ts) calls each
 * route of the app as each persona and checks the answer against this table. A route of the app that
 * is missing here fails the suite: adding a route means saying who may call it.
 *
 * Personas (accounts of the demo data, see route-access.int.test.ts):
 *   anonymous    no session
 *   learner      a nurse with no role
 *   teacher      teacher of the demo course
 *   animator     forum animator of the demo course
 *   member       member of the demo structure
 *   manager      manager of the demo structure
 *   coordinator  territory coordinator of the demo structure's department
 *   editor       content editor
 *   admin        administrator
 */
export const PERSONAS = ['anonymous', 'learner', 'teacher', 'animator', 'member', 'manager', 'coordinator', 'editor', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];

export interface RouteRule {
  /** Who passes: everyone, every signed-in person, or these personas only. */
  pass: 'everyone' | 'signed-in' | Persona[];
  /**
   * A valid body for a write (POST/PUT/PATCH): the route's contract accepts it and an allowed persona
   * gets a success, so a refused persona meets the permission check, never a 400. The persona is given
   * for bodies that must differ from one call to the next (a slug, an idempotency key).
   */
  body?: (f: Fixtures, persona: Persona, me?: { email: string; password: string }) => unknown | Promise<unknown>;
  /** The content type of a body that is not JSON (a file, a CSV); the body is then sent as is. */
  contentType?: string;
  /** What a refused signed-in persona gets: 403 by default, 404 where existence itself is hidden. */
  refused?: 403 | 404;
  /**
   * Answers other than a success that an allowed persona may get, each for a reason said in a comment
   * beside the rule (409: already done by an earlier persona; 404: an unknown token…).
   */
  allowed?: number[];
  /**
   * Why a refused persona may get 400 before the permission check, even with this valid body. Every
   * other refusal must be 401/403/404: a 400 would hide whether the permission check refuses.
   */
  refusedAfterInput?: string;
  /** Calls that end the caller's session or account are made last. */
  signsOut?: boolean;
  /** Calls that delete or change their fixture for good are made after all the others (before those that sign out). */
  destroys?: boolean;
  /** The path to call (with its query string), when not the one fillPath gives (e.g. a throw-away object to delete). */
  path?: (f: Fixtures) => string;
}

export interface Fixtures {
  courseId: string;
  moduleId: string;
  sessionId: string;
  structureId: string;
  reportId: string;
  /** An account the admin routes may act on without touching a persona. */
  victimId: string;
  communeCode: string;
  departement: string;
  lessonId: string;
  blockId: string;
  mediaId: string;
  quizId: string;
  questionId: string;
  /** An attempt of a demo learner who is none of the personas. */
  attemptId: string;
  attestationCode: string;
  threadId: string;
  postId: string;
  forumReportId: string;
  groupId: string;
  submissionId: string;
  eventId: string;
  occurrenceId: string;
  feedToken: string;
  kitDocumentId: string;
  scaleId: string;
  scaleVersion: string;
  surveyId: string;
  surveyToken: string;
  surveyResponseId: string;
  surveyLinkId: string;
  /** A demo patient whose care circle holds none of the personas. */
  patientId: string;
  circleMemberId: string;
  /** Objects made to be deleted by the routes that delete. */
  spare: { moduleId: string; lessonId: string; blockId: string; sessionId: string; postId: string };
  /** A support request about the patient whose circle holds the demo structure, sent to the demo structure (its member and manager handle it). */
  requestId: string;
  requestFileId: string;
  /** A notification of a demo learner who is none of the personas. */
  notificationId: string;
  /** A published HAD of the directory (dormant files). */
  hadStructureId: string;
  /** A role of the victim, for the admin route that withdraws one. */
  grantId: string;
  /** A session of the demo course open for registration now. */
  openSessionId: string;
  /** An open forum report on a post of its own (hiding the fixture post settles the fixture report). */
  spareForumReportId: string;
  /** An occurrence under way (attendance is taken from its start) and a registration of a non-persona to it. */
  ongoingOccurrenceId: string;
  registrationId: string;
  /** A video block of the demo course (progress is recorded on videos). */
  videoBlockId: string;
  /** A group submission with a file. */
  fileSubmissionId: string;
  /** A mini-RCP series of the fixtures' department, its next meeting, a case of the stranger patient, an action of a non-persona. */
  rcpSeriesId: string;
  rcpMeetingAt: string;
  rcpCaseId: string;
  rcpActionId: string;
  /** The first block, question and quiz of the demo course as inputs (their PUT sends them back). */
  block: unknown;
  question: unknown;
  quiz: unknown;
  /** A value for each placeholder of the fixture kit document. */
  kitValues: Record<string, string | number>;
  /** The ids a query returns now (orders must list every child, including those the suite just added). */
  ids: (sql: string, params: unknown[]) => Promise<string[]>;
  /** Current content, sent back unchanged by the routes that replace it. */
  current: {
    structure: any;
    event: any;
    kitDocument: any;
    survey: any;
    surveyQuestionnaire: any;
    scaleQuestionnaire: any;
    billing: { codes: unknown[]; baseVersion: number };
    directoryCsv: string;
    directoryBundle: unknown;
  };
}

const everyone: RouteRule = { pass: 'everyone' };
const signedIn: RouteRule = { pass: 'signed-in' };
const only = (...personas: Persona[]): RouteRule => ({ pass: personas });

/** Teachers of the demo course, content editors and admins: who edits the course. */
const courseEditors: Persona[] = ['teacher', 'editor', 'admin'];
/** Who reads and writes in the demo course's forum without being enrolled: its teachers and animators, editors, admins. */
const forum: Persona[] = ['teacher', 'animator', 'editor', 'admin'];
/** Who runs surveys: coordinators (any territory), editors, admins. */
const surveyTeam: Persona[] = ['coordinator', 'editor', 'admin'];

/** Objects of the demo data a patient body may name (a function body receives them). */
export interface PatientBodyIds {
  /** A published HAD of the directory (a dormant file is prepared with one). */
  hadStructureId: string;
  /** A mini-RCP series (a case is submitted to one). */
  rcpSeriesId: string;
}

/**
 * Every route about one patient (under /api/v1/patients/:id), with a valid body for the writes: a
 * valid body reaches the circle check, so a refusal is the 404 of the check, not a 400 of the shape.
 * patient-data.int.test.ts checks it names every such route of the app, that each body satisfies the
 * route's contract, and that a member of the circle gets through with it. A body that names an object
 * of the demo data is a function of PatientBodyIds.
 */
export const PATIENT_BODIES: Record<string, unknown> = {
  'GET /api/v1/patients/:id': undefined,
  'PUT /api/v1/patients/:id': { firstName: 'Jeanne', lastName: 'Contrôle', placeOfLife: 'home', communeCode: '34172' },
  'POST /api/v1/patients/:id/consents': { purpose: 'coordination', givenBy: 'patient' },
  'POST /api/v1/patients/:id/circle': { kind: 'caregiver', displayName: 'Aidant de contrôle' },
  'DELETE /api/v1/patients/:id/circle/:memberId': undefined,
  'GET /api/v1/patients/:id/entries': undefined,
  'POST /api/v1/patients/:id/entries': { kind: 'note', body: 'Note de contrôle' },
  'GET /api/v1/patients/:id/access-log': undefined,
  'GET /api/v1/patients/:id/care-team.fhir': undefined,
  'GET /api/v1/patients/:id/suggested-structures': undefined,
  'GET /api/v1/patients/:id/requests': undefined,
  'POST /api/v1/patients/:id/requests': { structureId: '00000000-0000-4000-8000-00000000a001', reason: 'pain', urgency: 'routine', body: 'Demande de contrôle', idempotencyKey: 'controle-0001' },
  // Saved evaluations, dormant HAD file, mini-RCP cases, pathway: the circle alone.
  // Pallia 10 with every item ticked (at or above its threshold whatever it is): the evaluation may then lead to a support request.
  'POST /api/v1/patients/:id/evaluations': {
    scales: [
      { scaleId: 'en', answers: { intensite: 3 } },
      { scaleId: 'pallia-10', answers: Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`q${n + 1}`, true])) },
    ],
    idempotencyKey: 'controle-eval-0001',
  },
  'GET /api/v1/patients/:id/evaluations': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId/pdf': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId/fhir': undefined,
  'POST /api/v1/patients/:id/evaluations/:evaluationId/support-request': { idempotencyKey: 'controle-pallia-0001' },
  'GET /api/v1/patients/:id/dormant-file': undefined,
  'POST /api/v1/patients/:id/dormant-file': (ids: PatientBodyIds) => ({ structureId: ids.hadStructureId }),
  'PUT /api/v1/patients/:id/dormant-file': { urgencySheet: {}, contacts: [] },
  // The demo kit's 48-hour checklist (DEMO_KIT_IDS.checklist) with its required fields.
  'POST /api/v1/patients/:id/dormant-file/documents': { documentId: '00000000-0000-4000-8000-00000000e002', values: { 'patient.nom': 'Contrôle', 'date.debut': '2026-11-22' } },
  'GET /api/v1/patients/:id/dormant-file/documents/:documentId': undefined,
  'POST /api/v1/patients/:id/dormant-file/activate': {},
  'POST /api/v1/patients/:id/dormant-file/close': {},
  'GET /api/v1/patients/:id/rcp-cases': undefined,
  'POST /api/v1/patients/:id/rcp-cases': (ids: PatientBodyIds) => ({ seriesId: ids.rcpSeriesId, question: 'Question de contrôle', idempotencyKey: 'controle-rcp-0001' }),
  'GET /api/v1/patients/:id/pathway': undefined,
  'POST /api/v1/patients/:id/care-places': { kind: 'home', startedOn: '2026-01-01' },
};

const in30Days = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const PASSWORD = 'mot-de-passe-de-controle-1';
const profile = { firstName: 'Prénom', lastName: 'Contrôle', profession: 'infirmier', practiceMode: 'liberal', departement: '34' };
const session = {
  title: 'Session de contrôle',
  registrationOpensAt: in30Days(1),
  registrationClosesAt: in30Days(20),
  startsAt: in30Days(21),
  endsAt: in30Days(60),
};
const question = { prompt: 'Question de contrôle', spec: { kind: 'true_false', correct: true } };
const quiz = (f: Fixtures) => ({ title: 'Quiz de contrôle', kind: 'self_assessment', selection: { mode: 'fixed', questionIds: [f.questionId] } });
const event = (f: Fixtures) => ({
  kind: 'webinar',
  title: 'Webinaire de contrôle',
  organiserName: 'Équipe de contrôle',
  departement: f.departement,
  videoUrl: 'https://visio.example.org/controle',
  startsAt: in30Days(30),
  endsAt: new Date(Date.now() + 30 * 86_400_000 + 3_600_000).toISOString(),
});
/** The event of the fixtures as it is, its first occurrence as its dates (PUT sends the whole event). */
const currentEvent = (f: Fixtures) => {
  const e = f.current.event;
  return { ...e, startsAt: e.occurrences[0].startsAt, endsAt: e.occurrences[0].endsAt };
};
const kitVersion = (f: Fixtures) => {
  const d = f.current.kitDocument;
  return { title: d.title, body: d.body, placeholders: d.placeholders, authors: d.authors, source: d.source, reviewDate: d.reviewDate, changeNote: 'Contrôle des accès' };
};
const SURVEY_QUESTIONNAIRE = {
  resourceType: 'Questionnaire',
  title: 'Questionnaire de contrôle',
  item: [{ linkId: 'appui', type: 'boolean', text: 'Connaissez-vous le numéro d’appui ?' }],
};
const sheet = { scales: [{ scaleId: 'en', answers: { intensite: 3 } }] };

export const ROUTE_ACCESS: Record<string, RouteRule> = {
  // Platform
  'GET /healthz': everyone,
  'GET /api/v1/public-config': everyone,
  'GET /api/docs': everyone,
  'GET /api/docs/json': everyone,
  'GET /api/docs/yaml': everyone,
  'GET /api/docs/static/index.html': everyone,
  'GET /api/docs/static/swagger-initializer.js': everyone,
  'GET /api/docs/static/*': everyone,
  'GET /api/v1/dev/mails': everyone,

  // Territory
  'GET /api/v1/communes': { pass: 'everyone', path: () => '/api/v1/communes?q=Montp' },
  'GET /api/v1/territory': everyone,

  // Accounts
  'POST /api/v1/auth/register': { pass: 'everyone', body: (_f, persona) => ({ ...profile, email: `inscription-${persona}@example.org`, password: PASSWORD }) },
  // A link only a mail holds: an unknown one gets the 400 « lien non valide » (accounts.int.test.ts follows a real one).
  'POST /api/v1/auth/verify-email': { pass: 'everyone', body: () => ({ token: 'jeton-de-verification-inconnu-0123456789' }), allowed: [400] },
  'POST /api/v1/auth/resend-verification': { pass: 'everyone', body: () => ({ email: 'personne-inconnue@example.org' }) },
  // Each signs in as itself (its session is then the new one); the visitor with the learner's account, and the suite forgets that session.
  'POST /api/v1/auth/login': { pass: 'everyone', body: (_f, _p, me) => me ?? { email: 'personne-sans-role@example.org', password: 'mot-de-passe-de-test-1' } },
  'POST /api/v1/auth/logout': { pass: 'everyone', signsOut: true },
  'POST /api/v1/auth/password-reset/request': { pass: 'everyone', body: () => ({ email: 'personne-inconnue@example.org' }) },
  // Same as verify-email: the token comes by mail (accounts.int.test.ts resets with a real one).
  'POST /api/v1/auth/password-reset': { pass: 'everyone', body: () => ({ token: 'jeton-de-reinitialisation-inconnu-0123', password: PASSWORD }), allowed: [400] },
  'GET /api/v1/session': everyone,
  'GET /api/v1/auth/oidc': everyone,
  // No identity provider is configured in the suite: 404 « pas activée » for all (oidc.int.test.ts runs one).
  'GET /api/v1/auth/oidc/start': { pass: 'everyone', allowed: [404] },
  'GET /api/v1/auth/oidc/callback': { pass: 'everyone', allowed: [404] },
  'GET /api/v1/me': signedIn,
  'PUT /api/v1/me/profile': { pass: 'signed-in', body: () => profile },
  // The same password again: the route is reached for real, the persona can still sign in.
  'POST /api/v1/me/password': { pass: 'signed-in', body: (_f, _p, me) => ({ currentPassword: me?.password ?? 'x', newPassword: me?.password ?? PASSWORD }), allowed: [400] },
  'POST /api/v1/me/totp/setup': signedIn,
  // The code comes from the authenticator app of the secret just made: a made-up one gets 400 (accounts tests confirm a real one).
  'POST /api/v1/me/totp/confirm': { pass: 'signed-in', body: () => ({ code: '000000' }), allowed: [400] },
  'POST /api/v1/me/totp/disable': { pass: 'signed-in', body: () => ({ code: '000000' }), allowed: [400] },
  'GET /api/v1/me/data-export': signedIn,
  'POST /api/v1/me/delete': { pass: 'signed-in', signsOut: true, body: (_f, _p, me) => ({ password: me?.password, confirmation: 'SUPPRIMER' }) },

  // Administration and audit
  'GET /api/v1/admin/users': only('admin'),
  'POST /api/v1/admin/users/:id/roles': { pass: ['admin'], body: (f) => ({ role: 'teacher', scope: f.courseId }) },
  'DELETE /api/v1/admin/users/:id/roles/:grantId': only('admin'),
  'POST /api/v1/admin/users/:id/disable': only('admin'),
  'POST /api/v1/admin/users/:id/enable': only('admin'),
  'GET /api/v1/admin/audit': only('admin'),

  // Directory: read by all; entries edited by their managers, coordinators of their territory, editors
  'GET /api/v1/coverage': { pass: 'everyone', path: (f) => `/api/v1/coverage?commune=${f.communeCode}` },
  'GET /api/v1/structure-types': everyone,
  'GET /api/v1/structures': everyone,
  'POST /api/v1/structures': { pass: 'signed-in', body: (f, persona) => ({ name: `Structure proposée par ${persona}`, types: ['EMSP_EXTRA'], communeCode: f.communeCode }) },
  'GET /api/v1/structures/:id': everyone,
  'PUT /api/v1/structures/:id': { pass: ['manager', 'coordinator', 'editor', 'admin'], body: (f) => f.current.structure },
  'POST /api/v1/structures/:id/status': { pass: ['manager', 'coordinator', 'editor', 'admin'], body: () => ({ status: 'published' }) },
  'GET /api/v1/structures/:id/versions': everyone,
  'POST /api/v1/structures/:id/reports': { pass: 'everyone', body: () => ({ message: 'Le numéro est à vérifier.' }) },
  'GET /api/v1/structures/:id/reports': only('manager', 'coordinator', 'editor', 'admin'),
  'POST /api/v1/structures/:id/reports/:reportId': {
    pass: ['manager', 'coordinator', 'editor', 'admin'],
    body: () => ({ status: 'en_cours', answer: 'Nous vérifions.' }),
  },
  'GET /api/v1/structures/export.csv': everyone,
  // The directory's own export, checked without writing anything (dry run).
  'POST /api/v1/structures/import': {
    pass: ['editor', 'admin'],
    path: () => '/api/v1/structures/import?mode=update&dryRun=true',
    contentType: 'text/csv',
    body: (f) => f.current.directoryCsv,
  },
  'GET /fhir/R4/Organization': everyone,
  'GET /fhir/R4/Organization/:id': everyone,
  'GET /fhir/R4/HealthcareService': everyone,
  'GET /fhir/R4/HealthcareService/:id': everyone,
  'GET /fhir/R4/Location': everyone,
  'GET /fhir/R4/Location/:id': everyone,
  'GET /fhir/R4/$export-directory': everyone,
  'POST /fhir/R4': { pass: ['editor', 'admin'], path: () => '/fhir/R4?mode=update&dryRun=true', contentType: 'application/fhir+json', body: (f) => JSON.stringify(f.current.directoryBundle) },
  'GET /api/v1/structures/:id/qr.svg': everyone,
  'GET /api/v1/structures/:id/qr.png': everyone,
  'GET /api/v1/communes/:code/qr.svg': everyone,
  'GET /api/v1/communes/:code/qr.png': everyone,
  'GET /api/v1/communes/:code/card.pdf': everyone,
  'GET /api/v1/structures/:id/card.pdf': everyone,
  'GET /api/v1/directory/map': everyone,

  // Learning: catalogue open; authoring by the course's teachers, editors and admins
  'GET /api/v1/courses': everyone,
  'POST /api/v1/courses': {
    pass: ['editor', 'admin'],
    body: (_f, persona) => ({ slug: `cours-de-controle-${persona}`, title: 'Cours de contrôle', kind: 'mooc', estimatedHoursPerWeek: 1 }),
  },
  'GET /api/v1/courses/:id': everyone,
  'PUT /api/v1/courses/:id': {
    pass: ['teacher', 'editor', 'admin'],
    body: () => ({
      slug: 'mooc-soins-palliatifs-demo',
      title: 'MOOC soins palliatifs (démo)',
      kind: 'mooc',
      summary: 'Résumé',
      description: 'Description',
      estimatedHoursPerWeek: 2,
      status: 'published',
    }),
  },
  'POST /api/v1/courses/:id/teachers': { pass: ['teacher', 'editor', 'admin'], body: () => ({ displayName: 'Équipe test' }) },
  'POST /api/v1/courses/:id/sessions': {
    pass: ['teacher', 'editor', 'admin'],
    body: () => ({
      title: 'Session de contrôle',
      registrationOpensAt: in30Days(1),
      registrationClosesAt: in30Days(20),
      startsAt: in30Days(21),
      endsAt: in30Days(60),
    }),
  },
  'POST /api/v1/courses/:id/modules': { pass: ['teacher', 'editor', 'admin'], body: () => ({ title: 'Module de contrôle' }) },
  'POST /api/v1/modules/:id/lessons': { pass: ['teacher', 'editor', 'admin'], body: () => ({ title: 'Leçon de contrôle' }) },
  'POST /api/v1/sessions/:id/enrolment': { pass: 'signed-in', path: (f) => `/api/v1/sessions/${f.openSessionId}/enrolment`, body: () => ({}) },
  'DELETE /api/v1/sessions/:id/enrolment': { pass: 'signed-in', path: (f) => `/api/v1/sessions/${f.openSessionId}/enrolment` },
  'GET /api/v1/sessions/:id/enrolments': only('teacher', 'editor', 'admin'),
  'GET /api/v1/me/enrolments': signedIn,
  // Mesurer : indicateurs (aggregates, read by everyone with small cells withheld; targets by the department's coordinators and admins)
  'GET /api/v1/indicators': everyone,
  'GET /api/v1/indicators/export.csv': everyone,
  'GET /api/v1/indicators/fhir/MeasureReport': everyone,
  'GET /api/v1/indicators/fhir/Measure': everyone,
  'PUT /api/v1/indicators/targets': { pass: ['coordinator', 'admin'], body: (f) => ({ territory: `dep:${f.departement}`, indicatorId: 'liberal_share', target: 50 }) },
  'GET /api/v1/courses/:id/completion-rule': signedIn,
  'PUT /api/v1/courses/:id/completion-rule': { pass: courseEditors, body: () => ({ requireLessonsSeen: true, videoPercent: 80, requireQuizzesPassed: true }) },
  'PUT /api/v1/sessions/:id': { pass: courseEditors, path: (f) => `/api/v1/sessions/${f.openSessionId}`, body: () => ({ ...session, registrationOpensAt: in30Days(-1) }) },
  'DELETE /api/v1/sessions/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/sessions/${f.spare.sessionId}` },
  'PUT /api/v1/courses/:id/modules/order': { pass: courseEditors, body: async (f) => ({ ids: await f.ids('SELECT id FROM course_module WHERE course_id = $1 ORDER BY position', [f.courseId]) }) },
  'PUT /api/v1/modules/:id': { pass: courseEditors, body: () => ({ title: 'Module de contrôle' }) },
  'DELETE /api/v1/modules/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/modules/${f.spare.moduleId}` },
  'PUT /api/v1/modules/:id/lessons/order': { pass: courseEditors, body: async (f) => ({ ids: await f.ids('SELECT id FROM lesson WHERE module_id = $1 ORDER BY position', [f.moduleId]) }) },
  'PUT /api/v1/lessons/:id': { pass: courseEditors, body: () => ({ title: 'Leçon de contrôle' }) },
  'DELETE /api/v1/lessons/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/lessons/${f.spare.lessonId}` },

  // Lesson content: enrolled learners read it (none of the personas is enrolled in the demo course), its editors write it
  'GET /api/v1/lessons/:id': only(...courseEditors),
  'POST /api/v1/lessons/:id/visit': only(...courseEditors),
  // Progress is kept for enrolled learners only (the access check is part of the INSERT), none of the personas:
  // everyone else, the course's editors included, gets the 404 of a video that is not open to them.
  'POST /api/v1/blocks/:id/progress': { pass: [], refused: 404, path: (f) => `/api/v1/blocks/${f.videoBlockId}/progress`, body: () => ({ positionSeconds: 1, sentAt: Date.now() }) },
  'GET /api/v1/courses/:id/progress': only(...courseEditors),
  // A video or document of a course is hidden (404) from whoever may not follow it.
  'GET /api/v1/media/:id': { pass: courseEditors, refused: 404 },
  'POST /api/v1/courses/:id/media': { pass: courseEditors, path: (f) => `/api/v1/courses/${f.courseId}/media?name=controle.pdf`, contentType: 'application/pdf', body: () => '%PDF-1.4 contrôle' },
  'GET /api/v1/courses/:id/media': only(...courseEditors),
  'POST /api/v1/lessons/:id/blocks': { pass: courseEditors, body: () => ({ kind: 'text', markdown: 'Bloc de contrôle' }) },
  'PUT /api/v1/lessons/:id/blocks/order': { pass: courseEditors, body: async (f) => ({ ids: await f.ids('SELECT id FROM lesson_block WHERE lesson_id = $1 ORDER BY position', [f.lessonId]) }) },
  'PUT /api/v1/blocks/:id': { pass: courseEditors, body: (f) => f.block },
  'DELETE /api/v1/blocks/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/blocks/${f.spare.blockId}` },

  // Quizzes: the question bank by the course's editors; attempts are their learner's own (404 to others)
  'GET /api/v1/courses/:id/questions': only(...courseEditors),
  'POST /api/v1/courses/:id/questions': { pass: courseEditors, body: () => question },
  'PUT /api/v1/questions/:id': { pass: courseEditors, body: (f) => f.question },
  // 409: the question is used by a quiz, so it is not deleted.
  'DELETE /api/v1/questions/:id': { pass: courseEditors, allowed: [409] },
  'GET /api/v1/courses/:id/quizzes': signedIn,
  'POST /api/v1/courses/:id/quizzes': { pass: courseEditors, body: quiz },
  'PUT /api/v1/quizzes/:id': { pass: courseEditors, body: (f) => f.quiz },
  'GET /api/v1/quizzes/:id': signedIn,
  'GET /api/v1/quizzes/:id/results': only(...courseEditors),
  // Enrolled learners and the course's editors (trying it out); the others are not enrolled.
  'POST /api/v1/quizzes/:id/attempts': only(...courseEditors),
  'GET /api/v1/attempts/:id': { pass: courseEditors, refused: 404 },
  'PUT /api/v1/attempts/:id/answers/:questionId': { pass: [], refused: 404, body: () => ({ response: { kind: 'true_false', value: true } }) },
  'POST /api/v1/attempts/:id/submit': { pass: [], refused: 404 },

  // Attestations: anyone checks a code; the PDF is its holder's and the course's editors'
  'GET /api/v1/attestations/:code': everyone,
  'GET /api/v1/me/attestations': signedIn,
  'GET /api/v1/courses/:id/attestations': only(...courseEditors),
  'GET /api/v1/attestations/:code/pdf': { pass: courseEditors, refused: 404 },
  'POST /api/v1/attestations/:code/revocation': { pass: ['teacher', 'admin'], body: () => ({ reason: 'Contrôle des accès' }), destroys: true },

  // Forum of the demo course: its enrolled learners, teachers, animators, editors and admins
  'GET /api/v1/courses/:id/forum': only(...forum),
  'POST /api/v1/courses/:id/forum/threads': { pass: forum, body: () => ({ title: 'Fil de contrôle', body: 'Message de contrôle' }) },
  'GET /api/v1/courses/:id/forum/members': only(...forum),
  'GET /api/v1/courses/:id/forum/reports': only(...forum),
  'GET /api/v1/courses/:id/forum/stats': only(...forum),
  'POST /api/v1/forum/preview': { pass: 'signed-in', body: () => ({ body: 'Aperçu **de contrôle**' }) },
  'GET /api/v1/forum/threads/:id': only(...forum),
  'POST /api/v1/forum/threads/:id/replies': { pass: forum, body: () => ({ body: 'Réponse de contrôle' }) },
  'PUT /api/v1/forum/threads/:id/moderation': { pass: forum, body: () => ({ locked: false }) },
  'PUT /api/v1/forum/threads/:id/follow': only(...forum),
  'DELETE /api/v1/forum/threads/:id/follow': only(...forum),
  // Its author alone edits a message (the first message of the fixture thread is the demo animator's); moderators hide it instead.
  'PUT /api/v1/forum/posts/:id': { pass: ['animator'], body: () => ({ body: 'Message de contrôle modifié' }) },
  'DELETE /api/v1/forum/posts/:id': { pass: forum, destroys: true, path: (f) => `/api/v1/forum/posts/${f.spare.postId}` },
  // 409 for some: one does not like one's own message twice.
  'PUT /api/v1/forum/posts/:id/like': only(...forum),
  'DELETE /api/v1/forum/posts/:id/like': only(...forum),
  'PUT /api/v1/forum/posts/:id/hidden': { pass: forum, body: () => ({ hidden: false }) },
  'POST /api/v1/forum/posts/:id/reports': { pass: forum, body: () => ({ reason: 'Contrôle des accès' }) },
  'POST /api/v1/forum/reports/:id/resolution': { pass: forum, body: () => ({ outcome: 'dismissed' }), destroys: true, path: (f) => `/api/v1/forum/reports/${f.spareForumReportId}/resolution` },

  // Groups: seen in the course's community, formed and reviewed by its teachers (the demo group is in another course)
  'GET /api/v1/courses/:id/groups': only(...forum),
  'POST /api/v1/courses/:id/groups': { pass: courseEditors, body: (_f, persona) => ({ name: `Groupe de contrôle (${persona})` }) },
  'POST /api/v1/courses/:id/groups/auto-mix': { pass: courseEditors, body: () => ({ groupCount: 2 }) },
  'GET /api/v1/groups/:id': only('editor', 'admin'),
  // Only the group's members hand in its work (none of the personas is one): with a valid body, editors and admins too get 403.
  'POST /api/v1/groups/:id/submissions': { pass: [], body: () => ({ body: 'Travail de contrôle' }) },
  'GET /api/v1/groups/:id/submissions/:submissionId/file': { pass: ['editor', 'admin'], path: (f) => `/api/v1/groups/${f.groupId}/submissions/${f.fileSubmissionId}/file` },
  'POST /api/v1/group-submissions/:id/reviews': { pass: ['editor', 'admin'], body: () => ({ status: 'a_revoir', comment: 'Contrôle des accès' }) },

  // Events: public programme; organised by editors, admins and coordinators of the event's department
  'GET /api/v1/events': everyone,
  'POST /api/v1/events': { pass: ['coordinator', 'editor', 'admin'], body: event },
  'GET /api/v1/events/organised': signedIn,
  'GET /api/v1/events/feed.ics': everyone,
  // The private calendar feed: the token is the key (an unknown one is 404).
  'GET /api/v1/events/feeds/:token/calendar.ics': { pass: 'everyone', allowed: [404] },
  'GET /api/v1/events/:id': everyone,
  'PUT /api/v1/events/:id': { pass: ['editor', 'admin'], body: currentEvent },
  'GET /api/v1/events/:id/calendar.ics': everyone,
  'POST /api/v1/occurrences/:id/registration': signedIn,
  'DELETE /api/v1/occurrences/:id/registration': signedIn,
  'GET /api/v1/occurrences/:id/registrants': only('editor', 'admin'),
  'PUT /api/v1/occurrences/:id/attendance': { pass: ['editor', 'admin'], path: (f) => `/api/v1/occurrences/${f.ongoingOccurrenceId}/attendance`, body: (f) => ({ marks: [{ registrationId: f.registrationId, present: true }] }) },
  'GET /api/v1/occurrences/:id/attendance.csv': only('editor', 'admin'),
  'GET /api/v1/me/events': signedIn,
  'GET /api/v1/me/events/feed': signedIn,
  'POST /api/v1/me/events/feed': signedIn,
  'DELETE /api/v1/me/events/feed': signedIn,

  // Surveys: run by coordinators, editors and admins; answered by anyone holding the public link
  'GET /api/v1/surveys': only(...surveyTeam),
  'POST /api/v1/surveys': { pass: surveyTeam, body: () => ({ questionnaire: SURVEY_QUESTIONNAIRE, title: 'Enquête de contrôle' }) },
  'GET /api/v1/surveys/:id': only(...surveyTeam),
  'PUT /api/v1/surveys/:id/settings': {
    pass: surveyTeam,
    body: (f) => ({ title: f.current.survey.title, mode: f.current.survey.mode, opensAt: f.current.survey.opensAt, closesAt: f.current.survey.closesAt }),
  },
  // A survey with answers keeps its questions: the same questionnaire again is accepted (409 would be a change).
  'PUT /api/v1/surveys/:id/questionnaire': { pass: surveyTeam, body: (f) => f.current.surveyQuestionnaire },
  'GET /api/v1/surveys/:id/questionnaire': only(...surveyTeam),
  'GET /api/v1/surveys/:id/qr.svg': only(...surveyTeam),
  'POST /api/v1/surveys/:id/responses/import': { pass: surveyTeam, contentType: 'text/csv', body: () => 'profession\ninfirmier\n' },
  'GET /api/v1/surveys/:id/responses.csv': only(...surveyTeam),
  'GET /api/v1/surveys/:id/responses.fhir.json': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report/csv': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report/pdf': only(...surveyTeam),
  'PUT /api/v1/surveys/:id/responses/:responseId/themes/:linkId': { pass: surveyTeam, body: () => ({ themes: ['contrôle'] }) },
  'GET /api/v1/public/surveys/:token': everyone,
  'PUT /api/v1/public/surveys/:token/draft': { pass: 'everyone', body: (_f, persona) => ({ draftKey: `brouillon-de-controle-${persona}`, answers: {} }) },
  'POST /api/v1/public/surveys/:token/submit': { pass: 'everyone', body: (_f, persona) => ({ draftKey: `envoi-de-controle-${persona}`, answers: { profession: 'infirmier' } }) },

  // Scales, evaluation sheet (nothing stored), emergency kit and billing memo: open to all; edited by editors and admins
  'GET /api/v1/scales': everyone,
  'GET /api/v1/scales/unconfirmed': everyone,
  'GET /api/v1/scales/definitions': everyone,
  'GET /api/v1/scales/:id': everyone,
  'GET /api/v1/scales/:id/versions': everyone,
  'POST /api/v1/scales/:id/score': { pass: 'everyone', path: () => '/api/v1/scales/en/score', body: () => ({ answers: { intensite: 3 } }) },
  'POST /api/v1/evaluations/sheet': { pass: 'everyone', body: () => sheet },
  'POST /api/v1/evaluations/sheet.pdf': { pass: 'everyone', body: () => sheet },
  'POST /api/v1/evaluations/sheet.fhir.json': { pass: 'everyone', body: () => sheet },
  'GET /fhir/R4/Questionnaire': everyone,
  'GET /fhir/R4/Questionnaire/:id': everyone,
  'GET /fhir/R4/Questionnaire/:id/_history/:vid': everyone,
  'PUT /fhir/R4/Questionnaire/:id': { pass: ['editor', 'admin'], contentType: 'application/fhir+json', body: (f) => JSON.stringify(f.current.scaleQuestionnaire) },
  'GET /api/v1/kit/documents': everyone,
  'GET /api/v1/kit/documents/:id': everyone,
  'GET /api/v1/kit/documents/:id/versions': everyone,
  'POST /api/v1/kit/documents': {
    pass: ['editor', 'admin'],
    body: (f, persona) => ({ ...kitVersion(f), slug: `document-de-controle-${persona}`, kind: f.current.kitDocument.kind }),
  },
  'POST /api/v1/kit/documents/:id/versions': { pass: ['editor', 'admin'], body: kitVersion },
  'POST /api/v1/kit/documents/:id/fill': { pass: 'signed-in', body: (f) => ({ values: f.kitValues }) },
  'GET /api/v1/billing/codes': everyone,
  'GET /api/v1/billing/versions': everyone,
  // 409 for the admin: the editor, just before, published a version, so the admin's base version is stale.
  'PUT /api/v1/billing/codes': { pass: ['editor', 'admin'], body: (f) => f.current.billing, allowed: [409] },
  'POST /api/v1/billing/eligibility': { pass: 'everyone', body: () => ({ profession: 'medecin', patient: { palliative: true, age: 70 }, act: { homeVisit: true, treatingGp: true } }) },

  // Patient files: only the patient's care circle, in person or through a structure of the circle. The demo
  // patient of the fixtures has no persona in its circle: all get the same 404 as for a patient that does
  // not exist, the administrator included (patient-data.int.test.ts checks each attempt is audited).
  // Teacher analytics and the end-of-course satisfaction survey
  'GET /api/v1/courses/:id/analytics': only(...courseEditors),
  'GET /api/v1/courses/:id/analytics/:table.csv': { pass: courseEditors, path: (f) => `/api/v1/courses/${f.courseId}/analytics/professions.csv` },
  'GET /api/v1/sessions/:id/satisfaction': signedIn,
  // Enrolled learners only, once the course ends; none of the personas is enrolled in the fixture session.
  'POST /api/v1/sessions/:id/satisfaction': { pass: [], body: () => ({ rating: 4 }) },

  // Mini-RCP: meetings organised by the department's coordinators; cases by the patient's circle
  'GET /api/v1/rcp/series': signedIn,
  'POST /api/v1/rcp/series': {
    pass: ['coordinator'],
    body: (f) => ({ departement: f.departement, title: 'RCP de contrôle', weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 4 }),
  },
  // Changing a series and recording who attended: the department's coordinators.
  'PUT /api/v1/rcp/series/:id': {
    pass: ['coordinator'],
    path: (f) => `/api/v1/rcp/series/${f.rcpSeriesId}`,
    body: () => ({ title: 'RCP de contrôle des accès', weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 4 }),
  },
  // The fixture meeting is still to come: a coordinator's sheet is refused with a 400 naming meetingAt until it
  // begins (rcp-followup.int.test.ts records one for a meeting that has begun).
  'PUT /api/v1/rcp/series/:id/attendance-sheet': {
    pass: ['coordinator'],
    allowed: [400],
    path: (f) => `/api/v1/rcp/series/${f.rcpSeriesId}/attendance-sheet`,
    body: (f) => ({ meetingAt: f.rcpMeetingAt, attendedUserIds: [] }),
  },
  // Who may own an action of a case: shown to those who may write its report; others get the 404 of an unknown case.
  'GET /api/v1/rcp/cases/:id/owners': { pass: ['coordinator'], refused: 404, path: (f) => `/api/v1/rcp/cases/${f.rcpCaseId}/owners` },
  // Its organisers (the department's coordinators) and the registered participants (none of the personas yet).
  'GET /api/v1/rcp/series/:id/agenda': { pass: ['coordinator'], path: (f) => `/api/v1/rcp/series/${f.rcpSeriesId}/agenda?meetingAt=${encodeURIComponent(f.rcpMeetingAt)}` },
  'POST /api/v1/rcp/series/:id/attendance': { pass: 'signed-in', path: (f) => `/api/v1/rcp/series/${f.rcpSeriesId}/attendance`, body: (f) => ({ meetingAt: f.rcpMeetingAt }) },
  // The case is patient data: whoever is neither in the circle nor an organiser gets 404 (and an audit event).
  'POST /api/v1/rcp/cases/:id/report': { pass: ['coordinator'], refused: 404, path: (f) => `/api/v1/rcp/cases/${f.rcpCaseId}/report`, body: () => ({ summary: 'Synthèse de contrôle', decisions: 'Décisions de contrôle' }) },
  'GET /api/v1/me/rcp-actions': signedIn,
  // An action is its owner's: anyone else, as for an unknown action, gets 404.
  'POST /api/v1/rcp/actions/:id/done': { pass: [], refused: 404, path: (f) => `/api/v1/rcp/actions/${f.rcpActionId}/done` },

  'GET /api/v1/patients': signedIn,
  'POST /api/v1/patients': { pass: 'signed-in', body: (f) => ({ firstName: 'Patient', lastName: 'Contrôle', placeOfLife: 'home', communeCode: f.communeCode }) },
  ...Object.fromEntries(Object.entries(PATIENT_BODIES).map(([key, body]) => [key, { pass: [], refused: 404, body: body ? (f) => patientBody(body, f) : undefined } satisfies RouteRule])),
  'GET /api/v1/me/requests': signedIn,
  'GET /api/v1/me/structures': signedIn,
  // A structure's inbox: its members and managers only, never an admin as such.
  'GET /api/v1/structures/:id/requests': only('member', 'manager'),
  'PUT /api/v1/structures/:id/request-settings': { pass: ['manager', 'admin'], body: () => ({ responseHours: 48 }) },
  // The request of the fixtures is about the patient whose circle holds the demo structure.
  'GET /api/v1/requests/:id': { pass: ['member', 'manager'], refused: 404 },
  'GET /api/v1/requests/:id/fhir': { pass: ['member', 'manager'], refused: 404 },
  'POST /api/v1/requests/:id/status': { pass: ['member', 'manager'], refused: 404, body: (_f, persona) => ({ action: persona === 'manager' ? 'start' : 'accept' }) },
  'POST /api/v1/requests/:id/messages': { pass: ['member', 'manager'], refused: 404, body: () => ({ body: 'Message de contrôle' }) },
  'POST /api/v1/requests/:id/files': { pass: ['member', 'manager'], refused: 404, path: (f) => `/api/v1/requests/${f.requestId}/files?name=controle.pdf`, contentType: 'application/pdf', body: () => '%PDF-1.4\n% contrôle\n%%EOF\n' },
  'GET /api/v1/requests/:id/files/:fileId': { pass: ['member', 'manager'], refused: 404 },

  // Notifications: one's own (another person's is 404)
  'GET /api/v1/notifications': signedIn,
  'GET /api/v1/notifications/unread-count': signedIn,
  'POST /api/v1/notifications/:id/read': { pass: [], refused: 404 },
  'POST /api/v1/notifications/read-all': signedIn,
  'GET /api/v1/me/notification-preference': signedIn,
  'PUT /api/v1/me/notification-preference': { pass: 'signed-in', body: () => ({ emailMode: 'immediate' }) },
};

/** The body of a patient route: as written, or made from the ids it names. */
export function patientBody(body: unknown, ids: PatientBodyIds): unknown {
  return typeof body === 'function' ? (body as (ids: PatientBodyIds) => unknown)(ids) : body;
}

/** Values for the path parameters of a route, from the fixtures (the `:id` by URL prefix). */
export function fillPath(url: string, f: Fixtures): string {
  const ids: [string, string][] = [
    ['/api/v1/courses', f.courseId],
    ['/api/v1/modules', f.moduleId],
    ['/api/v1/sessions', f.sessionId],
    ['/api/v1/structures', f.structureId],
    ['/fhir/R4/Questionnaire', f.scaleId],
    ['/fhir/', f.structureId],
    ['/api/v1/admin/users', f.victimId],
    ['/api/v1/lessons', f.lessonId],
    ['/api/v1/blocks', f.blockId],
    ['/api/v1/media', f.mediaId],
    ['/api/v1/quizzes', f.quizId],
    ['/api/v1/questions', f.questionId],
    ['/api/v1/attempts', f.attemptId],
    ['/api/v1/forum/threads', f.threadId],
    ['/api/v1/forum/posts', f.postId],
    ['/api/v1/forum/reports', f.forumReportId],
    ['/api/v1/groups', f.groupId],
    ['/api/v1/group-submissions', f.submissionId],
    ['/api/v1/events', f.eventId],
    ['/api/v1/occurrences', f.occurrenceId],
    ['/api/v1/kit/documents', f.kitDocumentId],
    ['/api/v1/scales', f.scaleId],
    ['/api/v1/surveys', f.surveyId],
    ['/api/v1/patients', f.patientId],
    ['/api/v1/requests', f.requestId],
    ['/api/v1/notifications', f.notificationId],
  ];
  const params: Record<string, string> = {
    code: f.communeCode,
    reportId: f.reportId,
    memberId: f.circleMemberId,
    submissionId: f.submissionId,
    fileId: f.requestFileId,
    grantId: f.grantId,
    questionId: f.questionId,
    responseId: f.surveyResponseId,
    linkId: f.surveyLinkId,
    vid: f.scaleVersion,
    token: f.surveyToken,
  };
  return url
    .replace('/static/*', '/static/index.css')
    .replace(/:(\w+)/g, (_m, name: string, offset: number) => {
      const prefix = url.slice(0, offset);
      if (name === 'code' && prefix.startsWith('/api/v1/attestations')) return f.attestationCode;
      if (name === 'token' && prefix.startsWith('/api/v1/events/feeds')) return f.feedToken;
      if (name === 'id') return ids.find(([p]) => prefix.startsWith(p))?.[1] ?? '00000000-0000-4000-8000-00000000ffff';
      return params[name] ?? '00000000-0000-4000-8000-00000000eeee';
    });
}

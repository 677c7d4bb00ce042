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
  /** A valid body, so that a scope checked after validation is reached (otherwise `{}` is sent). */
  body?: (f: Fixtures) => unknown;
  /**
   * What a refused signed-in persona gets when the call reaches the permission check (a GET or DELETE,
   * or a valid body): 403 by default, 404 where existence itself is hidden. With an invalid body, a
   * refused persona may get 400 first; never a 2xx.
   */
  refused?: 403 | 404;
  /** Calls that end the caller's session or account are made last. */
  signsOut?: boolean;
  /** Calls that delete or change their fixture for good are made after all the others (before those that sign out). */
  destroys?: boolean;
  /** The path to call, when not the one fillPath gives (e.g. a throw-away object to delete). */
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

/**
 * Every route about one patient (under /api/v1/patients/:id), with a valid body for the writes: a
 * valid body reaches the circle check, so a refusal is the 404 of the check, not a 400 of the shape.
 * patient-data.int.test.ts checks it names every such route of the app.
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
  'POST /api/v1/patients/:id/evaluations': { scales: [{ scaleId: 'en', answers: {} }], idempotencyKey: 'controle-eval-0001' },
  'GET /api/v1/patients/:id/evaluations': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId/pdf': undefined,
  'GET /api/v1/patients/:id/evaluations/:evaluationId/fhir': undefined,
  'POST /api/v1/patients/:id/evaluations/:evaluationId/support-request': { idempotencyKey: 'controle-pallia-0001' },
  'GET /api/v1/patients/:id/dormant-file': undefined,
  'POST /api/v1/patients/:id/dormant-file': { structureId: '00000000-0000-4000-8000-00000000a001' },
  'PUT /api/v1/patients/:id/dormant-file': { urgencySheet: {}, contacts: [] },
  'POST /api/v1/patients/:id/dormant-file/documents': { documentId: 'fiche-urgence-pallia' },
  'GET /api/v1/patients/:id/dormant-file/documents/:documentId': undefined,
  'POST /api/v1/patients/:id/dormant-file/activate': {},
  'POST /api/v1/patients/:id/dormant-file/close': {},
  'GET /api/v1/patients/:id/rcp-cases': undefined,
  'POST /api/v1/patients/:id/rcp-cases': { seriesId: '00000000-0000-4000-8000-00000000ffff', question: 'Question de contrôle', idempotencyKey: 'controle-rcp-0001' },
  'GET /api/v1/patients/:id/pathway': undefined,
  'POST /api/v1/patients/:id/care-places': { kind: 'home', startedOn: '2026-01-01' },
};

const in30Days = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

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
  'GET /api/v1/communes': everyone,
  'GET /api/v1/territory': everyone,

  // Accounts
  'POST /api/v1/auth/register': everyone,
  'POST /api/v1/auth/verify-email': everyone,
  'POST /api/v1/auth/resend-verification': everyone,
  'POST /api/v1/auth/login': everyone,
  'POST /api/v1/auth/logout': { pass: 'everyone', signsOut: true },
  'POST /api/v1/auth/password-reset/request': everyone,
  'POST /api/v1/auth/password-reset': everyone,
  'GET /api/v1/session': everyone,
  'GET /api/v1/auth/oidc': everyone,
  'GET /api/v1/auth/oidc/start': everyone,
  'GET /api/v1/auth/oidc/callback': everyone,
  'GET /api/v1/me': signedIn,
  'PUT /api/v1/me/profile': signedIn,
  'POST /api/v1/me/password': signedIn,
  'POST /api/v1/me/totp/setup': signedIn,
  'POST /api/v1/me/totp/confirm': signedIn,
  'POST /api/v1/me/totp/disable': signedIn,
  'GET /api/v1/me/data-export': signedIn,
  'POST /api/v1/me/delete': { pass: 'signed-in', signsOut: true },

  // Administration and audit
  'GET /api/v1/admin/users': only('admin'),
  'POST /api/v1/admin/users/:id/roles': only('admin'),
  'DELETE /api/v1/admin/users/:id/roles/:grantId': only('admin'),
  'POST /api/v1/admin/users/:id/disable': only('admin'),
  'POST /api/v1/admin/users/:id/enable': only('admin'),
  'GET /api/v1/admin/audit': only('admin'),

  // Directory: read by all; entries edited by their managers, coordinators of their territory, editors
  'GET /api/v1/coverage': everyone,
  'GET /api/v1/structure-types': everyone,
  'GET /api/v1/structures': everyone,
  'POST /api/v1/structures': signedIn,
  'GET /api/v1/structures/:id': everyone,
  'PUT /api/v1/structures/:id': only('manager', 'coordinator', 'editor', 'admin'),
  'POST /api/v1/structures/:id/status': { pass: ['manager', 'coordinator', 'editor', 'admin'], body: () => ({ status: 'published' }) },
  'GET /api/v1/structures/:id/versions': everyone,
  'POST /api/v1/structures/:id/reports': everyone,
  'GET /api/v1/structures/:id/reports': only('manager', 'coordinator', 'editor', 'admin'),
  'POST /api/v1/structures/:id/reports/:reportId': {
    pass: ['manager', 'coordinator', 'editor', 'admin'],
    body: () => ({ status: 'en_cours', answer: 'Nous vérifions.' }),
  },
  'GET /api/v1/structures/export.csv': everyone,
  'POST /api/v1/structures/import': only('editor', 'admin'),
  'GET /fhir/R4/Organization': everyone,
  'GET /fhir/R4/Organization/:id': everyone,
  'GET /fhir/R4/HealthcareService': everyone,
  'GET /fhir/R4/HealthcareService/:id': everyone,
  'GET /fhir/R4/Location': everyone,
  'GET /fhir/R4/Location/:id': everyone,
  'GET /fhir/R4/$export-directory': everyone,
  'POST /fhir/R4': only('editor', 'admin'),
  'GET /api/v1/structures/:id/qr.svg': everyone,
  'GET /api/v1/structures/:id/qr.png': everyone,
  'GET /api/v1/communes/:code/qr.svg': everyone,
  'GET /api/v1/communes/:code/qr.png': everyone,
  'GET /api/v1/communes/:code/card.pdf': everyone,
  'GET /api/v1/structures/:id/card.pdf': everyone,
  'GET /api/v1/directory/map': everyone,

  // Learning: catalogue open; authoring by the course's teachers, editors and admins
  'GET /api/v1/courses': everyone,
  'POST /api/v1/courses': only('editor', 'admin'),
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
  'POST /api/v1/sessions/:id/enrolment': signedIn,
  'DELETE /api/v1/sessions/:id/enrolment': signedIn,
  'GET /api/v1/sessions/:id/enrolments': only('teacher', 'editor', 'admin'),
  'GET /api/v1/me/enrolments': signedIn,
  // Mesurer : indicateurs (aggregates, read by everyone with small cells withheld; targets by the department's coordinators and admins)
  'GET /api/v1/indicators': everyone,
  'GET /api/v1/indicators/export.csv': everyone,
  'GET /api/v1/indicators/fhir/MeasureReport': everyone,
  'GET /api/v1/indicators/fhir/Measure': everyone,
  'PUT /api/v1/indicators/targets': { pass: ['coordinator', 'admin'], body: (f) => ({ territory: `dep:${f.departement}`, indicatorId: 'liberal_share', target: 50 }) },
  'GET /api/v1/courses/:id/completion-rule': signedIn,
  'PUT /api/v1/courses/:id/completion-rule': only(...courseEditors),
  'PUT /api/v1/sessions/:id': only(...courseEditors),
  'DELETE /api/v1/sessions/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/sessions/${f.spare.sessionId}` },
  'PUT /api/v1/courses/:id/modules/order': only(...courseEditors),
  'PUT /api/v1/modules/:id': only(...courseEditors),
  'DELETE /api/v1/modules/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/modules/${f.spare.moduleId}` },
  'PUT /api/v1/modules/:id/lessons/order': only(...courseEditors),
  'PUT /api/v1/lessons/:id': only(...courseEditors),
  'DELETE /api/v1/lessons/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/lessons/${f.spare.lessonId}` },

  // Lesson content: enrolled learners read it (none of the personas is enrolled in the demo course), its editors write it
  'GET /api/v1/lessons/:id': only(...courseEditors),
  'POST /api/v1/lessons/:id/visit': only(...courseEditors),
  'POST /api/v1/blocks/:id/progress': only(...courseEditors),
  'GET /api/v1/courses/:id/progress': only(...courseEditors),
  // A video or document of a course is hidden (404) from whoever may not follow it.
  'GET /api/v1/media/:id': { pass: courseEditors, refused: 404 },
  'POST /api/v1/courses/:id/media': only(...courseEditors),
  'GET /api/v1/courses/:id/media': only(...courseEditors),
  'POST /api/v1/lessons/:id/blocks': only(...courseEditors),
  'PUT /api/v1/lessons/:id/blocks/order': only(...courseEditors),
  'PUT /api/v1/blocks/:id': only(...courseEditors),
  'DELETE /api/v1/blocks/:id': { pass: courseEditors, destroys: true, path: (f) => `/api/v1/blocks/${f.spare.blockId}` },

  // Quizzes: the question bank by the course's editors; attempts are their learner's own (404 to others)
  'GET /api/v1/courses/:id/questions': only(...courseEditors),
  'POST /api/v1/courses/:id/questions': only(...courseEditors),
  'PUT /api/v1/questions/:id': only(...courseEditors),
  // 409: the question is used by a quiz, so it is not deleted.
  'DELETE /api/v1/questions/:id': only(...courseEditors),
  'GET /api/v1/courses/:id/quizzes': signedIn,
  'POST /api/v1/courses/:id/quizzes': only(...courseEditors),
  'PUT /api/v1/quizzes/:id': only(...courseEditors),
  'GET /api/v1/quizzes/:id': signedIn,
  'GET /api/v1/quizzes/:id/results': only(...courseEditors),
  // Enrolled learners and the course's editors (trying it out); the others are not enrolled.
  'POST /api/v1/quizzes/:id/attempts': only(...courseEditors),
  'GET /api/v1/attempts/:id': { pass: courseEditors, refused: 404 },
  'PUT /api/v1/attempts/:id/answers/:questionId': { pass: [], refused: 404 },
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
  'POST /api/v1/forum/preview': signedIn,
  'GET /api/v1/forum/threads/:id': only(...forum),
  'POST /api/v1/forum/threads/:id/replies': { pass: forum, body: () => ({ body: 'Réponse de contrôle' }) },
  'PUT /api/v1/forum/threads/:id/moderation': { pass: forum, body: () => ({ locked: false }) },
  'PUT /api/v1/forum/threads/:id/follow': only(...forum),
  'DELETE /api/v1/forum/threads/:id/follow': only(...forum),
  'PUT /api/v1/forum/posts/:id': only(...forum),
  'DELETE /api/v1/forum/posts/:id': { pass: forum, destroys: true, path: (f) => `/api/v1/forum/posts/${f.spare.postId}` },
  // 409 for some: one does not like one's own message twice.
  'PUT /api/v1/forum/posts/:id/like': only(...forum),
  'DELETE /api/v1/forum/posts/:id/like': only(...forum),
  'PUT /api/v1/forum/posts/:id/hidden': { pass: forum, body: () => ({ hidden: false }) },
  'POST /api/v1/forum/posts/:id/reports': { pass: forum, body: () => ({ reason: 'Contrôle des accès' }) },
  'POST /api/v1/forum/reports/:id/resolution': { pass: forum, body: () => ({ outcome: 'dismissed' }), destroys: true },

  // Groups: seen in the course's community, formed and reviewed by its teachers (the demo group is in another course)
  'GET /api/v1/courses/:id/groups': only(...forum),
  'POST /api/v1/courses/:id/groups': only(...courseEditors),
  'POST /api/v1/courses/:id/groups/auto-mix': only(...courseEditors),
  'GET /api/v1/groups/:id': only('editor', 'admin'),
  'POST /api/v1/groups/:id/submissions': only('editor', 'admin'),
  'GET /api/v1/groups/:id/submissions/:submissionId/file': only('editor', 'admin'),
  'POST /api/v1/group-submissions/:id/reviews': { pass: ['editor', 'admin'], body: () => ({ status: 'a_revoir', comment: 'Contrôle des accès' }) },

  // Events: public programme; organised by editors, admins and coordinators of the event's department
  'GET /api/v1/events': everyone,
  'POST /api/v1/events': only('coordinator', 'editor', 'admin'),
  'GET /api/v1/events/organised': signedIn,
  'GET /api/v1/events/feed.ics': everyone,
  // The private calendar feed: the token is the key (an unknown one is 404).
  'GET /api/v1/events/feeds/:token/calendar.ics': everyone,
  'GET /api/v1/events/:id': everyone,
  'PUT /api/v1/events/:id': only('editor', 'admin'),
  'GET /api/v1/events/:id/calendar.ics': everyone,
  'POST /api/v1/occurrences/:id/registration': signedIn,
  'DELETE /api/v1/occurrences/:id/registration': signedIn,
  'GET /api/v1/occurrences/:id/registrants': only('editor', 'admin'),
  'PUT /api/v1/occurrences/:id/attendance': only('editor', 'admin'),
  'GET /api/v1/occurrences/:id/attendance.csv': only('editor', 'admin'),
  'GET /api/v1/me/events': signedIn,
  'GET /api/v1/me/events/feed': signedIn,
  'POST /api/v1/me/events/feed': signedIn,
  'DELETE /api/v1/me/events/feed': signedIn,

  // Surveys: run by coordinators, editors and admins; answered by anyone holding the public link
  'GET /api/v1/surveys': only(...surveyTeam),
  'POST /api/v1/surveys': only(...surveyTeam),
  'GET /api/v1/surveys/:id': only(...surveyTeam),
  'PUT /api/v1/surveys/:id/settings': only(...surveyTeam),
  'PUT /api/v1/surveys/:id/questionnaire': only(...surveyTeam),
  'GET /api/v1/surveys/:id/questionnaire': only(...surveyTeam),
  'GET /api/v1/surveys/:id/qr.svg': only(...surveyTeam),
  'POST /api/v1/surveys/:id/responses/import': only(...surveyTeam),
  'GET /api/v1/surveys/:id/responses.csv': only(...surveyTeam),
  'GET /api/v1/surveys/:id/responses.fhir.json': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report/csv': only(...surveyTeam),
  'POST /api/v1/surveys/:id/report/pdf': only(...surveyTeam),
  'PUT /api/v1/surveys/:id/responses/:responseId/themes/:linkId': only(...surveyTeam),
  'GET /api/v1/public/surveys/:token': everyone,
  'PUT /api/v1/public/surveys/:token/draft': everyone,
  'POST /api/v1/public/surveys/:token/submit': everyone,

  // Scales, evaluation sheet (nothing stored), emergency kit and billing memo: open to all; edited by editors and admins
  'GET /api/v1/scales': everyone,
  'GET /api/v1/scales/unconfirmed': everyone,
  'GET /api/v1/scales/definitions': everyone,
  'GET /api/v1/scales/:id': everyone,
  'GET /api/v1/scales/:id/versions': everyone,
  'POST /api/v1/scales/:id/score': everyone,
  'POST /api/v1/evaluations/sheet': everyone,
  'POST /api/v1/evaluations/sheet.pdf': everyone,
  'POST /api/v1/evaluations/sheet.fhir.json': everyone,
  'GET /fhir/R4/Questionnaire': everyone,
  'GET /fhir/R4/Questionnaire/:id': everyone,
  'GET /fhir/R4/Questionnaire/:id/_history/:vid': everyone,
  'PUT /fhir/R4/Questionnaire/:id': only('editor', 'admin'),
  'GET /api/v1/kit/documents': everyone,
  'GET /api/v1/kit/documents/:id': everyone,
  'GET /api/v1/kit/documents/:id/versions': everyone,
  'POST /api/v1/kit/documents': only('editor', 'admin'),
  'POST /api/v1/kit/documents/:id/versions': only('editor', 'admin'),
  'POST /api/v1/kit/documents/:id/fill': signedIn,
  'GET /api/v1/billing/codes': everyone,
  'GET /api/v1/billing/versions': everyone,
  'PUT /api/v1/billing/codes': only('editor', 'admin'),
  'POST /api/v1/billing/eligibility': everyone,

  // Patient files: only the patient's care circle, in person or through a structure of the circle. The demo
  // patient of the fixtures has no persona in its circle: all get the same 404 as for a patient that does
  // not exist, the administrator included (patient-data.int.test.ts checks each attempt is audited).
  // Teacher analytics and the end-of-course satisfaction survey
  'GET /api/v1/courses/:id/analytics': only(...courseEditors),
  'GET /api/v1/courses/:id/analytics/:table.csv': { pass: courseEditors, path: (f) => `/api/v1/courses/${f.courseId}/analytics/professions.csv` },
  'GET /api/v1/sessions/:id/satisfaction': signedIn,
  // Enrolled learners only, once the course ends; the personas are not enrolled (their bodies are refused first).
  'POST /api/v1/sessions/:id/satisfaction': signedIn,

  // Mini-RCP: meetings organised by the department's coordinators; cases by the patient's circle
  'GET /api/v1/rcp/series': signedIn,
  'POST /api/v1/rcp/series': {
    pass: ['coordinator'],
    body: (f) => ({ departement: f.departement, title: 'RCP de contrôle', weekday: 2, localTime: '20:00', durationMinutes: 30, maxCases: 4 }),
  },
  // Changing a series and recording who attended: the department's coordinators (the fixture series does not exist: 404 for them).
  'PUT /api/v1/rcp/series/:id': only('coordinator'),
  'PUT /api/v1/rcp/series/:id/attendance-sheet': only('coordinator'),
  // Who may own an action of a case: shown to the patient's circle and the organisers; others get the 404 of an unknown case.
  'GET /api/v1/rcp/cases/:id/owners': { pass: [], refused: 404 },
  'GET /api/v1/rcp/series/:id/agenda': signedIn,
  'POST /api/v1/rcp/series/:id/attendance': signedIn,
  'POST /api/v1/rcp/cases/:id/report': only('coordinator'),
  'GET /api/v1/me/rcp-actions': signedIn,
  // An action is its owner's: anyone else, as for an unknown action, gets 404.
  'POST /api/v1/rcp/actions/:id/done': { pass: [], refused: 404 },

  'GET /api/v1/patients': signedIn,
  'POST /api/v1/patients': signedIn,
  ...Object.fromEntries(Object.entries(PATIENT_BODIES).map(([key, body]) => [key, { pass: [], refused: 404, body: body ? () => body : undefined } satisfies RouteRule])),
  'GET /api/v1/me/requests': signedIn,
  'GET /api/v1/me/structures': signedIn,
  // A structure's inbox: its members and managers only, never an admin as such.
  'GET /api/v1/structures/:id/requests': only('member', 'manager'),
  'PUT /api/v1/structures/:id/request-settings': { pass: ['manager', 'admin'], body: () => ({ responseHours: 48 }) },
  // The request of the fixtures is about the patient whose circle holds the demo structure.
  'GET /api/v1/requests/:id': { pass: ['member', 'manager'], refused: 404 },
  'GET /api/v1/requests/:id/fhir': { pass: ['member', 'manager'], refused: 404 },
  'POST /api/v1/requests/:id/status': { pass: ['member', 'manager'], refused: 404, body: () => ({ action: 'receive' }) },
  'POST /api/v1/requests/:id/messages': { pass: ['member', 'manager'], refused: 404, body: () => ({ body: 'Message de contrôle' }) },
  'POST /api/v1/requests/:id/files': { pass: ['member', 'manager'], refused: 404 },
  'GET /api/v1/requests/:id/files/:fileId': { pass: ['member', 'manager'], refused: 404 },

  // Notifications: one's own (another person's is 404)
  'GET /api/v1/notifications': signedIn,
  'GET /api/v1/notifications/unread-count': signedIn,
  'POST /api/v1/notifications/:id/read': { pass: [], refused: 404 },
  'POST /api/v1/notifications/read-all': signedIn,
  'GET /api/v1/me/notification-preference': signedIn,
  'PUT /api/v1/me/notification-preference': { pass: 'signed-in', body: () => ({ emailMode: 'immediate' }) },
};

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

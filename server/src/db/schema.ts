/**
 * The one TypeScript description of the tables. The SQL migrations create them;
 * schema.int.test.ts checks that both agree column by column.
 */
import { bigint, boolean, customType, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const region = pgTable('region', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
});

export const departement = pgTable('departement', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
  region: text('region').notNull(),
});

export const commune = pgTable('commune', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
  nomSearch: text('nom_search').notNull(),
  codesPostaux: text('codes_postaux').array().notNull(),
  departement: text('departement').notNull(),
  region: text('region').notNull(),
  population: integer('population').notNull(),
  kind: text('kind').notNull(),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
});

export const communePostalCode = pgTable(
  'commune_postal_code',
  { codePostal: text('code_postal').notNull(), commune: text('commune').notNull() },
  (t) => [primaryKey({ columns: [t.codePostal, t.commune] })],
);

export const referenceDataset = pgTable('reference_dataset', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  source: text('source').notNull(),
  loadedAt: tz('loaded_at').notNull().defaultNow(),
});

export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  emailVerifiedAt: tz('email_verified_at'),
  passwordHash: text('password_hash'),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  profession: text('profession').notNull(),
  professionOther: text('profession_other'),
  practiceMode: text('practice_mode').notNull(),
  departement: text('departement'),
  rpps: text('rpps'),
  totpSecret: text('totp_secret'),
  totpEnabledAt: tz('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  disabledAt: tz('disabled_at'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: tz('locked_until'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  deletedAt: tz('deleted_at'),
});

export const userIdentity = pgTable(
  'user_identity',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] })],
);

export const roleGrant = pgTable('role_grant', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  role: text('role').notNull(),
  scope: text('scope'),
  grantedBy: uuid('granted_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const userSession = pgTable('user_session', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const userToken = pgTable('user_token', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  expiresAt: tz('expires_at').notNull(),
  usedAt: tz('used_at'),
});

export const oidcLoginState = pgTable('oidc_login_state', {
  state: text('state').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  returnTo: text('return_to'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const auditEvent = pgTable('audit_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: tz('at').notNull().defaultNow(),
  actorId: uuid('actor_id'),
  actorEmail: text('actor_email'),
  action: text('action').notNull(),
  objectType: text('object_type').notNull(),
  objectId: text('object_id'),
  ip: text('ip'),
  details: jsonb('details').$type<Record<string, unknown>>(),
});

export const structureType = pgTable('structure_type', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  source: text('source'),
  editorReview: boolean('editor_review').notNull().default(false),
  sort: integer('sort').notNull().default(0),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  editorReviewReason: text('editor_review_reason'),
});

export const structure = pgTable('structure', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  types: text('types').array().notNull(),
  parentId: uuid('parent_id'),
  finess: text('finess'),
  siret: text('siret'),
  rorId: text('ror_id'),
  addressLine: text('address_line'),
  postalCode: text('postal_code'),
  communeCode: text('commune_code'),
  departement: text('departement'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  timeZone: text('time_zone').notNull().default('Europe/Paris'),
  audience: text('audience').array().notNull(),
  contacts: jsonb('contacts').$type<unknown[]>().notNull(),
  openingHours: jsonb('opening_hours').$type<unknown>(),
  accessDelayDays: integer('access_delay_days'),
  accessDelayConfirmedAt: date('access_delay_confirmed_at', { mode: 'string' }),
  capacityBeds: integer('capacity_beds'),
  description: text('description'),
  status: text('status').notNull().default('published'),
  isDemo: boolean('is_demo').notNull().default(false),
  confirmedAt: tz('confirmed_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  search: tsvector('search'),
  nameSearch: text('name_search').notNull().default(''),
});

export const structureCoverage = pgTable('structure_coverage', {
  structureId: uuid('structure_id').notNull(),
  departement: text('departement'),
  communeCode: text('commune_code'),
});

export const structureVersion = pgTable(
  'structure_version',
  {
    structureId: uuid('structure_id').notNull(),
    version: integer('version').notNull(),
    changedAt: tz('changed_at').notNull().defaultNow(),
    changedBy: uuid('changed_by'),
    changedByEmail: text('changed_by_email'),
    changeKind: text('change_kind').notNull(),
    changedFields: text('changed_fields').array().notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.version] })],
);

export const structureReport = pgTable('structure_report', {
  id: uuid('id').primaryKey().defaultRandom(),
  structureId: uuid('structure_id').notNull(),
  reporterId: uuid('reporter_id'),
  reporterEmail: text('reporter_email'),
  field: text('field'),
  message: text('message').notNull(),
  status: text('status').notNull().default('ouvert'),
  answer: text('answer'),
  answeredBy: uuid('answered_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

// Se former (migration 0007_learning.sql)

export const course = pgTable('course', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull().default(''),
  description: text('description').notNull().default(''),
  dpcReference: text('dpc_reference'),
  estimatedHoursPerWeek: doublePrecision('estimated_hours_per_week').notNull().default(1),
  spocAccess: jsonb('spoc_access').$type<{ invitationCode?: string; professions?: string[]; emails?: string[] }>().notNull().default({}),
  status: text('status').notNull().default('draft'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const courseTeacher = pgTable('course_teacher', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  userId: uuid('user_id'),
  displayName: text('display_name').notNull(),
  profession: text('profession').notNull().default(''),
  structure: text('structure').notNull().default(''),
  position: integer('position').notNull().default(0),
});

export const courseSession = pgTable('course_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  title: text('title').notNull(),
  registrationOpensAt: tz('registration_opens_at').notNull(),
  registrationClosesAt: tz('registration_closes_at').notNull(),
  startsAt: tz('starts_at').notNull(),
  endsAt: tz('ends_at').notNull(),
  seatCap: integer('seat_cap'),
  releaseEveryDays: integer('release_every_days').notNull().default(7),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const courseModule = pgTable('course_module', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
});

export const moduleRelease = pgTable(
  'module_release',
  {
    sessionId: uuid('session_id').notNull(),
    moduleId: uuid('module_id').notNull(),
    opensAt: tz('opens_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.moduleId] })],
);

export const lesson = pgTable('lesson', {
  id: uuid('id').primaryKey().defaultRandom(),
  moduleId: uuid('module_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
});

export const enrolment = pgTable('enrolment', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id').notNull(),
  userId: uuid('user_id').notNull(),
  status: text('status').notNull(),
  waitingPosition: integer('waiting_position'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

// Webinaires et événements (migration 0011_events.sql)

export const event = pgTable('event', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  audience: text('audience').array().notNull().default([]),
  organiserName: text('organiser_name').notNull(),
  organiserEmail: text('organiser_email'),
  organiserPhone: text('organiser_phone'),
  departement: text('departement').notNull(),
  communeCode: text('commune_code'),
  address: text('address'),
  videoUrl: text('video_url'),
  seatCap: integer('seat_cap'),
  courseId: uuid('course_id'),
  status: text('status').notNull().default('draft'),
  recurrence: jsonb('recurrence').$type<Record<string, unknown>>(),
  source: text('source'),
  sequence: integer('sequence').notNull().default(0),
  createdBy: uuid('created_by'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const eventOccurrence = pgTable('event_occurrence', {
  id: uuid('id').primaryKey().defaultRandom(),
  eventId: uuid('event_id').notNull(),
  startsAt: tz('starts_at').notNull(),
  endsAt: tz('ends_at').notNull(),
});

export const eventRegistration = pgTable('event_registration', {
  id: uuid('id').primaryKey().defaultRandom(),
  occurrenceId: uuid('occurrence_id').notNull(),
  userId: uuid('user_id').notNull(),
  status: text('status').notNull(),
  waitingPosition: integer('waiting_position'),
  attendance: text('attendance'),
  attendanceMarkedAt: tz('attendance_marked_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const eventReminder = pgTable(
  'event_reminder',
  {
    registrationId: uuid('registration_id').notNull(),
    kind: text('kind').notNull(),
    sentAt: tz('sent_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.kind] })],
);

export const eventFeedToken = pgTable('event_feed_token', {
  userId: uuid('user_id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

// Quizzes and attestations (migration 0009_quizzes_attestations.sql)

export const quizQuestion = pgTable('quiz_question', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  kind: text('kind').notNull(),
  prompt: text('prompt').notNull(),
  explanation: text('explanation').notNull().default(''),
  tags: text('tags').array().notNull().default([]),
  source: text('source').notNull().default(''),
  spec: jsonb('spec').$type<import('@palliance/core').QuestionSpec>().notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const quiz = pgTable('quiz', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  kind: text('kind').notNull(),
  isFinal: boolean('is_final').notNull().default(false),
  selection: jsonb('selection').$type<{ mode: 'fixed'; questionIds: string[] } | { mode: 'draw'; count: number; tags: string[] }>().notNull(),
  maxAttempts: integer('max_attempts'),
  passMarkPercent: doublePrecision('pass_mark_percent').notNull().default(0),
  opensAt: tz('opens_at'),
  closesAt: tz('closes_at'),
  timeLimitMinutes: integer('time_limit_minutes'),
  reviewMode: text('review_mode').notNull().default('after_submit'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const quizAttempt = pgTable('quiz_attempt', {
  id: uuid('id').primaryKey().defaultRandom(),
  quizId: uuid('quiz_id').notNull(),
  userId: uuid('user_id').notNull(),
  sessionId: uuid('session_id'),
  number: integer('number').notNull(),
  questions: jsonb('questions').$type<{ id: string; prompt: string; explanation: string; spec: import('@palliance/core').QuestionSpec }[]>().notNull(),
  startedAt: tz('started_at').notNull().defaultNow(),
  deadlineAt: tz('deadline_at'),
  submittedAt: tz('submitted_at'),
  scorePercent: doublePrecision('score_percent'),
  passed: boolean('passed'),
});

export const quizAnswer = pgTable(
  'quiz_answer',
  {
    attemptId: uuid('attempt_id').notNull(),
    questionId: uuid('question_id').notNull(),
    response: jsonb('response').$type<import('@palliance/core').QuizResponse>().notNull(),
    points: doublePrecision('points').notNull(),
    correct: boolean('correct').notNull(),
    answeredAt: tz('answered_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const attestation = pgTable('attestation', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  userId: uuid('user_id').notNull(),
  courseId: uuid('course_id').notNull(),
  sessionId: uuid('session_id'),
  attemptId: uuid('attempt_id'),
  learnerName: text('learner_name').notNull(),
  profession: text('profession').notNull().default(''),
  courseTitle: text('course_title').notNull(),
  hours: doublePrecision('hours').notNull(),
  sessionStartsAt: tz('session_starts_at').notNull(),
  sessionEndsAt: tz('session_ends_at').notNull(),
  scorePercent: doublePrecision('score_percent').notNull(),
  dpcReference: text('dpc_reference'),
  issuedAt: tz('issued_at').notNull().defaultNow(),
  revokedAt: tz('revoked_at'),
  revokedBy: uuid('revoked_by'),
  revocationReason: text('revocation_reason'),
});

// Se former: lesson content and progress (migration 0008_lesson_content.sql)

export const mediaFile = pgTable('media_file', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  kind: text('kind').notNull(),
  mime: text('mime').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  originalName: text('original_name').notNull().default(''),
  storageKey: text('storage_key').notNull(),
  durationSeconds: doublePrecision('duration_seconds'),
  uploadedBy: uuid('uploaded_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const lessonBlock = pgTable('lesson_block', {
  id: uuid('id').primaryKey().defaultRandom(),
  lessonId: uuid('lesson_id').notNull(),
  position: integer('position').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull().default(''),
  body: text('body').notNull().default(''),
  html: text('html').notNull().default(''),
  mediaId: uuid('media_id'),
  subtitlesId: uuid('subtitles_id'),
  quizId: uuid('quiz_id'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const lessonVisit = pgTable(
  'lesson_visit',
  {
    userId: uuid('user_id').notNull(),
    lessonId: uuid('lesson_id').notNull(),
    courseId: uuid('course_id').notNull(),
    firstSeenAt: tz('first_seen_at').notNull().defaultNow(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId] })],
);

export const videoProgress = pgTable(
  'video_progress',
  {
    userId: uuid('user_id').notNull(),
    blockId: uuid('block_id').notNull(),
    lessonId: uuid('lesson_id').notNull(),
    courseId: uuid('course_id').notNull(),
    positionSeconds: doublePrecision('position_seconds').notNull().default(0),
    durationSeconds: doublePrecision('duration_seconds'),
    watched: jsonb('watched').$type<[number, number][]>().notNull().default([]),
    reportedAt: tz('reported_at').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.blockId] })],
);

export const courseCompletionRule = pgTable('course_completion_rule', {
  courseId: uuid('course_id').primaryKey(),
  requireLessonsSeen: boolean('require_lessons_seen').notNull().default(true),
  videoPercent: integer('video_percent').notNull().default(80),
  requireQuizzesPassed: boolean('require_quizzes_passed').notNull().default(true),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

// Se former, communauté (migration 0010): forum and multidisciplinary groups.
export const learningGroup = pgTable('learning_group', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  name: text('name').notNull(),
  assignment: text('assignment').notNull().default(''),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const learningGroupMember = pgTable(
  'learning_group_member',
  {
    groupId: uuid('group_id').notNull(),
    courseId: uuid('course_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);

export const forumThread = pgTable('forum_thread', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  moduleId: uuid('module_id'),
  groupId: uuid('group_id'),
  authorId: uuid('author_id').notNull(),
  title: text('title').notNull(),
  pinned: boolean('pinned').notNull().default(false),
  locked: boolean('locked').notNull().default(false),
  idempotencyKey: text('idempotency_key'),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastActivityAt: tz('last_activity_at').notNull().defaultNow(),
});

export const forumPost = pgTable('forum_post', {
  id: uuid('id').primaryKey().defaultRandom(),
  threadId: uuid('thread_id').notNull(),
  authorId: uuid('author_id').notNull(),
  isOpening: boolean('is_opening').notNull().default(false),
  bodySource: text('body_source').notNull(),
  bodyHtml: text('body_html').notNull(),
  idempotencyKey: text('idempotency_key'),
  createdAt: tz('created_at').notNull().defaultNow(),
  editedAt: tz('edited_at'),
  deletedAt: tz('deleted_at'),
  hiddenAt: tz('hidden_at'),
  hiddenBy: uuid('hidden_by'),
});

export const forumLike = pgTable(
  'forum_like',
  {
    postId: uuid('post_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

export const forumFollow = pgTable(
  'forum_follow',
  {
    threadId: uuid('thread_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] })],
);

export const forumMention = pgTable(
  'forum_mention',
  {
    postId: uuid('post_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);

export const forumReport = pgTable('forum_report', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull(),
  reporterId: uuid('reporter_id').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull().default('open'),
  outcome: text('outcome'),
  resolvedBy: uuid('resolved_by'),
  resolvedAt: tz('resolved_at'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const groupSubmission = pgTable('group_submission', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id').notNull(),
  version: integer('version').notNull(),
  authorId: uuid('author_id').notNull(),
  body: text('body').notNull().default(''),
  fileName: text('file_name'),
  fileType: text('file_type'),
  fileSize: integer('file_size'),
  filePath: text('file_path'),
  idempotencyKey: text('idempotency_key'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const groupReview = pgTable('group_review', {
  id: uuid('id').primaryKey().defaultRandom(),
  submissionId: uuid('submission_id').notNull(),
  reviewerId: uuid('reviewer_id').notNull(),
  status: text('status').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: tz('created_at').notNull().defaultNow(),
});

// Mesurer : questionnaires (migration 0014_surveys.sql)
export const survey = pgTable('survey', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  questionnaire: jsonb('questionnaire').$type<Record<string, unknown>>().notNull(),
  isTemplate: boolean('is_template').notNull().default(false),
  isDemo: boolean('is_demo').notNull().default(false),
  mode: text('mode').$type<'anonymous' | 'identified'>().notNull().default('anonymous'),
  opensAt: tz('opens_at'),
  closesAt: tz('closes_at'),
  publicToken: text('public_token').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const surveyImport = pgTable('survey_import', {
  id: uuid('id').primaryKey().defaultRandom(),
  surveyId: uuid('survey_id').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  rowCount: integer('row_count').notNull(),
  importedBy: uuid('imported_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const surveyResponse = pgTable('survey_response', {
  id: uuid('id').primaryKey().defaultRandom(),
  surveyId: uuid('survey_id').notNull(),
  status: text('status').$type<'draft' | 'submitted'>().notNull(),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
  // The answers in the report's compact form and the questionnaire layout it was written for (migration 0025).
  answersCompact: text('answers_compact'),
  compactLayout: text('compact_layout'),
  respondentId: uuid('respondent_id'),
  draftKey: text('draft_key'),
  importId: uuid('import_id'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  submittedAt: tz('submitted_at'),
});

export const surveyTextTheme = pgTable(
  'survey_text_theme',
  {
    responseId: uuid('response_id').notNull(),
    linkId: text('link_id').notNull(),
    themes: text('themes').array().notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.linkId] })],
);

// Mesurer : version of what a survey report reads, kept by triggers (migration 0024_survey_report_version.sql)
export const surveyReportVersion = pgTable('survey_report_version', {
  surveyId: uuid('survey_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

// Évaluer et agir (migration 0012_evaluation_resources.sql)

export const scaleVersion = pgTable(
  'scale_version',
  {
    scaleId: text('scale_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scaleId, t.version] })],
);

export const kitDocument = pgTable('kit_document', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  kind: text('kind').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const kitDocumentVersion = pgTable(
  'kit_document_version',
  {
    documentId: uuid('document_id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    placeholders: jsonb('placeholders').$type<{ key: string; label: string; type: 'text' | 'date' | 'number'; required: boolean }[]>().notNull(),
    authors: text('authors').array().notNull(),
    source: text('source').notNull(),
    reviewDate: date('review_date', { mode: 'string' }).notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.version] })],
);

export const billingMemoVersion = pgTable('billing_memo_version', {
  version: integer('version').primaryKey(),
  codes: jsonb('codes').$type<unknown[]>().notNull(),
  changeNote: text('change_note').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

// Coordonner (migration 0013): patient file, care circle, notes, notifications.
export const patient = pgTable('patient', {
  id: uuid('id').primaryKey().defaultRandom(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  sex: text('sex'),
  insMatricule: text('ins_matricule'),
  insOid: text('ins_oid'),
  placeOfLife: text('place_of_life').notNull(),
  addressLine: text('address_line'),
  communeCode: text('commune_code').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const patientConsent = pgTable('patient_consent', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  purpose: text('purpose').notNull(),
  decision: text('decision').notNull(),
  givenBy: text('given_by').notNull(),
  givenOn: date('given_on', { mode: 'string' }),
  note: text('note').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedAt: tz('recorded_at').notNull().defaultNow(),
});

export const careCircleMember = pgTable('care_circle_member', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  kind: text('kind').notNull(),
  circleRole: text('circle_role').notNull(),
  userId: uuid('user_id'),
  structureId: uuid('structure_id'),
  displayName: text('display_name').notNull().default(''),
  relationship: text('relationship').notNull().default(''),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  joinedThrough: text('joined_through').notNull().default('added'),
  addedBy: uuid('added_by'),
  addedAt: tz('added_at').notNull().defaultNow(),
  removedAt: tz('removed_at'),
});

export const patientEntry = pgTable('patient_entry', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  kind: text('kind').notNull(),
  body: text('body').notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  structureId: uuid('structure_id'),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const notification = pgTable('notification', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
  readAt: tz('read_at'),
  emailedAt: tz('emailed_at'),
});

export const notificationPreference = pgTable('notification_preference', {
  userId: uuid('user_id').primaryKey(),
  emailMode: text('email_mode').notNull().default('immediate'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const coordinationStructureSetting = pgTable('coordination_structure_setting', {
  structureId: uuid('structure_id').primaryKey(),
  responseHours: integer('response_hours').notNull().default(48),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

export const supportRequest = pgTable('support_request', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  structureId: uuid('structure_id').notNull(),
  requesterId: uuid('requester_id'),
  structureName: text('structure_name').notNull(),
  requesterName: text('requester_name').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  reason: text('reason').notNull(),
  urgency: text('urgency').notNull(),
  body: text('body').notNull().default(''),
  evaluations: jsonb('evaluations').$type<unknown[]>().notNull().default([]),
  status: text('status').notNull().default('sent'),
  declineReason: text('decline_reason'),
  outcomeSummary: text('outcome_summary'),
  patientCommuneCode: text('patient_commune_code').notNull(),
  patientDepartement: text('patient_departement').notNull(),
  responseHours: integer('response_hours').notNull(),
  sentAt: tz('sent_at').notNull(),
  dueAt: tz('due_at').notNull(),
  reminderAt: tz('reminder_at').notNull(),
  receivedAt: tz('received_at'),
  firstResponseAt: tz('first_response_at'),
  decidedAt: tz('decided_at'),
  startedAt: tz('started_at'),
  closedAt: tz('closed_at'),
  reminderSentAt: tz('reminder_sent_at'),
  escalatedAt: tz('escalated_at'),
  updatedAt: tz('updated_at').notNull(),
});

export const supportRequestTransition = pgTable('support_request_transition', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  requestId: uuid('request_id').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorId: uuid('actor_id'),
  note: text('note').notNull().default(''),
  at: tz('at').notNull(),
});

export const supportRequestMessage = pgTable('support_request_message', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  fromStructure: boolean('from_structure').notNull(),
  body: text('body').notNull(),
  createdAt: tz('created_at').notNull(),
});

export const supportRequestFile = pgTable('support_request_file', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: tz('uploaded_at').notNull(),
});

// Se former: end-of-course satisfaction survey (migration 0021_course_satisfaction.sql)

export const courseSatisfaction = pgTable('course_satisfaction', {
  id: uuid('id').primaryKey().defaultRandom(),
  sessionId: uuid('session_id').notNull(),
  userId: uuid('user_id').notNull(),
  rating: integer('rating'),
  useful: boolean('useful'),
  wouldRecommend: boolean('would_recommend'),
  comment: text('comment').notNull().default(''),
  createdAt: tz('created_at').notNull().defaultNow(),
});

export const indicatorTarget = pgTable(
  'indicator_target',
  {
    territory: text('territory').notNull(),
    indicatorId: text('indicator_id').notNull(),
    target: doublePrecision('target').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.territory, t.indicatorId] })],
);

// Coordonner, second half (migration 0016): saved evaluations, places of care, dormant HAD file, mini-RCP.
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const savedEvaluation = pgTable('saved_evaluation', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  evaluatorId: uuid('evaluator_id'),
  evaluatorName: text('evaluator_name').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  evaluatedAt: tz('evaluated_at').notNull(),
  pps: integer('pps'),
  parts: jsonb('parts').$type<unknown[]>().notNull(),
  mciJustification: text('mci_justification'),
  createdAt: tz('created_at').notNull(),
});

export const carePlaceStay = pgTable('care_place_stay', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  kind: text('kind').notNull(),
  label: text('label').notNull().default(''),
  structureId: uuid('structure_id'),
  startedOn: date('started_on', { mode: 'string' }).notNull(),
  endedOn: date('ended_on', { mode: 'string' }),
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull(),
});

export const dormantFile = pgTable('dormant_file', {
  id: uuid('id').primaryKey().defaultRandom(),
  patientId: uuid('patient_id').notNull(),
  structureId: uuid('structure_id').notNull(),
  structureName: text('structure_name').notNull(),
  status: text('status').notNull().default('dormant'),
  urgencySheet: jsonb('urgency_sheet').$type<Record<string, unknown>>().notNull().default({}),
  contacts: jsonb('contacts').$type<unknown[]>().notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull(),
  activatedAt: tz('activated_at'),
  activatedBy: uuid('activated_by'),
  activatedByName: text('activated_by_name'),
  closedAt: tz('closed_at'),
  updatedAt: tz('updated_at').notNull(),
});

export const dormantFileDocument = pgTable('dormant_file_document', {
  id: uuid('id').primaryKey().defaultRandom(),
  dormantFileId: uuid('dormant_file_id').notNull(),
  kitDocumentId: text('kit_document_id').notNull(),
  kitVersion: integer('kit_version').notNull(),
  title: text('title').notNull(),
  pdf: bytea('pdf').notNull(),
  sha256: text('sha256').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull(),
});

export const dormantFileEvent = pgTable('dormant_file_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  dormantFileId: uuid('dormant_file_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  kind: text('kind').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  at: tz('at').notNull(),
});

export const rcpSeries = pgTable('rcp_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  departement: text('departement').notNull(),
  title: text('title').notNull(),
  weekday: integer('weekday').notNull(),
  localTime: text('local_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  videoLink: text('video_link').notNull().default(''),
  maxCases: integer('max_cases').notNull(),
  criteria: jsonb('criteria').$type<unknown[]>().notNull().default([]),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull(),
});

export const rcpCase = pgTable('rcp_case', {
  id: uuid('id').primaryKey().defaultRandom(),
  seriesId: uuid('series_id').notNull(),
  meetingAt: tz('meeting_at').notNull(),
  patientId: uuid('patient_id').notNull(),
  submittedBy: uuid('submitted_by'),
  submitterName: text('submitter_name').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  question: text('question').notNull(),
  criteriaChecked: jsonb('criteria_checked').$type<string[]>().notNull().default([]),
  status: text('status').notNull().default('scheduled'),
  report: jsonb('report').$type<Record<string, unknown>>(),
  discussedAt: tz('discussed_at'),
  createdAt: tz('created_at').notNull(),
});

export const rcpAttendance = pgTable(
  'rcp_attendance',
  {
    seriesId: uuid('series_id').notNull(),
    meetingAt: tz('meeting_at').notNull(),
    userId: uuid('user_id').notNull(),
    registeredAt: tz('registered_at').notNull(),
    /** False for a case submitter who took part without registering (added by the attendance sheet). */
    registered: boolean('registered').notNull().default(true),
    /** Null until the attendance sheet of the meeting is recorded; then whether the person took part. */
    attended: boolean('attended'),
    attendanceRecordedAt: tz('attendance_recorded_at'),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.meetingAt, t.userId] })],
);

export const rcpAction = pgTable('rcp_action', {
  id: uuid('id').primaryKey().defaultRandom(),
  caseId: uuid('case_id').notNull(),
  patientId: uuid('patient_id').notNull(),
  label: text('label').notNull(),
  ownerId: uuid('owner_id').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  doneAt: tz('done_at'),
  createdAt: tz('created_at').notNull(),
});

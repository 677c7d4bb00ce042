import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-types';
import type { Db, DbHandle } from '../db/client';
import { withdraw } from '../events/register';
import type { Actor, RequestContext } from '../http/actor';

/**
 * What the platform keeps about one person, domain by domain: what "download my data" returns and
 * what deleting the account erases or pseudonymises. A domain that stores personal data adds its
 * source here; a test checks that every table pointing at app_user is covered by one.
 */
export interface PersonalDataSource {
  /** Key in the exported JSON. */
  key: string;
  /** Tables whose user columns this source covers (checked against the database's foreign keys). */
  tables: string[];
  export(handle: DbHandle, userId: string): Promise<unknown>;
  /**
   * Steps that go through a use case of their own (with its mails, e.g. the next person of a waiting
   * list told of the freed seat), run just before the deletion transaction while the account still exists.
   */
  before?(deps: AppDeps, actor: Actor, ctx: RequestContext): Promise<void>;
  /** Inside the deletion transaction. Absent: the rows stay, attached to the pseudonymised account. */
  erase?(tx: Db, userId: string): Promise<void>;
}

const rows = (handle: DbHandle, text: string) => (userId: string) => handle.query(text, [userId]);

export const personalDataSources: PersonalDataSource[] = [
  {
    key: 'compte',
    tables: ['app_user'],
    export: async (h, id) =>
      (
        await rows(
          h,
          `SELECT email, email_verified_at, first_name, last_name, profession, profession_other, practice_mode, departement, rpps,
                  totp_enabled_at IS NOT NULL AS double_authentification, created_at, updated_at
             FROM app_user WHERE id = $1`,
        )(id)
      )[0] ?? null,
  },
  {
    key: 'identitesExternes',
    tables: ['user_identity'],
    export: (h, id) => rows(h, 'SELECT provider, created_at FROM user_identity WHERE user_id = $1')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM user_identity WHERE user_id = ${id}`);
    },
  },
  {
    key: 'roles',
    tables: ['role_grant'],
    export: (h, id) => rows(h, 'SELECT role, scope, created_at FROM role_grant WHERE user_id = $1 ORDER BY created_at')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM role_grant WHERE user_id = ${id}`);
      await tx.execute(sql`UPDATE role_grant SET granted_by = NULL WHERE granted_by = ${id}`);
    },
  },
  {
    key: 'sessions',
    tables: ['user_session', 'user_token'],
    export: (h, id) => rows(h, 'SELECT created_at, last_seen_at, expires_at, ip, user_agent FROM user_session WHERE user_id = $1 ORDER BY created_at')(id),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM user_session WHERE user_id = ${id}`);
      await tx.execute(sql`DELETE FROM user_token WHERE user_id = ${id}`);
    },
  },
  {
    key: 'signalementsAnnuaire',
    tables: ['structure_report'],
    export: (h, id) => rows(h, 'SELECT * FROM structure_report WHERE reporter_id = $1 OR answered_by = $1 ORDER BY created_at')(id),
    // The report stays for the entry's managers; the address it was sent from goes.
    erase: async (tx, id) => {
      await tx.execute(sql`UPDATE structure_report SET reporter_email = NULL WHERE reporter_id = ${id}`);
    },
  },
  {
    key: 'equipesPedagogiques',
    tables: ['course_teacher'],
    export: (h, id) => rows(h, 'SELECT course_id, display_name, profession, structure FROM course_teacher WHERE user_id = $1')(id),
  },
  {
    key: 'inscriptionsFormations',
    tables: ['enrolment'],
    export: (h, id) => rows(h, 'SELECT * FROM enrolment WHERE user_id = $1 ORDER BY created_at')(id),
    // Completed enrolments stay (course statistics); a place in a waiting list is given up.
    erase: async (tx, id) => {
      await tx.execute(sql`UPDATE enrolment SET status = 'withdrawn', waiting_position = NULL, updated_at = now() WHERE user_id = ${id} AND status = 'waiting'`);
    },
  },
  {
    key: 'apprentissage',
    tables: ['lesson_visit', 'video_progress', 'media_file'],
    export: async (h, id) => ({
      leconsOuvertes: await rows(h, 'SELECT course_id, lesson_id, first_seen_at, last_seen_at FROM lesson_visit WHERE user_id = $1 ORDER BY first_seen_at')(id),
      videos: await rows(h, 'SELECT course_id, lesson_id, block_id, position_seconds, duration_seconds, watched, updated_at FROM video_progress WHERE user_id = $1 ORDER BY updated_at')(id),
      fichiersDeposes: await rows(h, 'SELECT course_id, kind, original_name, size_bytes, created_at FROM media_file WHERE uploaded_by = $1 ORDER BY created_at')(id),
    }),
    // Where the person stopped is theirs alone; the course's figures come from enrolments and attempts.
    // Files they put in a course are course content and stay.
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM lesson_visit WHERE user_id = ${id}`);
      await tx.execute(sql`DELETE FROM video_progress WHERE user_id = ${id}`);
    },
  },
  {
    key: 'quizEtAttestations',
    tables: ['quiz_attempt', 'attestation'],
    export: async (h, id) => ({
      tentatives: await rows(
        h,
        `SELECT a.id, q.title AS quiz, a.number, a.started_at, a.submitted_at, a.score_percent, a.passed,
                (SELECT coalesce(json_agg(json_build_object('question', x.question_id, 'reponse', x.response, 'points', x.points, 'juste', x.correct, 'le', x.answered_at) ORDER BY x.answered_at), '[]')
                   FROM quiz_answer x WHERE x.attempt_id = a.id) AS reponses
           FROM quiz_attempt a JOIN quiz q ON q.id = a.quiz_id WHERE a.user_id = $1 ORDER BY a.started_at`,
      )(id),
      attestations: await rows(h, 'SELECT code, course_title, learner_name, hours, score_percent, issued_at, revoked_at, revocation_reason FROM attestation WHERE user_id = $1 ORDER BY issued_at')(id),
      attestationsRevoquees: await rows(h, 'SELECT code, course_title, revoked_at, revocation_reason FROM attestation WHERE revoked_by = $1 ORDER BY revoked_at')(id),
    }),
    // Attempts stay (the course's results, under the pseudonym). An attestation stays too: it is a proof
    // of training others may check with its code (employer, DPC), which the person may still need.
  },
  {
    key: 'forum',
    tables: ['forum_thread', 'forum_post', 'forum_like', 'forum_follow', 'forum_mention', 'forum_report'],
    export: async (h, id) => ({
      discussionsOuvertes: await rows(h, 'SELECT id, course_id, title, created_at FROM forum_thread WHERE author_id = $1 ORDER BY created_at')(id),
      messages: await rows(h, 'SELECT id, thread_id, body_source AS texte, created_at, edited_at, deleted_at FROM forum_post WHERE author_id = $1 ORDER BY created_at')(id),
      jAime: await rows(h, 'SELECT post_id, created_at FROM forum_like WHERE user_id = $1 ORDER BY created_at')(id),
      discussionsSuivies: await rows(h, 'SELECT thread_id FROM forum_follow WHERE user_id = $1')(id),
      mentions: await rows(h, 'SELECT post_id FROM forum_mention WHERE user_id = $1')(id),
      signalements: await rows(h, 'SELECT post_id, reason, status, outcome, created_at FROM forum_report WHERE reporter_id = $1 ORDER BY created_at')(id),
      moderation: await rows(h, 'SELECT id AS post_id, hidden_at FROM forum_post WHERE hidden_by = $1 ORDER BY hidden_at')(id),
    }),
    // Threads, messages, likes and reports stay under the pseudonym (the forum shows authors from
    // app_user, so they read "Ancien membre ..."); following and mentions only served to send mail.
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM forum_follow WHERE user_id = ${id}`);
      await tx.execute(sql`DELETE FROM forum_mention WHERE user_id = ${id}`);
    },
  },
  {
    key: 'groupesDeTravail',
    tables: ['learning_group_member', 'group_submission', 'group_review'],
    export: async (h, id) => ({
      groupes: await rows(h, 'SELECT m.group_id, g.name, m.course_id FROM learning_group_member m JOIN learning_group g ON g.id = m.group_id WHERE m.user_id = $1')(id),
      travauxRendus: await rows(h, 'SELECT group_id, version, body AS texte, file_name, created_at FROM group_submission WHERE author_id = $1 ORDER BY created_at')(id),
      relectures: await rows(h, 'SELECT submission_id, status, comment, created_at FROM group_review WHERE reviewer_id = $1 ORDER BY created_at')(id),
    }),
    // The group's work is the group's: submissions and reviews stay under the pseudonym.
  },
  {
    key: 'evenements',
    tables: ['event_registration', 'event_feed_token', 'event'],
    export: async (h, id) => ({
      inscriptions: await rows(
        h,
        `SELECT e.title, o.starts_at, r.status, r.waiting_position, r.attendance, r.created_at
           FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id JOIN event e ON e.id = o.event_id
          WHERE r.user_id = $1 ORDER BY o.starts_at`,
      )(id),
      // The feed's address is a secret: only the fact that one exists.
      fluxAgendaPersonnel: await rows(h, 'SELECT created_at FROM event_feed_token WHERE user_id = $1')(id),
      evenementsCrees: await rows(h, 'SELECT id, title, created_at FROM event WHERE created_by = $1 ORDER BY created_at')(id),
    }),
    // Seats and waiting-list places of dates to come are given up through the usual withdrawal, so
    // that the next person waiting is promoted and told by e-mail; attendance of past dates stays.
    before: async (deps, actor, ctx) => {
      const upcoming = (await deps.handle.query(
        `SELECT r.occurrence_id FROM event_registration r JOIN event_occurrence o ON o.id = r.occurrence_id
          WHERE r.user_id = $1 AND r.status IN ('enrolled', 'waiting') AND o.starts_at > $2`,
        [actor.id, deps.now().toISOString()],
      )) as { occurrence_id: string }[];
      for (const r of upcoming) await withdraw(deps, actor, r.occurrence_id, ctx);
    },
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM event_feed_token WHERE user_id = ${id}`);
    },
  },
  {
    key: 'notifications',
    tables: ['notification', 'notification_preference'],
    export: async (h, id) => ({
      notifications: await rows(h, 'SELECT kind, title, body, link, created_at, read_at FROM notification WHERE user_id = $1 ORDER BY created_at')(id),
      preference: (await rows(h, 'SELECT email_mode, updated_at FROM notification_preference WHERE user_id = $1')(id))[0] ?? null,
    }),
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM notification WHERE user_id = ${id}`);
      await tx.execute(sql`DELETE FROM notification_preference WHERE user_id = ${id}`);
    },
  },
  {
    key: 'coordinationPatients',
    tables: [
      'patient',
      'patient_consent',
      'care_circle_member',
      'patient_entry',
      'support_request',
      'support_request_message',
      'support_request_file',
      'support_request_transition',
      'coordination_structure_setting',
    ],
    // What the person did, not the patients' health data: the contents are the patient's record, read
    // in the patient file by the members of its circle only. An export would hand them to someone who
    // may since have left the circle, outside its audited access.
    export: async (h, id) => ({
      cerclesDeSoins: await rows(h, 'SELECT patient_id, circle_role, joined_through, added_at, removed_at FROM care_circle_member WHERE user_id = $1 ORDER BY added_at')(id),
      dossiersOuverts: await rows(h, 'SELECT id AS patient_id, created_at FROM patient WHERE created_by = $1 ORDER BY created_at')(id),
      consentementsEnregistres: await rows(h, 'SELECT patient_id, purpose, decision, recorded_at FROM patient_consent WHERE recorded_by = $1 ORDER BY recorded_at')(id),
      notesEcrites: await rows(h, 'SELECT id, patient_id, kind, created_at FROM patient_entry WHERE author_id = $1 ORDER BY created_at')(id),
      demandesAppui: await rows(h, 'SELECT id, patient_id, structure_name, reason, urgency, status, sent_at FROM support_request WHERE requester_id = $1 ORDER BY sent_at')(id),
      messagesDemandes: await rows(h, 'SELECT id, request_id, created_at FROM support_request_message WHERE author_id = $1 ORDER BY created_at')(id),
      fichiersJoints: await rows(h, 'SELECT id, request_id, file_name, uploaded_at FROM support_request_file WHERE uploaded_by = $1 ORDER BY uploaded_at')(id),
      actionsSurDemandes: await rows(h, 'SELECT request_id, from_status, to_status, at FROM support_request_transition WHERE actor_id = $1 ORDER BY at')(id),
      reglagesStructures: await rows(h, 'SELECT structure_id, response_hours, updated_at FROM coordination_structure_setting WHERE updated_by = $1')(id),
    }),
    // Notes, consents, requests and their messages stay as written, with the author's name of the time:
    // they belong to the patient's record, whose care team must still know who wrote and decided what.
    // The person leaves every circle (kept as a removed member, so the file's history stays whole).
    erase: async (tx, id) => {
      await tx.execute(sql`UPDATE care_circle_member SET removed_at = now() WHERE user_id = ${id} AND removed_at IS NULL`);
    },
  },
  {
    key: 'suiviPatients',
    tables: [
      'saved_evaluation',
      'care_place_stay',
      'dormant_file',
      'dormant_file_document',
      'dormant_file_event',
      'rcp_series',
      'rcp_case',
      'rcp_attendance',
      'rcp_action',
    ],
    // As for the notes above: what the person did, not the patients' records themselves.
    export: async (h, id) => ({
      evaluationsEnregistrees: await rows(h, 'SELECT id, patient_id, evaluated_at FROM saved_evaluation WHERE evaluator_id = $1 ORDER BY evaluated_at')(id),
      lieuxDeSoinsSaisis: await rows(h, 'SELECT id, patient_id, created_at FROM care_place_stay WHERE created_by = $1 ORDER BY created_at')(id),
      dossiersDormants: await rows(
        h,
        'SELECT id, patient_id, created_at, activated_at FROM dormant_file WHERE created_by = $1 OR activated_by = $1 ORDER BY created_at',
      )(id),
      documentsDossiersDormants: await rows(h, 'SELECT id, dormant_file_id, created_at FROM dormant_file_document WHERE created_by = $1 ORDER BY created_at')(id),
      evenementsDossiersDormants: await rows(h, 'SELECT dormant_file_id, at FROM dormant_file_event WHERE actor_id = $1 ORDER BY at')(id),
      reunionsRcpOrganisees: await rows(h, 'SELECT id, title, departement, created_at FROM rcp_series WHERE created_by = $1 ORDER BY created_at')(id),
      casRcpPresentes: await rows(h, 'SELECT id, patient_id, meeting_at, created_at FROM rcp_case WHERE submitted_by = $1 ORDER BY created_at')(id),
      presencesRcp: await rows(h, 'SELECT series_id, meeting_at, registered, registered_at, attended FROM rcp_attendance WHERE user_id = $1 ORDER BY meeting_at')(id),
      actionsRcp: await rows(h, 'SELECT id, label, due_on, done_at FROM rcp_action WHERE owner_id = $1 ORDER BY due_on')(id),
    }),
    // Registrations to meetings still to come are withdrawn; the rest belongs to the patients' records.
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM rcp_attendance WHERE user_id = ${id} AND meeting_at > now()`);
    },
  },
  {
    key: 'satisfactionFormations',
    tables: ['course_satisfaction'],
    // Kept for the course's statistics, attached to the pseudonymised account.
    export: (h, id) => rows(h, 'SELECT session_id, rating, useful, would_recommend, comment, created_at FROM course_satisfaction WHERE user_id = $1')(id),
  },
  {
    key: 'ciblesIndicateurs',
    tables: ['indicator_target'],
    export: (h, id) => rows(h, 'SELECT * FROM indicator_target WHERE updated_by = $1')(id),
  },
  {
    key: 'questionnaires',
    tables: ['survey_response', 'survey', 'survey_import'],
    export: async (h, id) => ({
      reponses: await rows(
        h,
        'SELECT s.title, r.status, r.answers, r.created_at, r.submitted_at FROM survey_response r JOIN survey s ON s.id = r.survey_id WHERE r.respondent_id = $1 ORDER BY r.created_at',
      )(id),
      questionnairesCrees: await rows(h, 'SELECT id, title, created_at FROM survey WHERE created_by = $1 ORDER BY created_at')(id),
      imports: await rows(h, 'SELECT survey_id, row_count, created_at FROM survey_import WHERE imported_by = $1 ORDER BY created_at')(id),
    }),
    // A draft goes; a submitted answer of an identified survey stays in the results, no longer tied to the person.
    erase: async (tx, id) => {
      await tx.execute(sql`DELETE FROM survey_response WHERE respondent_id = ${id} AND status = 'draft'`);
      await tx.execute(sql`UPDATE survey_response SET respondent_id = NULL WHERE respondent_id = ${id}`);
    },
  },
  {
    key: 'contenusDeReference',
    tables: ['scale_version', 'kit_document_version', 'billing_memo_version'],
    // Versions of shared reference content the person published; they stay (the content's history).
    export: async (h, id) => ({
      echelles: await rows(h, 'SELECT scale_id, version, created_at FROM scale_version WHERE created_by = $1 ORDER BY created_at')(id),
      documentsKit: await rows(h, 'SELECT document_id, version, title, created_at FROM kit_document_version WHERE created_by = $1 ORDER BY created_at')(id),
      memoFacturation: await rows(h, 'SELECT version, created_at FROM billing_memo_version WHERE created_by = $1 ORDER BY created_at')(id),
    }),
  },
  {
    key: 'journalDeMesActions',
    tables: [],
    export: (h, id) => rows(h, 'SELECT at, action, object_type, object_id, ip FROM audit_event WHERE actor_id = $1 ORDER BY at DESC LIMIT 10000')(id),
  },
];

// The writes the fault suites fire. Adding a domain = adding one object to WRITE_KINDS:
//   name         how it shows in results and in --kinds
//   prepare(ctx) the writes to fire (one per learner and target), each with its key: the natural
//                unique key of the row or the idempotency key sent with it
//   count(ctx, writes) how many times each key is stored in the database (0 = lost, 2+ = twice)
//   invariants?(ctx)   other things that must hold afterwards (seat caps, one audit event per row…)
// A write is acknowledged when it got a 2xx; sending the same write again must answer 2xx and
// leave the count at 1.
import { api, canonical, pool } from '../lib/stress.mjs';

/** @typedef {import('../lib/stress.mjs').Learner} Learner */
/**
 * @typedef {object} Write
 * @property {string} key          unique among the writes of its kind
 * @property {Learner} learner
 * @property {string} method
 * @property {string} path
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]  e.g. { 'idempotency-key': key } where the route takes one
 */
/**
 * @typedef {object} KindContext
 * @property {string} baseUrl
 * @property {(text: string, params?: unknown[]) => Promise<any[]>} sql
 * @property {Learner[]} learners
 */
/**
 * @typedef {object} WriteKind
 * @property {string} name
 * @property {string} description
 * @property {(ctx: KindContext) => Promise<Write[]>} prepare
 * @property {(ctx: KindContext, writes: Write[]) => Promise<Map<string, number>>} count
 * @property {(ctx: KindContext, writes: Write[]) => Promise<string[]>} [invariants]
 */

/** @param {string} what @param {import('../lib/stress.mjs').ApiAnswer} res */
function expectOk(what, res) {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what} : HTTP ${res.status} ${res.error ?? JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/**
 * Rows stored per key, and one audit event per row (the audit is written in the same transaction:
 * a row without its event, or with two, means a half-done or doubled write).
 * @param {KindContext} ctx @param {Write[]} writes @param {string} table @param {string} targetColumn @param {string[]} actions
 */
async function countRegistrations(ctx, writes, table, targetColumn, actions) {
  const keys = writes.map((w) => w.key);
  const rows = await ctx.sql(
    `SELECT r.${targetColumn} || ':' || r.user_id AS key, count(DISTINCT r.id)::int AS rows,
            count(a.id)::int AS audits
     FROM ${table} r LEFT JOIN audit_event a ON a.object_id = r.id::text AND a.action = ANY($2)
     WHERE r.${targetColumn} || ':' || r.user_id = ANY($1)
     GROUP BY 1`,
    [keys, actions],
  );
  /** @type {Map<string, number>} */
  const counts = new Map(keys.map((k) => [k, 0]));
  // A row without its audit event counts as absent (half written), a second event as twice.
  for (const r of rows) counts.set(r.key, r.rows === 0 ? 0 : r.audits);
  return counts;
}

/** Seats: never more enrolled than the cap, waiting tickets all different. @param {KindContext} ctx @param {string} table @param {string} targetColumn @param {string} capSql */
async function seatInvariants(ctx, table, targetColumn, capSql) {
  const over = await ctx.sql(
    `SELECT t.id, t.cap, count(*) FILTER (WHERE r.status = 'enrolled')::int AS enrolled,
            count(r.waiting_position)::int AS waiting, count(DISTINCT r.waiting_position)::int AS tickets
     FROM (${capSql}) t JOIN ${table} r ON r.${targetColumn} = t.id GROUP BY t.id, t.cap`,
  );
  /** @type {string[]} */
  const problems = [];
  for (const o of over) {
    if (o.cap !== null && o.enrolled > o.cap) problems.push(`${table} ${o.id} : ${o.enrolled} inscrits pour ${o.cap} places`);
    if (o.tickets !== o.waiting) problems.push(`${table} ${o.id} : deux personnes ont le même rang en liste d'attente`);
  }
  return problems;
}

/**
 * A learner enrolled in the running demo MOOC session answers every question of a self-assessment
 * quiz: PUT /api/v1/attempts/:id/answers/:questionId, keyed by attempt + question (the primary key
 * of quiz_answer). Enrolment and attempt start are prepared through the API before the burst.
 * @type {WriteKind}
 */
export const quizAnswers = {
  name: 'quiz-answer',
  description: 'réponse à une question de quiz (clé naturelle tentative + question)',
  async prepare(ctx) {
    const [target] = await ctx.sql(
      `SELECT q.id AS quiz_id, s.id AS session_id
       FROM quiz q JOIN course c ON c.id = q.course_id AND c.kind = 'mooc' AND c.status = 'published'
       JOIN course_session s ON s.course_id = c.id AND now() BETWEEN s.registration_opens_at AND s.registration_closes_at
       WHERE q.kind = 'self_assessment' AND q.max_attempts IS NULL AND (q.opens_at IS NULL OR q.opens_at <= now())
       ORDER BY q.created_at LIMIT 1`,
    );
    if (!target) throw new Error('quiz-answer : aucun quiz ouvert dans une session ouverte (données de démonstration ?)');
    /** @type {Write[]} */
    const writes = [];
    await pool(ctx.learners.length, 16, async (i) => {
      const l = ctx.learners[i];
      expectOk('inscription préalable au quiz', await api(ctx.baseUrl, l.cookie, 'POST', `/api/v1/sessions/${target.session_id}/enrolment`, {}));
      const attempt = expectOk('début de tentative', await api(ctx.baseUrl, l.cookie, 'POST', `/api/v1/quizzes/${target.quiz_id}/attempts`));
      for (const [j, q] of attempt.questions.entries()) {
        writes.push({ key: `${attempt.id}:${q.id}`, learner: l, method: 'PUT', path: `/api/v1/attempts/${attempt.id}/answers/${q.id}`, body: { response: responseFor(q, i + j) } });
      }
    });
    return writes;
  },
  async count(ctx, writes) {
    const rows = await ctx.sql(
      `SELECT attempt_id || ':' || question_id AS key, response FROM quiz_answer WHERE attempt_id || ':' || question_id = ANY($1)`,
      [writes.map((w) => w.key)],
    );
    const stored = new Map(rows.map((r) => [r.key, canonical(r.response)]));
    // The primary key makes "twice" impossible; what matters is that the row holds what was acknowledged.
    return new Map(writes.map((w) => [w.key, stored.get(w.key) === canonical(/** @type {{ response: unknown }} */ (w.body).response) ? 1 : 0]));
  },
};

/**
 * A valid answer of the right type for a question as the learner sees it.
 * @param {any} q a playQuestion
 * @param {number} n varies the answer between learners
 */
export function responseFor(q, n) {
  switch (q.kind) {
    case 'single':
      return { kind: 'single', choiceId: q.choices[n % q.choices.length].id };
    case 'multiple':
      return { kind: 'multiple', choiceIds: [q.choices[n % q.choices.length].id] };
    case 'true_false':
      return { kind: 'true_false', value: n % 2 === 0 };
    case 'numeric':
      return { kind: 'numeric', value: n };
    case 'matching':
      return { kind: 'matching', matches: Object.fromEntries(q.left.map((/** @type {{ id: string }} */ l, /** @type {number} */ k) => [l.id, q.right[(k + n) % q.right.length].id])) };
    case 'ordering':
      return { kind: 'ordering', order: q.items.map((/** @type {{ id: string }} */ x) => x.id) };
    default:
      return { kind: 'short', text: `réponse ${n}` };
  }
}

/**
 * Every learner registers to every upcoming published event date: POST /api/v1/occurrences/:id/registration,
 * keyed by occurrence + user (unique in event_registration). Seat caps put the late ones on the
 * waiting list, which the invariants check.
 * @type {WriteKind}
 */
export const eventRegistrations = {
  name: 'event-registration',
  description: "inscription à une date d'événement (clé naturelle date + personne)",
  async prepare(ctx) {
    const occ = await ctx.sql(
      `SELECT o.id FROM event_occurrence o JOIN event e ON e.id = o.event_id
       WHERE e.status = 'published' AND o.starts_at > now() + interval '1 hour' ORDER BY o.starts_at, o.id LIMIT 3`,
    );
    if (occ.length === 0) throw new Error('event-registration : aucune date à venir (données de démonstration ?)');
    return ctx.learners.flatMap((l) => occ.map((o) => ({ key: `${o.id}:${l.id}`, learner: l, method: 'POST', path: `/api/v1/occurrences/${o.id}/registration` })));
  },
  count: (ctx, writes) => countRegistrations(ctx, writes, 'event_registration', 'occurrence_id', ['event.registered', 'event.waitlisted']),
  invariants: (ctx) =>
    seatInvariants(ctx, 'event_registration', 'occurrence_id', 'SELECT o.id, e.seat_cap AS cap FROM event_occurrence o JOIN event e ON e.id = o.event_id'),
};

/**
 * Every learner enrols in the demo SPOC session (30 seats, invitation code): POST
 * /api/v1/sessions/:id/enrolment, keyed by session + user (unique in enrolment).
 * @type {WriteKind}
 */
export const enrolments = {
  name: 'enrolment',
  description: 'inscription à une session de cours à places limitées (clé naturelle session + personne)',
  async prepare(ctx) {
    const [s] = await ctx.sql(
      `SELECT s.id, c.spoc_access->>'invitationCode' AS code FROM course_session s JOIN course c ON c.id = s.course_id
       WHERE c.kind = 'spoc' AND c.status = 'published' AND now() BETWEEN s.registration_opens_at AND s.registration_closes_at
       ORDER BY s.created_at LIMIT 1`,
    );
    if (!s) throw new Error('enrolment : aucune session de SPOC ouverte (données de démonstration ?)');
    const body = s.code ? { invitationCode: s.code } : {};
    return ctx.learners.map((l) => ({ key: `${s.id}:${l.id}`, learner: l, method: 'POST', path: `/api/v1/sessions/${s.id}/enrolment`, body }));
  },
  count: (ctx, writes) => countRegistrations(ctx, writes, 'enrolment', 'session_id', ['session.enrolled', 'session.waitlisted']),
  invariants: (ctx) => seatInvariants(ctx, 'enrolment', 'session_id', 'SELECT id, seat_cap AS cap FROM course_session'),
};

/**
 * Rows stored per "author:idempotency key", and one audit event per row. The audit event of a row
 * is found by `auditJoin` (its object id, or the row id in its details).
 * @param {KindContext} ctx @param {Write[]} writes @param {string} table @param {string} authorColumn @param {string} action @param {string} auditJoin
 */
async function countByIdempotencyKey(ctx, writes, table, authorColumn, action, auditJoin) {
  const keys = writes.map((w) => w.key);
  const rows = await ctx.sql(
    `SELECT r.${authorColumn} || ':' || r.idempotency_key AS key, count(DISTINCT r.id)::int AS rows, count(a.id)::int AS audits
     FROM ${table} r LEFT JOIN audit_event a ON a.action = $2 AND ${auditJoin}
     WHERE r.${authorColumn} || ':' || r.idempotency_key = ANY($1)
     GROUP BY 1`,
    [keys, action],
  );
  /** @type {Map<string, number>} */
  const counts = new Map(keys.map((k) => [k, 0]));
  // Unique (author, key) makes two rows impossible; a row without its audit event counts as absent
  // (half written), a second event as twice.
  for (const r of rows) counts.set(r.key, r.rows === 0 ? 0 : r.rows > 1 ? r.rows : r.audits);
  return counts;
}

/**
 * Every row the round's learners wrote (acknowledged or not, keyed or not) has exactly one audit event.
 * @param {KindContext} ctx @param {string} table @param {string} authorColumn @param {string} action @param {string} auditJoin @param {string} filter @param {string} what
 */
async function auditedOnce(ctx, table, authorColumn, action, auditJoin, filter, what) {
  const rows = await ctx.sql(
    `SELECT count(*)::int AS n FROM (
       SELECT r.id FROM ${table} r LEFT JOIN audit_event a ON a.action = $2 AND ${auditJoin}
       WHERE r.${authorColumn} = ANY($1::uuid[]) AND ${filter} GROUP BY r.id HAVING count(a.id) <> 1) x`,
    [ctx.learners.map((l) => l.id), action],
  );
  const n = rows[0]?.n ?? 0;
  return n ? [`${n} ${what} sans exactement un événement d'audit`] : [];
}

/**
 * Two replies per learner in the forum of the demo MOOC: POST /api/v1/forum/threads/:id/replies
 * with a client idempotency key (forum_post is unique on author + key). The learners are enrolled
 * in the running MOOC session and one thread per 20 learners is opened through the API before the
 * burst (replies to one thread take its row lock: several threads, as in a real course).
 * @type {WriteKind}
 */
export const forumReplies = {
  name: 'forum-replies',
  description: "réponse dans une discussion du forum (clé d'idempotence du client)",
  async prepare(ctx) {
    const [s] = await ctx.sql(
      `SELECT s.id AS session_id, c.id AS course_id FROM course_session s JOIN course c ON c.id = s.course_id
       WHERE c.kind = 'mooc' AND c.status = 'published' AND now() BETWEEN s.registration_opens_at AND s.registration_closes_at
       ORDER BY s.created_at LIMIT 1`,
    );
    if (!s) throw new Error('forum-replies : aucune session de MOOC ouverte (données de démonstration ?)');
    await pool(ctx.learners.length, 16, async (i) => {
      expectOk('inscription préalable au forum', await api(ctx.baseUrl, ctx.learners[i].cookie, 'POST', `/api/v1/sessions/${s.session_id}/enrolment`, {}));
    });
    /** @type {string[]} */
    const threads = [];
    for (let g = 0; g < ctx.learners.length; g += 20) {
      const opener = ctx.learners[g];
      const t = expectOk(
        'ouverture de discussion',
        await api(ctx.baseUrl, opener.cookie, 'POST', `/api/v1/courses/${s.course_id}/forum/threads`, {
          title: `Discussion de charge ${g / 20 + 1} (test)`,
          body: 'Discussion ouverte par le test de panne : les réponses arrivent en rafale.',
          idempotencyKey: `stress-thread-${opener.id}`,
        }),
      );
      threads.push(t.id);
    }
    return ctx.learners.flatMap((l, i) =>
      [0, 1].map((j) => {
        const idempotencyKey = `stress-reply-${j}-${l.id}`;
        return {
          key: `${l.id}:${idempotencyKey}`,
          learner: l,
          method: 'POST',
          path: `/api/v1/forum/threads/${threads[Math.floor(i / 20)]}/replies`,
          body: { body: `Réponse ${j + 1} de l'apprenant ${i + 1} : *merci* pour ce partage.`, idempotencyKey },
        };
      }),
    );
  },
  count: (ctx, writes) => countByIdempotencyKey(ctx, writes, 'forum_post', 'author_id', 'forum.reply_posted', 'a.object_id = r.id::text'),
  invariants: (ctx) =>
    auditedOnce(ctx, 'forum_post', 'author_id', 'forum.reply_posted', 'a.object_id = r.id::text', 'NOT r.is_opening', 'réponse(s) du forum'),
};

/**
 * Two support requests per learner (a nurse): POST /api/v1/patients/:id/requests with a client
 * idempotency key (support_request is unique on requester + key), to two published structures of
 * the demo directory, about a patient each learner opened through the API before the burst (the
 * creator joins the circle; consent to coordination recorded).
 * @type {WriteKind}
 */
export const supportRequests = {
  name: 'support-requests',
  description: "demande d'appui à une structure pour un patient (clé d'idempotence du client)",
  async prepare(ctx) {
    const structures = await ctx.sql(
      `SELECT s.id, min(c.commune_code) AS commune FROM structure s LEFT JOIN structure_coverage c ON c.structure_id = s.id AND c.commune_code IS NOT NULL
       WHERE s.status = 'published' GROUP BY s.id ORDER BY s.id LIMIT 2`,
    );
    if (structures.length === 0) throw new Error("support-requests : aucune structure publiée dans l'annuaire (données de démonstration ?)");
    const [commune] = await ctx.sql('SELECT code FROM commune WHERE code = ANY($1) LIMIT 1', [[structures[0].commune, '73054'].filter(Boolean)]);
    const communeCode = commune?.code ?? '73054';
    /** @type {string[]} */
    const patients = new Array(ctx.learners.length);
    await pool(ctx.learners.length, 16, async (i) => {
      const file = expectOk(
        'ouverture du dossier patient',
        await api(ctx.baseUrl, ctx.learners[i].cookie, 'POST', '/api/v1/patients', {
          firstName: 'Patient',
          lastName: `Fictif ${i + 1} (test)`,
          placeOfLife: 'home',
          communeCode,
          consent: { purpose: 'coordination', givenBy: 'patient' },
        }),
      );
      patients[i] = file.id;
    });
    const reasons = ['pain', 'other_symptoms', 'complex_decision', 'orientation'];
    return ctx.learners.flatMap((l, i) =>
      structures.map((st, j) => {
        const idempotencyKey = `stress-request-${j}-${l.id}`;
        return {
          key: `${l.id}:${idempotencyKey}`,
          learner: l,
          method: 'POST',
          path: `/api/v1/patients/${patients[i]}/requests`,
          body: { structureId: st.id, reason: reasons[(i + j) % reasons.length], urgency: j === 0 ? 'routine' : 'urgent', body: 'Demande fictive du test de panne.', idempotencyKey },
        };
      }),
    );
  },
  count: (ctx, writes) =>
    countByIdempotencyKey(ctx, writes, 'support_request', 'requester_id', 'support_request.sent', "a.object_id = r.patient_id::text AND a.details->>'requestId' = r.id::text"),
  invariants: (ctx) =>
    auditedOnce(ctx, 'support_request', 'requester_id', 'support_request.sent', "a.object_id = r.patient_id::text AND a.details->>'requestId' = r.id::text", 'true', "demande(s) d'appui"),
};

/** @type {WriteKind[]} */
export const WRITE_KINDS = [quizAnswers, eventRegistrations, enrolments, forumReplies, supportRequests];

import { createHash } from 'node:crypto';
import diagnostics_channel from 'node:diagnostics_channel';
import { sql } from 'drizzle-orm';
import { createReportBuilder, ReportProblem, type Answers, type ReportOptionsInput, type SurveyDefinition, type SurveyReport } from '@palliance/core';
import type { AppDeps } from '../app-types';
import type { Db } from '../db/client';
import type { Actor } from '../http/actor';
import { badInput, notFound } from '../http/errors';
import { assertCan } from '../http/permissions';
import { compactWriter, layoutFingerprint } from './compact-answers';
import { definitionOf, type SurveyRow } from './load-survey';

const rows = <T>(res: unknown) => (res as { rows: T[] }).rows;
/** Responses read per query (keyset on id): memory stays flat however many responses there are. */
const PAGE = 10_000;
/**
 * Longest stretch (ms) a computation holds the event loop before it lets the other requests through.
 * Counted in time, not rows: at national load each turn of the loop serves a queue of other requests,
 * and a turn every 500 rows made the first report of 100,000 responses last 3.4 s instead of ~1 s
 * (`npm run bench -- national`). Tests set it to 0 (a turn every 64 rows).
 */
export const reportSlicing = { ms: 10 };
const CLOCK_EVERY = 64;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Published after each slice of rows a report computation has handled ({ surveyId, rows }): lets a
 * test see that other requests are answered while a report is computed. Costs nothing unsubscribed.
 */
export const reportProgress = diagnostics_channel.channel('palliance:survey-report:progress');

/**
 * Calls fn for every row of a keyset-paged query (page(after) gives the rows after that id, in id
 * order, PAGE at most). The next page is asked for before the current one is handled, so the
 * database and Node work at the same time, and the event loop turns every reportSlicing.ms: a long read
 * (100,000 responses) never holds the other requests back for more than a few milliseconds.
 */
async function forEachPaged<T extends { id: string }>(page: (after: string) => Promise<T[]>, fn: (r: T) => void, onSlice?: (rows: number) => void): Promise<void> {
  let next = page('00000000-0000-0000-0000-000000000000');
  let done = 0;
  for (;;) {
    const current = await next;
    const more = current.length === PAGE;
    if (more) {
      next = page(current[current.length - 1].id);
      // If fn throws, this read is abandoned: its failure must not surface as an unhandled rejection.
      next.catch(() => undefined);
    }
    let sliceStart = performance.now();
    for (let j = 0; j < current.length; j++) {
      fn(current[j]);
      if (j % CLOCK_EVERY === CLOCK_EVERY - 1 && j + 1 < current.length && performance.now() - sliceStart >= reportSlicing.ms) {
        onSlice?.(done + j + 1);
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    done += current.length;
    onSlice?.(done);
    if (!more) return;
  }
}

/**
 * Calls fn for every submitted response of the survey, in id order. Answers travel as the jsonb
 * object's text, parsed once per row (cheaper than letting the driver build each jsonb value).
 */
export async function forEachResponse(db: Db, surveyId: string, fn: (r: { id: string; answers: Answers }) => void): Promise<void> {
  await forEachPaged(
    (after) =>
      db
        .execute(sql`SELECT id, answers::text AS a FROM survey_response WHERE survey_id = ${surveyId} AND status = 'submitted' AND id > ${after} ORDER BY id LIMIT ${PAGE}`)
        .then((res) => rows<{ id: string; a: string }>(res)),
    (r) => fn({ id: r.id, answers: JSON.parse(r.a) as Answers }),
  );
}

/**
 * A submitted response as the report reads it: a = its compact row when one was written for this
 * questionnaire layout (compact = true), else its answers as jsonb text; stale = its compact row is
 * missing or of another layout (to be written back).
 * The compact row is written with the answers, not built here in SQL: picking answers out of the
 * jsonb as a bare array (jsonb_build_array(answers -> k, …)) was measured and cost PostgreSQL 1.2 s
 * more on 100,000 responses.
 */
interface ReportRow {
  id: string;
  a: string;
  compact: boolean;
  stale: boolean;
}

function readReportRows(db: Db, surveyId: string, layout: string, fn: (r: ReportRow) => void): Promise<void> {
  return forEachPaged(
    (after) =>
      db
        .execute(
          sql`SELECT id, CASE WHEN compact_layout = ${layout} AND answers_compact IS NOT NULL THEN answers_compact ELSE answers::text END AS a,
                     coalesce(compact_layout = ${layout} AND answers_compact IS NOT NULL, false) AS compact,
                     compact_layout IS DISTINCT FROM ${layout} AS stale
              FROM survey_response WHERE survey_id = ${surveyId} AND status = 'submitted' AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
        )
        .then((res) => rows<ReportRow>(res)),
    fn,
    reportProgress.hasSubscribers ? (n) => reportProgress.publish({ surveyId, rows: n }) : undefined,
  );
}

/** Rows read, encoded and written per write-back statement. */
const WRITE_BACK = 2000;
/** Write-backs under way, per database handle and survey. */
const writingBack = new WeakMap<Db, Map<string, Promise<void>>>();

/**
 * Writes the compact form of the submitted responses that have none for the questionnaire's current
 * layout (written before migration 0025, or before the questionnaire changed), so that the next
 * computation reads them fast. Started after a report met such rows, once at a time per survey, and
 * not awaited: rewriting 100,000 rows takes seconds. A row changed since it was read (other xmin)
 * is left for the next time; the report version does not move (trigger of migration 0025).
 */
function startWriteBack(db: Db, surveyId: string, def: SurveyDefinition): void {
  let running = writingBack.get(db);
  if (!running) writingBack.set(db, (running = new Map()));
  if (running.has(surveyId)) return;
  const done = writeBack(db, surveyId, def)
    // Derived data: if it cannot be written now, the next computation reads the JSON answers again.
    .catch((err: Error) => console.error('[rapport d’enquête] écriture des réponses compactes', err.message))
    .finally(() => running.delete(surveyId));
  running.set(surveyId, done);
}

/** Resolves once the compact forms being written back after reports are written (tests, measurements). */
export async function compactWriteBacks(db: Db): Promise<void> {
  await Promise.all(writingBack.get(db)?.values() ?? []);
}

async function writeBack(db: Db, surveyId: string, def: SurveyDefinition): Promise<void> {
  const { layout, encode } = compactWriter(def);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const list = rows<{ id: string; v: string; a: string }>(
      await db.execute(sql`SELECT id, xmin::text AS v, answers::text AS a FROM survey_response
                           WHERE survey_id = ${surveyId} AND status = 'submitted' AND id > ${after} AND compact_layout IS DISTINCT FROM ${layout}
                           ORDER BY id LIMIT ${WRITE_BACK}`),
    );
    if (list.length === 0) return;
    after = list[list.length - 1].id;
    const batch = JSON.stringify(list.map((r) => ({ id: r.id, v: r.v, c: encode(JSON.parse(r.a) as Answers) })));
    await db.execute(sql`
      UPDATE survey_response r SET answers_compact = x.c, compact_layout = ${layout}
      FROM jsonb_to_recordset(${batch}::jsonb) AS x (id uuid, v text, c text)
      WHERE r.id = x.id AND r.xmin::text = x.v`);
    if (list.length < WRITE_BACK) return;
  }
}

export async function loadThemes(db: Db, surveyId: string): Promise<Map<string, string[]>> {
  const list = rows<{ response_id: string; link_id: string; themes: string[] }>(
    await db.execute(sql`SELECT t.response_id, t.link_id, t.themes FROM survey_text_theme t JOIN survey_response r ON r.id = t.response_id WHERE r.survey_id = ${surveyId}`),
  );
  return new Map(list.map((t) => [`${t.response_id}:${t.link_id}`, t.themes]));
}

/** Reports kept per database handle (tests run several platforms in one process), at most CACHE_SIZE each. */
const CACHE_SIZE = 16;
const caches = new WeakMap<Db, Map<string, SurveyReport>>();
const computing = new WeakMap<Db, Map<string, Promise<SurveyReport>>>();

type ReportSurvey = Pick<SurveyRow, 'id' | 'title' | 'questionnaire'> & { version: string | number | null };

/**
 * The survey and the version of what its report reads (survey_report_version, moved by triggers on
 * every write of responses and themes), in one query and without findSurvey's response counts, which
 * cost a scan of the responses at every view. Read before the responses: a write that lands during
 * the computation moves the version, so the next view computes again.
 */
async function findReportSurvey(db: Db, surveyId: string): Promise<ReportSurvey> {
  const [s] = rows<ReportSurvey>(
    await db.execute(sql`SELECT s.id, s.title, s.questionnaire, v.version FROM survey s LEFT JOIN survey_report_version v ON v.survey_id = s.id WHERE s.id = ${surveyId}`),
  );
  if (!s) throw notFound("Ce questionnaire n'existe pas.");
  return s;
}

/** What a report depends on: the responses and themes (version), the questionnaire and title, the options. */
function reportKey(s: ReportSurvey, options: ReportOptionsInput): string {
  const definition = createHash('sha256').update(JSON.stringify([s.title, s.questionnaire])).digest('base64url');
  return JSON.stringify([s.id, String(s.version ?? 0), definition, options.groupBy ?? null, options.crossTables ?? []]);
}

/**
 * The analysis report, computed in one streaming pass over the submitted responses, or the one
 * already computed for the same responses, themes, questionnaire and options. The returned report is
 * shared between views: callers read it, never change it.
 */
export async function surveyReport(deps: AppDeps, actor: Actor | null, surveyId: string, options: ReportOptionsInput): Promise<SurveyReport> {
  assertCan(actor, 'survey.manage');
  const s = await findReportSurvey(deps.db, surveyId);
  const key = reportKey(s, options);
  let cache = caches.get(deps.db);
  if (!cache) caches.set(deps.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // The same report asked again while it is computed (a second tab, a double click) waits for it.
  let running = computing.get(deps.db);
  if (!running) computing.set(deps.db, (running = new Map()));
  const pending = running.get(key);
  if (pending) return pending;
  const computed = computeReport(deps.db, s, options);
  running.set(key, computed);
  try {
    const report = await computed;
    cache.set(key, report);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return report;
  } finally {
    running.delete(key);
  }
}

/**
 * One pass over the submitted responses: their compact rows (compact.ts) when written for the
 * questionnaire's current layout, else their JSON answers, whose compact rows are then written back.
 */
async function computeReport(db: Db, s: ReportSurvey, options: ReportOptionsInput): Promise<SurveyReport> {
  const def = definitionOf(s);
  let builder: ReturnType<typeof createReportBuilder>;
  try {
    builder = createReportBuilder(def, { groupBy: options.groupBy ?? null, crossTables: options.crossTables ?? [], themes: await loadThemes(db, s.id) });
  } catch (err) {
    if (err instanceof ReportProblem) throw badInput(err.field, err.message);
    throw err;
  }
  const layout = layoutFingerprint(def);
  let stale = false;
  await readReportRows(db, s.id, layout, (r) => {
    if (r.compact) {
      builder.addEncoded(r.id, JSON.parse(r.a) as unknown[]);
      return;
    }
    const answers = JSON.parse(r.a) as Answers;
    builder.add({ id: r.id, answers });
    if (r.stale) stale = true;
  });
  const report = builder.result();
  if (stale) startWriteBack(db, s.id, def);
  return report;
}

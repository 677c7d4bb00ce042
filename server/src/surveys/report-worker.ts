// The survey report's computation, in a worker thread (report-thread.ts starts it): the statistics
// over 100,000 responses cost about a second of CPU, which on the request thread held every other
// request back meanwhile. Pure computation: the request thread reads the rows and sends them here.
import { parentPort } from 'node:worker_threads';
import { createReportBuilder, readQuestionnaire, type Answers, type ReportOptions, type SurveyReport } from '@palliance/core';

export interface ReportJob {
  questionnaire: Record<string, unknown>;
  title: string;
  groupBy: ReportOptions['groupBy'];
  crossTables: NonNullable<ReportOptions['crossTables']>;
  themes: [string, string[]][];
  /** Post { progress } every this many rows (0: never), pausing `pauseMs` after each (tests). */
  progressEvery: number;
  pauseMs: number;
}

export type ToWorker =
  | { type: 'start'; job: number; spec: ReportJob }
  | { type: 'rows'; job: number; ids: string[]; texts: string[]; compact: Uint8Array }
  | { type: 'end'; job: number }
  | { type: 'drop'; job: number };

export type FromWorker =
  | { job: number; report: SurveyReport }
  | { job: number; progress: number }
  | { job: number; failed: { field?: string; message: string } };

type Builder = ReturnType<typeof createReportBuilder>;
const jobs = new Map<number, { builder: Builder; spec: ReportJob; rows: number; queue: Promise<void> }>();
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function fail(job: number, err: unknown) {
  jobs.delete(job);
  const e = err as { field?: unknown; message?: unknown };
  send({ job, failed: { ...(typeof e.field === 'string' ? { field: e.field } : {}), message: String(e.message ?? err) } });
}

async function addRows(job: number, m: Extract<ToWorker, { type: 'rows' }>) {
  const j = jobs.get(job);
  if (!j) return;
  const { builder, spec } = j;
  for (let i = 0; i < m.ids.length; i++) {
    if (m.compact[i]) builder.addEncoded(m.ids[i]!, JSON.parse(m.texts[i]!) as unknown[]);
    else builder.add({ id: m.ids[i]!, answers: JSON.parse(m.texts[i]!) as Answers });
    j.rows++;
    if (spec.progressEvery && j.rows % spec.progressEvery === 0) {
      send({ job, progress: j.rows });
      if (spec.pauseMs) await pause(spec.pauseMs);
    }
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'start') {
    try {
      const { definition } = readQuestionnaire(m.spec.questionnaire);
      const builder = createReportBuilder(
        { ...definition!, title: m.spec.title },
        { groupBy: m.spec.groupBy, crossTables: m.spec.crossTables, themes: new Map(m.spec.themes) },
      );
      jobs.set(m.job, { builder, spec: m.spec, rows: 0, queue: Promise.resolve() });
    } catch (err) {
      fail(m.job, err);
    }
    return;
  }
  const j = jobs.get(m.job);
  if (!j) return;
  if (m.type === 'drop') {
    jobs.delete(m.job);
    return;
  }
  // Pages are handled in the order they came, even when a test pauses inside one.
  j.queue = j.queue
    .then(async () => {
      if (m.type === 'rows') return addRows(m.job, m);
      if (!jobs.has(m.job)) return;
      jobs.delete(m.job);
      if (j.spec.progressEvery) send({ job: m.job, progress: j.rows });
      send({ job: m.job, report: j.builder.result() });
    })
    .catch((err: unknown) => fail(m.job, err));
});

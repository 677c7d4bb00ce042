import { Worker } from 'node:worker_threads';
import type { SurveyReport } from '@palliance/core';
import { AppError, badInput } from '../http/errors';
import type { FromWorker, ReportJob, ToWorker } from './report-worker';

/**
 * The worker thread that computes survey reports (report-worker.ts), started at the first report and
 * shared by all. Run from the sources (tests, `npm run dev`) it loads the TypeScript through tsx
 * (report-worker-dev.mjs); the build ships it as dist/report-worker.js beside main.js. If it dies, the reports under way fail
 * with a 503 and the next one starts a new worker.
 */
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './report-worker-dev.mjs' : './report-worker.js', import.meta.url);

interface Pending {
  resolve: (r: SurveyReport) => void;
  reject: (e: Error) => void;
  onProgress?: (rows: number) => void;
}

let worker: Worker | null = null;
let nextJob = 1;
const pending = new Map<number, Pending>();

function current(): Worker {
  if (worker) return worker;
  const w = new Worker(workerUrl);
  // An idle worker does not keep the process alive; one with work does (see start()).
  w.unref();
  w.on('message', (m: FromWorker) => {
    const p = pending.get(m.job);
    if (!p) return;
    if ('progress' in m) return p.onProgress?.(m.progress);
    pending.delete(m.job);
    if (pending.size === 0) w.unref();
    if ('report' in m) p.resolve(m.report);
    else p.reject(m.failed.field ? badInput(m.failed.field, m.failed.message) : new Error(m.failed.message));
  });
  const lost = (why: string) => {
    if (worker === w) worker = null;
    for (const [job, p] of pending) {
      pending.delete(job);
      p.reject(new AppError(503, 'unavailable', `Le calcul du rapport s’est interrompu (${why}) : réessayez.`));
    }
  };
  w.on('error', (err) => lost(err.message));
  w.on('exit', (code) => lost(`code ${code}`));
  worker = w;
  return w;
}

export interface ReportComputation {
  /** Hands over one page of responses: their ids, their answers as text, and which are compact rows. */
  rows(ids: string[], texts: string[], compact: Uint8Array): void;
  /** No more rows: the report. */
  end(): Promise<SurveyReport>;
  /** Abandons the computation (the read failed). */
  drop(): void;
}

export function startReport(spec: ReportJob, onProgress?: (rows: number) => void): ReportComputation {
  const w = current();
  const job = nextJob++;
  const result = new Promise<SurveyReport>((resolve, reject) => pending.set(job, { resolve, reject, onProgress }));
  // Rejections are read by end(); one that comes before (a bad option) must not go unhandled meanwhile.
  result.catch(() => undefined);
  w.ref();
  const post = (m: ToWorker) => w.postMessage(m);
  post({ type: 'start', job, spec });
  return {
    rows: (ids, texts, compact) => post({ type: 'rows', job, ids, texts, compact }),
    end: () => {
      post({ type: 'end', job });
      return result;
    },
    drop: () => {
      post({ type: 'drop', job });
      const p = pending.get(job);
      pending.delete(job);
      if (pending.size === 0) w.unref();
      p?.reject(new Error('abandonné'));
    },
  };
}

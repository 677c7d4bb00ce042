// Measures the import of a 100,000-response file (60 items) on a database:
//   node --import tsx server/src/surveys/measure-import.ts [postgres://postgres@127.0.0.1:5432/postgres] [--rows=N] [--keep]
// Creates a throw-away database, builds the CSV in the import format, then times importResponses (read,
// check, write in one transaction) with the CPU time of Node and PostgreSQL, the peak of the JavaScript
// heap during the import (sampled every 20 ms and around each collection), the collection pauses and
// the longest event-loop block; drops the database. The heap before the import holds the CSV text, as
// a request's body would.
import v8 from 'node:v8';
import vm from 'node:vm';
import { readQuestionnaire, responseCsvLine, responsesCsvHeader, type Answers, type SurveyDefinition } from '@palliance/core';
import { backendCpuMs, benchAnswers, benchQuestionnaire, withMeasureDatabase } from './measure-report';
import { importResponses } from './import-responses';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} Mo`;

async function main() {
  const args = process.argv.slice(2);
  const admin = args.find((a) => !a.startsWith('--')) ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const count = Number(args.find((a) => a.startsWith('--rows='))?.slice('--rows='.length) ?? 100_000);
  // A full collection on demand, so the heap before the import holds only what is live.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;

  const name = `palliance_import_measure_${process.pid}`;
  await withMeasureDatabase(admin, name, args.includes('--keep'), async (handle) => {
    const fhir = benchQuestionnaire();
    const read = readQuestionnaire(fhir);
    if (read.problems.length) throw new Error(JSON.stringify(read.problems));
    const def = read.definition as SurveyDefinition;
    const [s] = await handle.query<{ id: string }>("INSERT INTO survey (title, questionnaire, public_token) VALUES ('Banc', $1::jsonb, 'banc-import-0000') RETURNING id", [JSON.stringify(fhir)]);
    const csv = buildCsv(def, count);
    console.log(`fichier : ${count} réponses, ${def.questions.length} colonnes, ${mb(Buffer.byteLength(csv))}`);

    const deps = { db: handle.db, now: () => new Date() } as unknown as AppDeps;
    // survey_import.imported_by references an account.
    const [u] = await handle.query<{ id: string }>("INSERT INTO app_user (email, first_name, last_name, profession, practice_mode) VALUES ('mesure@example.org', 'Banc', 'Essai', 'mg', 'liberal') RETURNING id");
    const actor = { id: u.id, email: 'mesure@example.org', roles: [{ role: 'admin', scope: null }], sessionHash: '' } as unknown as Actor;
    const pgCpuMs = () => backendCpuMs(name);

    gc();
    gc();
    const base = v8.getHeapStatistics();
    let peakUsed = base.used_heap_size;
    let peakTotal = base.total_heap_size;
    // The longest stretch the import keeps the event loop (every other request) waiting: the longest
    // gap between two ticks of the 20 ms timer.
    let lastTick = performance.now();
    let longestBlock = 0;
    const sample = () => {
      const now = performance.now();
      longestBlock = Math.max(longestBlock, now - lastTick);
      lastTick = now;
      const h = v8.getHeapStatistics();
      peakUsed = Math.max(peakUsed, h.used_heap_size);
      peakTotal = Math.max(peakTotal, h.total_heap_size);
    };
    // A timer cannot fire during a synchronous pass over the file: the heap before and after each
    // collection (GCProfiler) fills the gaps, and the heap after a full one is what was live then.
    const profiler = new v8.GCProfiler();
    profiler.start();
    lastTick = performance.now();
    const timer = setInterval(sample, 20);

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const pg0 = pgCpuMs();
    const r = await importResponses(deps, actor, s.id, csv, 'mesure-import-0001', { ip: null, userAgent: null });
    const cpu = process.cpuUsage(cpu0);
    const ms = performance.now() - t0;
    const pg1 = pgCpuMs();
    sample();
    clearInterval(timer);
    const gcs = profiler.stop().statistics;

    let peakLive = 0;
    for (const g of gcs) {
      peakUsed = Math.max(peakUsed, g.beforeGC.heapStatistics.usedHeapSize);
      peakTotal = Math.max(peakTotal, g.beforeGC.heapStatistics.totalHeapSize, g.afterGC.heapStatistics.totalHeapSize);
      if (g.gcType === 'MarkSweepCompact') peakLive = Math.max(peakLive, g.afterGC.heapStatistics.usedHeapSize);
    }
    const full = gcs.filter((g) => g.gcType === 'MarkSweepCompact');
    const longest = gcs.reduce((m, g) => Math.max(m, g.cost), 0) / 1000;

    const [{ n }] = await handle.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1', [s.id]);
    if (n !== count || r.imported !== count) throw new Error(`attendu ${count} réponses, ${n} enregistrées (${r.imported} annoncées)`);
    console.log(`import : ${Math.round(ms)} ms écoulées, CPU Node ${Math.round((cpu.user + cpu.system) / 1000)} ms + PostgreSQL ${pg1 - pg0} ms (${n} réponses enregistrées)`);
    console.log(`tas avant l'import (le fichier compris) : ${mb(base.used_heap_size)} utilisés, ${mb(base.total_heap_size)} réservés ; limite ${mb(base.heap_size_limit)}`);
    console.log(`pendant l'import : pic utilisé ${mb(peakUsed)} (+${mb(peakUsed - base.used_heap_size)}), pic réservé (total_heap_size) ${mb(peakTotal)} (+${mb(peakTotal - base.total_heap_size)}), vivant après une collection complète au plus ${full.length ? mb(peakLive) : '-'}`);
    console.log(`boucle d'événements bloquée au plus ${Math.round(longestBlock)} ms d'affilée`);
    console.log(`collections : ${gcs.length}, dont ${full.length} complètes (${(full.reduce((t, g) => t + g.cost, 0) / 1000).toFixed(0)} ms en tout), la plus longue ${longest.toFixed(0)} ms`);
  });
}

/** The file as an export would write it (the answers are garbage once it is built). */
function buildCsv(def: SurveyDefinition, count: number): string {
  const lines = [responsesCsvHeader(def)];
  for (const a of benchAnswers(count)) lines.push(responseCsvLine(def, a as Answers));
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('measure-import.ts')) await main();

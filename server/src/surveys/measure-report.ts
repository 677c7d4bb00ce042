// Measures the report budget (60 items, 100,000 responses, grouped by profession) on a database:
//   npx tsx server/src/surveys/measure-report.ts [postgres://postgres@127.0.0.1:5432/postgres] [--stale] [--keep]
// Creates a throw-away database, fills it (answers and their compact form, as the CSV import writes
// them), times POST /report's work (read + one pass) three times, then once more when the computed
// report is kept, with the CPU time of Node and PostgreSQL; drops it. --stale also times a report
// over responses without a compact form (written before migration 0025 or before the questionnaire
// changed): read from the JSON answers, compact form written back, then the next one.
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../db/client';
import { migrate } from '../db/migrate';
import { seedSurveys } from './seed-surveys';
import { readQuestionnaire, type Answers } from '@palliance/core';
import { compactWriter } from './compact-answers';
import { definitionOf } from './load-survey';
import { compactWriteBacks, surveyReport } from './survey-report';
import type { AppDeps } from '../app-types';
import type { Actor } from '../http/actor';

export function benchQuestionnaire(): Record<string, unknown> {
  const opts = (codes: string[]) => codes.map((c) => ({ valueCoding: { code: c, display: c } }));
  const bound = (min: number, max: number) => [
    { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: min },
    { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: max },
  ];
  const item: Record<string, unknown>[] = [{ linkId: 'profession', type: 'choice', text: 'Profession', answerOption: opts(['mg', 'ms', 'ide', 'kine', 'pharma']) }];
  for (let i = 1; i <= 10; i++) item.push({ linkId: `choix-${i}`, type: 'choice', text: `Choix ${i}`, answerOption: opts(['a', 'b', 'c', 'd']) });
  for (let i = 1; i <= 10; i++) item.push({ linkId: `oui-non-${i}`, type: 'boolean', text: `Oui/non ${i}` });
  item.push({ linkId: 'aisance', type: 'group', text: 'Aisance', item: Array.from({ length: 20 }, (_, i) => ({ linkId: `echelle-${i + 1}`, type: 'integer', text: `Échelle ${i + 1}`, extension: bound(1, 5) })) });
  for (let i = 1; i <= 8; i++) item.push({ linkId: `nombre-${i}`, type: 'integer', text: `Nombre ${i}`, extension: bound(0, 1000) });
  for (let i = 1; i <= 6; i++) item.push({ linkId: `multiple-${i}`, type: 'choice', repeats: true, text: `Multiple ${i}`, answerOption: opts(['w', 'x', 'y', 'z', 'v']) });
  for (let i = 1; i <= 4; i++) item.push({ linkId: `texte-${i}`, type: 'text', text: `Texte ${i}` });
  item.push({ linkId: 'date', type: 'date', text: 'Date' });
  return { resourceType: 'Questionnaire', id: 'bench-60', title: 'Banc d’essai : 60 questions', item };
}

/** Deterministic answers: about 10 % of each item left empty. */
export function benchAnswers(count: number): Record<string, unknown>[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const out: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const a: Record<string, unknown> = { profession: pick(['mg', 'ms', 'ide', 'kine', 'pharma']) };
    for (let i = 1; i <= 10; i++) if (rnd() > 0.1) a[`choix-${i}`] = pick(['a', 'b', 'c', 'd']);
    for (let i = 1; i <= 10; i++) if (rnd() > 0.1) a[`oui-non-${i}`] = rnd() > 0.5;
    for (let i = 1; i <= 20; i++) if (rnd() > 0.1) a[`echelle-${i}`] = 1 + Math.floor(rnd() * 5);
    for (let i = 1; i <= 8; i++) if (rnd() > 0.1) a[`nombre-${i}`] = Math.floor(rnd() * 100);
    for (let i = 1; i <= 6; i++) if (rnd() > 0.1) a[`multiple-${i}`] = ['w', 'x', 'y', 'z', 'v'].filter(() => rnd() > 0.6);
    for (let i = 1; i <= 4; i++) if (rnd() > 0.7) a[`texte-${i}`] = `Réponse libre ${n}`;
    if (rnd() > 0.1) a.date = `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
    for (const k of Object.keys(a)) if (Array.isArray(a[k]) && (a[k] as unknown[]).length === 0) delete a[k];
    out.push(a);
  }
  return out;
}

/**
 * CPU time (ms) PostgreSQL has spent so far for one database: utime + stime of its backends, read in
 * /proc when the server is local (0 elsewhere). With process.cpuUsage() for Node, what a measured
 * piece of work costs, whatever else loads the machine.
 */
export function backendCpuMs(database: string): number {
  let ticks = 0;
  for (const pid of fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(database)) continue;
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100 on Linux
}

/**
 * Runs fn on a throw-away database (migrated, questionnaire templates seeded) created beside the admin
 * URL's, with its name; drops it afterwards unless keep (then prints its URL).
 */
export async function withMeasureDatabase(admin: string, name: string, keep: boolean, fn: (handle: DbHandle) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrate(handle);
    await seedSurveys(handle, { demo: false });
    await fn(handle);
  } finally {
    await handle.close();
    if (keep) console.log(`base gardée : ${url.toString()}`);
    else await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const admin = args.find((a) => !a.startsWith('--')) ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `palliance_survey_measure_${process.pid}`;
  await withMeasureDatabase(admin, name, args.includes('--keep'), async (handle) => {
    const fhir = benchQuestionnaire();
    if (readQuestionnaire(fhir).problems.length) throw new Error(JSON.stringify(readQuestionnaire(fhir).problems));
    const [s] = await handle.query<{ id: string }>("INSERT INTO survey (title, questionnaire, public_token) VALUES ('Banc', $1::jsonb, 'banc-essai-0000') RETURNING id", [JSON.stringify(fhir)]);
    const rows = benchAnswers(100_000);
    const compact = compactWriter(definitionOf({ questionnaire: fhir, title: 'Banc' }));
    let t0 = performance.now();
    for (let i = 0; i < rows.length; i += 2000) {
      await handle.query("INSERT INTO survey_response (survey_id, status, answers, answers_compact, compact_layout) SELECT $1, 'submitted', e -> 0, e ->> 1, $3 FROM jsonb_array_elements($2::jsonb) e", [
        s.id,
        JSON.stringify(rows.slice(i, i + 2000).map((a) => [a, compact.encode(a as Answers)])),
        compact.layout,
      ]);
    }
    console.log(`insertion de 100 000 réponses : ${Math.round(performance.now() - t0)} ms`);
    await handle.exec('VACUUM ANALYZE survey_response');
    const deps = { db: handle.db } as AppDeps;
    const actor = { id: '00000000-0000-0000-0000-000000000000', email: 'x@example.org', roles: [{ role: 'admin', scope: null }], sessionHash: '' } as unknown as Actor;
    // CPU time, not only wall time: the machine is shared, and CPU time is what our code costs.
    const pgCpuMs = () => backendCpuMs(name);
    const options = { groupBy: { linkId: 'profession', merges: [{ label: 'Médecins', codes: ['mg', 'ms'] }] }, crossTables: [{ rows: { linkId: 'profession' }, columns: 'choix-1' }] };
    const stale = args.includes('--stale');
    for (let run = 1; run <= (stale ? 6 : 4); run++) {
      // Runs 1-3 compute (the version moves as if a response had changed), run 4 is the kept report.
      // Runs 5-6: no compact form (read from answers, then written back), then computed again.
      if (run === 5) {
        await handle.exec(`UPDATE survey_response SET compact_layout = NULL WHERE survey_id = '${s.id}'`);
        await handle.exec('VACUUM ANALYZE survey_response');
      }
      if (run !== 4) await handle.exec(`UPDATE survey_report_version SET version = version + 1 WHERE survey_id = '${s.id}'`);
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const pg0 = pgCpuMs();
      const r = await surveyReport(deps, actor, s.id, options);
      const cpu = process.cpuUsage(cpu0);
      const ms = performance.now() - t0;
      const pg1 = pgCpuMs();
      console.log(
        `rapport ${run} (${['', 'calculé', 'calculé', 'calculé', 'gardé', 'sans forme compacte', 'calculé'][run]}) : ${Math.round(ms)} ms écoulées, CPU Node ${Math.round((cpu.user + cpu.system) / 1000)} ms + PostgreSQL ${pg1 - pg0} ms (${r.respondents} réponses, ${r.items.length} questions, JSON ${(JSON.stringify(r).length / 1024).toFixed(0)} Ko)`,
      );
      if (run === 5) {
        // The compact forms are written back after the report is returned.
        const w0 = performance.now();
        const wcpu0 = process.cpuUsage();
        await compactWriteBacks(handle.db);
        const wcpu = process.cpuUsage(wcpu0);
        console.log(`  puis forme compacte réécrite en arrière-plan : ${Math.round(performance.now() - w0)} ms écoulées, CPU Node ${Math.round((wcpu.user + wcpu.system) / 1000)} ms + PostgreSQL ${pgCpuMs() - pg1} ms`);
      }
    }
  });
}

if (process.argv[1]?.endsWith('measure-report.ts')) await main();

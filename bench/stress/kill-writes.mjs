// Fault: the server is killed (SIGKILL) in the middle of a burst of writes. Guarantees checked after
// a restart on the same database: every write acknowledged (2xx) before the kill is stored, none
// twice, and sending the unacknowledged ones again stores each exactly once.
import { startServer } from '../lib/server.mjs';
import { api, makeLearners, pool, shuffle, sqlOn } from '../lib/stress.mjs';
import { WRITE_KINDS } from './kinds.mjs';

/** @typedef {import('./kinds.mjs').WriteKind} WriteKind */
/** @typedef {import('./kinds.mjs').Write} Write */

/**
 * @typedef {object} KillWritesOptions
 * @property {import('../lib/types').DatabaseTarget} db       a fresh PostgreSQL database
 * @property {number} [learners]     signed-in learners per round (default 200)
 * @property {number} [rounds]       kills (default 1)
 * @property {number} [concurrency]  requests in flight (default 32)
 * @property {number | null} [maxWrites] fire at most this many writes per round (default: all prepared)
 * @property {number} [seed]         order of the writes and moment of the kill (default 1)
 * @property {WriteKind[]} [kinds]
 * @property {string} [logName]
 * @property {(msg: string) => void} [log]
 */

/**
 * @typedef {object} KindRound
 * @property {number} writes
 * @property {number} acknowledged
 * @property {number} lost             acknowledged, absent after the restart
 * @property {number} doubled          stored more than once
 * @property {number} storedUnacknowledged committed but the answer never arrived (allowed)
 * @property {number} retryFailures    unacknowledged writes that did not answer 2xx when sent again
 * @property {number} notOnceAfterRetry writes not stored exactly once at the end
 */

/** @param {KillWritesOptions} o */
export async function killWrites(o) {
  const log = o.log ?? (() => {});
  const kinds = o.kinds ?? WRITE_KINDS;
  const n = o.learners ?? 200;
  const concurrency = o.concurrency ?? 32;
  const logName = o.logName ?? 'stress-kill-writes';
  const databaseUrl = /** @type {string} */ (o.db.databaseUrl);
  if (!databaseUrl) throw new Error('kill-writes demande PostgreSQL (--engine postgres).');
  const sql = sqlOn(databaseUrl);
  const runTag = Date.now().toString(36);
  /** @type {string[]} */
  const violations = [];
  const rounds = [];
  let server = await startServer(o.db, { demoData: true, logName });
  try {
    for (let r = 0; r < (o.rounds ?? 1); r++) {
      const seed = (o.seed ?? 1) + r;
      const learners = await makeLearners(sql, n, `${runTag}-${r}`);
      const ctx = { baseUrl: server.baseUrl, sql, learners };
      /** @type {{ kind: WriteKind, write: Write }[]} */
      let all = [];
      for (const kind of kinds) for (const write of await kind.prepare(ctx)) all.push({ kind, write });
      all = shuffle(all, seed);
      if (o.maxWrites) all = all.slice(0, o.maxWrites);
      // Kill once 30-70 % of the writes are acknowledged (seeded): writes are in flight at that moment.
      const fraction = 0.3 + 0.4 * ((seed * 0.6180339887) % 1);
      const killAfter = Math.max(1, Math.floor(all.length * fraction));
      log(`manche ${r + 1} : ${all.length} écritures (${kinds.map((k) => `${k.name} ${all.filter((x) => x.kind === k).length}`).join(', ')}), arrêt brutal après ${killAfter} accusés`);

      const acked = new Set();
      /** @type {Map<number, unknown>} the id in each acknowledged answer (when it has one) */
      const ackedIds = new Map();
      /** @type {Record<string, number>} */
      const beforeKill = {};
      /** @type {Record<string, number>} */
      const afterKill = {};
      let killedAt = -1;
      let inFlightAtKill = 0;
      let inFlight = 0;
      const t0 = performance.now();
      await pool(all.length, concurrency, async (i) => {
        const { write } = all[i];
        const killedBefore = killedAt >= 0;
        inFlight++;
        const res = await api(server.baseUrl, write.learner.cookie, write.method, write.path, write.body, { headers: write.headers });
        inFlight--;
        const label = res.status === 0 ? `aucune réponse (${res.error})` : String(res.status);
        const bucket = killedBefore || killedAt >= 0 ? afterKill : beforeKill;
        bucket[label] = (bucket[label] ?? 0) + 1;
        if (res.status >= 200 && res.status < 300) {
          acked.add(i);
          ackedIds.set(i, res.body?.id);
        }
        else if (killedAt < 0) violations.push(`manche ${r + 1} : ${write.method} ${write.path} a répondu ${label} avant l'arrêt : ${JSON.stringify(res.body).slice(0, 200)}`);
        if (killedAt < 0 && acked.size >= killAfter) {
          killedAt = performance.now() - t0;
          inFlightAtKill = inFlight;
          process.kill(server.pid, 'SIGKILL');
        }
      });
      await server.stop();
      const burstMs = performance.now() - t0;

      server = await startServer(o.db, { demoData: true, logName });
      ctx.baseUrl = server.baseUrl;

      /** @type {Record<string, KindRound>} */
      const perKind = {};
      for (const kind of kinds) {
        const idx = all.map((x, i) => (x.kind === kind ? i : -1)).filter((i) => i >= 0);
        const writes = idx.map((i) => all[i].write);
        const k = (perKind[kind.name] = { writes: writes.length, acknowledged: 0, lost: 0, doubled: 0, storedUnacknowledged: 0, retryFailures: 0, notOnceAfterRetry: 0 });
        if (writes.length === 0) continue;
        const counts = await kind.count(ctx, writes);
        /** @type {Write[]} */
        const retry = [];
        for (const i of idx) {
          const w = all[i].write;
          const c = counts.get(w.key) ?? 0;
          if (acked.has(i)) {
            k.acknowledged++;
            if (c === 0) k.lost++;
          } else {
            if (c === 1) k.storedUnacknowledged++;
            retry.push(w);
          }
          if (c > 1) k.doubled++;
        }
        // The client's retry after the outage: every unacknowledged write, plus a few acknowledged
        // ones sent again (a client that missed nothing may still retry).
        // An acknowledged write sent again must answer about the same record (same id).
        const resent = idx.filter((i) => acked.has(i)).slice(0, 20);
        const again = retry.map((w) => ({ w, i: -1 })).concat(resent.map((i) => ({ w: all[i].write, i })));
        await pool(again.length, concurrency, async (j) => {
          const { w, i } = again[j];
          const res = await api(ctx.baseUrl, w.learner.cookie, w.method, w.path, w.body, { headers: w.headers });
          if (res.status < 200 || res.status >= 300) {
            k.retryFailures++;
            if (k.retryFailures <= 3) violations.push(`manche ${r + 1} : nouvel envoi de ${w.method} ${w.path} : ${res.status || res.error} ${JSON.stringify(res.body).slice(0, 200)}`);
          } else if (i >= 0 && ackedIds.get(i) !== res.body?.id) {
            k.retryFailures++;
            violations.push(`manche ${r + 1} : ${w.method} ${w.path} renvoyé répond sur un autre enregistrement (${ackedIds.get(i)} puis ${res.body?.id})`);
          }
        });
        const final = await kind.count(ctx, writes);
        k.notOnceAfterRetry = writes.filter((w) => final.get(w.key) !== 1).length;
        if (k.lost) violations.push(`manche ${r + 1} : ${kind.name} : ${k.lost} écriture(s) confirmée(s) absente(s) après redémarrage`);
        if (k.doubled) violations.push(`manche ${r + 1} : ${kind.name} : ${k.doubled} écriture(s) enregistrée(s) deux fois`);
        if (k.notOnceAfterRetry) violations.push(`manche ${r + 1} : ${kind.name} : ${k.notOnceAfterRetry} écriture(s) pas enregistrée(s) exactement une fois après le nouvel envoi`);
        for (const p of (await kind.invariants?.(ctx, writes)) ?? []) violations.push(`manche ${r + 1} : ${kind.name} : ${p}`);
      }
      const round = {
        round: r + 1,
        writes: all.length,
        acknowledged: acked.size,
        killedAtMs: Math.round(killedAt),
        inFlightAtKill,
        burstMs: Math.round(burstMs),
        restartReadyMs: Math.round(server.readyMs),
        answersBeforeKill: beforeKill,
        answersAfterKill: afterKill,
        perKind,
      };
      rounds.push(round);
      const sum = (/** @type {keyof KindRound} */ f) => Object.values(perKind).reduce((s, k) => s + k[f], 0);
      log(
        `manche ${r + 1} : ${acked.size}/${all.length} confirmées avant l'arrêt (à ${round.killedAtMs} ms, ${inFlightAtKill} en vol), ` +
          `${sum('lost')} perdue(s), ${sum('doubled')} en double, ${sum('storedUnacknowledged')} enregistrée(s) sans accusé, ` +
          `${sum('retryFailures')} échec(s) au nouvel envoi, ${sum('notOnceAfterRetry')} pas exactement une fois ; redémarrage en ${round.restartReadyMs} ms`,
      );
    }
  } finally {
    await server.stop();
  }
  return { fault: 'kill-writes', learners: n, concurrency, kinds: kinds.map((k) => ({ name: k.name, description: k.description })), rounds, violations, ok: violations.length === 0 };
}

// Drives autocannon and keeps per-kind figures: every response is attributed to the kind that
// produced its request, so percentiles stay exact per kind even when kinds are mixed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** @type {(opts: Record<string, unknown>, cb: (err: Error | null, result: any) => void) => import('node:events').EventEmitter & { stop(): void }} */
const autocannon = require('autocannon');

/** @typedef {import('./types').RequestKind} RequestKind */
/** @typedef {import('./types').KindState} KindState */

/** A kind ready to send: its definition, the state its setup returned, and its request counter. */
export class PreparedKind {
  /**
   * @param {RequestKind} kind
   * @param {KindState} state
   */
  constructor(kind, state) {
    this.kind = kind;
    this.state = state;
    this.next = 0;
  }

  /** The next request of this kind, as autocannon wants it. */
  build() {
    const i = this.next++;
    const k = this.kind;
    const body = typeof k.body === 'function' ? k.body(i, this.state) : k.body;
    return {
      method: k.method ?? 'GET',
      path: k.path(i, this.state),
      headers: { ...k.headers, ...this.state.headers },
      ...(body === undefined ? {} : { body }),
    };
  }
}

/** Growable list of latencies (ms). */
class Samples {
  constructor() {
    this.values = new Float64Array(1 << 16);
    this.length = 0;
  }
  /** @param {number} v */
  push(v) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = v;
  }
  sorted() {
    return this.values.slice(0, this.length).sort();
  }
}

/**
 * Nearest-rank percentile of sorted values, rounded to 0.01 ms.
 * @param {Float64Array | number[]} sorted
 * @param {number} p 0..100
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(/** @type {number} */ (sorted[rank - 1]) * 100) / 100;
}

/**
 * @typedef {object} LoadFigures
 * @property {number} durationS   wall time of the run, seconds
 * @property {Map<string, { ok: Samples, non2xx: number, statusCodes: Record<string, number> }>} perKind
 * @property {number} socketErrors  connection errors and timeouts (autocannon does not say which request)
 * @property {number} timeouts
 */

/**
 * One autocannon run sending the given kinds, picked by weight (one kind: all of them).
 * @param {{ baseUrl: string, kinds: PreparedKind[], connections: number, durationS: number, amount?: number }} opts
 *   amount: send this many requests instead of running for durationS
 * @returns {Promise<LoadFigures>}
 */
export function runLoad({ baseUrl, kinds, connections, durationS, amount }) {
  const weights = kinds.map((k) => Math.max(0, k.kind.weight ?? 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // A fixed pseudo-random sequence so two runs send the same mix.
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = () => {
    if (kinds.length === 1) return /** @type {PreparedKind} */ (kinds[0]);
    let r = random() * totalWeight;
    for (let i = 0; i < kinds.length; i++) {
      r -= /** @type {number} */ (weights[i]);
      if (r < 0) return /** @type {PreparedKind} */ (kinds[i]);
    }
    return /** @type {PreparedKind} */ (kinds[kinds.length - 1]);
  };

  /** @type {LoadFigures['perKind']} */
  const perKind = new Map(kinds.map((k) => [k.kind.name, { ok: new Samples(), non2xx: 0, statusCodes: {} }]));

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: baseUrl,
        connections: amount ? Math.min(connections, amount) : connections,
        ...(amount ? { amount } : { duration: durationS }),
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            // Called for every request (autocannon keeps one context per connection): remember the
            // kind in the connection's context so its response can be attributed.
            setupRequest: (/** @type {Record<string, unknown>} */ req, /** @type {Record<string, unknown>} */ context) => {
              const k = pick();
              context.kind = k.kind.name;
              return { ...req, ...k.build() };
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          durationS: (performance.now() - started) / 1000,
          perKind,
          socketErrors: result.errors ?? 0,
          timeouts: result.timeouts ?? 0,
        });
      },
    );
    // With pipelining 1 a connection has one request in flight, and autocannon moves its context
    // on to the next request only after emitting 'response': the context names this response's kind.
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      const name = /** @type {string} */ (client.requestIterator?.context?.kind);
      const figures = perKind.get(name);
      if (!figures) return;
      figures.statusCodes[statusCode] = (figures.statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) figures.ok.push(responseTime);
      else figures.non2xx++;
    });
  });
}

/**
 * Turns a run's figures into result rows.
 * Socket errors and timeouts go to the kind when it ran alone; in a mix they cannot be attributed.
 * @param {LoadFigures} figures
 * @param {boolean} alone
 * @returns {import('./types').KindResult[]}
 */
export function summarize(figures, alone) {
  return [...figures.perKind.entries()].map(([name, f]) => {
    const sorted = f.ok.sorted();
    const socket = alone ? figures.socketErrors : 0;
    return {
      name,
      count: f.ok.length + f.non2xx,
      errors: f.non2xx + socket,
      rps: Math.round((f.ok.length / figures.durationS) * 10) / 10,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? Math.round(/** @type {number} */ (sorted[sorted.length - 1]) * 100) / 100 : null,
      statusCodes: f.statusCodes,
      ...(alone ? { timeouts: figures.timeouts } : {}),
      measuredS: Math.round(figures.durationS * 100) / 100,
    };
  });
}

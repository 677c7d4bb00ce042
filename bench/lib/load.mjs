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

/** @param {unknown} v the value of a server-timing header, e.g. "app;dur=1.23" @returns {number | null} ms */
export function serverDuration(v) {
  const text = Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : null;
  if (!text) return null;
  const m = /(?:^|,)\s*app;[^,]*?dur=([\d.]+)/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * @typedef {object} KindFigures
 * @property {Samples} ok            client-side latency of the 2xx responses (ms)
 * @property {Samples} server        server-side duration of the 2xx responses, from their server-timing header (ms)
 * @property {number} non2xx
 * @property {Record<string, number>} statusCodes
 */

/**
 * @typedef {object} LoadFigures
 * @property {number} durationS   wall time of the run, seconds
 * @property {Map<string, KindFigures>} perKind
 * @property {number} socketErrors  connection errors and timeouts (autocannon does not say which request)
 * @property {number} timeouts
 * @property {{ target: number, pacing: 'smooth' | 'burst', lag: Samples } | null} rate
 *   fixed-rate runs: the target (req/s over all connections) and, when paced smoothly, how late each
 *   request left compared with its slot (ms)
 */

/**
 * One autocannon run sending the given kinds, picked by weight (one kind: all of them).
 * @param {{ baseUrl: string, kinds: PreparedKind[], connections: number, durationS: number, amount?: number,
 *   rate?: number, pacing?: 'smooth' | 'burst' }} opts
 *   amount: send this many requests instead of running for durationS;
 *   rate: send this many requests per second over all connections instead of as many as possible.
 *   pacing "smooth" (default) gives each connection one slot every connections/rate seconds, the
 *   connections' slots spread evenly; "burst" is autocannon's overallRate, where every connection
 *   sends its whole per-second quota back to back at the start of each second.
 * @returns {Promise<LoadFigures>}
 */
export function runLoad({ baseUrl, kinds, connections, durationS, amount, rate, pacing = 'smooth' }) {
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
  const perKind = new Map(kinds.map((k) => [k.kind.name, { ok: new Samples(), server: new Samples(), non2xx: 0, statusCodes: {} }]));
  const fixedRate = rate && rate > 0 && !amount ? rate : null;
  /** @type {LoadFigures['rate']} */
  const rateFigures = fixedRate ? { target: fixedRate, pacing, lag: new Samples() } : null;
  const pacer = fixedRate && pacing === 'smooth' ? smoothPacer(fixedRate, connections, /** @type {Samples} */ (rateFigures?.lag)) : null;

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: baseUrl,
        connections: amount ? Math.min(connections, amount) : connections,
        ...(amount ? { amount } : { duration: durationS }),
        ...(fixedRate && pacing === 'burst' ? { overallRate: fixedRate } : {}),
        ...(pacer ? { setupClient: pacer.setupClient } : {}),
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
            // Called with the response's headers just before the 'response' event below, while the
            // context still names this response's kind.
            onResponse: (/** @type {number} */ status, /** @type {unknown} */ _body, /** @type {Record<string, unknown>} */ context, /** @type {Record<string, unknown>} */ headers) => {
              if (status < 200 || status >= 300) return;
              const figures = perKind.get(/** @type {string} */ (context.kind));
              if (!figures) return;
              let value = headers['server-timing'];
              if (value === undefined) {
                for (const key of Object.keys(headers)) if (key.toLowerCase() === 'server-timing') value = headers[key];
              }
              const dur = serverDuration(value);
              if (dur != null) figures.server.push(dur);
            },
          },
        ],
      },
      (err, result) => {
        pacer?.stop();
        if (err) return reject(err);
        resolve({
          durationS: (performance.now() - started) / 1000,
          perKind,
          socketErrors: result.errors ?? 0,
          timeouts: result.timeouts ?? 0,
          rate: rateFigures,
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
 * Fixed rate without bursts: each connection may send one request per slot of connections/rate
 * seconds, the first slots of the connections spread over one period. A connection whose previous
 * answer came after its next slot sends at once (the lag is recorded); a connection more than one
 * second behind its schedule starts a fresh one rather than firing a catch-up burst.
 * Done by wrapping each autocannon client's _doRequest (autocannon 9): autocannon's own overallRate
 * lets every connection send its per-second quota back to back, so the latency it measures at a
 * "fixed rate" is the latency under saturation for part of each second.
 * @param {number} rate requests per second over all connections
 * @param {number} connections
 * @param {Samples} lag
 */
function smoothPacer(rate, connections, lag) {
  const periodMs = (connections / rate) * 1000;
  const t0 = performance.now() + 20;
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  let index = 0;
  let stopped = false;
  return {
    /** @param {any} client an autocannon Client, called from its constructor before it connects */
    setupClient(client) {
      const original = client._doRequest;
      let next = t0 + ((index++ % connections) * periodMs) / connections;
      /** @type {NodeJS.Timeout | null} */
      let waiting = null;
      const send = () => {
        const now = performance.now();
        const late = now - next;
        lag.push(Math.max(0, late));
        next = late > 1000 ? now + periodMs : next + periodMs;
        original.call(client);
      };
      client._doRequest = function doRequestPaced() {
        if (stopped || client.destroyed || waiting) return;
        const wait = next - performance.now();
        if (wait <= 0) return send();
        waiting = setTimeout(() => {
          if (waiting) timers.delete(waiting);
          waiting = null;
          if (!stopped && !client.destroyed) send();
        }, wait);
        timers.add(waiting);
      };
    },
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
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
    const server = f.server.sorted();
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
      serverP50: percentile(server, 50),
      serverP95: percentile(server, 95),
      serverP99: percentile(server, 99),
      serverTimed: server.length,
      statusCodes: f.statusCodes,
      ...(alone ? { timeouts: figures.timeouts } : {}),
      measuredS: Math.round(figures.durationS * 100) / 100,
    };
  });
}

/** @param {LoadFigures} figures the schedule of a fixed-rate run, or null */
export function rateSummary(figures) {
  const r = figures.rate;
  if (!r) return null;
  const lag = r.lag.sorted();
  const sent = [...figures.perKind.values()].reduce((n, f) => n + f.ok.length + f.non2xx, 0);
  const achieved = Math.round((sent / figures.durationS) * 10) / 10;
  return {
    target: r.target,
    pacing: r.pacing,
    achievedRps: achieved,
    // Smooth pacing: how late requests left compared with their slot (a busy server or load generator).
    ...(r.pacing === 'smooth' ? { lagP50: percentile(lag, 50), lagP99: percentile(lag, 99), lateOver5ms: lag.filter((v) => v > 5).length } : {}),
  };
}

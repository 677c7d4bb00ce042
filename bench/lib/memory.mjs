// Memory of the server seen from the bench side: no route, nothing changed in the product. Two views:
//   - resident memory (/proc/<pid>/status), sampled: what the machine gives the process. It rises and
//     falls with the collector's timing (the heap grows until a full collection, then the pages may or
//     may not go back), so a slope over a few minutes can show growth where nothing leaks;
//   - the V8 heap just after each full collection (Node's --trace-gc, `Mark-Compact a (b) -> c (d) MB`):
//     what is still alive then. That is the view "memory stable over the run" is judged on (issue #8,
//     scenario national): a leak raises it collection after collection.
import fs from 'node:fs';

/** @typedef {{ t: number, rssMB: number }} MemorySample t: seconds since the probe started */
/** @typedef {{ atMs: number, heapMB: number }} HeapSample atMs: wall clock (Date.now()) when the line was read */

/**
 * Heap sizes after full collections in --trace-gc output, of one isolate: the one named by `isolate`
 * (`0x…`), else the first seen (the main thread's: a worker thread's collections are its own heap).
 * @param {string} text
 * @param {number} atMs when the text was read
 * @param {{ isolate?: string }} [state] remembers the isolate between chunks of output
 * @returns {HeapSample[]}
 */
export function parseMajorGcs(text, atMs, state = {}) {
  /** @type {HeapSample[]} */
  const out = [];
  for (const m of text.matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: (Mark-Compact(?: \(reduce\))?|Scavenge|Mark-Sweep)[^\n]*?-> ([\d.]+) \([\d.]+\) MB/g)) {
    state.isolate ??= m[1];
    if (m[1] !== state.isolate || !m[2].startsWith('Mark-Compact')) continue;
    out.push({ atMs, heapMB: Number(m[3]) });
  }
  return out;
}

/**
 * Resident memory of a process in MB (VmRSS), null when the process is gone or /proc is absent.
 * @param {number} pid
 * @returns {number | null}
 */
export function readRssMB(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples the RSS of `pid` every `intervalMs` until stop() (which returns the samples; calling it
 * twice is harmless).
 * @param {number} pid
 * @param {{ intervalMs?: number, read?: (pid: number) => number | null }} [opts]
 */
export function startMemoryProbe(pid, opts = {}) {
  const read = opts.read ?? readRssMB;
  const t0 = performance.now();
  /** @type {MemorySample[]} */
  const samples = [];
  const sample = () => {
    const rssMB = read(pid);
    if (rssMB !== null) samples.push({ t: (performance.now() - t0) / 1000, rssMB });
  };
  sample();
  const timer = setInterval(sample, opts.intervalMs ?? 5000);
  timer.unref();
  return {
    samples,
    stop() {
      clearInterval(timer);
      return { samples };
    },
  };
}

/**
 * Least-squares slope of y over x.
 * @param {{ x: number, y: number }[]} points
 * @returns {number}
 */
export function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * "No growth": the slope of a linear fit over the second half of the run (the first half is
 * warm-up: caches, JIT, pools filling) stays under a threshold. Judges resident memory samples, or
 * heap-after-collection ones given as { t, rssMB: heapMB } (see heapSamples).
 * @param {MemorySample[]} samples
 * @param {{ maxMBPerMinute?: number, minSamples?: number }} [opts] default 1 MB/min, at least 6 samples in the half
 * @returns {{ ok: boolean, slopeMBPerMinute: number, samplesJudged: number, startMB: number | null, endMB: number | null, peakMB: number | null, reason: string }}
 */
export function judgeMemory(samples, opts = {}) {
  const max = opts.maxMBPerMinute ?? 1;
  const minSamples = opts.minSamples ?? 6;
  const peakMB = samples.length ? Math.max(...samples.map((s) => s.rssMB)) : null;
  if (samples.length === 0) return { ok: false, slopeMBPerMinute: 0, samplesJudged: 0, startMB: null, endMB: null, peakMB, reason: 'aucune mesure' };
  const end = samples[samples.length - 1].t;
  const start = samples[0].t;
  const half = samples.filter((s) => s.t >= start + (end - start) / 2);
  const base = { samplesJudged: half.length, startMB: samples[0].rssMB, endMB: samples[samples.length - 1].rssMB, peakMB };
  if (half.length < minSamples) {
    return { ok: false, slopeMBPerMinute: 0, ...base, reason: `trop peu de mesures dans la seconde moitié (${half.length} < ${minSamples})` };
  }
  const perMinute = slope(half.map((s) => ({ x: s.t, y: s.rssMB }))) * 60;
  const ok = perMinute <= max;
  return {
    ok,
    slopeMBPerMinute: Math.round(perMinute * 100) / 100,
    ...base,
    reason: ok ? `stable (${perMinute.toFixed(2)} Mo/min ≤ ${max})` : `croissance de ${perMinute.toFixed(2)} Mo/min (> ${max}) sur la seconde moitié`,
  };
}

/**
 * The heap after each full collection between `fromMs` and `toMs` (wall clock), as samples `judgeMemory`
 * reads (t in seconds since fromMs).
 * @param {HeapSample[]} gcs @param {number} fromMs @param {number} toMs
 * @returns {MemorySample[]}
 */
export function heapSamples(gcs, fromMs, toMs) {
  return gcs.filter((g) => g.atMs >= fromMs && g.atMs <= toMs).map((g) => ({ t: (g.atMs - fromMs) / 1000, rssMB: g.heapMB }));
}

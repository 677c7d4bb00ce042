import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapSamples, judgeMemory, parseMajorGcs, readRssMB, slope, startMemoryProbe } from './memory.mjs';

const run = (f: (t: number) => number, seconds = 600, every = 5) =>
  Array.from({ length: seconds / every + 1 }, (_, i) => ({ t: i * every, rssMB: f(i * every) }));

describe('memory probe', () => {
  it('fits a straight line', () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    expect(slope([{ x: 1, y: 4 }])).toBe(0);
  });

  it('accepts a server that warms up then stays flat, with noise', () => {
    // Grows 80 MB in the first two minutes (caches, pools), then ±3 MB of garbage-collector noise.
    const v = judgeMemory(run((t) => 120 + Math.min(t, 120) * (80 / 120) + 3 * Math.sin(t / 7)));
    expect(v.ok).toBe(true);
    expect(Math.abs(v.slopeMBPerMinute)).toBeLessThan(1);
    expect(v.peakMB).toBeGreaterThan(200);
  });

  it('refuses a leak in the second half', () => {
    // 2 MB per minute: 20 MB over a 10-minute run, small next to the noise of a single sample.
    const v = judgeMemory(run((t) => 200 + (2 * t) / 60 + 4 * Math.sin(t)));
    expect(v.ok).toBe(false);
    expect(v.slopeMBPerMinute).toBeGreaterThan(1.5);
    expect(v.reason).toMatch(/croissance/);
  });

  it('does not judge on too few samples', () => {
    expect(judgeMemory(run(() => 100, 10, 5)).ok).toBe(false);
    expect(judgeMemory([]).reason).toBe('aucune mesure');
  });

  it('reads the RSS of a live process and samples it', () => {
    const rss = readRssMB(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(readRssMB(2 ** 22 + 12345)).toBeNull();
    let n = 0;
    const probe = startMemoryProbe(4242, { intervalMs: 1000, read: () => 100 + n++ });
    expect(probe.stop().samples).toEqual([{ t: expect.any(Number), rssMB: 100 }]);
  });

  it("reads the heap left after each full collection in Node's --trace-gc output", () => {
    // A process that keeps 40 MB alive across forced full collections, then lets it go.
    const child = spawnSync(
      process.execPath,
      ['--trace-gc', '--expose-gc', '-e', 'let keep = Array.from({ length: 40 }, (_, i) => new Array(1 << 17).fill(i + 0.5)); gc(); gc(); keep = null; gc();'],
      { encoding: 'utf8' },
    );
    const gcs = parseMajorGcs(child.stdout, 1000);
    expect(gcs.length).toBeGreaterThanOrEqual(3);
    const sizes = gcs.map((g) => g.heapMB);
    expect(sizes[1]).toBeGreaterThan(35);
    expect(sizes.at(-1)).toBeLessThan(10);
    // Scavenges (young generation) are not full collections.
    expect(parseMajorGcs('[1:0x1]  5 ms: Scavenge 3.1 (4.2) -> 2.9 (5.2) MB, 0.5 / 0.0 ms', 0)).toEqual([]);
    // A worker thread's collections (another isolate) are not the main heap's.
    const state = {};
    parseMajorGcs('[1:0xa]  5 ms: Scavenge 3.1 (4.2) -> 2.9 (5.2) MB, 0.5 / 0.0 ms\n', 0, state);
    expect(parseMajorGcs('[1:0xb]  9 ms: Mark-Compact 9.0 (10.0) -> 4.0 (10.0) MB, 1 / 0 ms\n[1:0xa]  9 ms: Mark-Compact 90.0 (100.0) -> 40.0 (100.0) MB, 1 / 0 ms', 7, state)).toEqual([{ atMs: 7, heapMB: 40 }]);
    expect(heapSamples([{ atMs: 500, heapMB: 1 }, { atMs: 2500, heapMB: 2 }, { atMs: 9000, heapMB: 3 }], 1000, 5000)).toEqual([{ t: 1.5, rssMB: 2 }]);
  });
});

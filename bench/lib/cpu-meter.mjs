// Who used the CPU during a measure: the server, the load generator, the bench database's
// PostgreSQL backends, and everything else on the machine (other work skews the figures).
import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU time (user + system, ms) a process has used so far; null where /proc is absent.
 * @param {number} pid
 */
export function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine (jiffies, all cores) from /proc/stat; null elsewhere. */
export function machineCpu() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) used so far by each PostgreSQL backend serving `database` (their process title
 * names the database), by pid; empty where /proc is absent.
 * @param {string | undefined} database
 * @returns {Map<number, number>}
 */
export function databaseBackendsCpuMs(database) {
  /** @type {Map<number, number>} */
  const out = new Map();
  if (!database) return out;
  let pids;
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const cmdline = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres: ') || !cmdline.includes(` ${database} `)) continue;
      const cpu = processCpuMs(Number(p));
      if (cpu != null) out.set(Number(p), cpu);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

/**
 * Starts counting; the returned function stops and gives percentages (processes: % of one core;
 * machine and others: % of all cores).
 * @param {{ serverPid: number, database?: string }} target database: PostgreSQL database name, if any
 */
export function startCpuMeter({ serverPid, database }) {
  const t0 = performance.now();
  const server0 = processCpuMs(serverPid);
  const self0 = process.cpuUsage();
  const db0 = databaseBackendsCpuMs(database);
  const machine0 = machineCpu();
  return () => {
    const wallMs = performance.now() - t0;
    const server1 = processCpuMs(serverPid);
    const self = process.cpuUsage(self0);
    let dbMs = 0;
    for (const [pid, ms] of databaseBackendsCpuMs(database)) dbMs += ms - (db0.get(pid) ?? 0);
    const machine1 = machineCpu();
    const pct = (/** @type {number} */ ms) => Math.round((ms / wallMs) * 100);
    const serverPct = server1 != null && server0 != null ? pct(server1 - server0) : null;
    const loadGeneratorPct = pct((self.user + self.system) / 1000);
    const databasePct = database ? pct(dbMs) : null;
    const machinePct =
      machine1 && machine0 ? Math.round(((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * 100) : null;
    const ours = ((serverPct ?? 0) + loadGeneratorPct + (databasePct ?? 0)) / os.cpus().length;
    const othersPct = machinePct != null && serverPct != null ? Math.max(0, Math.round(machinePct - ours)) : null;
    return { serverPct, loadGeneratorPct, databasePct, machinePct, othersPct };
  };
}

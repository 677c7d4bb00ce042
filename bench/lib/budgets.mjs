// Judges result rows against bench/budgets.json. Budgets are reported; --enforce makes them fail the run.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './server.mjs';

/** @typedef {import('./types').Budget} Budget */
/** @typedef {import('./types').KindResult} KindResult */

/**
 * @typedef {object} BudgetVerdict
 * @property {string} kind
 * @property {'pass' | 'fail' | 'skip'} status
 * @property {string[]} checks   e.g. "p95 3.1 ms < 10 ms ✓"
 * @property {string} [reason]   why it was skipped
 */

/** @returns {Record<string, Record<string, Budget>>} budgets by scenario, then by request kind */
export function loadBudgets() {
  const file = path.join(ROOT, 'bench', 'budgets.json');
  if (!fs.existsSync(file)) return {};
  const all = JSON.parse(fs.readFileSync(file, 'utf8'));
  delete all.$comment;
  return all;
}

/**
 * @param {Record<string, Budget>} budgets
 * @param {KindResult[]} rows
 * @param {{ engine: string, connections: number }} run
 * @returns {BudgetVerdict[]}
 */
export function judge(budgets, rows, run) {
  /** @type {BudgetVerdict[]} */
  const verdicts = [];
  for (const [kind, budget] of Object.entries(budgets)) {
    if (kind.startsWith('$')) continue;
    const row = rows.find((r) => r.name === kind);
    if (!row) {
      verdicts.push({ kind, status: 'skip', checks: [], reason: "ce type de requête n'a pas été mesuré" });
      continue;
    }
    if (row.skipped) {
      verdicts.push({ kind, status: 'skip', checks: [], reason: String(row.skipped) });
      continue;
    }
    const when = budget.when ?? {};
    if ((when.engine && when.engine !== run.engine) || (when.connections && when.connections !== run.connections)) {
      const cond = [when.engine, when.connections && `${when.connections} connexions`].filter(Boolean).join(', ');
      verdicts.push({ kind, status: 'skip', checks: [], reason: `budget défini pour ${cond}` });
      continue;
    }
    // A budget that names a rate judges latencies measured at that rate, not at saturation.
    const rate = /** @type {{ target: number, achievedRps: number, kindRps: number } | null | undefined} */ (row.rate);
    if (budget.rate !== undefined && rate?.target !== budget.rate) {
      const measured = rate ? `mesuré à ${rate.target} req/s` : 'mesuré à saturation seulement';
      verdicts.push({ kind, status: 'skip', checks: [], reason: `budget défini à ${budget.rate} req/s, ${measured} (relancez sans --rate ou avec --rate ${budget.rate})` });
      continue;
    }
    /** @type {string[]} */
    const checks = [];
    let ok = true;
    /** @param {string} label @param {number | null | undefined} value @param {number} bound @param {'<' | '>=' | '<='} op @param {string} unit */
    const check = (label, value, bound, op, unit) => {
      const pass = value != null && (op === '<' ? value < bound : op === '<=' ? value <= bound : value >= bound);
      ok &&= pass;
      checks.push(`${label} ${value ?? '—'}${unit} ${op} ${bound}${unit} ${pass ? '✓' : '✗'}`);
    };
    if (budget.rate !== undefined && rate) {
      // The load generator must have kept the rate, else the latencies were measured under less load.
      check(`débit tenu à ${budget.rate} req/s`, rate.kindRps, Math.floor(0.97 * budget.rate), '>=', '');
    }
    for (const p of /** @type {const} */ (['p50', 'p95', 'p99', 'max'])) {
      const bound = budget[p];
      if (bound !== undefined) check(p, /** @type {number | null} */ (row[p]), bound, '<', ' ms');
    }
    for (const [p, label] of /** @type {const} */ ([['serverP50', 'p50 serveur'], ['serverP95', 'p95 serveur'], ['serverP99', 'p99 serveur']])) {
      const bound = budget[p];
      if (bound !== undefined) check(label, /** @type {number | null} */ (row[p]), bound, '<', ' ms');
    }
    if (budget.minRps !== undefined) check('req/s max', row.rps, budget.minRps, '>=', '');
    if (budget.maxBytes !== undefined) check('octets', /** @type {number | null} */ (row.bytes), budget.maxBytes, '<=', '');
    check('erreurs', row.errors, budget.maxErrors ?? 0, '<=', '');
    verdicts.push({ kind, status: ok ? 'pass' : 'fail', checks });
  }
  return verdicts;
}

import { sql } from 'drizzle-orm';
import { BILLING_CODES, BILLING_MEMO_VERSION, billingMemoInputSchema, type BillingCode } from '@palliance/core';
import type { z } from 'zod';
import type { AppDeps } from '../app-types';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { DbHandle } from '../db/client';
import { billingMemoVersion } from '../db/schema';
import type { Actor, RequestContext } from '../http/actor';
import { conflict } from '../http/errors';
import { assertCan } from '../http/permissions';

export interface BillingMemo {
  version: number;
  date: string;
  codes: BillingCode[];
  changeNote: string;
  createdByEmail: string | null;
}

const SEED: BillingMemo = {
  version: Number(BILLING_MEMO_VERSION.version),
  date: BILLING_MEMO_VERSION.date,
  codes: BILLING_CODES,
  changeNote: 'Version initiale, d’après les faits de référence et l’enquête Corpalif.',
  createdByEmail: null,
};

interface Row {
  version: number;
  codes: BillingCode[];
  change_note: string;
  created_at: Date | string;
  email: string | null;
}
const toMemo = (r: Row): BillingMemo => ({ version: r.version, date: new Date(r.created_at).toISOString().slice(0, 10), codes: r.codes, changeNote: r.change_note, createdByEmail: r.email });
const SELECT = 'SELECT m.version, m.codes, m.change_note, m.created_at, u.email FROM billing_memo_version m LEFT JOIN app_user u ON u.id = m.created_by';

/** The memo in force: the latest editor version, else the seed shipped in core. */
export async function currentBillingMemo(handle: DbHandle): Promise<BillingMemo> {
  const rows = await handle.query<Row>(`${SELECT} ORDER BY m.version DESC LIMIT 1`);
  return rows[0] ? toMemo(rows[0]) : SEED;
}

export async function billingMemoHistory(handle: DbHandle): Promise<Omit<BillingMemo, 'codes'>[]> {
  const rows = await handle.query<Row>(`${SELECT} ORDER BY m.version DESC`);
  return [...rows.map(toMemo), SEED].map(({ codes: _codes, ...rest }) => rest);
}

/**
 * An editor publishes a new version of the memo (texts, amounts, sources, unconfirmed notes). The
 * eligibility rules are code, keyed by the code: they read the new texts at once.
 */
export async function publishBillingMemo(
  deps: AppDeps,
  actor: Actor | null,
  input: z.output<typeof billingMemoInputSchema>,
  ctx: RequestContext,
): Promise<{ created: boolean; memo: BillingMemo }> {
  assertCan(actor, 'reference.edit');
  const current = await currentBillingMemo(deps.handle);
  const order = BILLING_CODES.map((c) => c.code);
  const codes = [...input.codes].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  if (input.baseVersion !== current.version) {
    // A retried request (same content, already published on top of its base): the same answer.
    if (input.baseVersion === current.version - 1 && current.createdByEmail === actor.email && stableJson(current.codes) === stableJson(codes)) return { created: false, memo: current };
    throw conflict(`Le mémo a été modifié entre-temps (version ${current.version}). Rechargez-le avant de publier.`, 'baseVersion');
  }
  const next = current.version + 1;
  await deps.db.transaction(async (tx) => {
    const taken = (await tx.execute(sql`SELECT 1 FROM billing_memo_version WHERE version = ${next}`)) as unknown as { rows: unknown[] };
    if (taken.rows.length) throw conflict('Une autre version vient d’être publiée. Rechargez le mémo avant de publier.', 'baseVersion');
    await tx.insert(billingMemoVersion).values({ version: next, codes, changeNote: input.changeNote, createdBy: actor.id, createdAt: deps.now() });
    await recordAuditEvent(tx, actor, ctx, { action: 'billing_memo.version_published', objectType: 'billing_memo', objectId: String(next), details: { changeNote: input.changeNote } });
  });
  return { created: true, memo: await currentBillingMemo(deps.handle) };
}

/** JSON with sorted keys: jsonb does not keep the order in which keys were written. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

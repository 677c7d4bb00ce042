import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/harness';
import * as schema from './schema';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t?.stop());

describe('schema.ts and the SQL migrations', () => {
  it('describe the same tables and columns', async () => {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v);
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const cfg = getTableConfig(table);
      const cols = await t.query<{ column_name: string; is_nullable: string }>(
        "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [cfg.name],
      );
      const inDb = new Map(cols.map((c) => [c.column_name, c.is_nullable === 'NO']));
      for (const col of cfg.columns) {
        expect(inDb.has(col.name), `${cfg.name}.${col.name} exists in the database`).toBe(true);
        expect(inDb.get(col.name), `${cfg.name}.${col.name} nullability`).toBe(col.notNull);
      }
      expect(cols.length, `${cfg.name} has no column unknown to schema.ts`).toBe(cfg.columns.length);
    }
  });

  it('has the extensions and the French accent-insensitive search configuration', async () => {
    const ext = await t.query<{ extname: string }>('SELECT extname FROM pg_extension');
    expect(ext.map((e) => e.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent', 'btree_gin', 'cube', 'earthdistance']));
    const [row] = await t.query<{ v: string }>("SELECT to_tsvector('fr_unaccent', 'Équipes mobiles à l''hôpital')::text AS v");
    expect(row.v).toContain("'hopital'");
    expect(row.v).toContain("'equip'");
    const [d] = await t.query<{ km: number }>('SELECT round(earth_distance(ll_to_earth(43.70, 7.27), ll_to_earth(43.30, 5.37)) / 1000) AS km');
    expect(Number(d.km)).toBeGreaterThan(150);
  });

  it('plans for tables read from memory on every connection (directory searches use their indexes)', async () => {
    const settings = async () =>
      (await t.query("SELECT current_setting('random_page_cost') AS page, current_setting('pg_trgm.word_similarity_threshold') AS similarity"))[0];
    // Several at once: on PostgreSQL they take several connections of the pool.
    for (const s of await Promise.all([settings(), settings(), settings()])) expect(s).toEqual({ page: '1.1', similarity: '0.5' });
  });

  it('keeps the audit table append-only', async () => {
    await t.query("INSERT INTO audit_event (action, object_type) VALUES ('test.write', 'test')");
    await expect(t.query("UPDATE audit_event SET action = 'x' WHERE action = 'test.write'")).rejects.toThrow(/append-only/);
    await expect(t.query("DELETE FROM audit_event WHERE action = 'test.write'")).rejects.toThrow(/append-only/);
  });
});

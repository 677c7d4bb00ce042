import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from '../ops/pglite-lock';
import * as schema from './schema';

export type Engine = 'pglite' | 'postgres';
/** A Drizzle database or a transaction on it: use cases accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  engine: Engine;
  db: Db;
  /** Raw SQL: several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Raw SQL with parameters, rows back. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** What pg-boss needs to run its queue on this database. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  ping(): Promise<boolean>;
  /** PGlite only: the whole data folder as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  /** Runs fn on one connection (session-level locks need it on a server). */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SqlSession {
  exec(text: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * One misspelt letter in a word of ten ("tarantaise" for "tarentaise") scores 0.57 in word
 * similarity; the default threshold of 0.6 would miss it.
 */
const SESSION_SETTINGS = '-c pg_trgm.word_similarity_threshold=0.5';

export const pgliteExtensions = { pg_trgm, unaccent, btree_gin, cube, earthdistance };

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: start from a dumped data folder (tests copy one migrated template this way). */
  loadDataDir?: Blob;
  poolMax?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolMax ?? 10) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<DbHandle> {
  let unlock = () => {};
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    unlock = lockDataDir(opts.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      // With both, PGlite unpacks the dump into an empty folder and keeps working there.
      dataDir: opts.dataDir,
      loadDataDir: opts.loadDataDir,
      extensions: pgliteExtensions,
    });
  } catch (err) {
    unlock();
    throw err;
  }
  await client.exec('SET pg_trgm.word_similarity_threshold = 0.5; SET random_page_cost = 1.1');
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    dumpDataDir: async () => (await client.dumpDataDir('none')) as Blob,
    exec: async (text) => {
      await client.exec(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
    executeSql: async (text, values) => {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return { rows: (await client.query(text, values)).rows };
    },
    ping: async () => {
      try {
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    withSession: async (fn) =>
      fn({
        exec: async (text) => {
          await client.exec(text);
        },
        query: async <T>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
      }),
    close: async () => {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  // JIT compilation costs more than it saves on our short queries (26 ms on a directory search).
  // random_page_cost 1.1 instead of 4 (a disk that seeks): the platform's tables are read from memory,
  // where an index costs about what a sequential read does. With 4, a directory search of a few words
  // read all 10,000 structures (11-22 ms) rather than its three indexes (5-9 ms).
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, options: `-c jit=off -c random_page_cost=1.1 ${SESSION_SETTINGS}` });
  // A connection dropped by a database restart must not crash the process: the next query reconnects.
  pool.on('error', () => {});
  // A connection checked out (inside a transaction) when the database goes away reports the error
  // on its own client, not on the pool: with no listener there, the process crashed (found by
  // `npm run stress -- db-restart`). The query in progress still fails (answered 503) and the pool
  // drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    exec: async (text) => {
      await pool.query(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[],
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }),
    ping: async () => {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    withSession: async (fn) => {
      const conn = await pool.connect();
      try {
        return await fn({
          exec: async (text) => {
            await conn.query(text);
          },
          query: async <T>(text: string, params: unknown[] = []) => (await conn.query(text, params)).rows as T[],
        });
      } finally {
        conn.release();
      }
    },
    close: async () => {
      // Idempotent, like PGlite's: a second close (shutdown paths overlap) is not an error.
      if (!pool.ended) await pool.end();
    },
  };
}

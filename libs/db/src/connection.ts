import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** A drizzle database over either driver; callers never need to know which. */
export type Database = PgDatabase<PgQueryResultHKT>;

/** Where the data lives: a PostgreSQL URL, or an embedded PGlite folder (`memory://` for a throwaway one). */
export interface ConnectionOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. Defaults to `process.env.DATABASE_URL`. */
  url?: string | undefined;
  /** PGlite data folder, used when no URL is given. Defaults to `.data/pglite`; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Called with the SQL of every statement drizzle sends (tests count queries with it to catch N+1 patterns). */
  onQuery?: (query: string) => void;
  /**
   * PGlite only: how often to refresh the planner's statistics, in milliseconds (default 10 minutes). PGlite runs no
   * autovacuum, so without this it plans every query as if its tables were empty (nested loops where a hash join
   * is several times faster once a project holds a few thousand scores).
   */
  analyzeEveryMs?: number;
}

/** An open connection: the drizzle handle, which engine backs it, and how to close it. */
export interface Connection {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Opens the database named by `options` (PostgreSQL when a URL is set, else embedded PGlite). */
export async function openDatabase(options: ConnectionOptions = {}): Promise<Connection> {
  const url = options.url ?? process.env.DATABASE_URL;
  const onQuery = options.onQuery;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    let closing = false;
    // The server may end an idle connection (a restart, an administrator, a test dropping its database while
    // pool.end() is still closing sockets); pg reports that as an 'error' event on the pool, which would crash the
    // process without a listener. The pool has already dropped that connection and opens a new one when needed.
    pool.on('error', (error) => {
      if (!closing) console.warn(`database: the server closed an idle connection: ${error.message}`);
    });
    // Fail now, with the server's own message, rather than on the first query.
    await pool.query('select 1');
    const close = async () => {
      closing = true;
      await pool.end();
    };
    return { db: drizzlePostgres(pool, { logger }), kind: 'postgres', close };
  }
  const client = new PGlite(options.dataDir ?? '.data/pglite');
  await client.waitReady;
  // ANALYZE samples at most 30,000 rows per table, so even a large database holds the (single) thread only briefly.
  const analyze = setInterval(
    () => {
      client.exec('analyze').catch((error: unknown) => console.warn('database: analyze failed', error));
    },
    options.analyzeEveryMs ?? 10 * 60_000,
  );
  analyze.unref();
  const close = async () => {
    clearInterval(analyze);
    await client.close();
  };
  return { db: drizzlePglite(client, { logger }), kind: 'pglite', close };
}

/** What a health check reports about the database. */
export interface DatabaseHealth {
  kind: Connection['kind'];
  serverVersion: string;
  now: string;
}

/** Reads the server's version and clock: proves the database answers queries. */
export async function checkHealth(connection: Connection): Promise<DatabaseHealth> {
  // Both drivers return `{ rows }`; drizzle's driver-agnostic type leaves the result untyped.
  const result = (await connection.db.execute(sql`select version() as version, now()::text as now`)) as {
    rows: { version: string; now: string }[];
  };
  const row = result.rows[0];
  if (!row) throw new Error('database health check returned no row');
  return { kind: connection.kind, serverVersion: row.version, now: row.now };
}

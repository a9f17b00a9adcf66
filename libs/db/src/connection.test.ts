import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHealth, openDatabase, type Connection } from './connection.js';

const opened: Connection[] = [];
afterAll(async () => {
  await Promise.all(opened.map((connection) => connection.close()));
});

describe('openDatabase', () => {
  it('opens an embedded PGlite database and answers a health check', async () => {
    const connection = await openDatabase({ url: '', dataDir: 'memory://' });
    opened.push(connection);
    const health = await checkHealth(connection);
    expect(health.kind).toBe('pglite');
    expect(health.serverVersion).toMatch(/PostgreSQL/);
  });

  it("keeps PGlite's planner statistics fresh (it has no autovacuum)", async () => {
    const connection = await openDatabase({ url: '', dataDir: 'memory://', analyzeEveryMs: 100 });
    opened.push(connection);
    await connection.db.execute(sql`create table numbers as select generate_series(1, 5000) as n`);
    const estimate = async () => {
      const result = (await connection.db.execute(
        sql`select reltuples::float8 as rows from pg_class where relname = 'numbers'`,
      )) as unknown as { rows: { rows: number }[] };
      return result.rows[0]!.rows;
    };
    const started = Date.now();
    while ((await estimate()) !== 5000 && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await estimate()).toBe(5000);
  });

  it('opens the PostgreSQL server named by a URL', async () => {
    const connection = await openDatabase({
      url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    });
    opened.push(connection);
    const health = await checkHealth(connection);
    expect(health.kind).toBe('postgres');
    expect(health.serverVersion).toMatch(/PostgreSQL 1\d/);
  });

  it('survives the server ending its idle connections and reconnects for the next query', async () => {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const connection = await openDatabase({ url });
    opened.push(connection);
    const { rows } = (await connection.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
      rows: { pid: number }[];
    };
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    // The cut reaches the idle client as an 'error' event; without a listener on the pool it would end the test
    // run as an uncaught exception.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await checkHealth(connection)).kind).toBe('postgres');
  });

  it('names the server when it cannot connect', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toThrow(
      /ECONNREFUSED|connect/,
    );
  });
});

import { eq, sql } from 'drizzle-orm';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Connection, Database } from './connection.js';
import { methods, reportedResults, runGroups, runs } from './schema/index.js';
import { knownMethods, renamedMethodIds } from './seed/methods.js';
import { loadPaperResults } from './seed/reported-results.js';

/** The SQL migrations drizzle-kit generated from `src/schema`. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Advisory-lock key that serialises migrations when several processes start against one server. */
const migrationLock = 72_317_001;

/**
 * Brings the database up to date: applies every pending migration, then upserts the reference data every
 * installation needs (the `methods` table and the paper's reported results). Idempotent; safe to call from each
 * process at start-up, also concurrently against one PostgreSQL server (an advisory lock serialises them).
 */
export async function migrate(connection: Connection): Promise<void> {
  if (connection.kind === 'pglite') {
    await migratePglite(connection.db as unknown as PgliteDatabase, { migrationsFolder });
    await seedReferenceData(connection.db);
    return;
  }
  // The lock belongs to one server session, so take one client from the pool for the whole migration.
  const pool = (connection.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLock]);
    const db = drizzlePostgres(client);
    await migrateNodePostgres(db, { migrationsFolder });
    await seedReferenceData(db as unknown as Database);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLock]).catch(() => undefined);
    client.release();
  }
}

/** Upserts the known methods and the paper's reported results (values from the seed file win). */
export async function seedReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const method of knownMethods) {
      const { id: _id, ...update } = method;
      await tx.insert(methods).values(method).onConflictDoUpdate({ target: methods.id, set: update });
    }
    // Ids an older seed used: point their runs and reported numbers at the current id, then drop the old row.
    for (const [oldId, newId] of Object.entries(renamedMethodIds)) {
      await tx.update(runGroups).set({ methodId: newId }).where(eq(runGroups.methodId, oldId));
      await tx.update(runs).set({ methodId: newId }).where(eq(runs.methodId, oldId));
      await tx.delete(reportedResults).where(eq(reportedResults.methodId, oldId));
      await tx.delete(methods).where(eq(methods.id, oldId));
    }
    const rows = loadPaperResults();
    // One statement for all rows: 400 round trips would dominate start-up on a remote server.
    await tx
      .insert(reportedResults)
      .values(rows)
      .onConflictDoUpdate({
        target: [
          reportedResults.dataset,
          reportedResults.methodId,
          reportedResults.metric,
          reportedResults.source,
        ],
        set: { value: sql`excluded.value` },
      });
  });
}

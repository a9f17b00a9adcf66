import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from './connection.js';
import { migrate } from './migrate.js';
import { methods, reportedResults } from './schema/index.js';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database.js';

// The same checks on both engines: the migrations must apply on PGlite and on a real server.
const engines: [string, () => Promise<{ connection: Connection; dispose(): Promise<void> }>][] = [
  [
    'pglite',
    async () => {
      const connection = await openDatabase({ url: '', dataDir: 'memory://' });
      return { connection, dispose: () => connection.close() };
    },
  ],
  [
    'postgres',
    async () => {
      const scratch: ScratchDatabase = await createScratchDatabase();
      const connection = await openDatabase({ url: scratch.url });
      return {
        connection,
        dispose: async () => {
          await connection.close();
          await scratch.drop();
        },
      };
    },
  ],
];

describe.each(engines)('migrate on %s', (kind, open) => {
  let handle: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('creates every table and loads the reference data', async () => {
    const { db } = handle.connection;
    expect(handle.connection.kind).toBe(kind);
    await migrate(handle.connection);
    const tables = (await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    )) as unknown as { rows: { table_name: string }[] };
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'api_tokens',
      'artifacts',
      'datasets',
      'markers',
      'methods',
      'metric_history',
      'project_members',
      'projects',
      'reported_results',
      'run_groups',
      'run_outputs',
      'runs',
      'scores',
      'sessions',
      'uploads',
      'users',
    ]);
    const [reported] = await db.select({ rows: count() }).from(reportedResults);
    // 397 data lines in the paper's table (Tables 2-5; scDCCA lacks three Trachea numbers).
    expect(reported?.rows).toBe(397);
    const cbmcAri = await db
      .select({ method: reportedResults.methodId, value: reportedResults.value })
      .from(reportedResults)
      .where(sql`${reportedResults.dataset} = 'CITE_CBMC' and ${reportedResults.metric} = 'ARI'`);
    expect(cbmcAri).toHaveLength(10);
    expect(cbmcAri.find((row) => row.method === 'scsamac')?.value).toBe(0.6607);
    const [published] = await db.select({ rows: count() }).from(methods).where(eq(methods.kind, 'PUBLISHED'));
    expect(published?.rows).toBe(7);
  });

  it('is idempotent: a second run changes nothing and fails nothing', async () => {
    await migrate(handle.connection);
    const [reported] = await handle.connection.db.select({ rows: count() }).from(reportedResults);
    expect(reported?.rows).toBe(397);
  });

  it('renames a method id an older seed used to the registry id', async () => {
    const { db } = handle.connection;
    await db.insert(methods).values({
      id: 'scsamac-no-cluster-loss',
      displayName: 'old',
      kind: 'SCSAMAC',
      description: 'old seed row',
      runnable: true,
    });
    await migrate(handle.connection);
    const ids = (await db.select({ id: methods.id }).from(methods)).map((row) => row.id);
    expect(ids).toContain('scsamac-no-cluster-level');
    expect(ids).not.toContain('scsamac-no-cluster-loss');
  });
});

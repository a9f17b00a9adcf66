// Rows the trainer tests need: a project, a dataset pointing at a stored file, and queued runs.
import { datasets, projects, runGroups, runs, type Database } from '@scsamac/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

/** Creates a project and returns its id. */
export async function insertProject(db: Database, name = 'trainer tests'): Promise<string> {
  const [row] = await db.insert(projects).values({ name }).returning({ id: projects.id });
  return row!.id;
}

/** What a test dataset row says about its file. */
export interface DatasetFixture {
  projectId: string;
  storageKey: string;
  fileName: string;
  format: string;
  labelColumn?: string | null;
  cells?: number;
  genes?: number;
}

/** Registers a dataset whose file is at `storageKey` in the file storage; returns its id. */
export async function insertDataset(db: Database, fixture: DatasetFixture): Promise<string> {
  const [row] = await db
    .insert(datasets)
    .values({
      projectId: fixture.projectId,
      name: fixture.fileName,
      fileName: fixture.fileName,
      storageKey: fixture.storageKey,
      sizeBytes: 0,
      sha256: '',
      format: fixture.format,
      cells: fixture.cells ?? 0,
      genes: fixture.genes ?? 0,
      nonZeros: 0,
      labelColumns: [],
      labelColumn: fixture.labelColumn ?? null,
    })
    .returning({ id: datasets.id });
  return row!.id;
}

/** Queues one run per seed as one run group, the way `startRun` does; returns the run ids in seed order. */
export async function queueRuns(
  db: Database,
  options: {
    projectId: string;
    datasetId: string;
    methodId: string;
    params?: Record<string, unknown>;
    seeds: number[];
  },
): Promise<string[]> {
  const params = options.params ?? {};
  const [group] = await db
    .insert(runGroups)
    .values({
      projectId: options.projectId,
      datasetId: options.datasetId,
      methodId: options.methodId,
      params,
      seeds: options.seeds,
    })
    .returning({ id: runGroups.id });
  const rows = await db
    .insert(runs)
    .values(
      options.seeds.map((seed) => ({
        projectId: options.projectId,
        datasetId: options.datasetId,
        methodId: options.methodId,
        runGroupId: group!.id,
        params,
        seed,
      })),
    )
    .returning({ id: runs.id, seed: runs.seed });
  return options.seeds.map((seed) => rows.find((row) => row.seed === seed)!.id);
}

/**
 * Cancels a run the way the API's `cancelRun` does (see the queue protocol on the `runs` table): a QUEUED run
 * becomes CANCELLED at once; a RUNNING one gets `cancel_requested_at` and its trainer stops it.
 */
export async function requestCancel(db: Database, runId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(runs)
      .set({ status: 'CANCELLED', cancelRequestedAt: sql`now()`, finishedAt: sql`now()` })
      .where(and(eq(runs.id, runId), eq(runs.status, 'QUEUED')));
    await tx
      .update(runs)
      .set({ cancelRequestedAt: sql`now()` })
      .where(and(eq(runs.id, runId), eq(runs.status, 'RUNNING'), isNull(runs.cancelRequestedAt)));
  });
}

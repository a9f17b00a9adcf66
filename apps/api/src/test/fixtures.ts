// Rows a trainer or an upload would write, inserted directly so API tests need neither.
import { artifacts, datasets, runGroups, runs, scores, type Database } from '@scsamac/db';

/** Inserts a dataset into a project as if uploaded and registered; returns its id. */
export async function insertDataset(
  db: Database,
  projectId: string,
  options: { name?: string; reportedAs?: string | null; labelColumn?: string } = {},
): Promise<string> {
  const [row] = await db
    .insert(datasets)
    .values({
      projectId,
      name: options.name ?? 'fixture dataset',
      fileName: 'fixture.h5',
      storageKey: `uploads/fixture-${Math.random().toString(36).slice(2)}`,
      sizeBytes: 1000,
      sha256: '0'.repeat(64),
      format: 'h5',
      cells: 100,
      genes: 50,
      nonZeros: 900,
      labelColumns: [{ name: options.labelColumn ?? 'Y', classes: 3 }],
      labelColumn: options.labelColumn ?? 'Y',
      reportedAs: options.reportedAs ?? null,
    })
    .returning({ id: datasets.id });
  return row!.id;
}

/** What a fixture run looks like. */
export interface FixtureRun {
  methodId: string;
  seed?: number;
  status?: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  scores?: Record<string, number>;
  labelColumn?: string;
  failureReason?: string;
  params?: Record<string, unknown>;
}

/** Inserts runs of one group on a dataset (with scores for succeeded ones); returns their ids in order. */
export async function insertRuns(
  db: Database,
  projectId: string,
  datasetId: string,
  list: FixtureRun[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const fixture of list) {
    const [group] = await db
      .insert(runGroups)
      .values({
        projectId,
        datasetId,
        methodId: fixture.methodId,
        params: fixture.params ?? {},
        seeds: [fixture.seed ?? 1],
      })
      .returning({ id: runGroups.id });
    const finished = fixture.status && fixture.status !== 'QUEUED' && fixture.status !== 'RUNNING';
    const [run] = await db
      .insert(runs)
      .values({
        projectId,
        datasetId,
        methodId: fixture.methodId,
        runGroupId: group!.id,
        params: fixture.params ?? {},
        seed: fixture.seed ?? 1,
        status: fixture.status ?? 'QUEUED',
        failureReason: fixture.failureReason ?? null,
        startedAt: fixture.status && fixture.status !== 'QUEUED' ? new Date(Date.now() - 5000) : null,
        finishedAt: finished ? new Date() : null,
        progress: finished ? 1 : 0,
      })
      .returning({ id: runs.id });
    const entries = Object.entries(fixture.scores ?? {});
    if (entries.length) {
      await db.insert(scores).values(
        entries.map(([metric, value]) => ({
          runId: run!.id,
          metric,
          value,
          labelColumn: metric === 'seconds' ? '' : (fixture.labelColumn ?? 'Y'),
        })),
      );
    }
    ids.push(run!.id);
  }
  return ids;
}

/** Records an artifact row for a file already in storage. */
export async function insertArtifact(
  db: Database,
  runId: string,
  stored: { key: string; sizeBytes: number; sha256: string },
  kind = 'labels',
  fileName = `${kind}.csv`,
): Promise<string> {
  const [row] = await db
    .insert(artifacts)
    .values({
      runId,
      kind,
      fileName,
      contentType: 'text/csv',
      storageKey: stored.key,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
    })
    .returning({ id: artifacts.id });
  return row!.id;
}

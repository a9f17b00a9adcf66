// Stores what a successful run produced. Files go to the file storage first (under a key unique to this attempt, so
// a stale attempt can never overwrite the winner's files); then one transaction marks the run SUCCEEDED and inserts
// every row. The transaction only commits while this claim still holds the run and nobody asked to cancel it;
// otherwise it rolls back and the files are deleted, so a failed, cancelled or superseded attempt leaves nothing.
import {
  artifacts,
  markers,
  metricHistory,
  runOutputs,
  runs,
  scores,
  type Database,
  type FileStorage,
  type StoredFile,
} from '@scsamac/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MarkerRow, RunOutcome } from './messages.js';
import type { RunClaim } from './queue.js';

/** A file already in the storage that becomes an artifact of the run if it succeeds. */
export interface StoredArtifact {
  kind: string;
  fileName: string;
  contentType: string;
  stored: StoredFile;
}

/** What the trainer measured around the thread. */
export interface RunMeasurements {
  /** Highest resident set size of the trainer process while the run trained. */
  peakMemoryBytes: number;
  /** Seconds the trainer spent on the run outside the method (loading, queue, storing), added to the timings. */
  extraTimings: Record<string, number>;
}

/** How storing ended: stored, or refused because the run was cancelled meanwhile or is no longer ours. */
export type StoreOutcome = 'stored' | 'cancel-requested' | 'lost';

/** Thrown inside the transaction to roll it back when the claim no longer allows the write. */
class WriteRefused extends Error {
  constructor(readonly why: Exclude<StoreOutcome, 'stored'>) {
    super(`results not stored: ${why}`);
  }
}

/** Quotes a CSV field when it needs it (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One row per marker gene, clusters in order, best first. */
export function markersCsv(rows: MarkerRow[]): string {
  const header =
    'cluster,rank,gene,score,log_fold_change,p_value,p_value_adjusted,fraction_in,fraction_out,mean_in';
  const lines = [header];
  for (const row of rows) {
    lines.push(
      [
        row.cluster,
        row.rank,
        csvField(row.gene),
        row.score,
        row.logFoldChange,
        row.pValue,
        row.pValueAdjusted,
        row.fractionIn,
        row.fractionOut,
        row.meanIn,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** The bytes of a float32 array in little-endian order (the artifact format the schema documents). */
function float32Bytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** Inserts in chunks: one statement may carry at most 65,535 parameters. */
async function insertChunked<Row>(rows: Row[], size: number, insert: (chunk: Row[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/**
 * Writes the run's files, then its rows in one transaction that also sets SUCCEEDED. `outputDir` holds the files the
 * thread wrote (`outcome.files`); `checkpoint` lists checkpoint files already stored during the run.
 */
export async function storeResults(
  db: Database,
  storage: FileStorage,
  claim: RunClaim,
  outcome: RunOutcome,
  measurements: RunMeasurements,
  outputDir: string,
  checkpoint: StoredArtifact[],
): Promise<StoreOutcome> {
  const prefix = `runs/${claim.id}/attempt-${claim.attempt}`;
  const written: StoredArtifact[] = [];
  const put = async (kind: string, fileName: string, contentType: string, body: Uint8Array | string) => {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const stored = await storage.put(`${prefix}/${fileName}`, bytes);
    written.push({ kind, fileName, contentType, stored });
  };
  try {
    await put('latent', 'latent.f32', 'application/octet-stream', float32Bytes(outcome.latent));
    await put('embedding', 'embedding.f32', 'application/octet-stream', float32Bytes(outcome.embedding));
    await put('markers', 'markers.csv', 'text/csv', markersCsv(outcome.markers));
    for (const file of outcome.files) {
      await put(
        file.kind,
        file.fileName,
        file.contentType,
        await readFile(path.join(outputDir, file.fileName)),
      );
    }
  } catch (error) {
    await Promise.all(written.map((file) => storage.delete(file.stored.key).catch(() => undefined)));
    throw error;
  }

  const timings = { ...outcome.timings, ...measurements.extraTimings };
  try {
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(runs)
        .set({
          status: 'SUCCEEDED',
          finishedAt: sql`now()`,
          leaseExpiresAt: null,
          progress: 1,
          phase: 'done',
          failureReason: null,
          timings,
          peakMemoryBytes: Math.round(measurements.peakMemoryBytes),
          backend: outcome.backend,
          clusters: outcome.k,
        })
        .where(
          and(
            eq(runs.id, claim.id),
            eq(runs.worker, claim.worker),
            eq(runs.attempts, claim.attempt),
            eq(runs.status, 'RUNNING'),
            isNull(runs.cancelRequestedAt),
          ),
        )
        .returning({ id: runs.id });
      if (updated.length === 0) {
        const [row] = await tx
          .select({ cancelRequestedAt: runs.cancelRequestedAt, worker: runs.worker, attempts: runs.attempts })
          .from(runs)
          .where(and(eq(runs.id, claim.id), eq(runs.status, 'RUNNING')));
        const stillOurs = row && row.worker === claim.worker && row.attempts === claim.attempt;
        throw new WriteRefused(stillOurs && row.cancelRequestedAt ? 'cancel-requested' : 'lost');
      }
      await tx.insert(runOutputs).values({
        runId: claim.id,
        cells: outcome.cells,
        labels: Array.from(outcome.labels),
        latentDims: outcome.latentDims,
        embedding: Array.from(outcome.embedding),
        embeddingMethod: outcome.embeddingMethod,
      });
      const scoreRows = [...outcome.scores];
      if (typeof timings.total === 'number')
        scoreRows.push({ metric: 'seconds', labelColumn: '', value: timings.total });
      if (scoreRows.length > 0) {
        await tx.insert(scores).values(scoreRows.map((score) => ({ runId: claim.id, ...score })));
      }
      await insertChunked(outcome.markers, 2000, (chunk) =>
        tx.insert(markers).values(chunk.map((marker) => ({ runId: claim.id, ...marker }))),
      );
      await tx.insert(artifacts).values(
        [...written, ...checkpoint].map((file) => ({
          runId: claim.id,
          kind: file.kind,
          fileName: file.fileName,
          contentType: file.contentType,
          storageKey: file.stored.key,
          sizeBytes: file.stored.sizeBytes,
          sha256: file.stored.sha256,
        })),
      );
      // The method's own history is complete and exact (every step of every term); it replaces the once-a-second
      // progress rows written while the run trained. Methods that keep no history keep the progress rows.
      if (outcome.history.length > 0) {
        await tx.delete(metricHistory).where(eq(metricHistory.runId, claim.id));
        await insertChunked(outcome.history, 5000, (chunk) =>
          tx.insert(metricHistory).values(
            chunk.map((point) => ({
              runId: claim.id,
              key: point.key,
              step: point.step,
              value: point.value,
              phase: point.phase,
              epoch: point.epoch,
            })),
          ),
        );
      }
    });
    // An earlier attempt that died while storing its files (kill -9 between files and transaction) left orphans
    // under its own prefix; they have the same names as this attempt's. Best effort: the storage has no listing.
    for (let earlier = 1; earlier < claim.attempt; earlier++) {
      for (const file of written) {
        await storage.delete(`runs/${claim.id}/attempt-${earlier}/${file.fileName}`).catch(() => undefined);
      }
    }
    return 'stored';
  } catch (error) {
    await Promise.all(written.map((file) => storage.delete(file.stored.key).catch(() => undefined)));
    if (error instanceof WriteRefused) return error.why;
    throw error;
  }
}

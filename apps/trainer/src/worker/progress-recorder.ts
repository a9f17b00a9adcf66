import type { ProgressEvent } from '@scsamac/model';
import type { HistoryRow, ProgressUpdate } from './queue.js';

/** A metric-history row waiting to be written. */
export type PendingHistoryRow = HistoryRow;

/**
 * Collects a run's progress events between database writes. The thread may report many epochs a second; the
 * trainer writes what gathered here at most once a second (one insert plus one heartbeat), so a fast method cannot
 * flood the database. Each loss term becomes its own history key; `step` counts that key's points (0, 1, 2, ...)
 * across phases, so a chart of one key is continuous while `phase` and `epoch` say where each point came from.
 */
export class ProgressRecorder {
  private pending: PendingHistoryRow[] = [];
  private latest: ProgressUpdate | undefined;
  private changed = false;
  private readonly nextStep = new Map<string, number>();

  /** Takes one progress event from the thread. */
  record(event: ProgressEvent): void {
    this.latest = { phase: event.phase, fraction: event.fraction };
    this.changed = true;
    for (const [key, value] of Object.entries(event.losses)) {
      if (!Number.isFinite(value)) continue;
      const step = this.nextStep.get(key) ?? 0;
      this.nextStep.set(key, step + 1);
      this.pending.push({ key, step, value, phase: event.phase, epoch: event.epoch });
    }
  }

  /** The newest phase and fraction if they changed since the last call, else undefined. */
  takeProgress(): ProgressUpdate | undefined {
    if (!this.changed) return undefined;
    this.changed = false;
    return this.latest;
  }

  /** The newest phase and fraction seen, whether or not already taken. */
  get current(): ProgressUpdate | undefined {
    return this.latest;
  }

  /** The history rows gathered since the last call. */
  takeRows(): PendingHistoryRow[] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }

  /** Puts rows back at the front after a failed write, so the next write retries them. */
  restoreRows(rows: PendingHistoryRow[]): void {
    this.pending = [...rows, ...this.pending];
  }
}

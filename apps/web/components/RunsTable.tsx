import Link from 'next/link';
import { formatMeanSd } from '../lib/stats';
import { StatusBadge } from './StatusBadge';

/** What {@link RunsTable} shows of a run; the optional fields only where the page asks for them. */
export interface RunsTableRow {
  id: string;
  status: string;
  progress: number;
  seed: number;
  ari: number | null;
  method: { displayName: string };
  dataset?: { name: string };
  createdAt?: string;
  failureReason?: string | null;
}

/**
 * A table of runs, one row each: id (linking to the run page), method, seed, status (with progress while running
 * and the start of the failure reason when failed) and ARI. `selectable` adds a first column of `ids` checkboxes,
 * for a surrounding form that compares the runs; `showDataset` and `showStarted` add the dataset's name and the
 * start time, for lists that span datasets.
 */
export function RunsTable({
  runs,
  selectable = false,
  showDataset = false,
  showStarted = false,
  testId,
}: {
  runs: RunsTableRow[];
  selectable?: boolean;
  showDataset?: boolean;
  showStarted?: boolean;
  testId?: string;
}) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          {selectable ? (
            <th scope="col">
              <span className="visually-hidden">Compare</span>
            </th>
          ) : null}
          <th scope="col">Run</th>
          <th scope="col">Method</th>
          {showDataset ? <th scope="col">Dataset</th> : null}
          <th scope="col" className="num">
            Seed
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            ARI
          </th>
          {showStarted ? <th scope="col">Started</th> : null}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            {selectable ? (
              <td>
                <input
                  type="checkbox"
                  name="ids"
                  value={run.id}
                  aria-label={`Compare run ${run.method.displayName} seed ${run.seed}`}
                />
              </td>
            ) : null}
            <td>
              <Link href={`/runs/${run.id}`}>{run.id.slice(0, 8)}</Link>
            </td>
            <td>{run.method.displayName}</td>
            {showDataset ? <td>{run.dataset?.name}</td> : null}
            <td className="num">{run.seed}</td>
            <td>
              <StatusBadge status={run.status} />
              {run.status === 'RUNNING' ? (
                <span className="muted"> {Math.round(run.progress * 100)}%</span>
              ) : null}
              {run.status === 'FAILED' && run.failureReason ? (
                <div className="muted" style={{ fontSize: '0.8rem' }}>
                  {run.failureReason.slice(0, 120)}
                </div>
              ) : null}
            </td>
            <td className="num">{formatMeanSd(run.ari)}</td>
            {showStarted ? (
              <td>{run.createdAt ? new Date(run.createdAt).toLocaleString('en-GB') : null}</td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

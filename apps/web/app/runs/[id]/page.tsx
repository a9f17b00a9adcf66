import Link from 'next/link';
import { LossCharts } from '../../../components/LossChart';
import { StatusBadge } from '../../../components/StatusBadge';
import { graphqlForPage } from '../../../lib/api';
import type { MarkerRow } from '../../../lib/markers';
import { RunLive } from './RunLive';
import { RunResults } from './RunResults';

export const dynamic = 'force-dynamic';

interface RunData {
  run: {
    id: string;
    status: string;
    progress: number;
    phase: string | null;
    failureReason: string | null;
    seed: number;
    params: Record<string, unknown>;
    attempts: number;
    maxAttempts: number;
    worker: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    durationSeconds: number | null;
    timings: Record<string, number> | null;
    peakMemoryBytes: number | null;
    backend: string | null;
    clusters: number | null;
    cancelRequested: boolean;
    method: { id: string; displayName: string; kind: string };
    dataset: { id: string; name: string; labelColumn: string | null; cells: number };
    project: { id: string; name: string; viewerRole: string };
    runGroup: { id: string; runs: { id: string; seed: number; status: string }[] };
    metricHistory: { key: string; points: { step: number; value: number; phase: string | null }[] }[];
    scores: { metric: string; labelColumn: string; value: number }[];
    artifacts: { id: string; kind: string; fileName: string; sizeBytes: number; downloadUrl: string }[];
    labels: number[] | null;
    embedding: { method: string; cells: number; coordinates: number[] } | null;
    markers: MarkerRow[];
  };
}

const scoreOrder = ['ARI', 'NMI', 'CA', 'AMI', 'purity', 'silhouette', 'seconds'];

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { run } = await graphqlForPage<RunData>(
    `query Run($id: ID!) {
      run(id: $id) {
        id status progress phase failureReason seed params attempts maxAttempts worker createdAt startedAt finishedAt
        durationSeconds timings peakMemoryBytes backend clusters cancelRequested
        method { id displayName kind }
        dataset { id name labelColumn cells }
        project { id name viewerRole }
        runGroup { id runs { id seed status } }
        metricHistory(samples: 500) { key points { step value phase } }
        scores { metric labelColumn value }
        artifacts { id kind fileName sizeBytes downloadUrl }
        labels
        embedding { method cells coordinates }
        markers(top: 10) { cluster rank gene logFoldChange pValueAdjusted fractionIn meanIn }
      }
    }`,
    { id },
    `/runs/${id}`,
  );
  const active = run.status === 'QUEUED' || run.status === 'RUNNING';
  const history = run.metricHistory.flatMap((series) =>
    series.points.map((point) => ({
      key: series.key,
      step: point.step,
      value: point.value,
      phase: point.phase,
    })),
  );
  const scores = [...run.scores].sort((a, b) => rank(a.metric) - rank(b.metric));
  // Scores against the dataset's ground truth (and those that need none) first; other label columns on request.
  const truthColumn = run.dataset.labelColumn ?? '';
  const mainScores = scores.filter((score) => score.labelColumn === '' || score.labelColumn === truthColumn);
  const otherScores = scores.filter((score) => score.labelColumn !== '' && score.labelColumn !== truthColumn);
  return (
    <main>
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /{' '}
        <Link href={`/projects/${run.project.id}`}>{run.project.name}</Link> /{' '}
        <Link href={`/datasets/${run.dataset.id}`}>{run.dataset.name}</Link> /
      </p>
      <h1>
        {run.method.displayName} on {run.dataset.name}, seed {run.seed}
      </h1>
      <p className="row">
        <StatusBadge status={run.status} />
        <span className="muted">
          run {run.id.slice(0, 8)} · queued {new Date(run.createdAt).toLocaleString('en-GB')}
          {run.durationSeconds !== null ? ` · ${run.durationSeconds.toFixed(1)} s` : ''}
          {run.backend ? ` · backend ${run.backend}` : ''}
          {run.clusters !== null ? ` · ${run.clusters} clusters` : ''}
        </span>
        <Link href={`/datasets/${run.dataset.id}/leaderboard`}>Leaderboard</Link>
      </p>
      {run.runGroup.runs.length > 1 ? (
        <p className="muted">
          Other seeds of this group:{' '}
          {run.runGroup.runs
            .filter((other) => other.id !== run.id)
            .map((other, index) => (
              <span key={other.id}>
                {index > 0 ? ', ' : ''}
                <Link href={`/runs/${other.id}`}>seed {other.seed}</Link> ({other.status.toLowerCase()})
              </span>
            ))}
        </p>
      ) : null}

      {active ? (
        <RunLive
          runId={run.id}
          canCancel={run.project.viewerRole !== 'VIEWER'}
          initial={{ status: run.status, progress: run.progress, phase: run.phase, history }}
        />
      ) : null}

      {run.status === 'FAILED' ? (
        <div className="error" role="alert" data-testid="failure-reason">
          <strong>The run failed</strong> (attempt {run.attempts} of {run.maxAttempts}):{' '}
          {run.failureReason ?? 'no reason recorded'}
        </div>
      ) : null}
      {run.status === 'CANCELLED' ? (
        <p className="notice">This run was cancelled{run.failureReason ? `: ${run.failureReason}` : ''}.</p>
      ) : null}

      {run.status === 'SUCCEEDED' ? (
        <section aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores</h2>
          {mainScores.length === 0 ? (
            <p className="muted">No scores (the dataset has no label column).</p>
          ) : (
            <ul className="scores" data-testid="scores">
              {mainScores.map((score) => (
                <li key={`${score.metric}|${score.labelColumn}`} data-testid={`score-${score.metric}`}>
                  <div className="muted">
                    {score.metric}
                    {score.labelColumn ? ` vs ${score.labelColumn}` : ''}
                  </div>
                  <div className="value">{formatScore(score)}</div>
                </li>
              ))}
            </ul>
          )}
          {otherScores.length > 0 ? (
            <details>
              <summary>Scores against the other label columns</summary>
              <table className="data" style={{ maxWidth: '30rem' }}>
                <thead>
                  <tr>
                    <th scope="col">Label column</th>
                    <th scope="col">Metric</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {otherScores.map((score) => (
                    <tr key={`${score.metric}|${score.labelColumn}`}>
                      <td>{score.labelColumn}</td>
                      <td>{score.metric}</td>
                      <td className="num">{formatScore(score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </section>
      ) : null}

      {run.status === 'SUCCEEDED' && run.labels && run.embedding ? (
        <RunResults
          datasetId={run.dataset.id}
          labelColumn={run.dataset.labelColumn}
          labels={run.labels}
          embedding={run.embedding}
          markers={run.markers}
        />
      ) : null}

      {!active ? (
        <section aria-labelledby="losses-heading">
          <h2 id="losses-heading">Training curves</h2>
          <LossCharts history={history} />
        </section>
      ) : null}

      {run.artifacts.length > 0 ? (
        <section aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">Downloads</h2>
          <ul data-testid="downloads">
            {run.artifacts.map((artifact) => (
              <li key={artifact.id}>
                <a
                  href={artifact.downloadUrl}
                  // Without its folder: a model's files are model/model.json and model/weights.bin.
                  download={artifact.fileName.split('/').at(-1)}
                  data-kind={artifact.kind}
                >
                  {artifact.fileName}
                </a>{' '}
                <span className="muted">
                  ({artifact.kind}, {formatBytes(artifact.sizeBytes)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="params-heading">
        <h2 id="params-heading">Parameters</h2>
        <pre className="panel" style={{ overflowX: 'auto' }} data-testid="run-params">
          {JSON.stringify(run.params, null, 2)}
        </pre>
        {run.timings ? (
          <p className="muted">
            Timings:{' '}
            {Object.entries(run.timings)
              .map(([phase, seconds]) => `${phase} ${Number(seconds).toFixed(1)} s`)
              .join(', ')}
            {run.peakMemoryBytes ? ` · peak memory ${formatBytes(run.peakMemoryBytes)}` : ''}
          </p>
        ) : null}
      </section>
    </main>
  );
}

function rank(metric: string): number {
  const index = scoreOrder.indexOf(metric);
  return index === -1 ? scoreOrder.length : index;
}

function formatScore(score: { metric: string; value: number }): string {
  return score.metric === 'seconds' ? score.value.toFixed(1) : score.value.toFixed(3);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

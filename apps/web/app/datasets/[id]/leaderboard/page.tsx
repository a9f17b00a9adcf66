import Link from 'next/link';
import { AutoRefresh } from '../../../../components/AutoRefresh';
import { graphqlForPage } from '../../../../lib/api';
import type { BoardRow } from '../../../../lib/leaderboard';
import { LeaderboardTable } from './LeaderboardTable';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Leaderboard · scSAMAC' };

const metrics = ['ARI', 'NMI', 'CA'];

interface Entry {
  rank: number;
  reported: boolean;
  source: string | null;
  n: number;
  method: { id: string; displayName: string };
  metrics: { metric: string; mean: number; sd: number | null; n: number }[];
  runs: { id: string }[];
}

interface Board {
  benchmark: string | null;
  entries: Entry[];
  failedRuns: { reason: string; method: { displayName: string }; run: { id: string; seed: number } }[];
}

export default async function LeaderboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const paperParam = typeof search.paper === 'string' ? search.paper : undefined;
  const first = await graphqlForPage<{
    dataset: {
      id: string;
      name: string;
      reportedAs: string | null;
      project: { id: string; name: string; runCounts: { queued: number; running: number } };
    };
    benchmarks: string[];
    leaderboard: Board;
  }>(
    `query Leaderboard($id: ID!, $dataset: String!) {
      dataset(id: $id) { id name reportedAs project { id name runCounts { queued running } } }
      benchmarks
      leaderboard(dataset: $dataset, includeReported: true) {
        benchmark
        entries { rank reported source n method { id displayName } metrics { metric mean sd n } runs { id } }
        failedRuns { reason method { displayName } run { id seed } }
      }
    }`,
    { id, dataset: id },
    `/datasets/${id}/leaderboard`,
  );
  const { dataset, benchmarks } = first;
  // A dataset that is not one of the paper's can still be read beside the paper's numbers for a chosen one.
  const paper = dataset.reportedAs ?? (paperParam && benchmarks.includes(paperParam) ? paperParam : null);
  let reportedEntries: Entry[] = [];
  if (!dataset.reportedAs && paper) {
    const { leaderboard } = await graphqlForPage<{ leaderboard: Board }>(
      `query PaperRows($dataset: String!) {
        leaderboard(dataset: $dataset, includeReported: true) { entries { rank reported source n method { id displayName } metrics { metric mean sd n } runs { id } } }
      }`,
      { dataset: paper },
      `/datasets/${id}/leaderboard`,
    );
    reportedEntries = leaderboard.entries.filter((entry) => entry.reported);
  }
  const rows: BoardRow[] = [...first.leaderboard.entries, ...reportedEntries].map((entry) => ({
    key: `${entry.method.id}|${entry.reported ? 'paper' : 'ours'}`,
    method: entry.method.displayName,
    reported: entry.reported,
    source: entry.reported ? `${entry.source ?? 'paper'}${paper ? ` (${paper})` : ''}` : null,
    n: entry.n,
    metrics: Object.fromEntries(
      entry.metrics.map((metric) => [metric.metric, { mean: metric.mean, sd: metric.sd }]),
    ),
    runIds: entry.runs.map((run) => run.id),
  }));
  const active = dataset.project.runCounts.queued + dataset.project.runCounts.running > 0;
  return (
    <main>
      <AutoRefresh active={active} seconds={5} />
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /{' '}
        <Link href={`/projects/${dataset.project.id}`}>{dataset.project.name}</Link> /{' '}
        <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link> /
      </p>
      <h1>Leaderboard: {dataset.name}</h1>
      <p className="muted">
        Our runs: mean ± sample sd over seeds. Rows marked <span className="tag">paper</span> are the numbers
        the scSAMAC paper reports{paper ? ` for ${paper}` : ''}, not measured here.
      </p>
      {dataset.reportedAs ? (
        <p>This dataset is the paper&apos;s {dataset.reportedAs}.</p>
      ) : (
        <form method="get" className="row" aria-label="Paper numbers to show">
          <div className="field">
            <label htmlFor="paper">Show the paper&apos;s numbers for</label>
            <select id="paper" name="paper" defaultValue={paper ?? ''}>
              <option value="">no paper dataset</option>
              {benchmarks.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary" style={{ alignSelf: 'end' }}>
            Show
          </button>
        </form>
      )}
      <LeaderboardTable rows={rows} metrics={metrics} />
      <h2>Failed runs</h2>
      {first.leaderboard.failedRuns.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data" data-testid="failed-runs">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Run</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {first.leaderboard.failedRuns.map((failed) => (
              <tr key={failed.run.id}>
                <td>{failed.method.displayName}</td>
                <td>
                  <Link href={`/runs/${failed.run.id}`}>seed {failed.run.seed}</Link>
                </td>
                <td>{failed.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

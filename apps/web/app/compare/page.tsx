import Link from 'next/link';
import { StatusBadge } from '../../components/StatusBadge';
import { graphqlForPage } from '../../lib/api';
import { CompareEmbeddings } from './CompareEmbeddings';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Compare runs · scSAMAC' };

interface CompareData {
  compareRuns: {
    runs: {
      id: string;
      seed: number;
      status: string;
      method: { displayName: string };
      dataset: { id: string; name: string };
      labels: number[] | null;
      embedding: { method: string; cells: number; coordinates: number[] } | null;
    }[];
    parameters: { name: string; values: unknown[]; differs: boolean }[];
    scores: { metric: string; labelColumn: string; values: (number | null)[] }[];
  };
}

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const search = await searchParams;
  const ids = (Array.isArray(search.ids) ? search.ids : search.ids ? search.ids.split(',') : []).filter(
    Boolean,
  );
  if (ids.length < 2) {
    return (
      <main>
        <h1>Compare runs</h1>
        <p className="notice">
          Choose two or more runs on a project page (tick them in the runs table) to compare them.
        </p>
      </main>
    );
  }
  const { compareRuns } = await graphqlForPage<CompareData>(
    `query Compare($ids: [ID!]!) {
      compareRuns(ids: $ids) {
        runs { id seed status method { displayName } dataset { id name } labels embedding { method cells coordinates } }
        parameters { name values differs }
        scores { metric labelColumn values }
      }
    }`,
    { ids },
    `/compare?${ids.map((id) => `ids=${id}`).join('&')}`,
  );
  const runs = compareRuns.runs;
  return (
    <main className="wide">
      <h1>Compare {runs.length} runs</h1>
      <div className="table-scroll">
        <table className="data" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              {runs.map((run) => (
                <th key={run.id} scope="col">
                  <Link href={`/runs/${run.id}`}>
                    {run.method.displayName}, seed {run.seed}
                  </Link>
                  <div className="muted" style={{ fontWeight: 400 }}>
                    {run.dataset.name} <StatusBadge status={run.status} />
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="rowgroup" colSpan={runs.length + 1}>
                Scores
              </th>
            </tr>
            {compareRuns.scores.map((score) => {
              const best = Math.max(...score.values.filter((value): value is number => value !== null));
              return (
                <tr key={`${score.metric}|${score.labelColumn}`}>
                  {/* A run is scored against each label column of its dataset: name the column, or the rows of
                      one metric read as duplicates. */}
                  <th scope="row">
                    {score.metric}
                    {score.labelColumn ? <span className="muted"> vs {score.labelColumn}</span> : null}
                  </th>
                  {score.values.map((value, index) => (
                    <td
                      key={index}
                      className="num"
                      style={value === best && score.metric !== 'seconds' ? { fontWeight: 700 } : undefined}
                    >
                      {value === null
                        ? '—'
                        : score.metric === 'seconds'
                          ? value.toFixed(1)
                          : value.toFixed(3)}
                    </td>
                  ))}
                </tr>
              );
            })}
            <tr>
              <th scope="rowgroup" colSpan={runs.length + 1}>
                Parameters (differences highlighted)
              </th>
            </tr>
            {compareRuns.parameters.map((parameter) => (
              <tr key={parameter.name} style={parameter.differs ? { background: '#fdf3dd' } : undefined}>
                <th scope="row">
                  {parameter.name}
                  {parameter.differs ? <span className="visually-hidden"> (differs)</span> : null}
                </th>
                {parameter.values.map((value, index) => (
                  <td key={index}>{value === null || value === undefined ? '—' : JSON.stringify(value)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Embeddings</h2>
      <CompareEmbeddings
        runs={runs.map((run) => ({
          id: run.id,
          title: `${run.method.displayName}, seed ${run.seed}`,
          labels: run.labels,
          embedding: run.embedding,
        }))}
      />
    </main>
  );
}

import Link from 'next/link';
import { AutoRefresh } from '../../../components/AutoRefresh';
import { QualityControlHistograms, type QualityControl } from '../../../components/QualityControlHistograms';
import { RunsTable, type RunsTableRow } from '../../../components/RunsTable';
import { graphqlForPage } from '../../../lib/api';

export const dynamic = 'force-dynamic';

interface DatasetData {
  dataset: {
    id: string;
    name: string;
    description: string;
    fileName: string;
    format: string;
    sizeBytes: number;
    cells: number;
    genes: number;
    nonZeros: number;
    labelColumns: { name: string; classes: number }[];
    labelColumn: string | null;
    reportedAs: string | null;
    downloadUrl: string;
    createdAt: string;
    qualityControl: QualityControl | null;
    project: {
      id: string;
      name: string;
      viewerRole: string;
      runs: { nodes: RunsTableRow[] };
    };
  };
}

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { dataset } = await graphqlForPage<DatasetData>(
    `query Dataset($id: ID!) {
      dataset(id: $id) {
        id name description fileName format sizeBytes cells genes nonZeros labelColumn reportedAs downloadUrl createdAt
        labelColumns { name classes }
        qualityControl { countsPerCell { edges counts } genesPerCell { edges counts } }
        project {
          id name viewerRole
          runs(filter: { datasetId: $id }, first: 100) {
            nodes { id status progress seed ari: score(metric: "ARI") method { displayName } }
          }
        }
      }
    }`,
    { id },
    `/datasets/${id}`,
  );
  const runs = dataset.project.runs.nodes;
  const density = dataset.nonZeros / (dataset.cells * dataset.genes);
  return (
    <main>
      <AutoRefresh active={runs.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING')} />
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /{' '}
        <Link href={`/projects/${dataset.project.id}`}>{dataset.project.name}</Link> /
      </p>
      <h1>{dataset.name}</h1>
      {dataset.description ? <p>{dataset.description}</p> : null}
      <p className="row">
        {dataset.project.viewerRole !== 'VIEWER' ? (
          <Link className="button" href={`/datasets/${dataset.id}/runs/new`}>
            New run
          </Link>
        ) : null}
        <Link className="button secondary" href={`/datasets/${dataset.id}/leaderboard`}>
          Leaderboard
        </Link>
        <a href={dataset.downloadUrl} download>
          Download the file
        </a>
      </p>
      <div className="grid-2">
        <dl className="facts panel" data-testid="dataset-summary">
          <dt>File</dt>
          <dd>{dataset.fileName}</dd>
          <dt>Format</dt>
          <dd>{dataset.format}</dd>
          <dt>Cells</dt>
          <dd>{dataset.cells.toLocaleString('en-US')}</dd>
          <dt>Genes</dt>
          <dd>{dataset.genes.toLocaleString('en-US')}</dd>
          <dt>Non-zeros</dt>
          <dd>
            {dataset.nonZeros.toLocaleString('en-US')} ({(density * 100).toFixed(1)}%)
          </dd>
          <dt>Size</dt>
          <dd>{(dataset.sizeBytes / 1024 / 1024).toFixed(2)} MiB</dd>
          <dt>Truth</dt>
          <dd>
            {dataset.labelColumn ?? 'none'}
            {dataset.labelColumns.length > 0
              ? ` (of ${dataset.labelColumns.map((column) => `${column.name}: ${column.classes} classes`).join(', ')})`
              : ''}
          </dd>
          <dt>Paper dataset</dt>
          <dd>{dataset.reportedAs ?? 'none'}</dd>
        </dl>
        {dataset.qualityControl ? (
          <div className="row" style={{ alignItems: 'flex-start' }}>
            <QualityControlHistograms qualityControl={dataset.qualityControl} width={300} />
          </div>
        ) : null}
      </div>
      <h2>Runs on this dataset</h2>
      {runs.length === 0 ? <p className="muted">No runs yet.</p> : <RunsTable runs={runs} />}
    </main>
  );
}

import Link from 'next/link';
import { AutoRefresh } from '../../../components/AutoRefresh';
import { RunsTable } from '../../../components/RunsTable';
import { graphqlForPage } from '../../../lib/api';
import { MembersPanel } from './MembersPanel';

export const dynamic = 'force-dynamic';

const statuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
const orderFields = {
  created: 'CREATED_AT',
  finished: 'FINISHED_AT',
  status: 'STATUS',
  method: 'METHOD',
} as const;

interface ProjectData {
  project: {
    id: string;
    name: string;
    description: string;
    viewerRole: 'OWNER' | 'EDITOR' | 'VIEWER';
    members: { role: string; addedAt: string; user: { id: string; email: string; displayName: string } }[];
    datasets: {
      nodes: {
        id: string;
        name: string;
        format: string;
        cells: number;
        genes: number;
        labelColumn: string | null;
        reportedAs: string | null;
        runCount: number;
      }[];
    };
    runs: {
      totalCount: number;
      nodes: {
        id: string;
        status: string;
        progress: number;
        phase: string | null;
        seed: number;
        createdAt: string;
        failureReason: string | null;
        ari: number | null;
        method: { id: string; displayName: string };
        dataset: { id: string; name: string };
      }[];
    };
  };
  methods: { id: string; displayName: string }[];
}

type Search = Record<string, string | string[] | undefined>;

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const status = one(search.status);
  const method = one(search.method);
  const datasetId = one(search.dataset);
  const sort = (one(search.sort) ?? 'created') as keyof typeof orderFields;
  const direction = one(search.dir) === 'asc' ? 'ASC' : 'DESC';
  const filter = {
    ...(status && (statuses as readonly string[]).includes(status) ? { status: [status] } : {}),
    ...(method ? { methodIds: [method] } : {}),
    ...(datasetId ? { datasetId } : {}),
  };
  const { project, methods } = await graphqlForPage<ProjectData>(
    `query Project($id: ID!, $filter: RunFilter, $orderBy: RunOrder) {
      project(id: $id) {
        id name description viewerRole
        members { role addedAt user { id email displayName } }
        datasets(first: 100) { nodes { id name format cells genes labelColumn reportedAs runCount } }
        runs(filter: $filter, orderBy: $orderBy, first: 100) {
          totalCount
          nodes {
            id status progress phase seed createdAt failureReason
            ari: score(metric: "ARI")
            method { id displayName }
            dataset { id name }
          }
        }
      }
      methods(runnable: true) { id displayName }
    }`,
    { id, filter, orderBy: { field: orderFields[sort] ?? 'CREATED_AT', direction } },
    `/projects/${id}`,
  );
  const canEdit = project.viewerRole !== 'VIEWER';
  const active = project.runs.nodes.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING');
  return (
    <main>
      <AutoRefresh active={active} />
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /
      </p>
      <h1>{project.name}</h1>
      {project.description ? <p>{project.description}</p> : null}
      <p className="muted">Your role: {project.viewerRole.toLowerCase()}</p>

      <section aria-labelledby="datasets-heading">
        <div className="row">
          <h2 id="datasets-heading">Datasets</h2>
          {canEdit ? (
            <Link className="button" href={`/projects/${project.id}/upload`}>
              Upload a dataset
            </Link>
          ) : null}
        </div>
        {project.datasets.nodes.length === 0 ? (
          <p className="muted">No datasets yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Format</th>
                  <th scope="col" className="num">
                    Cells
                  </th>
                  <th scope="col" className="num">
                    Genes
                  </th>
                  <th scope="col">Labels</th>
                  <th scope="col" className="num">
                    Runs
                  </th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {project.datasets.nodes.map((dataset) => (
                  <tr key={dataset.id}>
                    <td>
                      <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link>
                      {dataset.reportedAs ? (
                        <span className="muted"> (paper: {dataset.reportedAs})</span>
                      ) : null}
                    </td>
                    <td>{dataset.format}</td>
                    <td className="num">{dataset.cells.toLocaleString()}</td>
                    <td className="num">{dataset.genes.toLocaleString()}</td>
                    <td>{dataset.labelColumn ?? '—'}</td>
                    <td className="num">{dataset.runCount}</td>
                    <td>
                      <span className="row">
                        {canEdit ? <Link href={`/datasets/${dataset.id}/runs/new`}>New run</Link> : null}
                        <Link href={`/datasets/${dataset.id}/leaderboard`}>Leaderboard</Link>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs ({project.runs.totalCount})</h2>
        <form method="get" className="row" aria-label="Filter and sort runs">
          <FilterSelect
            name="status"
            label="Status"
            value={status}
            options={statuses.map((value) => ({ value, label: value.toLowerCase() }))}
          />
          <FilterSelect
            name="method"
            label="Method"
            value={method}
            options={methods.map((value) => ({ value: value.id, label: value.displayName }))}
          />
          <FilterSelect
            name="dataset"
            label="Dataset"
            value={datasetId}
            options={project.datasets.nodes.map((dataset) => ({ value: dataset.id, label: dataset.name }))}
          />
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={sort}>
              <option value="created">started</option>
              <option value="finished">finished</option>
              <option value="status">status</option>
              <option value="method">method</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="dir">Order</label>
            <select id="dir" name="dir" defaultValue={direction === 'ASC' ? 'asc' : 'desc'}>
              <option value="desc">descending</option>
              <option value="asc">ascending</option>
            </select>
          </div>
          <button type="submit" className="secondary" style={{ alignSelf: 'end' }}>
            Apply
          </button>
        </form>
        {project.runs.nodes.length === 0 ? (
          <p className="muted">No runs match.</p>
        ) : (
          <form method="get" action="/compare">
            <div className="table-scroll">
              <RunsTable runs={project.runs.nodes} selectable showDataset showStarted testId="runs-table" />
            </div>
            <p>
              <button type="submit" className="secondary">
                Compare selected runs
              </button>
            </p>
          </form>
        )}
      </section>

      <MembersPanel
        projectId={project.id}
        canManage={project.viewerRole === 'OWNER'}
        members={project.members.map((member) => ({ ...member.user, role: member.role }))}
      />
    </main>
  );
}

/** One filter of the runs list: a labelled select of `options` with "any" first, submitted as `name`. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function one(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : undefined;
}

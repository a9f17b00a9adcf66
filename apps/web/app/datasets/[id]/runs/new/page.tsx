import Link from 'next/link';
import { graphqlForPage } from '../../../../../lib/api';
import { NewRunForm, type MethodOption } from './NewRunForm';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New run · scSAMAC' };

interface NewRunData {
  dataset: { id: string; name: string; cells: number; project: { id: string; name: string } };
  methods: MethodOption[];
}

export default async function NewRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { dataset, methods } = await graphqlForPage<NewRunData>(
    `query NewRun($id: ID!) {
      dataset(id: $id) { id name cells project { id name } }
      methods(runnable: true) { id displayName kind description defaultParams paramsSchema }
    }`,
    { id },
    `/datasets/${id}/runs/new`,
  );
  return (
    <main>
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /{' '}
        <Link href={`/projects/${dataset.project.id}`}>{dataset.project.name}</Link> /{' '}
        <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link> /
      </p>
      <h1>New run on {dataset.name}</h1>
      <p className="muted">
        Pick one or more methods; each runs once per seed with the parameters below. Parameters left at their
        default are not sent, so the trainer applies the method&apos;s own defaults.
      </p>
      <NewRunForm datasetId={dataset.id} projectId={dataset.project.id} methods={methods} />
    </main>
  );
}

import Link from 'next/link';
import { graphqlForPage } from '../../../../lib/api';
import { UploadFlow } from './UploadFlow';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Upload a dataset · scSAMAC' };

export default async function UploadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { project } = await graphqlForPage<{ project: { id: string; name: string } }>(
    'query UploadProject($id: ID!) { project(id: $id) { id name } }',
    { id },
    `/projects/${id}/upload`,
  );
  return (
    <main>
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>{' '}
        /
      </p>
      <h1>Upload a dataset</h1>
      <p className="muted">
        A raw count matrix: AnnData <code>.h5ad</code>, 10x Genomics <code>.h5</code> or a zipped MTX folder,
        an <code>.h5</code> with <code>X</code> and <code>Y</code>, or CSV/TSV (optionally gzipped). The
        server checks it before anything is stored.
      </p>
      <UploadFlow projectId={project.id} />
    </main>
  );
}

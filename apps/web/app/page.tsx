import Link from 'next/link';
import { redirect } from 'next/navigation';
import { graphql } from '../lib/api';
import { getViewer } from '../lib/session';

// Rendered per request: the page shows the live state of the API and its database.
export const dynamic = 'force-dynamic';

interface HealthData {
  health: { ok: boolean; database: { kind: string; serverVersion: string } };
}

export default async function HomePage() {
  if (await getViewer()) redirect('/projects');
  let status: string;
  try {
    const data = await graphql<HealthData>('{ health { ok database { kind serverVersion } } }');
    status = `API up; database: ${data.health.database.kind} (${data.health.database.serverVersion.split(' on ')[0]})`;
  } catch (error) {
    status = `API unreachable: ${(error as Error).message}`;
  }
  return (
    <main>
      <h1>scSAMAC</h1>
      <p>Cluster single-cell RNA-seq data, compare runs against baselines and published results.</p>
      <ol>
        <li>Upload a count matrix (h5ad, 10x h5 or MTX, h5, CSV/TSV).</li>
        <li>Launch scSAMAC and baselines, and watch them train.</li>
        <li>Explore embeddings, marker genes and scores; compare with the paper&apos;s numbers.</li>
      </ol>
      <p className="row">
        <Link className="button" href="/signup">
          Create an account
        </Link>
        <Link className="button secondary" href="/signin">
          Sign in
        </Link>
      </p>
      <p role="status" data-testid="api-status" className="muted">
        {status}
      </p>
    </main>
  );
}

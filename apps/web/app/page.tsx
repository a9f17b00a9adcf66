import { graphql } from '../lib/api';

// Rendered per request: the page shows the live state of the API and its database.
export const dynamic = 'force-dynamic';

interface HealthData {
  health: { ok: boolean; database: { kind: string; serverVersion: string } };
}

export default async function HomePage() {
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
      <p role="status" data-testid="api-status">
        {status}
      </p>
    </main>
  );
}

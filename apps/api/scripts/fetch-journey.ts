// The API's user journey driven by nothing but `fetch`, as any script or client in any language would:
// sign up, create a project, upload a file, register it, start a run and read the CITE_CBMC leaderboard.
// Run against a running API: `npx tsx apps/api/scripts/fetch-journey.ts [http://127.0.0.1:4000]`.
// It imports none of our code on purpose; src/journey.test.ts runs it against a fresh API.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the journey saw, for a caller to check. */
export interface JourneyResult {
  email: string;
  projectId: string;
  uploadId: string;
  datasetId: string;
  runIds: string[];
  leaderboard: { method: string; reported: boolean; mean: number }[];
}

/** Runs the journey against the API at `origin` (e.g. http://127.0.0.1:4000), uploading `file`. */
export async function runJourney(
  origin: string,
  file: string,
  log: (line: string) => void = () => {},
): Promise<JourneyResult> {
  let cookie = '';
  const graphql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  const email = `journey-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await graphql('mutation($input: SignUpInput!) { signUp(input: $input) { viewer { id } } }', {
    input: { email, password: 'journey password', displayName: 'Journey' },
  });
  log(`signed up as ${email}`);
  const { createProject } = await graphql<{ createProject: { id: string } }>(
    'mutation { createProject(input: { name: "Journey" }) { id } }',
  );
  log(`created project ${createProject.id}`);

  const form = new FormData();
  form.append('file', new Blob([await readFile(file)]), path.basename(file));
  const uploaded = await fetch(`${origin}/uploads?projectId=${createProject.id}`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  const uploadBody = (await uploaded.json()) as {
    upload?: { id: string; cells: number; genes: number };
    error?: unknown;
  };
  if (uploaded.status !== 201 || !uploadBody.upload)
    throw new Error(`upload: ${uploaded.status} ${JSON.stringify(uploadBody)}`);
  log(`uploaded ${path.basename(file)}: ${uploadBody.upload.cells} cells x ${uploadBody.upload.genes} genes`);

  const { registerDataset } = await graphql<{ registerDataset: { id: string; labelColumn: string } }>(
    'mutation($u: ID!) { registerDataset(input: { uploadId: $u, name: "Baron mouse 1" }) { id labelColumn } }',
    { u: uploadBody.upload.id },
  );
  log(`registered dataset ${registerDataset.id} (truth: ${registerDataset.labelColumn})`);
  const { startRun } = await graphql<{ startRun: { runs: { id: string; status: string }[] } }>(
    'mutation($d: ID!) { startRun(input: { datasetId: $d, methodId: "pca-kmeans", seeds: [1, 2, 3] }) { runs { id status } } }',
    { d: registerDataset.id },
  );
  log(`started ${startRun.runs.length} runs: ${startRun.runs.map((run) => run.status).join(', ')}`);

  const { leaderboard } = await graphql<{
    leaderboard: { entries: { method: { id: string }; reported: boolean; mean: number }[] };
  }>('{ leaderboard(dataset: "CITE_CBMC") { entries { method { id } reported mean } } }');
  const rows = leaderboard.entries.map((entry) => ({
    method: entry.method.id,
    reported: entry.reported,
    mean: entry.mean,
  }));
  for (const row of rows)
    log(`  ${row.method.padEnd(16)} ${row.mean.toFixed(4)}${row.reported ? '  (paper)' : ''}`);
  return {
    email,
    projectId: createProject.id,
    uploadId: uploadBody.upload.id,
    datasetId: registerDataset.id,
    runIds: startRun.runs.map((run) => run.id),
    leaderboard: rows,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const origin = (process.argv[2] ?? process.env.API_ORIGIN ?? 'http://127.0.0.1:4000').replace(
    /\/graphql$/,
    '',
  );
  const file = fileURLToPath(new URL('../../../../shared/formats/Baron_mouse1.csr.h5ad', import.meta.url));
  await runJourney(origin, file, console.log);
}

// Load benchmark: 50 concurrent clients send 2,000 GraphQL queries (half leaderboards, half run pages) over
// loopback to an API on in-memory PGlite holding 1,000 runs, and print latency percentiles.
// `npm run bench -w @scsamac/api` (BENCH_CLIENTS, BENCH_REQUESTS, BENCH_RUNS override the sizes).
import { openDatabase, runGroups, runs, scores } from '@scsamac/db';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalFileStorage } from '@scsamac/db';
import { startApi } from '../src/server.js';
import { insertDataset } from '../src/test/fixtures.js';

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const runCount = Number(process.env.BENCH_RUNS ?? 1000);

const connection = await openDatabase({ url: '', dataDir: 'memory://' });
const folder = await mkdtemp(path.join(tmpdir(), 'scsamac-bench-'));
const api = await startApi(connection, 0, '127.0.0.1', { storage: new LocalFileStorage(folder) });

async function graphql(query: string, variables: Record<string, unknown>, cookie: string, keepAlive = true) {
  const response = await fetch(api.url, {
    method: 'POST',
    // Setup requests close their sockets: PGlite's synchronous inserts keep the event loop too busy to notice a
    // server closing an idle socket, and the next request would be sent on it.
    headers: { 'content-type': 'application/json', cookie, ...(keepAlive ? {} : { connection: 'close' }) },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the benchmark only counts errors
  return { response, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

// Setup: one user, one project, one dataset reported as CITE_CBMC, 1,000 finished runs over five methods.
const signUp = await graphql(
  'mutation { signUp(input: { email: "bench@example.org", password: "bench password", displayName: "Bench" }) { viewer { id } } }',
  {},
  '',
  false,
);
const cookie = signUp.response.headers.get('set-cookie')!.split(';')[0]!;
const project = await graphql(
  'mutation { createProject(input: { name: "Bench" }) { id } }',
  {},
  cookie,
  false,
);
const projectId: string = project.body.data.createProject.id;
const datasetId = await insertDataset(connection.db, projectId, { reportedAs: 'CITE_CBMC' });
const methodIds = ['scsamac', 'scsamac-zinb', 'pca-kmeans', 'pca-leiden', 'scdeepcluster'];
const setupStart = performance.now();
// Bulk inserts (one statement per table) stand in for what trainers would have written over time.
const groups = await connection.db
  .insert(runGroups)
  .values(methodIds.map((methodId) => ({ projectId, datasetId, methodId, params: {}, seeds: [] })))
  .returning({ id: runGroups.id });
const inserted = await connection.db
  .insert(runs)
  .values(
    Array.from({ length: runCount }, (_, i) => {
      const failed = i % 50 === 49;
      return {
        projectId,
        datasetId,
        methodId: methodIds[i % methodIds.length]!,
        runGroupId: groups[i % methodIds.length]!.id,
        params: { pretrainEpochs: 100, seed: i },
        seed: Math.floor(i / methodIds.length),
        status: failed ? ('FAILED' as const) : ('SUCCEEDED' as const),
        failureReason: failed ? 'time limit of 3600 s exceeded' : null,
        progress: 1,
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(),
      };
    }),
  )
  .returning({ id: runs.id, status: runs.status });
const runIds = inserted.map((run) => run.id);
await connection.db.insert(scores).values(
  inserted
    .filter((run) => run.status === 'SUCCEEDED')
    .flatMap((run, i) => [
      { runId: run.id, metric: 'ARI', labelColumn: 'Y', value: 0.4 + ((i * 37) % 40) / 100 },
      { runId: run.id, metric: 'NMI', labelColumn: 'Y', value: 0.5 + ((i * 11) % 30) / 100 },
      { runId: run.id, metric: 'CA', labelColumn: 'Y', value: 0.6 },
      { runId: run.id, metric: 'seconds', labelColumn: '', value: 10 + (i % 7) },
    ]),
);
console.log(
  `setup: ${runIds.length} runs stored in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
);

const leaderboardQuery = `query($d: String!) { leaderboard(dataset: $d) {
  entries { rank method { id displayName } reported mean sd n metrics { metric mean sd } }
  failedRuns { reason run { id } } } }`;
const runQuery = `query($id: ID!) { run(id: $id) {
  id status seed params progress method { id displayName } dataset { id name }
  scores { metric labelColumn value } artifacts { id downloadUrl } createdAt finishedAt durationSeconds } }`;

const latencies: { kind: string; ms: number }[] = [];
let errors = 0;
let next = 0;
async function client(): Promise<void> {
  for (;;) {
    const index = next++;
    if (index >= requests) return;
    const leaderboard = index % 2 === 0;
    const start = performance.now();
    const { response, body } = await graphql(
      leaderboard ? leaderboardQuery : runQuery,
      leaderboard ? { d: index % 4 === 0 ? 'CITE_CBMC' : datasetId } : { id: runIds[index % runIds.length] },
      cookie,
    );
    const ms = performance.now() - start;
    if (response.status !== 200 || body.errors || !body.data) errors += 1;
    latencies.push({ kind: leaderboard ? 'leaderboard' : 'run', ms });
  }
}

// Warm up (JIT, caches), then measure.
for (let i = 0; i < 10; i++) {
  await graphql(leaderboardQuery, { d: datasetId }, cookie);
  await graphql(runQuery, { id: runIds[i] }, cookie);
}
const wallStart = performance.now();
await Promise.all(Array.from({ length: clients }, () => client()));
const wall = (performance.now() - wallStart) / 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const rows = ['all', 'leaderboard', 'run'].map((kind) => {
  const values = latencies
    .filter((entry) => kind === 'all' || entry.kind === kind)
    .map((entry) => entry.ms)
    .sort((a, b) => a - b);
  return {
    queries: kind,
    count: values.length,
    'p50 ms': percentile(values, 50).toFixed(1),
    'p95 ms': percentile(values, 95).toFixed(1),
    'p99 ms': percentile(values, 99).toFixed(1),
    'max ms': values.at(-1)!.toFixed(1),
  };
});
console.log(
  `\n${clients} clients, ${requests} queries, ${runCount} runs, PGlite in memory: ${wall.toFixed(1)} s, ` +
    `${(requests / wall).toFixed(0)} queries/s, ${errors} errors`,
);
console.table(rows);
await api.stop();
await connection.close();
await rm(folder, { recursive: true, force: true });
if (errors > 0) process.exitCode = 1;

// Load benchmark: 50 concurrent clients send 2,000 GraphQL queries (half leaderboards, half run pages) over
// loopback to an API on in-memory PGlite holding 1,000 runs, and print latency percentiles against the target
// (p95 under 100 ms). `npm run bench -w @scsamac/api`; BENCH_CLIENTS, BENCH_REQUESTS, BENCH_RUNS override the
// sizes, BENCH_SAME_THREAD=1 runs the clients on the API's own thread (see bench-clients.ts).
import { LocalFileStorage, openDatabase, runGroups, runs, scores } from '@scsamac/db';
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startApi } from '../src/server.js';
import { insertDataset } from '../src/test/fixtures.js';
import { runClients, type ClientPlan, type ClientResult } from './bench-clients.js';

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const runCount = Number(process.env.BENCH_RUNS ?? 1000);
const sameThread = process.env.BENCH_SAME_THREAD === '1';
/** The target of issue #6: p95 latency under load. */
const targetP95Ms = 100;

let statements = 0;
const connection = await openDatabase({
  url: '',
  dataDir: 'memory://',
  onQuery: () => {
    statements += 1;
  },
});
const folder = await mkdtemp(path.join(tmpdir(), 'scsamac-bench-'));
const api = await startApi(connection, 0, '127.0.0.1', { storage: new LocalFileStorage(folder) });

/** A setup request (sign-up, project), outside the timed phase. */
async function graphql(query: string, cookie: string) {
  const response = await fetch(api.url, {
    method: 'POST',
    // Setup requests close their sockets: PGlite's synchronous inserts keep the event loop too busy to notice a
    // server closing an idle socket, and the next request would be sent on it.
    headers: { 'content-type': 'application/json', cookie, connection: 'close' },
    body: JSON.stringify({ query }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- setup reads two ids from the answers
  return { response, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

// Setup: one user, one project, one dataset reported as CITE_CBMC, 1,000 finished runs over five methods.
const signUp = await graphql(
  'mutation { signUp(input: { email: "bench@example.org", password: "bench password", displayName: "Bench" }) { viewer { id } } }',
  '',
);
const cookie = signUp.response.headers.get('set-cookie')!.split(';')[0]!;
const project = await graphql('mutation { createProject(input: { name: "Bench" }) { id } }', cookie);
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
// A database that grew to this size over time has planner statistics (PGlite refreshes them every 10 minutes).
await connection.db.execute(sql`analyze`);
console.log(
  `setup: ${runIds.length} runs stored in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
);

/**
 * CPU milliseconds this thread (the API's: HTTP, GraphQL, and PGlite, which runs synchronously on it) has used. On
 * Linux read from /proc for this thread alone, so the clients' worker is not counted; elsewhere
 * `process.cpuUsage()`, which counts every thread of the process (the clients included).
 */
function serverCpuMs(): { ms: number; thisThreadOnly: boolean } {
  try {
    // Fields 14 and 15 of /proc/<pid>/task/<tid>/stat: user and system time in clock ticks (100 per second on
    // Linux). The main thread's id is the process id. The name (field 2) is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ms: (Number(fields[11]) + Number(fields[12])) * 10, thisThreadOnly: true };
  } catch {
    const usage = process.cpuUsage();
    return { ms: (usage.user + usage.system) / 1000, thisThreadOnly: false };
  }
}
let cpuAtTimed = serverCpuMs();

/** Runs the clients in a worker thread (or on this thread), counting the SQL statements of the timed phase. */
function measure(plan: ClientPlan): Promise<ClientResult> {
  const onTimed = () => {
    statements = 0;
    cpuAtTimed = serverCpuMs();
  };
  if (sameThread) return runClients(plan, onTimed);
  return new Promise((resolve, reject) => {
    // Node 20 passes no module hooks on to worker threads: the thread registers the project's TypeScript hooks
    // (scripts/ts-runtime, as `npm run bench` does for this thread) before it imports the clients.
    const hooks = new URL('../../../scripts/ts-runtime/hooks.mjs', import.meta.url).href;
    const entry = new URL('./bench-clients.ts', import.meta.url).href;
    const bootstrap = `import('node:module').then(({ register }) => { register(${JSON.stringify(hooks)}); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: plan });
    worker.on('message', (message: { timed?: true; result?: ClientResult }) => {
      if (message.timed) onTimed();
      if (message.result) resolve(message.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`benchmark clients stopped with exit code ${code}`)));
  });
}

const { samples, wallSeconds } = await measure({
  url: api.url,
  cookie,
  clients,
  requests,
  datasetId,
  runIds,
});
const statementsPerQuery = statements / samples.length;
const cpuAfter = serverCpuMs();
const cpuPerQuery = (cpuAfter.ms - cpuAtTimed.ms) / samples.length;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function summary(kind: 'all' | 'leaderboard' | 'run') {
  const chosen = samples.filter((sample) => kind === 'all' || sample.kind === kind);
  const values = chosen.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    queries: kind,
    count: values.length,
    errors: chosen.filter((sample) => !sample.ok).length,
    'p50 ms': Number(percentile(values, 50).toFixed(1)),
    'p95 ms': Number(percentile(values, 95).toFixed(1)),
    'p99 ms': Number(percentile(values, 99).toFixed(1)),
    'max ms': Number(values.at(-1)!.toFixed(1)),
  };
}
const rows = (['all', 'leaderboard', 'run'] as const).map(summary);
const all = rows[0]!;
console.log(
  `\n${clients} clients (${sameThread ? "on the API's thread" : 'in a worker thread'}), ${samples.length} queries, ` +
    `${runIds.length} runs, PGlite in memory: ${wallSeconds.toFixed(1)} s, ` +
    `${(samples.length / wallSeconds).toFixed(0)} queries/s, ${statementsPerQuery.toFixed(2)} SQL statements/query, ` +
    `server CPU ms per query ${cpuPerQuery.toFixed(2)}` +
    (cpuAfter.thisThreadOnly && !sameThread ? '' : " (the clients' CPU included)"),
);
console.table(rows);
console.log(
  `p95 ${all['p95 ms']} ms, target < ${targetP95Ms} ms: ${all['p95 ms'] < targetP95Ms ? 'met' : 'NOT met'}; ` +
    `${all.errors} errors`,
);
await api.stop();
await connection.close();
await rm(folder, { recursive: true, force: true });
if (all.errors > 0) process.exitCode = 1;

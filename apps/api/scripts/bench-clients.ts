// The load benchmark's clients: `clients` concurrent loops sharing `requests` GraphQL queries (half leaderboards,
// half run pages). bench.ts runs them in a worker thread, so that, like real clients, they do not queue their own
// work (fetch, JSON parsing) on the API's event loop; BENCH_SAME_THREAD=1 runs them on the API's thread instead.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** What the clients need to know about the API and its data. */
export interface ClientPlan {
  url: string;
  cookie: string;
  clients: number;
  requests: number;
  datasetId: string;
  runIds: string[];
}

/** One answered query. */
export interface Sample {
  kind: 'leaderboard' | 'run';
  ms: number;
  ok: boolean;
}

/** The timed phase: every query's latency, and its wall time in seconds. */
export interface ClientResult {
  samples: Sample[];
  wallSeconds: number;
}

const leaderboardQuery = `query($d: String!) { leaderboard(dataset: $d) {
  entries { rank method { id displayName } reported mean sd n metrics { metric mean sd } }
  failedRuns { reason run { id } } } }`;
const runQuery = `query($id: ID!) { run(id: $id) {
  id status seed params progress method { id displayName } dataset { id name }
  scores { metric labelColumn value } artifacts { id downloadUrl } createdAt finishedAt durationSeconds } }`;

/** Sends query number `index`: even ones a leaderboard (by dataset id or by paper name), odd ones a run page. */
async function send(plan: ClientPlan, index: number): Promise<Sample> {
  const leaderboard = index % 2 === 0;
  const variables = leaderboard
    ? { d: index % 4 === 0 ? 'CITE_CBMC' : plan.datasetId }
    : { id: plan.runIds[index % plan.runIds.length] };
  const start = performance.now();
  let ok = false;
  try {
    const response = await fetch(plan.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: plan.cookie },
      body: JSON.stringify({ query: leaderboard ? leaderboardQuery : runQuery, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    ok = response.status === 200 && !body.errors && Boolean(body.data);
  } catch {
    ok = false;
  }
  return { kind: leaderboard ? 'leaderboard' : 'run', ms: performance.now() - start, ok };
}

/**
 * Runs the plan: each client first sends one query of each kind untimed (its connection opened, caches and JIT
 * warm, as for clients that have been polling a while), then all of them share `requests` timed queries;
 * `onTimed` is called between the two.
 */
export async function runClients(plan: ClientPlan, onTimed: () => void = () => {}): Promise<ClientResult> {
  await Promise.all(
    Array.from({ length: plan.clients }, async (_, client) => {
      await send(plan, 2 * client);
      await send(plan, 2 * client + 1);
    }),
  );
  onTimed();
  const samples: Sample[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      for (let index = next++; index < plan.requests; index = next++) samples.push(await send(plan, index));
    }),
  );
  return { samples, wallSeconds: (performance.now() - start) / 1000 };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.postMessage({
    result: await runClients(workerData as ClientPlan, () => port.postMessage({ timed: true })),
  });
}

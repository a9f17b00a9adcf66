// `npm start`: the whole platform on one machine. The API and one trainer share a process because the embedded
// database (PGlite, in .data/) belongs to a single process; the web app runs as its own Next.js process and talks
// to the API over HTTP. With DATABASE_URL set, the same process uses that PostgreSQL server instead.
import { openDatabase, openFileStorage } from '@scsamac/db';
import { seedDemo, startApi } from '@scsamac/api';
import { startTrainer } from '@scsamac/trainer';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const apiPort = Number(process.env.API_PORT ?? 4000);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const dataDir = process.env.SCSAMAC_DATA_DIR ?? '.data';
mkdirSync(dataDir, { recursive: true });

const connection = await openDatabase({ dataDir: `${dataDir}/pglite` });
const storage = openFileStorage({ dataDir });
const api = await startApi(connection, apiPort, '127.0.0.1', { storage });
console.log(`api: GraphQL at ${api.url} (${connection.kind})`);
// First start only: a demo account and project (with datasets from ../shared when present). Idempotent.
if (process.env.SCSAMAC_DEMO !== '0') {
  const demo = await seedDemo(connection, storage, {
    sharedDir: process.env.SCSAMAC_SHARED_DIR ?? path.resolve('../shared'),
  });
  if (demo.created)
    console.log(`demo: sign in as ${demo.email} / ${demo.password} (${demo.datasetIds.length} datasets)`);
}
// The in-process trainer trains one run at a time in a worker thread, so the API stays responsive.
const trainer = await startTrainer(connection, {
  pollMs: 1000,
  log: console.log,
  storage,
});

// A production build is served when one exists (CI and e2e build first); otherwise the dev server compiles on demand.
const webMode =
  existsSync('apps/web/.next/BUILD_ID') && process.env.SCSAMAC_WEB_DEV !== '1' ? 'start' : 'dev';
const web = spawn('npx', ['next', webMode, '-p', String(webPort)], {
  cwd: 'apps/web',
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SCSAMAC_API_URL: api.url },
});
console.log(`web: http://localhost:${webPort} (next ${webMode})`);

let stopping = false;
const shutdown = async (code: number): Promise<void> => {
  if (stopping) return;
  stopping = true;
  web.kill('SIGTERM');
  await trainer.stop();
  await api.stop();
  await connection.close();
  process.exit(code);
};
web.on('exit', (code) => void shutdown(code ?? 0));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// Standalone trainer process (`npm run trainer`): claims work from the PostgreSQL server named by DATABASE_URL.
// Start as many as you like, on any machine that sees the same database and file storage.
import { migrate, openDatabase, openFileStorage } from '@scsamac/db';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTrainer, trainerDefaults } from './worker.js';

/** A positive number from the environment, or undefined when unset; exits with a message when malformed. */
function numberFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`trainer: ${name} must be a positive number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

if (!process.env.DATABASE_URL) {
  console.error(
    'trainer: set DATABASE_URL to the PostgreSQL server that holds the queue (npm start runs an embedded one).',
  );
  process.exit(2);
}
// `npm run trainer` runs in apps/trainer; relative data folders mean the repository root's, as for `npm start`.
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = path.resolve(repositoryRoot, process.env.SCSAMAC_DATA_DIR ?? '.data');

const connection = await openDatabase().catch((error: Error) => {
  console.error(`trainer: cannot use the database at DATABASE_URL: ${error.message}`);
  process.exit(1);
});
await migrate(connection);
const leaseSeconds = numberFromEnv('SCSAMAC_LEASE_SECONDS');
const timeLimitSeconds = numberFromEnv('SCSAMAC_RUN_TIME_LIMIT_SECONDS');
const trainer = await startTrainer(connection, {
  pollMs: numberFromEnv('SCSAMAC_POLL_MS') ?? 1000,
  log: (message) => console.log(`${new Date().toISOString()} ${message}`),
  storage: openFileStorage({ dataDir }),
  name: process.env.SCSAMAC_TRAINER_NAME || undefined,
  concurrency: numberFromEnv('SCSAMAC_TRAINER_CONCURRENCY') ?? trainerDefaults.concurrency,
  leaseMs: leaseSeconds === undefined ? undefined : leaseSeconds * 1000,
  timeLimitMs: timeLimitSeconds === undefined ? undefined : timeLimitSeconds * 1000,
  maxHeapMb: numberFromEnv('SCSAMAC_RUN_MAX_HEAP_MB'),
});
let stopping = false;
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  // A run in training goes back to the queue for another trainer, with its attempt returned.
  await trainer.stop();
  await connection.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

// Standalone trainer process (`npm run trainer`): claims work from the PostgreSQL server named by DATABASE_URL.
import { openDatabase } from '@scsamac/db';
import { startTrainer } from './worker.js';

if (!process.env.DATABASE_URL) {
  console.error(
    'trainer: set DATABASE_URL to the PostgreSQL server that holds the queue (npm start runs an embedded one).',
  );
  process.exit(2);
}
const connection = await openDatabase();
const trainer = await startTrainer(connection, { pollMs: 1000, log: console.log });
const shutdown = async (): Promise<void> => {
  await trainer.stop();
  await connection.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

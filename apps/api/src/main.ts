// Standalone API process: `npm start -w @scsamac/api`. Needs DATABASE_URL (PGlite cannot be shared between
// processes; `npm start` at the root runs the API and a trainer in one process instead).
import { openDatabase } from '@scsamac/db';
import { startApi } from './server.js';

const connection = await openDatabase();
const api = await startApi(
  connection,
  Number(process.env.API_PORT ?? 4000),
  process.env.API_HOST ?? '127.0.0.1',
);
console.log(`api: GraphQL at ${api.url} (${connection.kind})`);

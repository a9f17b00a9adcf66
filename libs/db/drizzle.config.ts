import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` (from libs/db) writes a new SQL migration after a schema change.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});

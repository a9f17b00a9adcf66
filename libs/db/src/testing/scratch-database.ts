import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throwaway PostgreSQL database: its URL, and how to drop it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The server tests use: `TEST_DATABASE_URL`, else the local server's `test` database. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * Creates an empty database `scsamac_test_<random>` on the server of `serverUrl` (by default
 * {@link testServerUrl}), so parallel test files and engineers never share state. `drop()` removes it, closing
 * any sessions still connected.
 */
export async function createScratchDatabase(serverUrl = testServerUrl()): Promise<ScratchDatabase> {
  const name = `scsamac_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

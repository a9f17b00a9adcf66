// A throwaway PostgreSQL database per test file on the real server (127.0.0.1:5432 unless TEST_DATABASE_URL says
// otherwise), migrated to the current schema and dropped afterwards, so parallel engineers and repeated runs never
// see each other's rows.
import { migrate, openDatabase, type Connection } from '@scsamac/db';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';

/** The server the tests use; its database is only used to create and drop the per-test ones. */
export const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, migrated database: its URL, an open connection, and how to drop it. */
export interface TestDatabase {
  url: string;
  connection: Connection;
  drop(): Promise<void>;
}

/** Creates a database named `trainer_<random>` on the test server and migrates it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `trainer_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: testServerUrl });
  try {
    await admin.db.execute(sql.raw(`create database "${name}"`));
  } finally {
    await admin.close();
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ url: url.href });
  await migrate(connection);
  return {
    url: url.href,
    connection,
    drop: async () => {
      await connection.close();
      const again = await openDatabase({ url: testServerUrl });
      try {
        // Closed pools finish hanging up asynchronously; ending their sessions by force would make them raise
        // errors nobody listens to. So wait for them first, and only then force out whatever is left.
        for (let tries = 0; ; tries++) {
          try {
            await again.db.execute(sql.raw(`drop database if exists "${name}"`));
            break;
          } catch (error) {
            if (tries >= 20) {
              await again.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
              break;
            }
            if (!/being accessed by other users/.test((error as Error).message)) throw error;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await again.close();
      }
    },
  };
}

// What every trainer test that trains runs starts from: a fresh migrated database on the real server, a temporary
// data folder laid out as a trainer's (`<dataDir>/files` is the file storage, as `openFileStorage` makes it, so
// trainer processes given SCSAMAC_DATA_DIR see the same files), and a project to hold datasets and runs.
import { LocalFileStorage, type Database } from '@scsamac/db';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insertProject } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A test's database, data folder, file storage and project; `dispose` drops and deletes them all. */
export interface TestEnvironment {
  database: TestDatabase;
  db: Database;
  /** The data folder (SCSAMAC_DATA_DIR of trainer processes). */
  dataDir: string;
  /** The file storage under `dataDir/files`. */
  storage: LocalFileStorage;
  projectId: string;
  dispose(): Promise<void>;
}

/** Creates the database, a data folder named `<prefix><random>` in the system's temporary folder, and a project. */
export async function createTestEnvironment(prefix: string): Promise<TestEnvironment> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const db = database.connection.db;
  return {
    database,
    db,
    dataDir,
    storage: new LocalFileStorage(path.join(dataDir, 'files')),
    projectId: await insertProject(db),
    dispose: async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

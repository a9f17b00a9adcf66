// The set-up and tear-down every suite that runs real trainer processes repeats, registered once here.
import { runs } from '@scsamac/db';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from './test-environment.js';
import {
  printTrainerLogs,
  startTestTrainers,
  waitUntilReady,
  type TrainerProcess,
} from './trainer-process.js';

/** What {@link trainerSuite} gives its tests; `environment` is set once the suite's `beforeAll` has run. */
export interface TrainerSuite {
  environment: TestEnvironment;
  /** The live trainers: a test that kills one removes it, so that `afterAll` stops only the others. */
  trainers: TrainerProcess[];
  /** A run's row as it is now. */
  runRow(id: string): Promise<typeof runs.$inferSelect>;
}

/**
 * Registers a suite's hooks: before all, a test environment (`createTestEnvironment(prefix)`), one trainer process
 * per name with leases of `leaseSeconds`, then `prepare` (datasets; it runs while the trainers load their
 * libraries), then waits until the trainers are ready; after a failed test, the logs of every trainer started (a
 * killed one's included); after all, stops the live trainers and disposes of the environment.
 */
export function trainerSuite(options: {
  prefix: string;
  names: string[];
  leaseSeconds: number;
  prepare: (environment: TestEnvironment) => Promise<void>;
}): TrainerSuite {
  const started: TrainerProcess[] = [];
  const suite: TrainerSuite = {
    environment: undefined as unknown as TestEnvironment,
    trainers: [],
    runRow: async (id) => {
      const [row] = await suite.environment.db.select().from(runs).where(eq(runs.id, id));
      if (!row) throw new Error(`run ${id} is not in the test database`);
      return row;
    },
  };

  beforeAll(async () => {
    suite.environment = await createTestEnvironment(options.prefix);
    // Trainers first: they load their libraries (seconds) while `prepare` writes its datasets.
    started.push(...startTestTrainers(options.names, suite.environment, options.leaseSeconds));
    suite.trainers.push(...started);
    await options.prepare(suite.environment);
    await waitUntilReady(suite.trainers);
  }, 240_000);

  afterEach((context) => {
    // On failure, what the trainers said is the first thing to read.
    if (context.task.result?.state === 'fail') printTrainerLogs(started);
  });

  afterAll(async () => {
    await Promise.all(suite.trainers.map((trainer) => trainer.stop()));
    await suite.environment?.dispose();
  });

  return suite;
}

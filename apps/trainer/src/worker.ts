import type { Connection } from '@scsamac/db';
import { checkHealth } from '@scsamac/db';

/** A trainer loop that is running, and how to stop it. */
export interface RunningTrainer {
  stop(): Promise<void>;
}

/** Options of the trainer loop. */
export interface TrainerOptions {
  /** How often to look for queued work, in milliseconds. */
  pollMs: number;
  /** Called with each state change, for logs. */
  log?: (message: string) => void;
}

/** Connects the trainer to the database and polls it for work until stopped. */
export async function startTrainer(connection: Connection, options: TrainerOptions): Promise<RunningTrainer> {
  const log = options.log ?? (() => {});
  const health = await checkHealth(connection);
  log(`trainer: connected to ${health.kind}, waiting for work`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async (): Promise<void> => {
    if (stopped) return;
    await checkHealth(connection);
    timer = setTimeout(() => void poll(), options.pollMs);
  };
  timer = setTimeout(() => void poll(), options.pollMs);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

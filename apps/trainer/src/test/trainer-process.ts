// Trainer child processes for the multi-process tests: each runs `src/main.ts` as `npm run trainer` does, with
// its own name, and keeps its log lines for the test to read.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const trainerRoot = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm run trainer` loads first: the project's TypeScript hooks. */
const register = new URL('../../../../scripts/ts-runtime/register.mjs', import.meta.url).href;

/** A running trainer process. */
export interface TrainerProcess {
  name: string;
  child: ChildProcess;
  /** Every line it printed so far (stdout and stderr). */
  lines: string[];
  /** Resolves when it printed a line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL: the process dies at once, mid-run, without releasing anything. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit (a run in training is returned to the queue). */
  stop(): Promise<void>;
}

/** Starts `npm run trainer`'s entry point against `databaseUrl` with `env` added. */
export function startTrainerProcess(
  name: string,
  databaseUrl: string,
  env: Record<string, string>,
): TrainerProcess {
  const child = spawn(process.execPath, ['--import', register, 'src/main.ts'], {
    cwd: trainerRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, SCSAMAC_TRAINER_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = once(child, 'exit');
  return {
    name,
    child,
    lines,
    waitForLine: (pattern, timeoutMs = 60_000) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${name} printed no line matching ${pattern} in ${timeoutMs} ms:\n${lines.join('\n')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    kill9: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Where test trainers find their queue and files: a test environment's database and data folder. */
export interface TrainerTarget {
  database: { url: string };
  dataDir: string;
}

/**
 * Starts one trainer process per name on `target`, with leases of `leaseSeconds` (short, so a killed trainer's run
 * is taken back within seconds) and 200 ms polling; `waitUntilReady` says when they can train.
 */
export function startTestTrainers(
  names: string[],
  target: TrainerTarget,
  leaseSeconds: number,
): TrainerProcess[] {
  return names.map((name) =>
    startTrainerProcess(name, target.database.url, {
      SCSAMAC_DATA_DIR: target.dataDir,
      SCSAMAC_LEASE_SECONDS: String(leaseSeconds),
      SCSAMAC_POLL_MS: '200',
    }),
  );
}

/** Resolves when every trainer is connected and its training thread has loaded its libraries (slow on a busy machine). */
export async function waitUntilReady(trainers: TrainerProcess[]): Promise<void> {
  await Promise.all(trainers.map((trainer) => trainer.waitForLine(/training thread 0 ready/, 200_000)));
}

/** Prints every line the trainers printed, one block per trainer: the first thing to read when a test fails. */
export function printTrainerLogs(trainers: TrainerProcess[]): void {
  for (const trainer of trainers) console.log(`--- ${trainer.name}\n${trainer.lines.join('\n')}`);
}

// Fixture of spawn-thread.test.ts: proves the thread runs TypeScript and sees workerData.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

const { n } = workerData as { n: number };
parentPort?.postMessage({ doubled: n * 2, isMainThread });

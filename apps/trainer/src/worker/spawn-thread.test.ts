import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startTypeScriptWorker } from './spawn-thread.js';

describe('startTypeScriptWorker', () => {
  it('runs a TypeScript module in a worker thread and passes workerData to it', async () => {
    const worker = startTypeScriptWorker(new URL('./test-fixtures/echo-thread.ts', import.meta.url), {
      workerData: { n: 21 },
    });
    const [message] = (await once(worker, 'message')) as [{ doubled: number; isMainThread: boolean }];
    expect(message).toEqual({ doubled: 42, isMainThread: false });
    const [code] = (await once(worker, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it('ends a thread that outgrows its heap limit with ERR_WORKER_OUT_OF_MEMORY', async () => {
    const worker = startTypeScriptWorker(new URL('./test-fixtures/hog-thread.ts', import.meta.url), {
      workerData: {},
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    const [error] = (await once(worker, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
  });
});

import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a TypeScript worker thread is started with. */
export interface TypeScriptWorkerOptions {
  /** Cloned into the thread as `workerData`. */
  workerData: unknown;
  /** V8 heap limits; exceeding them ends the thread with `ERR_WORKER_OUT_OF_MEMORY`. */
  resourceLimits?: ResourceLimits;
}

/** The project's TypeScript module hooks (esbuild type stripping; `./x.js` -> `./x.ts`), from the repo root. */
const typeScriptHooks = new URL('../../../../scripts/ts-runtime/hooks.mjs', import.meta.url);

/**
 * Starts a worker thread that runs the TypeScript module `entry`. The apps have no build step: TypeScript runs
 * through the project's module hooks (`scripts/ts-runtime/`). On Node 20, hooks registered in the parent do not
 * reach worker threads and `execArgv: ['--import', ...]` is not honoured there either, so the thread registers the
 * hooks itself and then imports the entry module.
 */
export function startTypeScriptWorker(entry: URL, options: TypeScriptWorkerOptions): Worker {
  const bootstrap =
    `import('node:module')` +
    `.then(({ register }) => { register(${JSON.stringify(typeScriptHooks.href)}); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: options.workerData,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    // The thread's console goes to the parent's stdout/stderr as usual.
    stdout: false,
    stderr: false,
  });
}

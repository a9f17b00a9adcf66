import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a TypeScript worker thread is started with. */
export interface TypeScriptWorkerOptions {
  /** Cloned into the thread as `workerData`. */
  workerData: unknown;
  /** V8 heap limits; exceeding them ends the thread with `ERR_WORKER_OUT_OF_MEMORY`. */
  resourceLimits?: ResourceLimits;
}

let tsxApiUrl: string | undefined;

/** File URL of tsx's ESM API (`tsx/esm/api`), resolved once from this package. */
function resolveTsxApi(): string {
  if (!tsxApiUrl) {
    // `package.json` is exported by tsx, so this resolves wherever npm hoisted it; the API's path inside the
    // package is what its `exports` map names for `./esm/api` under the `import` condition.
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    tsxApiUrl = pathToFileURL(path.join(path.dirname(packageJson), 'dist/esm/api/index.mjs')).href;
  }
  return tsxApiUrl;
}

/**
 * Starts a worker thread that runs the TypeScript module `entry`. The apps have no build step (everything runs
 * through tsx), but on Node 20 the `--import tsx` loader hooks of the parent do not reach worker threads, and
 * `execArgv: ['--import', 'tsx']` is not honoured there either; so the thread first registers tsx itself and
 * then imports the entry module.
 */
export function startTypeScriptWorker(entry: URL, options: TypeScriptWorkerOptions): Worker {
  const bootstrap =
    `import(${JSON.stringify(resolveTsxApi())})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: options.workerData,
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    // The thread's console goes to the parent's stdout/stderr as usual.
    stdout: false,
    stderr: false,
  });
}

/**
 * Picks the fastest TensorFlow.js backend that loads: the native CUDA build, the native CPU build, then
 * WebAssembly (SIMD, one thread per available CPU, at most 8), then the pure-JS cpu backend.
 *
 * Threads on wasm: upstream tfjs turns its threaded build off in Node (tfjs issue 3830: Node's Worker cannot load
 * the blob: URLs it uses, and its C++ halves the CPU count for hyperthreads). `patches/` (applied by
 * patch-package at install) lets Node load the worker scripts from files and counts each available CPU once; on
 * this 2-core machine a 256 x 2000 by 2000 x 256 matMul takes 4.5 ms instead of 8.6 and a training step 237-259 ms
 * instead of 291-295. XNNPACK splits a matMul's output among threads and each sum keeps its order, so the numbers (and
 * labels) are the same as with one thread (tested). `SCSAMAC_WASM_THREADS=0` falls back to one thread.
 * The native packages are optional peer dependencies; they cannot install everywhere, so they are imported
 * dynamically by a name the bundler does not see.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRequire, register } from 'node:module';
import path from 'node:path';

let chosen: Promise<string> | null = null;
let wasmThreads: (() => number) | null = null;

// tfjs-core's bundles register no gradients (the `@tensorflow/tfjs` union package imports them from the ESM
// build, which Node cannot load as is: it uses extensionless and directory imports). A resolve hook, limited to
// files inside tfjs-core's dist folder, adds the missing `.js` / `/index.js`; the registered gradients live in
// tfjs's global registry, shared with the engine the backends use.
const resolveHook = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && context.parentURL && context.parentURL.includes('/@tensorflow/tfjs-core/dist/')) {
      for (const suffix of ['.js', '/index.js']) {
        try {
          return await next(specifier + suffix, context);
        } catch {}
      }
    }
    throw error;
  }
}`;

// Exported at run time by tfjs-core, though not in its type declarations.
const hasGradient = (kernel: string): boolean =>
  Boolean((tf as unknown as { getGradient?: (name: string) => unknown }).getGradient?.(kernel));

async function registerGradients(): Promise<void> {
  if (hasGradient('Add')) return;
  register('data:text/javascript,' + encodeURIComponent(resolveHook));
  await import(/* @vite-ignore */ '@tensorflow/tfjs-core/dist/register_all_gradients.js');
  if (!hasGradient('Add')) throw new Error('tfjs gradients failed to register');
}

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ name);
    return true;
  } catch {
    return false;
  }
}

async function pickBackend(preferred?: string): Promise<string> {
  const order = preferred ? [preferred] : ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (
      name === 'tensorflow-gpu' &&
      (await tryImport('@tensorflow/tfjs-node-gpu')) &&
      (await tf.setBackend('tensorflow'))
    )
      return 'tensorflow';
    if (
      name === 'tensorflow' &&
      (await tryImport('@tensorflow/tfjs-node')) &&
      (await tf.setBackend('tensorflow'))
    )
      return 'tensorflow';
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The .wasm binaries ship in the package's dist folder; point tfjs at them so nothing is fetched.
      const require = createRequire(import.meta.url);
      const dist = path.join(
        path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
        'dist',
      );
      wasm.setWasmPaths(dist + path.sep);
      if (await tf.setBackend('wasm')) {
        wasmThreads = wasm.getThreadsCount;
        return 'wasm';
      }
    }
    if (name === 'cpu') {
      await import('@tensorflow/tfjs-backend-cpu');
      if (await tf.setBackend('cpu')) return 'cpu';
    }
  }
  throw new Error(`no TensorFlow.js backend could be loaded (tried ${order.join(', ')})`);
}

/**
 * Initialises TensorFlow.js once and returns the backend name (`tensorflow`, `wasm` or `cpu`).
 * `preferred` (e.g. `'cpu'`) forces one backend; the first call wins for the whole process.
 */
export function initBackend(preferred?: string): Promise<string> {
  if (!chosen) {
    chosen = pickBackend(preferred ?? process.env.SCSAMAC_BACKEND).then(async (name) => {
      await registerGradients();
      await tf.ready();
      return name;
    });
  }
  return chosen;
}

/**
 * Threads the active wasm backend computes with, synchronously (for work inside a tfjs op); 1 on other backends,
 * with one wasm thread, or before {@link initBackend} chose wasm.
 */
export function wasmThreadCount(): number {
  return tf.getBackend() === 'wasm' && wasmThreads ? wasmThreads() : 1;
}

/** Threads the wasm backend computes with (1 without the patch or with `SCSAMAC_WASM_THREADS=0`); null on others. */
export async function backendThreads(): Promise<number | null> {
  const name = await initBackend();
  return name === 'wasm' && wasmThreads ? wasmThreads() : null;
}

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backendThreads, initBackend } from './backend.js';
import { threadProbe, type ThreadProbe } from './test/thread-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const register = path.resolve(here, '../../../scripts/ts-runtime/register.mjs');
/** What the patched wasm backend uses: one thread per available CPU, at most 8. */
const threadsPerCpu = Math.min(os.availableParallelism(), 8);

/** The probe in a child process with the given environment additions. */
function probeIn(env: Record<string, string>): ThreadProbe {
  const child = spawnSync(process.execPath, ['--import', register, path.join(here, 'test/thread-probe.ts')], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`thread probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ThreadProbe;
}

// This process's (threaded) probe, computed once for the tests that compare with it.
let threadedProbe: Promise<ThreadProbe> | null = null;
const threaded = () => (threadedProbe ??= threadProbe());

describe('backend', () => {
  it('runs wasm with one thread per available CPU (at most 8) unless SCSAMAC_WASM_THREADS=0', async () => {
    expect(await initBackend()).toBe('wasm');
    // Fails when patches/ was not applied at install: upstream tfjs runs wasm single-threaded in Node.
    expect(await backendThreads()).toBe(process.env.SCSAMAC_WASM_THREADS === '0' ? 1 : threadsPerCpu);
  });

  it('gives bit-identical matMuls, latent space and labels with one thread and with several', async () => {
    const reference = await threaded();
    const single = probeIn({ SCSAMAC_WASM_THREADS: '0' });
    expect(single.threads).toBe(1);
    expect(single.backend).toBe(reference.backend);
    expect(single.matMulBits).toEqual(reference.matMulBits);
    expect(single.latentBits).toEqual(reference.latentBits);
    expect(single.labels).toEqual(reference.labels);
  }, 180_000);

  it('falls back to one thread, same numbers, where its worker scripts cannot be written', async () => {
    const reference = await threaded();
    const fallback = probeIn({ TMPDIR: path.join(here, 'no-such-folder', 'tmp') });
    expect(fallback.backend).toBe('wasm');
    expect(fallback.threads).toBe(1);
    expect(fallback.labels).toEqual(reference.labels);
    expect(fallback.latentBits).toEqual(reference.latentBits);
  }, 180_000);

  it('never runs worker scripts from a temp folder that others may write', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'backend-test-'));
    try {
      // Where the scripts would go, made group- and world-writable as if planted by someone else.
      const shared = path.join(tmp, `tfjs-backend-wasm-${process.getuid?.() ?? 'user'}`);
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const probe = probeIn({ TMPDIR: tmp });
      expect(probe.threads).toBe(threadsPerCpu);
      expect(probe.labels).toEqual((await threaded()).labels);
      expect(readdirSync(shared)).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});

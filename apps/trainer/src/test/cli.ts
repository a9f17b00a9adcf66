// Running the `scsamac` command line as a user does, for the command tests.
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root (where `bin/scsamac.js` is and commands run from). */
export const repositoryRoot = new URL('../../../../', import.meta.url).pathname;

/** Runs `scsamac ...args` from the repository root and waits; returns its exit code and output. */
export function scsamac(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node', [join(repositoryRoot, 'bin/scsamac.js'), ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `scsamac ...args` from the repository root without blocking (for long commands); resolves with its output,
 * or rejects with an error carrying `code`, `stdout` and `stderr` when it exits non-zero.
 */
export function scsamacAsync(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)('node', [join(repositoryRoot, 'bin/scsamac.js'), ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  });
}

/** The object a `--json` command prints on its last line (the lines before it are for people). */
export function lastJsonLine<T = Record<string, unknown>>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

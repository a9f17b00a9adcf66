import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;

function scsamac(...args: string[]): string {
  return execFileSync('node', [`${root}bin/scsamac.js`, ...args], { cwd: root, encoding: 'utf8' });
}

describe('scsamac CLI', () => {
  it('prints its version', () => {
    expect(scsamac('--version').trim()).toBe(version);
  });

  it('prints help naming the program', () => {
    expect(scsamac('--help')).toMatch(/Usage: scsamac/);
  });
});

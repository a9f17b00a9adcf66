import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the `scsamac` command line: one subcommand per module in `commands/`. */
export function createProgram(): Command {
  const program = new Command('scsamac')
    .description('Cluster single-cell RNA-seq count matrices with scSAMAC and compare against baselines.')
    .version(packageJson.version, '-v, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI on `argv` (as in `process.argv`) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    // commander throws on --help/--version with exit code 0 after printing; anything else is a real failure.
    if (typeof code === 'number') return code;
    console.error(`scsamac: ${(error as Error).message}`);
    return 1;
  }
}

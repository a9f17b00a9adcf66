#!/usr/bin/env node
// Root entry for `npx scsamac`: installs the project's TypeScript hooks so the trainer app's CLI runs from source.
import { register } from 'node:module';

register('../scripts/ts-runtime/hooks.mjs', import.meta.url);
const { main } = await import('../apps/trainer/src/cli.ts');
process.exitCode = await main(process.argv);

#!/usr/bin/env node
// Root entry for `npx scsamac`: registers tsx so the trainer app's TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../apps/trainer/src/cli.ts');
process.exitCode = await main(process.argv);

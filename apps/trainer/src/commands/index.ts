import type { Command } from 'commander';
import { registerInspect } from './inspect.js';
import { registerCluster } from './cluster.js';
import { registerPredict } from './predict.js';
import { registerScore } from './score.js';

/** Adds one subcommand to the program. Each command module exports one of these. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand of `scsamac`, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [registerInspect, registerScore, registerCluster, registerPredict];

export { createProgram, main } from './cli.js';
export { startTrainer, type RunningTrainer, type TrainerOptions } from './worker.js';

export { createProgram, main } from './cli.js';
export { startTrainer, trainerDefaults, type RunningTrainer, type TrainerOptions } from './worker.js';

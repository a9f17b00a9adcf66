export { startApi, type ApiOptions, type RunningApi } from './server.js';
export { seedDemo, type DemoSeed } from './seed-demo.js';

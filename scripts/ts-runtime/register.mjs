// `node --import ./scripts/ts-runtime/register.mjs app.ts`: installs the TypeScript hooks for this thread.
// Worker threads call `register` themselves (Node 20 does not pass loader hooks on to workers).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    // A fresh PGlite or a wasm backend can take well over 10 s to start on a busy 2-core machine.
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships both index.mjs ("module") and index.js ("main") without an exports map: Vite would pick the
  // .mjs copy for our sources while Node loads the .js copy for Apollo and graphql-tools, and graphql refuses
  // types from "another realm". Point our imports at the copy Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

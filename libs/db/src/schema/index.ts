// The whole database schema, one module per area. drizzle-kit reads this file to generate migrations.
export * from './enums.js';
export * from './users.js';
export * from './projects.js';
export * from './datasets.js';
export * from './methods.js';
export * from './runs.js';

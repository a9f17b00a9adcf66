// Writes the printed schema to apps/api/schema.graphql: `npx tsx scripts/print-schema.ts` after changing typeDefs.
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../src/schema/printed-schema.js';

writeFileSync(new URL('../schema.graphql', import.meta.url), printedSchema());
console.log('wrote apps/api/schema.graphql');

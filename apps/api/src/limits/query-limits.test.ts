import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../schema/index.js';
import { measureOperations } from './query-limits.js';

const schema = buildSchema();

describe('measureOperations', () => {
  it('counts depth from the root field and follows fragments', () => {
    const [measured] = measureOperations(
      schema,
      parse(`
        query { project(id: "x") { ...P } }
        fragment P on Project { id runs(first: 5) { nodes { id dataset { name } } } }
      `),
    );
    // project > runs > nodes > dataset > name
    expect(measured!.depth).toBe(5);
    // project 1 + id 1 + runs (1 + 5 * (nodes 1 + id 1 + dataset (1 + name 1)))
    expect(measured!.cost).toBe(1 + 1 + 1 + 5 * (1 + 1 + 1 + 1));
  });

  it('multiplies by first from variables, by the default page size without first, by ten for lists', () => {
    const document = parse('query($n: Int) { projects(first: $n) { nodes { id } } }');
    expect(measureOperations(schema, document, { n: 100 })[0]!.cost).toBe(1 + 100 * (1 + 1));
    // The same document again (as Apollo hands it over for the same query text): measured with its new variables.
    expect(measureOperations(schema, document, { n: 3 })[0]!.cost).toBe(1 + 3 * (1 + 1));
    expect(measureOperations(schema, parse('{ projects { nodes { id } } }'))[0]!.cost).toBe(1 + 20 * (1 + 1));
    // Plain list fields count as ten items each.
    const lists = parse('{ methods { id } }');
    expect(measureOperations(schema, lists)[0]!.cost).toBe(1 + 10 * 1);
  });
});

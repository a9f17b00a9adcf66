import { buildSchema, parse, validate } from 'graphql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every GraphQL operation the app sends must be valid against the API's committed schema, so a renamed field
// fails here rather than on a page. Operations are found as template literals that start with query/mutation.
const webRoot = new URL('..', import.meta.url).pathname;
const schema = buildSchema(readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function operations(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const file of [
    ...sourceFiles(join(webRoot, 'app')),
    ...sourceFiles(join(webRoot, 'lib')),
    ...sourceFiles(join(webRoot, 'components')),
  ]) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/[`'](\s*(?:query|mutation)\b[^`']*)[`']/g)) {
      found.push({ file: relative(webRoot, file), text: match[1]! });
    }
  }
  return found;
}

describe('GraphQL operations', () => {
  const all = operations();

  it('finds the operations of the pages and forms', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((operation) => [operation.file, operation.text] as const))(
    '%s: valid against schema.graphql',
    (_file, text) => {
      expect(text).not.toContain('${');
      const errors = validate(schema, parse(text)).map((error) => error.message);
      expect(errors).toEqual([]);
    },
  );
});

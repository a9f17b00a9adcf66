import { describe, expect, it } from 'vitest';
import { collectParams, fieldsFromDefaults, fieldsFromSchema, parseSeeds } from './param-fields';

describe('param fields', () => {
  const schema = {
    type: 'object',
    properties: {
      k: {
        anyOf: [{ type: 'integer', minimum: 2 }, { type: 'null' }],
        default: null,
        description: 'Clusters.',
      },
      likelihood: { type: 'string', enum: ['nb', 'zinb'], default: 'nb', description: 'Count model.' },
      pretrainSteps: { type: 'integer', minimum: 0, default: 600, description: 'Steps.' },
      contrastive: { type: 'boolean', default: true },
      hidden: { type: 'array', default: [256, 64] },
    },
  };

  it('reads types, defaults, bounds and help from a JSON Schema', () => {
    const fields = fieldsFromSchema(schema);
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['k', 'integer'],
      ['likelihood', 'enum'],
      ['pretrainSteps', 'integer'],
      ['contrastive', 'boolean'],
      ['hidden', 'json'],
    ]);
    expect(fields[0]).toMatchObject({ nullable: true, minimum: 2, help: 'Clusters.', defaultValue: null });
    expect(fields[1]!.options).toEqual(['nb', 'zinb']);
    expect(fields[3]!.help).toBe('Default: true.');
  });

  it('keeps only changed values and parses them by kind', () => {
    const fields = fieldsFromSchema(schema);
    const params = collectParams(fields, {
      k: '',
      likelihood: 'zinb',
      pretrainSteps: '20',
      contrastive: true,
      hidden: '[32, 8]',
    });
    expect(params).toEqual({ likelihood: 'zinb', pretrainSteps: 20, hidden: [32, 8] });
    expect(() => collectParams(fields, { pretrainSteps: '2.5' })).toThrow(/whole number/);
    expect(() => collectParams(fields, { hidden: '[1,' })).toThrow(/not valid JSON/);
  });

  it('leaves out an empty optional option that has no default (as zod prints `.optional()`)', () => {
    // zod's toJSONSchema of `k: z.number().int().min(2).optional()`: no null type and no default.
    const fields = fieldsFromSchema({
      type: 'object',
      properties: {
        k: { type: 'integer', minimum: 2, description: 'Clusters.' },
        seed: { type: 'integer', default: 1 },
      },
    });
    expect(collectParams(fields, { k: '', seed: '1' })).toEqual({});
    expect(collectParams(fields, { k: '7', seed: '1' })).toEqual({ k: 7 });
    expect(() => collectParams(fields, { k: 'seven' })).toThrow(/k: "seven" is not a number/);
    // A blank field whose option has a default is still an error, not a silent reset.
    expect(() => collectParams(fields, { seed: ' ' })).toThrow(/seed: " " is not a number/);
  });

  it('guesses fields from defaults', () => {
    expect(fieldsFromDefaults({ a: 1, b: 0.5, c: false, d: 'x', e: [1] }).map((field) => field.kind)).toEqual(
      ['integer', 'number', 'boolean', 'text', 'json'],
    );
  });

  it('parses seeds', () => {
    expect(parseSeeds('1, 2 2;3')).toEqual([1, 2, 3]);
    expect(() => parseSeeds('')).toThrow(/at least one/);
    expect(() => parseSeeds('1.5')).toThrow(/whole number/);
  });
});

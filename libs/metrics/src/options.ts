import { z } from 'zod';
import { MetricsInputError } from './errors.js';

/** Validates options with a zod schema, turning its errors into `INVALID_OPTIONS`. */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, options: unknown): z.output<Schema> {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new MetricsInputError('INVALID_OPTIONS', `invalid options: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

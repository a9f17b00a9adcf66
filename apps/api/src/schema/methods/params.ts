import { getMethod, type ClusteringMethod } from '@scsamac/model';
import { z } from 'zod';
import { badInput } from '../../errors.js';

/** The registry's method of that id, or null for methods the model does not implement (published only). */
function registryMethod(id: string): ClusteringMethod | null {
  try {
    return getMethod(id);
  } catch {
    return null;
  }
}

const schemaCache = new Map<string, Record<string, unknown> | null>();

/** Defaults of a method's options: what its parser fills in for `{}`; null when the model lacks the method. */
export function methodDefaults(id: string): Record<string, unknown> | null {
  const method = registryMethod(id);
  return method ? (method.parseOptions({}) as Record<string, unknown>) : null;
}

/**
 * JSON Schema (draft 2020-12, from zod's `toJSONSchema`) of a method's options, with each option's one-line
 * description. Variants share one zod schema with different presets, so each property's `default` is replaced by
 * the variant's own default. Null when the model has no schema for the method. Computed once per method.
 */
export function methodParamsSchema(id: string): Record<string, unknown> | null {
  if (schemaCache.has(id)) return schemaCache.get(id)!;
  const method = registryMethod(id);
  let result: Record<string, unknown> | null = null;
  if (method?.optionsSchema) {
    const json = z.toJSONSchema(method.optionsSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, Record<string, unknown>>;
    } & Record<string, unknown>;
    const defaults = method.parseOptions({}) as Record<string, unknown>;
    for (const [key, property] of Object.entries(json.properties ?? {})) {
      if (key in defaults && defaults[key] !== undefined) property.default = defaults[key];
    }
    result = json;
  }
  schemaCache.set(id, result);
  return result;
}

/**
 * Checks run parameters with the method's own option parser (unknown keys, types, ranges). Throws BAD_USER_INPUT
 * naming the offending key (`field: params.<key>`). Methods the model does not implement are not checked here.
 */
export function validateParams(id: string, params: Record<string, unknown>): void {
  const method = registryMethod(id);
  if (!method) return;
  try {
    method.parseOptions(params);
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const issue = error.issues[0]!;
    const key =
      issue.code === 'unrecognized_keys'
        ? issue.keys[0]
        : issue.path.length > 0
          ? issue.path.join('.')
          : undefined;
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown parameter ${issue.keys.join(', ')} for ${id}`
        : `parameter ${key ?? ''}: ${issue.message}`.trim();
    throw badInput(message, key ? `params.${key}` : 'params');
  }
}

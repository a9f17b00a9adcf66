/** One input of the new-run form. */
export interface ParamField {
  name: string;
  kind: 'number' | 'integer' | 'boolean' | 'enum' | 'text' | 'json';
  /** The default, as plain JSON. */
  defaultValue: unknown;
  /** One line saying what the parameter does. */
  help: string;
  options?: string[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

/**
 * Form fields from a JSON Schema of a method's options (what zod's `toJSONSchema` prints): each property's type,
 * default, bounds and description (its one-line help).
 */
export function fieldsFromSchema(schema: unknown): ParamField[] {
  const properties = (schema as JsonSchema | null)?.properties ?? {};
  return Object.entries(properties).map(([name, property]) => {
    const variants = property.anyOf ?? [property];
    const nullable = variants.some((variant) => variant.type === 'null');
    const main = variants.find((variant) => variant.type !== 'null') ?? property;
    const enumValues = main.enum?.map(String);
    const type = Array.isArray(main.type) ? main.type.find((t) => t !== 'null') : main.type;
    const kind: ParamField['kind'] = enumValues
      ? 'enum'
      : type === 'integer'
        ? 'integer'
        : type === 'number'
          ? 'number'
          : type === 'boolean'
            ? 'boolean'
            : type === 'string'
              ? 'text'
              : 'json';
    return {
      name,
      kind,
      defaultValue: property.default ?? main.default ?? null,
      help: property.description ?? main.description ?? describeDefault(property.default ?? main.default),
      ...(enumValues ? { options: enumValues } : {}),
      ...(main.minimum !== undefined || main.exclusiveMinimum !== undefined
        ? { minimum: main.minimum ?? main.exclusiveMinimum }
        : {}),
      ...(main.maximum !== undefined ? { maximum: main.maximum } : {}),
      ...(nullable ? { nullable } : {}),
    };
  });
}

/** Form fields guessed from a method's default parameters alone (types from the values). */
export function fieldsFromDefaults(defaults: Record<string, unknown>): ParamField[] {
  return Object.entries(defaults).map(([name, value]) => ({
    name,
    kind:
      typeof value === 'boolean'
        ? 'boolean'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value === 'string'
            ? 'text'
            : 'json',
    defaultValue: value,
    help: describeDefault(value),
  }));
}

/**
 * Reads the form's string inputs back into plain JSON parameters, keeping only values that differ from the
 * defaults (the trainer fills the rest). Throws with the parameter's name when a value does not parse.
 */
export function collectParams(
  fields: readonly ParamField[],
  raw: Record<string, string | boolean>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const input = raw[field.name];
    if (input === undefined) continue;
    const blank = typeof input === 'string' && input.trim() === '';
    // An optional option with no default (e.g. k, estimated when absent) left empty is simply not sent.
    if (blank && !field.nullable && (field.defaultValue === null || field.defaultValue === undefined))
      continue;
    let value: unknown;
    if (field.kind === 'boolean') value = Boolean(input);
    else if (blank && field.nullable) value = null;
    else if (field.kind === 'number' || field.kind === 'integer') {
      value = Number(input);
      if (typeof input !== 'string' || input.trim() === '' || !Number.isFinite(value)) {
        throw new Error(`${field.name}: "${String(input)}" is not a number`);
      }
      if (field.kind === 'integer' && !Number.isInteger(value))
        throw new Error(`${field.name}: must be a whole number`);
    } else if (field.kind === 'json') {
      try {
        value = JSON.parse(String(input));
      } catch {
        throw new Error(`${field.name}: "${String(input)}" is not valid JSON`);
      }
    } else value = input;
    if (JSON.stringify(value) !== JSON.stringify(field.defaultValue)) params[field.name] = value;
  }
  return params;
}

/** Parses "1, 2 3" into distinct integer seeds; throws on anything else. */
export function parseSeeds(text: string): number[] {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) throw new Error('Give at least one seed.');
  const seeds = parts.map((part) => {
    const seed = Number(part);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`Seed "${part}" is not a whole number ≥ 0.`);
    return seed;
  });
  return [...new Set(seeds)];
}

/** Formats a default for an input's initial text. */
export function defaultText(field: ParamField): string {
  if (field.defaultValue === null || field.defaultValue === undefined) return '';
  if (field.kind === 'json') return JSON.stringify(field.defaultValue);
  return String(field.defaultValue);
}

function describeDefault(value: unknown): string {
  return `Default: ${JSON.stringify(value ?? null)}.`;
}

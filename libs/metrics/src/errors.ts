/** What was wrong with an input, so callers (CLI, API) can react without parsing messages. */
export type MetricsErrorCode =
  | 'EMPTY'
  | 'LENGTH_MISMATCH'
  | 'NOT_FINITE'
  | 'INVALID_LABEL'
  | 'LABEL_COUNT'
  | 'INVALID_MATRIX'
  | 'INVALID_OPTIONS'
  | 'TOO_LARGE';

/** Thrown for inputs a score cannot be computed on: empty or mismatched labels, NaN, malformed matrices. */
export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';

  constructor(
    /** Machine-readable reason. */
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What was wrong with an input file; stable strings for callers (the API maps them to messages and HTTP codes). */
export type InputErrorCode =
  | 'not-found'
  | 'too-large'
  | 'unknown-format'
  | 'corrupt'
  | 'unsupported-layout'
  | 'unsupported-compression'
  | 'negative-values'
  | 'nan-values'
  | 'not-counts'
  | 'labels-length'
  | 'labels-missing'
  | 'duplicate-cell-ids'
  | 'empty'
  | 'several-tables'
  | 'bad-option';

/**
 * The one error readers throw for a bad input. `message` starts with the file's path and says what is wrong, so it can
 * be shown to a user as is; `file` and `code` let callers react without parsing the message.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly file: string;
  readonly code: InputErrorCode;

  constructor(file: string, code: InputErrorCode, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
    this.code = code;
  }
}

/** Turns anything thrown while reading `file` into an {@link InputError} (code `corrupt` unless it already is one). */
export function asInputError(file: string, error: unknown, what = 'could not be read'): InputError {
  if (error instanceof InputError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new InputError(file, 'corrupt', `${what}: ${detail}`, { cause: error });
}

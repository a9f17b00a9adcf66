import { InputError, type InputErrorCode } from './input-error.js';

/**
 * Watches the values going into a matrix and remembers the first bad one of each kind, so a reader can fail with a
 * message that points at a cell and a gene. Counts must be finite, non-negative integers.
 */
export class CountCheck {
  negative = 0;
  notFinite = 0;
  nonInteger = 0;
  private firstNegative: string | undefined;
  private firstNotFinite: string | undefined;
  private firstNonInteger: string | undefined;

  /** Checks one stored value at (row, col) of the file's own layout; cheap on the common (valid) path. */
  check(value: number, row: number, col: number): void {
    if (value >= 0 && value === Math.floor(value) && value !== Infinity) return;
    this.record(value, row, col);
  }

  private record(value: number, row: number, col: number): void {
    const where = `${value} at row ${row + 1}, column ${col + 1}`;
    if (Number.isNaN(value) || !Number.isFinite(value)) {
      this.notFinite++;
      this.firstNotFinite ??= where;
    } else if (value < 0) {
      this.negative++;
      this.firstNegative ??= where;
    } else {
      this.nonInteger++;
      this.firstNonInteger ??= where;
    }
  }

  /** The error code of the worst problem seen (NaN, then negative, then non-integer), or undefined. */
  get worstCode(): InputErrorCode | undefined {
    if (this.notFinite > 0) return 'nan-values';
    if (this.negative > 0) return 'negative-values';
    if (this.nonInteger > 0) return 'not-counts';
    return undefined;
  }

  /** True when every value seen was a count. */
  get ok(): boolean {
    return this.negative === 0 && this.notFinite === 0 && this.nonInteger === 0;
  }

  /**
   * Throws the {@link InputError} for the worst problem seen in `what` (e.g. `X`). Non-integer values are reported
   * only when `allowNonInteger` is false; callers that can fall back to a raw layer check `nonInteger` first.
   */
  throwIfBad(file: string, what: string, allowNonInteger = false): void {
    if (this.notFinite > 0) {
      throw new InputError(
        file,
        'nan-values',
        `${what} holds ${this.notFinite} NaN or infinite value(s) (first: ${this.firstNotFinite}); counts must be finite`,
      );
    }
    if (this.negative > 0) {
      throw new InputError(
        file,
        'negative-values',
        `${what} holds ${this.negative} negative value(s) (first: ${this.firstNegative}); counts must be >= 0`,
      );
    }
    if (!allowNonInteger && this.nonInteger > 0) {
      throw new InputError(
        file,
        'not-counts',
        `${what} holds ${this.nonInteger} non-integer value(s) (first: ${this.firstNonInteger}); ` +
          'expected raw counts (integers), and the file has no raw counts layer',
      );
    }
  }
}

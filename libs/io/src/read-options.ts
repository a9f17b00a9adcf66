import { z } from 'zod';
import { MATRIX_FORMATS } from './count-matrix.js';

/** Default cap on a file's size on disk (a folder's files summed): 8 GiB. */
export const DEFAULT_MAX_BYTES = 8 * 1024 ** 3;

/**
 * Options of {@link readMatrix}, as a zod schema: it validates plain JSON (unknown keys are rejected) and fills the
 * defaults, so the CLI, the API and the trainer read a file the same way from the same stored options.
 */
export const readMatrixOptionsSchema = z
  .object({
    /** Layout to read; detected from the file's content when absent. */
    format: z.enum(MATRIX_FORMATS).optional(),
    /** CSV/TSV only: which axis holds the cells; `auto` detects it from the row and column names. */
    orientation: z.enum(['auto', 'cells-x-genes', 'genes-x-cells']).default('auto'),
    /** A label column inside the file, or the path of a label file (cell id, label); it becomes `labels[0]`. */
    labels: z.string().min(1).optional(),
    /** Refuse files larger than this many bytes on disk. */
    maxBytes: z.number().int().positive().default(DEFAULT_MAX_BYTES),
  })
  .strict();

/** Options of {@link readMatrix} as a caller writes them (every key optional). */
export type ReadMatrixOptions = z.input<typeof readMatrixOptionsSchema>;

/** Options with defaults filled in, as readers receive them. */
export type ResolvedReadOptions = z.output<typeof readMatrixOptionsSchema>;

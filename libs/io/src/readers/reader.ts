import type { CountMatrix, MatrixFormat, Orientation, Provenance } from '../count-matrix.js';
import type { H5File } from '../hdf5.js';
import type { ResolvedReadOptions } from '../read-options.js';
import type { Wrapping } from '../byte-source.js';

/** What `readMatrix` learns about an input before choosing a reader; readers detect from this, not from names. */
export interface FileProbe {
  /** Absolute path of the file or folder. */
  path: string;
  /** Whether the path is a folder (an MTX folder). */
  isDirectory: boolean;
  /** File names in the folder (or in the file's folder), for readers that need companions. */
  entries: string[];
  /** How the bytes are wrapped (plain, gzip, zip). */
  wrapping: Wrapping;
  /** The first bytes after unwrapping gzip (empty for folders, zips and HDF5). */
  head: Uint8Array;
  /** The opened file when the bytes are HDF5; readMatrix closes it. */
  hdf5?: H5File;
}

/** The provenance fields a reader knows; `readMatrix` adds the source, size and checksum. */
export type ReaderProvenance = Pick<
  Provenance,
  'orientation' | 'orientationDetected' | 'matrixPath' | 'notes'
>;

/** What a reader's `load` returns. */
export type LoadedMatrix = Omit<CountMatrix, 'provenance'> & { provenance: ReaderProvenance };

/** A cheap look at a file: its shape and label columns, without reading the counts where the layout allows. */
export interface MatrixSummary {
  format: MatrixFormat;
  cells: number;
  genes: number;
  labelColumns: string[];
  orientation: Orientation;
  matrixPath: string;
}

/**
 * The contract every reader implements, so one table can hold them and one contract test can run them all.
 * `detect` must be cheap and decide from content; `load` returns counts as cells x genes CSR whatever the layout.
 */
export interface MatrixReader {
  readonly format: MatrixFormat;
  /** One line for `--help` and error messages. */
  readonly description: string;
  detect(probe: FileProbe): boolean;
  summary(probe: FileProbe, options: ResolvedReadOptions): Promise<MatrixSummary>;
  load(probe: FileProbe, options: ResolvedReadOptions): Promise<LoadedMatrix>;
}

import { syntheticNames, type LabelColumn } from '../count-matrix.js';
import { getDataset, isNumeric, keysOf, readStrings, shapeOf, type Dataset, type H5File } from '../hdf5.js';
import { readDenseMatrix, readNumericLabels } from '../hdf5-matrix.js';
import { InputError } from '../input-error.js';
import type { FileProbe, LoadedMatrix, MatrixReader, MatrixSummary } from './reader.js';

/** Optional name datasets some tools add beside `X`/`Y`. */
const CELL_NAME_DATASETS = ['obs_names', 'cell_names', 'barcodes', 'cells'];
const GENE_NAME_DATASETS = ['var_names', 'gene_names', 'genes', 'gene_symbols'];

function isPlainH5(file: H5File): boolean {
  const keys = keysOf(file);
  if (!keys.includes('X') || keys.includes('obs') || keys.includes('var') || keys.includes('matrix'))
    return false;
  const x = getDataset(file, 'X');
  return x !== undefined && shapeOf(x).length === 2 && isNumeric(x);
}

function firstDataset(file: H5File, names: string[], length: number): Dataset | undefined {
  for (const name of names) {
    const dataset = getDataset(file, name);
    if (dataset && shapeOf(dataset).length === 1 && shapeOf(dataset)[0] === length) return dataset;
  }
  return undefined;
}

/**
 * HDF5 with a dense cells x genes dataset `X` at the root and optional labels `Y` (numeric codes, any base, or
 * strings): the layout of scDeepCluster, scDCC and most benchmark files.
 */
export class H5DenseReader implements MatrixReader {
  readonly format = 'h5' as const;
  readonly description = 'HDF5 with a dense cells x genes dataset X and optional labels Y';

  detect(probe: FileProbe): boolean {
    return probe.hdf5 !== undefined && isPlainH5(probe.hdf5);
  }

  async summary(probe: FileProbe): Promise<MatrixSummary> {
    const file = this.file(probe);
    const [cells, genes] = shapeOf(getDataset(file, 'X')!) as [number, number];
    return {
      format: this.format,
      cells,
      genes,
      labelColumns: getDataset(file, 'Y') ? ['Y'] : [],
      orientation: 'cells-x-genes',
      matrixPath: 'X',
    };
  }

  async load(probe: FileProbe): Promise<LoadedMatrix> {
    const file = this.file(probe);
    const { matrix, check } = await readDenseMatrix(probe.path, getDataset(file, 'X')!);
    check.throwIfBad(probe.path, 'X');
    const labels: LabelColumn[] = [];
    const y = getDataset(file, 'Y');
    if (y) {
      const length = shapeOf(y)[0] ?? 0;
      if (shapeOf(y).length !== 1 || length !== matrix.rows) {
        throw new InputError(
          probe.path,
          'labels-length',
          `labels Y have ${length} entries but X has ${matrix.rows} cells (rows)`,
        );
      }
      const values = isNumeric(y) ? await readNumericLabels(probe.path, y) : readStrings(probe.path, y);
      labels.push({ name: 'Y', values });
    }
    const cellNames = firstDataset(file, CELL_NAME_DATASETS, matrix.rows);
    const geneNames = firstDataset(file, GENE_NAME_DATASETS, matrix.cols);
    return {
      ...matrix,
      cellIds: cellNames ? readStrings(probe.path, cellNames) : syntheticNames('cell_', matrix.rows),
      geneNames: geneNames ? readStrings(probe.path, geneNames) : syntheticNames('gene_', matrix.cols),
      labels,
      provenance: {
        orientation: 'cells-x-genes',
        orientationDetected: false,
        matrixPath: 'X',
        notes:
          cellNames || geneNames
            ? []
            : ['the file stores no cell ids or gene names; numbered names were made up'],
      },
    };
  }

  private file(probe: FileProbe): H5File {
    if (!probe.hdf5) throw new InputError(probe.path, 'unknown-format', 'is not an HDF5 file');
    if (!isPlainH5(probe.hdf5)) {
      throw new InputError(
        probe.path,
        'unsupported-layout',
        `is HDF5 but has no 2-D dataset X at its root (found: ${keysOf(probe.hdf5).join(', ') || 'nothing'})`,
      );
    }
    return probe.hdf5;
  }
}

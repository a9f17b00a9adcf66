import { getDataset, getGroup, keysOf, readNumbers, readStrings, type Group, type H5File } from '../hdf5.js';
import { readSparseMatrix } from '../hdf5-matrix.js';
import { InputError } from '../input-error.js';
import { keepColumns } from '../csr-builder.js';
import type { FileProbe, LoadedMatrix, MatrixReader, MatrixSummary } from './reader.js';

interface TenxLayout {
  group: Group;
  groupPath: string;
  version: 2 | 3;
}

function hasMatrixArrays(group: Group | undefined): boolean {
  const keys = keysOf(group);
  return ['data', 'indices', 'indptr', 'shape', 'barcodes'].every((key) => keys.includes(key));
}

/** Cell Ranger v3 keeps one group `matrix` with `features/`; v2 one group per genome with `genes`/`gene_names`. */
function tenxLayout(file: H5File): TenxLayout | undefined {
  const matrix = getGroup(file, 'matrix');
  if (matrix && hasMatrixArrays(matrix) && keysOf(matrix).includes('features')) {
    return { group: matrix, groupPath: 'matrix', version: 3 };
  }
  const genomes = keysOf(file).filter((key) => {
    const group = getGroup(file, key);
    return (
      hasMatrixArrays(group) && (keysOf(group).includes('genes') || keysOf(group).includes('gene_names'))
    );
  });
  if (genomes.length === 0) return undefined;
  return { group: getGroup(file, genomes[0]!)!, groupPath: genomes[0]!, version: 2 };
}

/**
 * Cell Ranger `filtered_feature_bc_matrix.h5` (v3: group `matrix`, `features/name`) and v2 (one group per genome,
 * `genes`/`gene_names`). The stored CSC over cells (genes x cells) is CSR over cells, so no transpose is needed.
 * When features mix types (CITE-seq antibodies, CRISPR guides), only `Gene Expression` is kept.
 */
export class TenxH5Reader implements MatrixReader {
  readonly format = '10x-h5' as const;
  readonly description = 'Cell Ranger filtered_feature_bc_matrix.h5 (v3) or v2 per-genome h5';

  detect(probe: FileProbe): boolean {
    return probe.hdf5 !== undefined && tenxLayout(probe.hdf5) !== undefined;
  }

  async summary(probe: FileProbe): Promise<MatrixSummary> {
    const { layout } = this.layout(probe);
    const shape = await readNumbers(probe.path, getDataset(layout.group, 'shape')!);
    return {
      format: this.format,
      cells: shape[1]!,
      genes: shape[0]!,
      labelColumns: [],
      orientation: 'genes-x-cells',
      matrixPath: layout.groupPath,
    };
  }

  async load(probe: FileProbe): Promise<LoadedMatrix> {
    const { layout, file } = this.layout(probe);
    const source = probe.path;
    const group = layout.group;
    const [genes, cells] = Array.from(await readNumbers(source, getDataset(group, 'shape')!)) as [
      number,
      number,
    ];
    const {
      matrix: stored,
      check,
      droppedZeros,
    } = await readSparseMatrix(source, {
      data: getDataset(group, 'data')!,
      indices: getDataset(group, 'indices')!,
      indptr: getDataset(group, 'indptr')!,
      // CSC of genes x cells is CSR of cells x genes.
      shape: [cells, genes],
      kind: 'csr',
    });
    check.throwIfBad(source, `${layout.groupPath}/data`);
    const cellIds = readStrings(source, getDataset(group, 'barcodes')!);
    const featurePath =
      layout.version === 3 ? 'features/name' : getDataset(group, 'gene_names') ? 'gene_names' : 'genes';
    let geneNames = readStrings(source, getDataset(group, featurePath)!);
    if (cellIds.length !== cells || geneNames.length !== genes) {
      throw new InputError(
        source,
        'corrupt',
        `${layout.groupPath} has ${cellIds.length} barcodes and ${geneNames.length} features for a ${genes} x ${cells} matrix`,
      );
    }
    const notes: string[] = [];
    if (droppedZeros > 0) notes.push(`${droppedZeros} explicitly stored zeros dropped`);
    let matrix = stored;
    const typeDataset = layout.version === 3 ? getDataset(group, 'features/feature_type') : undefined;
    if (typeDataset) {
      const types = readStrings(source, typeDataset);
      const distinct = [...new Set(types)];
      if (distinct.length > 1 && distinct.includes('Gene Expression')) {
        const keep = types.map((type) => type === 'Gene Expression');
        matrix = keepColumns(stored, keep);
        geneNames = geneNames.filter((_, i) => keep[i]);
        notes.push(
          `kept the ${matrix.cols} Gene Expression features; dropped ${distinct.filter((t) => t !== 'Gene Expression').join(', ')}`,
        );
      }
    }
    const otherGenomes =
      layout.version === 2
        ? keysOf(file).filter((key) => key !== layout.groupPath && hasMatrixArrays(getGroup(file, key)))
        : [];
    if (otherGenomes.length > 0)
      notes.push(`read genome ${layout.groupPath}; ignored ${otherGenomes.join(', ')}`);
    return {
      ...matrix,
      cellIds,
      geneNames,
      labels: [],
      provenance: {
        orientation: 'genes-x-cells',
        orientationDetected: false,
        matrixPath: layout.groupPath,
        notes,
      },
    };
  }

  private layout(probe: FileProbe): { layout: TenxLayout; file: H5File } {
    const layout = probe.hdf5 ? tenxLayout(probe.hdf5) : undefined;
    if (!probe.hdf5 || !layout) {
      throw new InputError(
        probe.path,
        'unsupported-layout',
        'is not a Cell Ranger h5 (no matrix group with data, indices, indptr, shape, barcodes)',
      );
    }
    return { layout, file: probe.hdf5 };
  }
}

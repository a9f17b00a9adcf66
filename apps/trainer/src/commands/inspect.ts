import { Option } from 'commander';
import {
  MATRIX_FORMATS,
  labelClassCount,
  readMatrix,
  totalCount,
  type CountMatrix,
  type MatrixFormat,
  type ReadMatrixOptions,
} from '@scsamac/io';
import type { RegisterCommand } from './index.js';

interface InspectFlags {
  format?: MatrixFormat;
  labels?: string;
  orientation?: 'cells-x-genes' | 'genes-x-cells';
  json?: boolean;
}

/** The facts `inspect --json` prints, one JSON object on the last line. */
export interface InspectReport {
  cells: number;
  genes: number;
  nnz: number;
  total: number;
  format: MatrixFormat;
  orientation: string;
  labels: Record<string, number>;
}

/** Summarises a loaded matrix for `inspect`. */
export function inspectReport(matrix: CountMatrix): InspectReport {
  return {
    cells: matrix.rows,
    genes: matrix.cols,
    nnz: matrix.data.length,
    total: totalCount(matrix),
    format: matrix.provenance.format,
    orientation: matrix.provenance.orientation,
    labels: Object.fromEntries(matrix.labels.map((column) => [column.name, labelClassCount(column)])),
  };
}

function humanLines(matrix: CountMatrix, report: InspectReport): string[] {
  const { provenance } = matrix;
  const density = (100 * report.nnz) / (report.cells * report.genes);
  const orientation = provenance.orientation.replace(/-x-/, ' x ');
  return [
    `file:        ${provenance.source}`,
    `format:      ${provenance.format} (${provenance.matrixPath})`,
    `orientation: ${orientation} (${provenance.orientationDetected ? 'detected' : 'given by the format or option'})`,
    `cells:       ${report.cells}`,
    `genes:       ${report.genes}`,
    `non-zeros:   ${report.nnz} (${density.toFixed(2)}%)`,
    `total count: ${report.total}`,
    `labels:      ${
      Object.entries(report.labels)
        .map(([name, classes]) => `${name} (${classes} classes)`)
        .join(', ') || 'none'
    }`,
    `sha256:      ${provenance.sha256}`,
    ...provenance.notes.map((note) => `note:        ${note}`),
  ];
}

/** `scsamac inspect FILE`: reads a matrix with libs/io and prints its shape, counts, labels and detected format. */
export const registerInspect: RegisterCommand = (program) => {
  program
    .command('inspect')
    .description(
      'read a count matrix (h5, h5ad, 10x h5/MTX, CSV/TSV) and print its shape, counts, labels and format',
    )
    .argument('<file>', 'matrix file, or an MTX folder')
    .addOption(
      new Option('--format <format>', 'read as this format instead of detecting it').choices(MATRIX_FORMATS),
    )
    .option('--labels <column-or-file>', 'label column in the file, or a label file (cell id, label)')
    .addOption(
      new Option(
        '--orientation <orientation>',
        'CSV/TSV only: which axis holds the cells (default: detected)',
      ).choices(['cells-x-genes', 'genes-x-cells']),
    )
    .option(
      '--json',
      'also print one JSON object {cells, genes, nnz, total, format, labels} as the last line',
    )
    .action(async (file: string, flags: InspectFlags) => {
      const options: ReadMatrixOptions = {};
      if (flags.format) options.format = flags.format;
      if (flags.labels) options.labels = flags.labels;
      if (flags.orientation) options.orientation = flags.orientation;
      const matrix = await readMatrix(file, options);
      const report = inspectReport(matrix);
      console.log(humanLines(matrix, report).join('\n'));
      if (flags.json) console.log(JSON.stringify(report));
    });
};

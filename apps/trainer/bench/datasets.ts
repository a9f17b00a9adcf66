/**
 * The four labelled datasets of the benchmark, read from ../shared/datasets (X cells x genes, Y labels). A
 * private h5 reader until @scsamac/io's readMatrix lands (then this file goes).
 */
import h5wasm from 'h5wasm/node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsrMatrix } from '@scsamac/model';

export const sharedDatasets = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/datasets',
);

export const benchDatasets: Record<string, string> = {
  CITE_CBMC: 'CITE_CBMC/CITE_CBMC_counts_top2000.h5',
  '10X_PBMC': '10X_PBMC/10X_PBMC_top2000.h5',
  mouse_bladder_cell: 'mouse_bladder_cell/mouse_bladder_cell_top2000.h5',
  Baron_mouse1: 'Baron_mouse1/Maayan_Mouse_Pancreas_cell_1.h5',
};

/** Counts (CSR) and integer labels 0..c-1 of a labelled X/Y h5 file. */
export async function readLabelled(file: string): Promise<{ matrix: CsrMatrix; labels: Int32Array }> {
  await h5wasm.ready;
  const f = new h5wasm.File(path.resolve(sharedDatasets, file), 'r');
  try {
    const x = f.get('X') as InstanceType<typeof h5wasm.Dataset>;
    const y = f.get('Y') as InstanceType<typeof h5wasm.Dataset>;
    const [rows, cols] = x.shape as number[];
    const values = x.value as ArrayLike<number>;
    const indptr = new Int32Array(rows + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = Number(values[i * cols + j]);
        if (v !== 0) {
          indices.push(j);
          data.push(v);
        }
      }
      indptr[i + 1] = indices.length;
    }
    const raw = Array.from(y.value as ArrayLike<number>, Number);
    const codes = [...new Set(raw)].sort((a, b) => a - b);
    const labels = Int32Array.from(raw, (v) => codes.indexOf(v));
    return {
      matrix: { rows, cols, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) },
      labels,
    };
  } finally {
    f.close();
  }
}

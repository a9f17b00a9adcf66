import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { umap } from './umap.js';

describe('umap', () => {
  it('keeps well-separated blobs apart in 2-D and repeats for a seed', () => {
    const random = createRandom(4);
    const rows = 150;
    const cols = 8;
    const data = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let t = 0; t < cols; t++) data[i * cols + t] = random.normal() + (t === i % 3 ? 15 : 0);
    const x = { rows, cols, data };
    const embedding = umap(x, { seed: 1, nEpochs: 100 });
    expect(embedding.rows).toBe(rows);
    expect(embedding.cols).toBe(2);
    expect(embedding.data.every(Number.isFinite)).toBe(true);
    // Every point is nearer its own blob's centroid than any other blob's.
    const centroids = [0, 1, 2].map((c) => {
      let sx = 0;
      let sy = 0;
      for (let i = c; i < rows; i += 3) {
        sx += embedding.data[2 * i];
        sy += embedding.data[2 * i + 1];
      }
      return [sx / (rows / 3), sy / (rows / 3)];
    });
    for (let i = 0; i < rows; i++) {
      const distances = centroids.map(([cx, cy]) =>
        Math.hypot(embedding.data[2 * i] - cx, embedding.data[2 * i + 1] - cy),
      );
      expect(distances.indexOf(Math.min(...distances))).toBe(i % 3);
    }
    expect([...umap(x, { seed: 1, nEpochs: 100 }).data]).toEqual([...embedding.data]);
  });
});

'use client';
import { useMemo } from 'react';
import { EmbeddingScatter } from '../../components/EmbeddingScatter';

interface RunEmbedding {
  id: string;
  title: string;
  labels: number[] | null;
  embedding: { method: string; cells: number; coordinates: number[] } | null;
}

/** The runs' embeddings side by side, each coloured by its own clusters. */
export function CompareEmbeddings({ runs }: { runs: RunEmbedding[] }) {
  return (
    <div className="grid-2">
      {runs.map((run) => (
        <div key={run.id}>
          <h3>{run.title}</h3>
          {run.embedding && run.labels ? (
            <OneEmbedding run={run} />
          ) : (
            <p className="muted">No embedding (the run has not succeeded).</p>
          )}
        </div>
      ))}
    </div>
  );
}

function OneEmbedding({ run }: { run: RunEmbedding }) {
  const { x, y } = useMemo(() => {
    const embedding = run.embedding!;
    const xs = new Float32Array(embedding.cells);
    const ys = new Float32Array(embedding.cells);
    for (let cell = 0; cell < embedding.cells; cell += 1) {
      xs[cell] = embedding.coordinates[2 * cell]!;
      ys[cell] = embedding.coordinates[2 * cell + 1]!;
    }
    return { x: xs, y: ys };
  }, [run.embedding]);
  const colouring = useMemo(
    () => ({ kind: 'category' as const, title: 'cluster', labels: run.labels! }),
    [run.labels],
  );
  return <EmbeddingScatter x={x} y={y} colouring={colouring} label={`${run.title} embedding`} height={320} />;
}

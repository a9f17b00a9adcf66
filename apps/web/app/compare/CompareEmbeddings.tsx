'use client';
import { useMemo } from 'react';
import { EmbeddingScatter } from '../../components/EmbeddingScatter';
import { splitCoordinates } from '../../lib/embedding';

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
  const { x, y } = useMemo(() => splitCoordinates(run.embedding!), [run.embedding]);
  const colouring = useMemo(
    () => ({ kind: 'category' as const, title: 'cluster', labels: run.labels! }),
    [run.labels],
  );
  return <EmbeddingScatter x={x} y={y} colouring={colouring} label={`${run.title} embedding`} height={320} />;
}

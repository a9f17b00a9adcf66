'use client';
import { useEffect, useMemo, useState } from 'react';
import { ConfusionMatrix } from '../../../components/ConfusionMatrix';
import { EmbeddingScatter, type ScatterColouring } from '../../../components/EmbeddingScatter';
import { DotPlot, MarkerHeatmap, Violins } from '../../../components/MarkerPlots';
import { ApiError, clientGraphql } from '../../../lib/client';
import { confusionMatrix } from '../../../lib/confusion';
import { splitCoordinates } from '../../../lib/embedding';
import { markerGrid, summariseByCluster, type ClusterSummary, type MarkerRow } from '../../../lib/markers';
import { cellLabelsQuery, expressionQuery } from '../../../lib/operations';

interface Props {
  datasetId: string;
  labelColumn: string | null;
  labels: number[];
  embedding: { method: string; cells: number; coordinates: number[] };
  markers: MarkerRow[];
}

type Optional<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'unavailable'; reason: string };

/** The results of a finished run: embedding scatter, confusion matrix against the truth and marker genes. */
export function RunResults({ datasetId, labelColumn, labels, embedding, markers }: Props) {
  const [colourBy, setColourBy] = useState<'cluster' | 'truth' | 'gene'>('cluster');
  const [truth, setTruth] = useState<Optional<string[]>>(
    labelColumn ? { state: 'loading' } : { state: 'unavailable', reason: 'The dataset has no label column.' },
  );
  const [gene, setGene] = useState<string>(markers[0]?.gene ?? '');
  const [expression, setExpression] = useState<Optional<{ gene: string; values: number[] }>>({
    state: 'loading',
  });

  const { x, y } = useMemo(() => splitCoordinates(embedding), [embedding]);

  useEffect(() => {
    if (!labelColumn) return;
    clientGraphql<{ dataset: { cellLabels: string[] | null } }>(cellLabelsQuery, {
      id: datasetId,
      column: labelColumn,
    })
      .then(({ dataset }) =>
        setTruth(
          dataset.cellLabels
            ? { state: 'ready', value: dataset.cellLabels }
            : { state: 'unavailable', reason: 'No labels stored.' },
        ),
      )
      .catch((error: unknown) =>
        setTruth({ state: 'unavailable', reason: explain(error, 'per-cell labels') }),
      );
  }, [datasetId, labelColumn]);

  useEffect(() => {
    if (!gene) return;
    // A later gene's answer must not be overwritten by an earlier, slower one.
    let cancelled = false;
    setExpression({ state: 'loading' });
    clientGraphql<{ dataset: { expression: number[] | null } }>(expressionQuery, { id: datasetId, gene })
      .then(({ dataset }) => {
        if (cancelled) return;
        setExpression(
          dataset.expression
            ? { state: 'ready', value: { gene, values: dataset.expression } }
            : { state: 'unavailable', reason: `No gene ${gene}.` },
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) setExpression({ state: 'unavailable', reason: explain(error, 'gene expression') });
      });
    return () => {
      cancelled = true;
    };
  }, [datasetId, gene]);

  // Only what the chosen colouring reads goes into the memo, so labels or a gene arriving while the cells are
  // coloured by cluster do not redraw the canvas.
  const truthLabels = colourBy === 'truth' && truth.state === 'ready' ? truth.value : null;
  const geneValues = colourBy === 'gene' && expression.state === 'ready' ? expression.value : null;
  const colouring: ScatterColouring = useMemo(() => {
    if (truthLabels) return { kind: 'category', title: `true label (${labelColumn})`, labels: truthLabels };
    if (geneValues)
      return { kind: 'continuous', title: `${geneValues.gene} expression`, values: geneValues.values };
    return { kind: 'category', title: 'cluster', labels };
  }, [truthLabels, geneValues, labels, labelColumn]);

  const matrix = useMemo(
    () =>
      truth.state === 'ready' && truth.value.length === labels.length
        ? confusionMatrix(truth.value, labels.map(String))
        : null,
    [truth, labels],
  );
  const genes = useMemo(
    () => [...new Set([...markers].sort((a, b) => a.rank - b.rank).map((marker) => marker.gene))],
    [markers],
  );
  const gridGenes = useMemo(() => markerGrid(markers, 3).genes, [markers]);
  // The API reports a marker's statistics only in its own cluster; the dot plot and heatmap need every (cluster,
  // gene) pair, so the grid's genes are summarised per cluster from their per-cell expression.
  const [gridExpression, setGridExpression] = useState<Optional<Map<string, Map<number, ClusterSummary>>>>({
    state: 'loading',
  });
  useEffect(() => {
    if (gridGenes.length === 0) return;
    let cancelled = false;
    Promise.all(
      gridGenes.map((name) =>
        clientGraphql<{ dataset: { expression: number[] | null } }>(expressionQuery, {
          id: datasetId,
          gene: name,
        }).then(({ dataset }) => [name, dataset.expression] as const),
      ),
    )
      .then((answers) => {
        if (cancelled) return;
        const summaries = new Map<string, Map<number, ClusterSummary>>();
        for (const [name, values] of answers) {
          if (values && values.length === labels.length)
            summaries.set(name, summariseByCluster(values, labels));
        }
        setGridExpression({ state: 'ready', value: summaries });
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setGridExpression({ state: 'unavailable', reason: explain(error, 'gene expression') });
      });
    return () => {
      cancelled = true;
    };
  }, [datasetId, gridGenes, labels]);
  const grid = useMemo(
    () => markerGrid(markers, 3, gridExpression.state === 'ready' ? gridExpression.value : undefined),
    [markers, gridExpression],
  );
  const violinData = useMemo(() => {
    if (expression.state !== 'ready') return null;
    const byCluster = new Map<number, number[]>();
    const { gene: shown, values } = expression.value;
    labels.forEach((cluster, cell) => {
      if (!byCluster.has(cluster)) byCluster.set(cluster, []);
      byCluster.get(cluster)!.push(values[cell]!);
    });
    return { gene: shown, byCluster };
  }, [expression, labels]);
  const geneSummary = useMemo(
    () =>
      expression.state === 'ready'
        ? { gene: expression.value.gene, byCluster: summariseByCluster(expression.value.values, labels) }
        : null,
    [expression, labels],
  );

  return (
    <>
      <section aria-labelledby="embedding-heading">
        <h2 id="embedding-heading">Embedding ({embedding.method.toUpperCase()} of the latent space)</h2>
        <div className="row" role="group" aria-label="Colour the cells by">
          <span>Colour by:</span>
          {(
            [
              { value: 'cluster', label: 'cluster', ready: true },
              { value: 'truth', label: 'true label', ready: truth.state === 'ready' },
              { value: 'gene', label: 'gene', ready: expression.state === 'ready' },
            ] as const
          ).map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name="colour-by"
                checked={colourBy === option.value}
                disabled={!option.ready}
                onChange={() => setColourBy(option.value)}
              />{' '}
              {option.label}
            </label>
          ))}
          <GenePicker genes={genes} value={gene} onChange={setGene} />
        </div>
        {truth.state === 'unavailable' || expression.state === 'unavailable' ? (
          <p className="muted" style={{ fontSize: '0.85rem' }}>
            {truth.state === 'unavailable' ? `True labels: ${truth.reason} ` : ''}
            {expression.state === 'unavailable' ? `Gene colouring: ${expression.reason}` : ''}
          </p>
        ) : null}
        <EmbeddingScatter
          x={x}
          y={y}
          colouring={colouring}
          label={`${embedding.method.toUpperCase()} embedding`}
        />
      </section>

      <section aria-labelledby="confusion-heading">
        <h2 id="confusion-heading">Confusion matrix</h2>
        {matrix ? (
          <ConfusionMatrix matrix={matrix} />
        ) : (
          <p className="muted">
            {truth.state === 'loading'
              ? 'Loading the true labels…'
              : truth.state === 'unavailable'
                ? truth.reason
                : ''}
          </p>
        )}
      </section>

      <section aria-labelledby="markers-heading">
        <h2 id="markers-heading">Marker genes</h2>
        {markers.length === 0 ? (
          <p className="muted">No marker genes were stored for this run.</p>
        ) : (
          <>
            {/* One above the other: three genes per cluster make both plots wider than half a laptop screen. */}
            {gridExpression.state === 'ready' ? null : (
              <p className="muted" data-testid="marker-grid-note">
                {gridExpression.state === 'loading'
                  ? 'Filling in every cluster from the cells’ expression…'
                  : `Only each marker’s own cluster is filled in: ${gridExpression.reason}`}
              </p>
            )}
            <DotPlot grid={grid} />
            <MarkerHeatmap grid={grid} />
            {violinData ? (
              <Violins gene={violinData.gene} byCluster={violinData.byCluster} />
            ) : (
              <p className="muted">
                Violins need per-cell expression:{' '}
                {expression.state === 'unavailable' ? expression.reason : 'loading…'}
              </p>
            )}
            {geneSummary ? (
              <p className="muted">
                {geneSummary.gene}: expressed in{' '}
                {[...geneSummary.byCluster]
                  .sort((a, b) => a[0] - b[0])
                  .map(([cluster, value]) => `cluster ${cluster} ${(value.fraction * 100).toFixed(0)}%`)
                  .join(', ')}
              </p>
            ) : null}
            <details>
              <summary>Marker table</summary>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Cluster</th>
                    <th scope="col">Rank</th>
                    <th scope="col">Gene</th>
                    <th scope="col" className="num">
                      log2 FC
                    </th>
                    <th scope="col" className="num">
                      adj. p
                    </th>
                    <th scope="col" className="num">
                      % in cluster
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {markers.map((marker) => (
                    <tr key={`${marker.cluster}|${marker.rank}`}>
                      <td>{marker.cluster}</td>
                      <td>{marker.rank}</td>
                      <td>{marker.gene}</td>
                      <td className="num">{marker.logFoldChange.toFixed(2)}</td>
                      <td className="num">{marker.pValueAdjusted.toExponential(1)}</td>
                      <td className="num">{(marker.fractionIn * 100).toFixed(0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </>
  );
}

function GenePicker({
  genes,
  value,
  onChange,
}: {
  genes: string[];
  value: string;
  onChange: (gene: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      className="row"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim()) onChange(draft.trim());
      }}
    >
      <label htmlFor="gene-input" className="visually-hidden">
        Gene
      </label>
      <input
        id="gene-input"
        list="marker-genes"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        placeholder="gene name"
      />
      <datalist id="marker-genes">
        {genes.map((gene) => (
          <option key={gene} value={gene} />
        ))}
      </datalist>
      <button type="submit" className="secondary">
        Show gene
      </button>
    </form>
  );
}

function explain(error: unknown, what: string): string {
  if (error instanceof ApiError && /Cannot query field/.test(error.message))
    return `the API does not serve ${what} yet.`;
  return (error as Error).message;
}

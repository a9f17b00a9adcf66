import { Histogram } from './Histogram';

/** One histogram as the API gives it: bin edges, one more than the counts. */
export interface HistogramData {
  edges: number[];
  counts: number[];
}

/** A dataset's (or upload's) quality-control histograms, as `qualityControl` in the GraphQL schema. */
export interface QualityControl {
  countsPerCell: HistogramData;
  genesPerCell: HistogramData;
}

/**
 * The quality-control histograms of a dataset or upload, counts per cell then genes per cell, side by side in
 * whatever row the page puts them; `width` is each histogram's (the Histogram default when absent).
 */
export function QualityControlHistograms({
  qualityControl,
  width,
}: {
  qualityControl: QualityControl;
  width?: number;
}) {
  return (
    <>
      <Histogram
        title="Counts per cell"
        xLabel="total counts"
        edges={qualityControl.countsPerCell.edges}
        counts={qualityControl.countsPerCell.counts}
        width={width}
      />
      <Histogram
        title="Genes per cell"
        xLabel="genes detected"
        edges={qualityControl.genesPerCell.edges}
        counts={qualityControl.genesPerCell.counts}
        width={width}
      />
    </>
  );
}

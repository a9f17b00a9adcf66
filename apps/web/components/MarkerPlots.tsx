import type { ReactNode } from 'react';
import type { ClusterSummary, MarkerGrid } from '../lib/markers';
import { kernelDensity } from '../lib/markers';
import { categoryColor, viridis } from '../lib/palette';
import { extent } from '../lib/stats';

const dotCellSize = 26;
const heatmapCellSize = 20;
// Room left of the grid for the cluster names and above it for the slanted gene names.
const gridLeft = 70;
const gridTop = 90;

/** The size of an SVG holding a clusters x genes grid of `cellSize` cells with its axes. */
function gridExtent(grid: MarkerGrid, cellSize: number): { width: number; height: number } {
  return {
    width: gridLeft + grid.genes.length * cellSize + 20,
    height: gridTop + grid.clusters.length * cellSize + 10,
  };
}

/**
 * The axes shared by the dot plot and the heatmap: gene names slanted above the columns, "cluster N" left of the
 * rows, both centred on cells of `cellSize` pixels whose grid starts at (gridLeft, gridTop).
 */
export function MarkerGridAxes({ grid, cellSize }: { grid: MarkerGrid; cellSize: number }) {
  return (
    <g className="marker-grid-axes" fontSize={11} fill="#1a1d21">
      {grid.genes.map((gene, column) => (
        <text
          key={gene}
          transform={`translate(${gridLeft + column * cellSize + cellSize / 2},${gridTop - 6}) rotate(-60)`}
        >
          {gene}
        </text>
      ))}
      {grid.clusters.map((cluster, row) => (
        <text key={cluster} x={gridLeft - 8} y={gridTop + row * cellSize + cellSize / 2 + 4} textAnchor="end">
          cluster {cluster}
        </text>
      ))}
    </g>
  );
}

/**
 * The frame shared by the dot plot and the heatmap: a captioned, scrollable SVG of the clusters x genes grid with
 * its axes, one group per cluster (row) holding what `drawCell` draws at each of its genes (`null` for nothing).
 */
function MarkerGridFigure({
  grid,
  cellSize,
  caption,
  label,
  testId,
  drawCell,
}: {
  grid: MarkerGrid;
  cellSize: number;
  caption: string;
  label: string;
  testId: string;
  drawCell: (cell: ClusterSummary | null, row: number, column: number, cluster: number) => ReactNode;
}) {
  const { width, height } = gridExtent(grid, cellSize);
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      <div className="table-scroll">
        <svg width={width} height={height} role="img" aria-label={label} data-testid={testId}>
          <MarkerGridAxes grid={grid} cellSize={cellSize} />
          {grid.clusters.map((cluster, row) => (
            <g key={cluster}>
              {grid.cells[row]!.map((cell, column) => drawCell(cell, row, column, cluster))}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

/** Dot plot: clusters (rows) x marker genes (columns); dot area = fraction expressing, colour = mean expression. */
export function DotPlot({ grid }: { grid: MarkerGrid }) {
  return (
    <MarkerGridFigure
      grid={grid}
      cellSize={dotCellSize}
      caption="Dot plot: dot size is the fraction of the cluster expressing the gene, colour its mean log expression."
      label="Dot plot of marker genes by cluster"
      testId="dot-plot"
      drawCell={(cell, row, column, cluster) =>
        cell ? (
          <circle
            key={column}
            cx={gridLeft + column * dotCellSize + dotCellSize / 2}
            cy={gridTop + row * dotCellSize + dotCellSize / 2}
            r={Math.max(1.5, Math.sqrt(cell.fraction) * (dotCellSize / 2 - 1))}
            fill={viridis(grid.maxMean > 0 ? cell.mean / grid.maxMean : 0)}
          >
            <title>{`${grid.genes[column]} in cluster ${cluster}: ${(cell.fraction * 100).toFixed(0)}% expressing, mean ${cell.mean.toFixed(2)}`}</title>
          </circle>
        ) : null
      }
    />
  );
}

/**
 * Heatmap: clusters (rows) x marker genes (columns), each gene's mean expression scaled to its highest cluster
 * (scanpy's `standard_scale='var'` kind), so a gene expressed everywhere, like insulin in pancreas, does not turn
 * every other column dark as it does on the dot plot's common scale.
 */
export function MarkerHeatmap({ grid }: { grid: MarkerGrid }) {
  const columnMax = grid.genes.map((_, column) =>
    Math.max(0, ...grid.cells.map((row) => row[column]?.mean ?? 0)),
  );
  return (
    <MarkerGridFigure
      grid={grid}
      cellSize={heatmapCellSize}
      caption="Heatmap of mean log expression, each gene scaled to its highest cluster (viridis; blank: not reported)."
      label="Heatmap of marker gene expression by cluster"
      testId="marker-heatmap"
      drawCell={(cell, row, column, cluster) => (
        <rect
          key={column}
          x={gridLeft + column * heatmapCellSize}
          y={gridTop + row * heatmapCellSize}
          width={heatmapCellSize - 1}
          height={heatmapCellSize - 1}
          fill={cell ? viridis(columnMax[column]! > 0 ? cell.mean / columnMax[column]! : 0) : '#f5f7fa'}
        >
          <title>
            {cell
              ? `${grid.genes[column]}, cluster ${cluster}: mean ${cell.mean.toFixed(2)}`
              : 'not reported'}
          </title>
        </rect>
      )}
    />
  );
}

/** Violins of one gene's expression per cluster (Gaussian kernel density, mirrored). */
export function Violins({ gene, byCluster }: { gene: string; byCluster: Map<number, number[]> }) {
  const clusters = [...byCluster.keys()].sort((a, b) => a - b);
  const range = clusters.reduce(
    (sofar, cluster) => {
      const { min, max } = extent(byCluster.get(cluster)!);
      return { min: Math.min(sofar.min, min), max: Math.max(sofar.max, max) };
    },
    { min: 0, max: 1e-6 },
  );
  const { min, max } = range;
  const width = 64;
  const height = 180;
  const left = 40;
  const scaleY = (value: number) => 10 + (height - 20) * (1 - (value - min) / (max - min));
  return (
    <figure>
      <figcaption>
        Violins of <strong>{gene}</strong> (log expression) per cluster
      </figcaption>
      <div className="table-scroll">
        <svg
          width={left + clusters.length * width}
          height={height + 24}
          role="img"
          aria-label={`Violin plot of ${gene} by cluster`}
          data-testid="violins"
        >
          <text x={left - 6} y={scaleY(max) + 4} fontSize={10} textAnchor="end" fill="#4a5360">
            {max.toFixed(1)}
          </text>
          <text x={left - 6} y={scaleY(min) + 4} fontSize={10} textAnchor="end" fill="#4a5360">
            {min.toFixed(1)}
          </text>
          {clusters.map((cluster, index) => {
            const values = byCluster.get(cluster)!;
            const { x, density } = kernelDensity(values, 32);
            const peak = Math.max(1e-9, extent(density).max);
            const centre = left + index * width + width / 2;
            const half = (d: number) => (d / peak) * (width / 2 - 4);
            const right = x.map((at, i) => `${centre + half(density[i]!)},${scaleY(at)}`);
            const leftSide = x.map((at, i) => `${centre - half(density[i]!)},${scaleY(at)}`).reverse();
            return (
              <g key={cluster} data-cluster={cluster}>
                {x.length > 1 ? (
                  <polygon
                    points={[...right, ...leftSide].join(' ')}
                    fill={categoryColor(cluster)}
                    fillOpacity={0.75}
                    stroke="#1a1d21"
                    strokeWidth={0.5}
                  />
                ) : null}
                <text x={centre} y={height + 16} fontSize={11} textAnchor="middle" fill="#1a1d21">
                  {cluster}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

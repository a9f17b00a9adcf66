import type { MarkerGrid } from '../lib/markers';
import { kernelDensity } from '../lib/markers';
import { categoryColor, viridis } from '../lib/palette';

const cellSize = 26;

/** Dot plot: clusters (rows) x marker genes (columns); dot area = fraction expressing, colour = mean expression. */
export function DotPlot({ grid }: { grid: MarkerGrid }) {
  const left = 70;
  const top = 90;
  const width = left + grid.genes.length * cellSize + 20;
  const height = top + grid.clusters.length * cellSize + 10;
  return (
    <figure>
      <figcaption>
        Dot plot: dot size is the fraction of the cluster expressing the gene, colour its mean log expression.
      </figcaption>
      <div className="table-scroll">
        <svg
          width={width}
          height={height}
          role="img"
          aria-label="Dot plot of marker genes by cluster"
          data-testid="dot-plot"
        >
          {grid.genes.map((gene, column) => (
            <text
              key={gene}
              transform={`translate(${left + column * cellSize + cellSize / 2},${top - 6}) rotate(-60)`}
              fontSize={11}
              fill="#1a1d21"
            >
              {gene}
            </text>
          ))}
          {grid.clusters.map((cluster, row) => (
            <g key={cluster}>
              <text
                x={left - 8}
                y={top + row * cellSize + cellSize / 2 + 4}
                fontSize={11}
                textAnchor="end"
                fill="#1a1d21"
              >
                cluster {cluster}
              </text>
              {grid.cells[row]!.map((cell, column) =>
                cell ? (
                  <circle
                    key={column}
                    cx={left + column * cellSize + cellSize / 2}
                    cy={top + row * cellSize + cellSize / 2}
                    r={Math.max(1.5, Math.sqrt(cell.fraction) * (cellSize / 2 - 1))}
                    fill={viridis(grid.maxMean > 0 ? cell.mean / grid.maxMean : 0)}
                  >
                    <title>{`${grid.genes[column]} in cluster ${cluster}: ${(cell.fraction * 100).toFixed(0)}% expressing, mean ${cell.mean.toFixed(2)}`}</title>
                  </circle>
                ) : null,
              )}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

/** Heatmap: clusters (rows) x marker genes (columns), mean expression scaled to the largest value. */
export function MarkerHeatmap({ grid }: { grid: MarkerGrid }) {
  const left = 70;
  const top = 90;
  const size = 20;
  const width = left + grid.genes.length * size + 20;
  const height = top + grid.clusters.length * size + 10;
  return (
    <figure>
      <figcaption>
        Heatmap of mean log expression (viridis, scaled to the largest value; blank: not reported).
      </figcaption>
      <div className="table-scroll">
        <svg
          width={width}
          height={height}
          role="img"
          aria-label="Heatmap of marker gene expression by cluster"
          data-testid="marker-heatmap"
        >
          {grid.genes.map((gene, column) => (
            <text
              key={gene}
              transform={`translate(${left + column * size + size / 2},${top - 6}) rotate(-60)`}
              fontSize={11}
              fill="#1a1d21"
            >
              {gene}
            </text>
          ))}
          {grid.clusters.map((cluster, row) => (
            <g key={cluster}>
              <text
                x={left - 8}
                y={top + row * size + size / 2 + 4}
                fontSize={11}
                textAnchor="end"
                fill="#1a1d21"
              >
                cluster {cluster}
              </text>
              {grid.cells[row]!.map((cell, column) => (
                <rect
                  key={column}
                  x={left + column * size}
                  y={top + row * size}
                  width={size - 1}
                  height={size - 1}
                  fill={cell ? viridis(grid.maxMean > 0 ? cell.mean / grid.maxMean : 0) : '#f5f7fa'}
                >
                  <title>
                    {cell
                      ? `${grid.genes[column]}, cluster ${cluster}: mean ${cell.mean.toFixed(2)}`
                      : 'not reported'}
                  </title>
                </rect>
              ))}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

/** Violins of one gene's expression per cluster (Gaussian kernel density, mirrored). */
export function Violins({ gene, byCluster }: { gene: string; byCluster: Map<number, number[]> }) {
  const clusters = [...byCluster.keys()].sort((a, b) => a - b);
  const all = clusters.flatMap((cluster) => byCluster.get(cluster)!);
  const max = Math.max(1e-6, ...all);
  const min = Math.min(0, ...all);
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
            const peak = Math.max(1e-9, ...density);
            const centre = left + index * width + width / 2;
            const half = (d: number) => (d / peak) * (width / 2 - 4);
            const right = x.map((at, i) => `${centre + half(density[i]!)},${scaleY(at)}`);
            const leftSide = x.map((at, i) => `${centre - half(density[i]!)},${scaleY(at)}`).reverse();
            return (
              <g key={cluster}>
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

interface Props {
  title: string;
  /** Bin edges, one more than counts. */
  edges: readonly number[];
  counts: readonly number[];
  xLabel: string;
  width?: number;
  height?: number;
}

/** A small SVG bar chart of a histogram, with its numbers in a visually hidden table for screen readers. */
export function Histogram({ title, edges, counts, xLabel, width = 360, height = 180 }: Props) {
  const pad = { left: 44, right: 8, top: 8, bottom: 34 };
  const innerWidth = width - pad.left - pad.right;
  const innerHeight = height - pad.top - pad.bottom;
  const maxCount = Math.max(1, ...counts);
  const barWidth = innerWidth / Math.max(1, counts.length);
  const format = (value: number) =>
    Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0);
  return (
    <figure className="histogram">
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={`${title}: histogram of ${xLabel}`}>
        <g transform={`translate(${pad.left},${pad.top})`}>
          {counts.map((count, index) => {
            const barHeight = (count / maxCount) * innerHeight;
            return (
              <rect
                key={index}
                x={index * barWidth + 0.5}
                y={innerHeight - barHeight}
                width={Math.max(0.5, barWidth - 1)}
                height={barHeight}
                fill="#1f5fbf"
              >
                <title>{`${format(edges[index]!)}–${format(edges[index + 1]!)}: ${count} cells`}</title>
              </rect>
            );
          })}
          <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="#4a5360" />
          <text x={0} y={innerHeight + 14} fontSize={11} fill="#4a5360">
            {format(edges[0] ?? 0)}
          </text>
          <text x={innerWidth} y={innerHeight + 14} fontSize={11} textAnchor="end" fill="#4a5360">
            {format(edges[edges.length - 1] ?? 0)}
          </text>
          <text x={innerWidth / 2} y={innerHeight + 28} fontSize={11} textAnchor="middle" fill="#1a1d21">
            {xLabel}
          </text>
          <text x={-6} y={8} fontSize={11} textAnchor="end" fill="#4a5360">
            {maxCount}
          </text>
          <text x={-6} y={innerHeight} fontSize={11} textAnchor="end" fill="#4a5360">
            0
          </text>
        </g>
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            <th scope="col">cells</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((count, index) => (
            <tr key={index}>
              <td>{`${format(edges[index]!)}–${format(edges[index + 1]!)}`}</td>
              <td>{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

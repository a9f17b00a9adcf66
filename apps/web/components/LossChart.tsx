'use client';
import { useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { categoryColor } from '../lib/palette';
import { alignHistory, type HistoryEntry } from '../lib/series';

interface Props {
  history: readonly HistoryEntry[];
  height?: number;
}

/** Loss curves, one uPlot chart per training phase with one line per loss term; updates in place as data grows. */
export function LossCharts({ history, height = 240 }: Props) {
  const phases = useMemo(() => alignHistory(history), [history]);
  if (phases.length === 0) return <p className="muted">No losses logged yet.</p>;
  return (
    <div className="loss-charts">
      {phases.map((series) => (
        <PhaseChart key={series.phase} series={series} height={height} />
      ))}
    </div>
  );
}

function PhaseChart({ series, height }: { series: ReturnType<typeof alignHistory>[number]; height: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const keysSignature = series.keys.join('|');

  useEffect(() => {
    let disposed = false;
    const element = container.current;
    if (!element) return;
    let observer: ResizeObserver | undefined;
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) return;
      const options: uPlot.Options = {
        width: element.clientWidth || 480,
        height,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, { label: 'loss', size: 60 }],
        series: [
          { label: 'step' },
          ...series.keys.map((key, index) => ({
            label: key,
            stroke: categoryColor(index),
            width: 1.5,
            spanGaps: true,
          })),
        ],
        legend: { live: true },
      };
      chart.current = new UPlot(options, [series.steps, ...series.values] as uPlot.AlignedData, element);
      observer = new ResizeObserver(() => chart.current?.setSize({ width: element.clientWidth, height }));
      observer.observe(element);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when its set of lines changes; new points go through setData below.
  }, [keysSignature, height]);

  useEffect(() => {
    chart.current?.setData([series.steps, ...series.values] as uPlot.AlignedData);
  }, [series]);

  return (
    <figure className="chart">
      <figcaption>
        Phase <strong>{series.phase}</strong>: {series.keys.join(', ')} over {series.steps.length} steps
      </figcaption>
      <div
        ref={container}
        role="img"
        aria-label={`Loss curves of the ${series.phase} phase`}
        data-testid={`loss-chart-${series.phase}`}
      />
    </figure>
  );
}

'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { encodeCategories, toDeviceCoordinates, toUnitRange } from '../lib/embedding';
import { categoryColors, viridis, viridisRamp } from '../lib/palette';

/** How the points are coloured: categories (clusters, cell types) or a continuous value (a gene's expression). */
export type ScatterColouring =
  | { kind: 'category'; title: string; labels: readonly (string | number)[] }
  | { kind: 'continuous'; title: string; values: ArrayLike<number> };

interface Props {
  /** One entry per cell. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colouring: ScatterColouring;
  /** Accessible name of the plot, e.g. "UMAP of the latent space". */
  label: string;
  height?: number;
}

type Scatterplot = Awaited<ReturnType<typeof import('regl-scatterplot').default>>;

/**
 * A WebGL scatter plot (regl-scatterplot) of a 2-D embedding: draws 100,000+ points smoothly, pans and zooms with
 * the mouse. The legend and a text summary sit beside it so the colouring is readable without the canvas.
 */
export function EmbeddingScatter({ x, y, colouring, label, height = 440 }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<Scatterplot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  const encoded = useMemo(() => {
    const positions = toDeviceCoordinates(x, y);
    if (colouring.kind === 'category') {
      const { codes, names } = encodeCategories(colouring.labels);
      return {
        positions,
        values: codes,
        colours: categoryColors(Math.max(1, names.length)),
        names,
        range: null,
      };
    }
    const { values, min, max } = toUnitRange(colouring.values);
    return { positions, values, colours: viridisRamp(64), names: null, range: { min, max } };
  }, [x, y, colouring]);

  useEffect(() => {
    let cancelled = false;
    const canvas = canvasRef.current;
    if (!canvas) return;
    void (async () => {
      try {
        const { default: createScatterplot } = await import('regl-scatterplot');
        if (cancelled) return;
        const { width, height: canvasHeight } = canvas.getBoundingClientRect();
        const plot = createScatterplot({
          canvas,
          width,
          height: canvasHeight,
          pointSize: 3,
          backgroundColor: '#ffffff',
          lassoColor: '#1f5fbf',
        });
        plotRef.current = plot;
        setReady(true);
      } catch (cause) {
        setError(`This browser cannot draw WebGL: ${(cause as Error).message}`);
      }
    })();
    const observer = new ResizeObserver(() => {
      const { width, height: canvasHeight } = canvas.getBoundingClientRect();
      plotRef.current?.set({ width, height: canvasHeight });
    });
    observer.observe(canvas);
    return () => {
      cancelled = true;
      observer.disconnect();
      plotRef.current?.destroy();
      plotRef.current = null;
      setReady(false);
    };
  }, []);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || !ready) return;
    const { positions, values, colours, names } = encoded;
    plot.set({ colorBy: 'valueA', pointColor: colours, pointSize: positions.x.length > 20_000 ? 2 : 4 });
    void plot.draw(
      { x: Array.from(positions.x), y: Array.from(positions.y), valueA: Array.from(values) },
      { zDataType: names ? 'categorical' : 'continuous' },
    );
  }, [encoded, ready]);

  const count = Math.min(x.length, y.length);
  return (
    <figure className="scatter">
      <div className="scatter-canvas" style={{ height }}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`${label}: ${count.toLocaleString()} cells coloured by ${colouring.title}`}
          data-testid="embedding-canvas"
          data-points={count}
          data-ready={ready ? 'true' : 'false'}
          style={{ width: '100%', height: '100%' }}
        />
        {error ? <p role="alert">{error}</p> : null}
      </div>
      <figcaption>
        <strong>{colouring.title}</strong>
        {encoded.names ? (
          <ul className="legend" aria-label={`Legend: ${colouring.title}`}>
            {encoded.names.map((name, index) => (
              <li key={name}>
                <span className="swatch" style={{ background: encoded.colours[index] }} aria-hidden="true" />
                {name}
              </li>
            ))}
          </ul>
        ) : encoded.range ? (
          <div
            className="colour-bar"
            aria-label={`Colour scale from ${encoded.range.min} to ${encoded.range.max}`}
          >
            <span>{encoded.range.min.toPrecision(3)}</span>
            <span
              className="colour-bar-ramp"
              aria-hidden="true"
              style={{
                background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(viridis).join(', ')})`,
              }}
            />
            <span>{encoded.range.max.toPrecision(3)}</span>
          </div>
        ) : null}
        <span className="hint">Drag to pan, scroll to zoom, double-click to reset.</span>
      </figcaption>
    </figure>
  );
}

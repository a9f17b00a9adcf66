'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { encodeCategories, evenSample, toDeviceCoordinates, toUnitRange } from '../lib/embedding';
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
type Renderer = ReturnType<typeof import('regl-scatterplot').createRenderer>;

/**
 * Most points drawn while the view moves; the full set returns once the view rests for {@link restMs}. Without a
 * GPU, Chromium rasterises in software (SwiftShader): 100,000 points panned at 17 frames/s there, and with this
 * sample at 26, as fast as 1,000 points (apps/web/README.md, Benchmark).
 */
const movingPointLimit = 20_000;
const restMs = 200;

/**
 * A WebGL scatter plot (regl-scatterplot) of a 2-D embedding: draws 100,000+ points smoothly, pans and zooms with
 * the mouse. The legend and a text summary sit beside it so the colouring is readable without the canvas.
 */
export function EmbeddingScatter({ x, y, colouring, label, height = 440 }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<Scatterplot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  // The title of the colouring last drawn on the canvas (tests wait for it before looking at the pixels).
  const [drawn, setDrawn] = useState<string | null>(null);

  // Positions and colours are encoded apart, so a new colouring keeps the positions (and their spatial index).
  const positions = useMemo(() => {
    const device = toDeviceCoordinates(x, y);
    // regl-scatterplot maps over `x` to build its points, which on a typed array would make numbers of them.
    return { x: Array.from(device.x), y: device.y };
  }, [x, y]);
  const encoded = useMemo(() => {
    if (colouring.kind === 'category') {
      const { codes, names } = encodeCategories(colouring.labels);
      return {
        title: colouring.title,
        values: codes,
        colours: categoryColors(Math.max(1, names.length)),
        names,
        range: null,
      };
    }
    const { values, min, max } = toUnitRange(colouring.values);
    return { title: colouring.title, values, colours: viridisRamp(64), names: null, range: { min, max } };
  }, [colouring]);
  const pendingRef = useRef<{ positions: typeof positions; encoded: typeof encoded } | null>(null);
  // The plot whose draw loop is running (a remount makes a new plot, which starts its own loop).
  const drawingRef = useRef<Scatterplot | null>(null);
  const indexRef = useRef<{ positions: typeof positions; index: ArrayBuffer } | null>(null);
  // The points drawn while the view moves (null: few enough to draw them all).
  const movingSampleRef = useRef<number[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    let renderer: Renderer | undefined;
    let restTimer: ReturnType<typeof setTimeout> | undefined;
    const canvas = canvasRef.current;
    if (!canvas) return;
    void (async () => {
      try {
        const { default: createScatterplot, createRenderer } = await import('regl-scatterplot');
        if (cancelled) return;
        const { width, height: canvasHeight } = canvas.getBoundingClientRect();
        // By default the renderer draws into a framebuffer the size of the window and copies the plot's part out
        // each frame; one the size of the plot does the same work on a third of the pixels.
        renderer = createRenderer({ canvas: document.createElement('canvas') });
        renderer.resize(width, canvasHeight);
        const plot = createScatterplot({
          renderer,
          canvas,
          width,
          height: canvasHeight,
          pointSize: 3,
          backgroundColor: '#ffffff',
          lassoColor: '#1f5fbf',
        });
        plot.subscribe('view', () => {
          const sample = movingSampleRef.current;
          // A lasso selection is left alone: filtering would drop the selected points outside the sample.
          if (!sample || (plot.get('selectedPoints') as number[]).length > 0) return;
          if (!plot.get('isPointsFiltered')) void plot.filter(sample, { preventEvent: true });
          clearTimeout(restTimer);
          restTimer = setTimeout(() => void plot.unfilter({ preventEvent: true }), restMs);
        });
        plotRef.current = plot;
        setReady(true);
      } catch (cause) {
        setError(`This browser cannot draw WebGL: ${(cause as Error).message}`);
      }
    })();
    const observer = new ResizeObserver(() => {
      const { width, height: canvasHeight } = canvas.getBoundingClientRect();
      renderer?.resize(width, canvasHeight);
      plotRef.current?.set({ width, height: canvasHeight });
    });
    observer.observe(canvas);
    return () => {
      cancelled = true;
      clearTimeout(restTimer);
      observer.disconnect();
      plotRef.current?.destroy();
      plotRef.current = null;
      renderer?.destroy();
      setReady(false);
    };
  }, []);

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || !ready) return;
    pendingRef.current = { positions, encoded };
    // regl-scatterplot rejects a draw() made while another is under way (it builds a spatial index first, in a
    // worker for large N), so draws run one at a time: while one runs, only the latest request waits.
    if (drawingRef.current === plot) return;
    drawingRef.current = plot;
    void (async () => {
      try {
        while (pendingRef.current && plotRef.current === plot) {
          const next = pendingRef.current;
          pendingRef.current = null;
          const count = next.positions.x.length;
          plot.set({
            colorBy: 'valueA',
            pointColor: next.encoded.colours,
            pointSize: count > 20_000 ? 2 : 4,
          });
          // Same positions as the last draw: reuse its spatial index instead of indexing 100,000 points again.
          const spatialIndex =
            indexRef.current?.positions === next.positions ? indexRef.current.index : undefined;
          await plot.draw(
            { x: next.positions.x, y: next.positions.y, valueA: next.encoded.values },
            { zDataType: next.encoded.names ? 'categorical' : 'continuous', spatialIndex },
          );
          movingSampleRef.current = count > movingPointLimit ? evenSample(count, movingPointLimit) : null;
          if (!spatialIndex) {
            const index = plot.get('spatialIndex') as ArrayBuffer | undefined;
            indexRef.current = index ? { positions: next.positions, index } : null;
          }
          if (!pendingRef.current && plotRef.current === plot) setDrawn(next.encoded.title);
        }
      } catch (cause) {
        if (plotRef.current === plot)
          setError(`The embedding could not be drawn: ${(cause as Error).message}`);
      } finally {
        if (drawingRef.current === plot) drawingRef.current = null;
      }
    })();
  }, [positions, encoded, ready]);

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
          data-drawn={drawn ?? ''}
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
            role="img"
            aria-label={`Colour scale of ${colouring.title} from ${encoded.range.min.toPrecision(3)} to ${encoded.range.max.toPrecision(3)}`}
            data-testid="colour-bar"
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

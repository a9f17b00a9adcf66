// Browser entry of the scatter benchmark (bundled by bench/scatter.ts with esbuild): renders the run page's
// EmbeddingScatter with N synthetic cells and exposes a frame recorder the driver reads back.
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { EmbeddingScatter, type ScatterColouring } from '../components/EmbeddingScatter';

declare global {
  interface Window {
    /** Set by the driver before the bundle runs. */
    benchPoints: number;
    /**
     * Milliseconds spent inside requestAnimationFrame callbacks so far (the driver wraps requestAnimationFrame
     * before the bundle loads): the main thread's share of each frame, React and regl-scatterplot included.
     */
    benchCallbackMs: number;
    bench: {
      /** Starts recording requestAnimationFrame timestamps. */
      start(): void;
      /** Stops recording: the gaps between consecutive frames and the callbacks' time, in ms. */
      stop(): { gaps: number[]; callbackMs: number };
      /** Colours by a continuous value instead of the clusters (or back); resolves after the next two frames. */
      recolour(kind: 'category' | 'continuous'): Promise<number>;
    };
  }
}

/** Mulberry32: a small seeded generator, so every run draws the same cloud. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` cells in 12 Gaussian blobs (like a UMAP of 12 cell types), a cluster label and a "gene" per cell. */
function syntheticCells(count: number) {
  const next = random(42);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centres = Array.from({ length: 12 }, () => [next() * 20 - 10, next() * 20 - 10] as const);
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  const labels: number[] = new Array<number>(count);
  const values = new Float32Array(count);
  for (let cell = 0; cell < count; cell += 1) {
    const cluster = Math.floor(next() * centres.length);
    x[cell] = centres[cluster]![0] + gaussian();
    y[cell] = centres[cluster]![1] + gaussian();
    labels[cell] = cluster;
    values[cell] = Math.max(0, gaussian() + (cluster % 3));
  }
  return { x, y, labels, values };
}

const cells = syntheticCells(window.benchPoints);
const byCluster: ScatterColouring = { kind: 'category', title: 'cluster', labels: cells.labels };
const byGene: ScatterColouring = { kind: 'continuous', title: 'gene expression', values: cells.values };
let setColouring: (colouring: ScatterColouring) => void = () => undefined;

function Bench() {
  const [colouring, set] = useState<ScatterColouring>(byCluster);
  setColouring = set;
  return <EmbeddingScatter x={cells.x} y={cells.y} colouring={colouring} label="Benchmark embedding" />;
}

const frames: number[] = [];
let recording = false;
const tick = (time: number) => {
  if (recording) frames.push(time);
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

window.bench = {
  start() {
    frames.length = 0;
    window.benchCallbackMs = 0;
    recording = true;
  },
  stop() {
    recording = false;
    return {
      gaps: frames.slice(1).map((time, index) => time - frames[index]!),
      callbackMs: window.benchCallbackMs,
    };
  },
  async recolour(kind) {
    const started = performance.now();
    setColouring(kind === 'category' ? byCluster : byGene);
    await nextFrame();
    await nextFrame();
    return performance.now() - started;
  },
};

createRoot(document.getElementById('root')!).render(<Bench />);

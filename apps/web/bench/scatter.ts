// Frame-time benchmark of the run page's WebGL scatter (components/EmbeddingScatter.tsx): bundles it with
// synthetic cells (bench/scatter-page.tsx), opens it in Debian's Chromium and records requestAnimationFrame gaps
// while idle, panning (mouse drags) and zooming (wheel), then prints mean / p95 / max frame ms, fps and the main
// thread's share of each frame, and the time a recolouring takes to reach the screen.
// `npm run bench -w @scsamac/web`. BENCH_POINTS (comma-separated, default 100000,10000,1000: the smaller clouds
// show what a frame costs whatever the number of points), CHROMIUM_PATH and BENCH_GPU=1 (the machine's GPU instead
// of SwiftShader, Chromium's CPU renderer and the only one on a machine without a GPU) change the set-up.
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pointCounts = (process.env.BENCH_POINTS ?? '100000,10000,1000').split(',').map(Number);
const useGpu = process.env.BENCH_GPU === '1';
const origin = 'http://scatter-bench.local';

const bundle = await build({
  entryPoints: [resolve(here, 'scatter-page.tsx')],
  bundle: true,
  write: false,
  format: 'esm',
  jsx: 'automatic',
  minify: true,
  target: 'es2022',
  // React's production build, as `next build` ships it (the development build checks every render).
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const script = bundle.outputFiles[0]!.text;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    ...(useGpu
      ? ['--enable-gpu', '--ignore-gpu-blocklist', '--use-angle=vulkan', '--enable-features=Vulkan']
      : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']),
  ],
});

interface Row {
  points: number;
  case: string;
  frames: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
  callbackMs: number;
}

function summarise(points: number, name: string, { gaps, callbackMs }: Recording): Row {
  const sorted = [...gaps].sort((a, b) => a - b);
  const mean = gaps.reduce((sum, gap) => sum + gap, 0) / Math.max(1, gaps.length);
  return {
    points,
    case: name,
    frames: gaps.length,
    meanMs: mean,
    p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN,
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    fps: 1000 / mean,
    callbackMs: callbackMs / Math.max(1, gaps.length),
  };
}

interface Recording {
  gaps: number[];
  callbackMs: number;
}

/** Records frame gaps while `act` drives the page. */
async function record(page: Page, act: () => Promise<void>): Promise<Recording> {
  await page.evaluate(() => window.bench.start());
  await act();
  return page.evaluate(() => window.bench.stop());
}

// Wraps requestAnimationFrame before any of the page's code runs, so the time its callbacks take (the main
// thread's part of a frame: React, regl-scatterplot's camera and draw calls) can be told apart from the time the
// frame takes in all (which adds rasterising and compositing in the GPU process).
const timeCallbacks = `window.benchCallbackMs = 0;
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => request((time) => {
    const started = performance.now();
    try { callback(time); } finally { window.benchCallbackMs += performance.now() - started; }
  })`;

const rows: Row[] = [];
const recolourMs: { points: number; toGene: number; toCluster: number }[] = [];
let renderer = '';
for (const points of pointCounts) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route(`${origin}/**`, (route) =>
    route.request().url().endsWith('/bench.js')
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html><body style="margin:0;font-family:sans-serif"><div id="root"></div>
            <script>${timeCallbacks}; window.benchPoints = ${points};</script>
            <script type="module" src="/bench.js"></script></body></html>`,
        }),
  );
  await page.goto(`${origin}/`);
  const canvas = page.getByTestId('embedding-canvas');
  await canvas.waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="embedding-canvas"]')?.getAttribute('data-ready') === 'true',
  );
  renderer ||= await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return info ? String(gl!.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  });
  // Let the first draw settle before measuring.
  await page.waitForTimeout(1000);
  const box = (await canvas.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };

  rows.push(summarise(points, 'idle', await record(page, () => page.waitForTimeout(2000))));
  rows.push(
    summarise(
      points,
      'pan (drag)',
      await record(page, async () => {
        await page.mouse.move(centre.x, centre.y);
        await page.mouse.down();
        for (let step = 0; step < 240; step += 1) {
          const angle = (2 * Math.PI * step) / 120;
          await page.mouse.move(centre.x + 150 * Math.cos(angle), centre.y + 100 * Math.sin(angle));
        }
        await page.mouse.up();
      }),
    ),
  );
  rows.push(
    summarise(
      points,
      'zoom (wheel)',
      await record(page, async () => {
        await page.mouse.move(centre.x, centre.y);
        for (let step = 0; step < 160; step += 1) await page.mouse.wheel(0, step % 80 < 40 ? -40 : 40);
      }),
    ),
  );
  const toGene = await page.evaluate(() => window.bench.recolour('continuous'));
  const toCluster = await page.evaluate(() => window.bench.recolour('category'));
  recolourMs.push({ points, toGene, toCluster });
  if (errors.length > 0)
    throw new Error(`the page logged errors with ${points} points: ${errors.join('; ')}`);
  await page.close();
}
await browser.close();

const format = (value: number) => value.toFixed(1);
console.log(`EmbeddingScatter frame times in Chromium (${useGpu ? 'GPU' : 'SwiftShader'}: ${renderer})`);
console.table(
  rows.map((row) => ({
    points: row.points.toLocaleString('en-GB'),
    case: row.case,
    frames: row.frames,
    'mean ms': format(row.meanMs),
    'p95 ms': format(row.p95Ms),
    'max ms': format(row.maxMs),
    fps: format(row.fps),
    'main-thread ms/frame': format(row.callbackMs),
  })),
);
console.log('Recolouring (state change to the second frame after it):');
console.table(
  recolourMs.map((row) => ({
    points: row.points.toLocaleString('en-GB'),
    'cluster -> gene ms': format(row.toGene),
    'gene -> cluster ms': format(row.toCluster),
  })),
);

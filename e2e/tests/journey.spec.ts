import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createProject, screenshot, sharedFile, signUp, uniqueEmail } from './helpers.js';

// The journey of issue 8, in steps that share one account and its pages (serial: each step uses the pages the
// previous ones made). The second user's step comes before the scSAMAC steps so that it only needs the baseline.
test.describe.configure({ mode: 'serial' });

const owner = { email: uniqueEmail('owner'), name: 'Olga Owner', password: 'correct horse battery' };
const urls: {
  project?: string;
  dataset?: string;
  scsamacRun?: string;
  baselineRun?: string;
  labels?: string;
} = {};

async function signIn(page: Page): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Password hashing (scrypt) shares two cores with a training run: allow for a slow answer.
  await expect(page).toHaveURL(/\/projects$/, { timeout: 30_000 });
}

test('sign up, upload Baron_mouse1 with its label column, start scSAMAC and PCA + k-means at once', async ({
  page,
}) => {
  await signUp(page, owner.email, owner.name, owner.password);
  await screenshot(page, 'projects');
  urls.project = await createProject(page, 'Pancreas');

  // Upload: the server's summary and QC histograms, then the label column.
  await page.getByRole('link', { name: 'Upload a dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Upload a dataset' })).toBeVisible();
  await page.getByLabel('Choose a file').setInputFiles(sharedFile('formats/Baron_mouse1.csr.h5ad'));
  await expect(page.getByTestId('upload-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('upload-cells')).toHaveText('822');
  await expect(page.getByTestId('upload-genes')).toHaveText('14,878');
  await expect(page.getByRole('img', { name: /Counts per cell/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Genes per cell/ })).toBeVisible();
  const labelColumn = page.getByLabel('Ground-truth label column');
  await expect(labelColumn.locator('option', { hasText: 'cell_type (13 classes)' })).toHaveCount(1);
  await labelColumn.selectOption('cell_type');
  await screenshot(page, 'upload');
  await page.getByLabel('Name', { exact: true }).fill('Baron_mouse1');
  await page.getByRole('button', { name: 'Register dataset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baron_mouse1' })).toBeVisible();
  urls.dataset = page.url();
  await expect(page.getByTestId('dataset-summary')).toContainText('cell_type');
  await screenshot(page, 'dataset');

  // Two methods at once; scSAMAC with short training so the suite stays fast on two cores.
  await page.getByRole('link', { name: 'New run' }).click();
  await page.getByLabel('scSAMAC (NB)', { exact: true }).check();
  await page.getByLabel('PCA + k-means', { exact: true }).check();
  await page
    .getByLabel('Other parameters (JSON object)')
    .first()
    .fill('{"pretrainSteps": 30, "clusterSteps": 20, "kmeansRestarts": 3}');
  await page.getByLabel('Seeds').fill('1');
  await screenshot(page, 'new-run');
  await page.getByRole('button', { name: 'Start 2 methods' }).click();
  const runs = page.getByTestId('runs-table');
  await expect(runs.getByRole('row')).toHaveCount(3);
  const runUrl = async (method: string) =>
    new URL(
      (await runs
        .getByRole('row')
        .filter({ hasText: method })
        .getByRole('link')
        .first()
        .getAttribute('href'))!,
      page.url(),
    ).toString();
  urls.scsamacRun = await runUrl('scSAMAC (NB)');
  urls.baselineRun = await runUrl('PCA + k-means');
});

test('the PCA + k-means run finishes with its ARI, embedding, curves and a labels download', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  await signIn(page);
  await page.goto(urls.baselineRun!);
  await expect(page.getByRole('heading', { level: 1, name: /PCA \+ k-means on Baron_mouse1/ })).toBeVisible();
  // Finishing shows up without a reload: the page polls and re-renders.
  await expect(page.getByTestId('status-badge').first()).toHaveText('Succeeded', { timeout: 180_000 });
  await expectResults(page);
  await screenshot(page, 'run-baseline');

  const labelsLink = page.getByTestId('downloads').locator('a[data-kind="labels"]');
  urls.labels = new URL((await labelsLink.getAttribute('href'))!, page.url()).toString();
  const downloadPromise = page.waitForEvent('download');
  await labelsLink.click();
  const download = await downloadPromise;
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  // A header and one line per cell.
  expect(lines.length).toBe(823);
});

test("the finished run's page colours the embedding by true label and by a gene, counts the confusion matrix and draws marker plots", async ({
  page,
}) => {
  const problems = collectConsoleErrors(page);
  await signIn(page);
  await page.goto(urls.baselineRun!);
  await expectResults(page);
  const canvas = page.getByTestId('embedding-canvas');
  const legend = page.getByRole('list', { name: /^Legend:/ });

  // The confusion matrix: every cell's count equals what the run's labels (the labels CSV) and the dataset's true
  // labels (straight from the API) give when counted here.
  const datasetId = new URL(urls.dataset!).pathname.split('/').pop()!;
  const truth = await apiCellLabels(page, datasetId);
  const clusters = await downloadedClusters(page, urls.labels!);
  expect(clusters.length).toBe(822);
  expect(truth.length).toBe(822);
  const expected = new Map<string, number>();
  truth.forEach((label, cell) => {
    const key = `${label}|${clusters[cell]!}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  });
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible();
  const shown = await matrix.evaluate((table: HTMLTableElement) => {
    const columns = [...table.tHead!.rows[0]!.cells].slice(1).map((cell) => cell.textContent!.trim());
    return [...table.tBodies[0]!.rows].map((row) => ({
      label: row.cells[0]!.textContent!.trim(),
      counts: Object.fromEntries(
        [...row.cells].slice(1).map((cell, index) => [columns[index]!, cell.textContent!.trim()]),
      ),
    }));
  });
  expect(shown.map((row) => row.label).sort()).toEqual([...new Set(truth)].sort());
  let total = 0;
  for (const row of shown) {
    expect(Object.keys(row.counts).sort()).toEqual([...new Set(clusters)].sort());
    for (const [cluster, text] of Object.entries(row.counts)) {
      const count = expected.get(`${row.label}|${cluster}`) ?? 0;
      expect(text, `${row.label} in cluster ${cluster}`).toBe(count === 0 ? '' : String(count));
      total += count;
    }
  }
  expect(total).toBe(822);

  // Marker genes: the dot plot and heatmap have every (cluster, gene) pair filled in from the cells' expression,
  // so the first marker's dots say what its per-cell expression gives per cluster; violins, one per cluster.
  const clusterNames = [...new Set(clusters)];
  const dotPlot = page.getByTestId('dot-plot');
  const geneCount = (await dotPlot.locator('.marker-grid-axes text').count()) - clusterNames.length;
  expect(geneCount).toBeGreaterThan(clusterNames.length);
  await expect(dotPlot.locator('circle')).toHaveCount(clusterNames.length * geneCount, { timeout: 30_000 });
  await expect(page.getByTestId('marker-heatmap').locator('rect')).toHaveCount(
    clusterNames.length * geneCount,
  );
  const firstMarker = (await page.getByRole('combobox', { name: 'Gene' }).inputValue()).trim();
  expect(firstMarker).not.toBe('');
  const firstExpression = await apiExpression(page, datasetId, firstMarker);
  const dotTitles = await dotPlot.locator('circle title').allTextContents();
  for (const cluster of clusterNames) {
    const values = firstExpression.filter((_, cell) => clusters[cell] === cluster);
    const fraction = values.filter((value) => value > 0).length / values.length;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(dotTitles).toContain(
      `${firstMarker} in cluster ${cluster}: ${(fraction * 100).toFixed(0)}% expressing, mean ${mean.toFixed(2)}`,
    );
  }
  const violins = page.getByTestId('violins');
  await expect(violins).toBeVisible({ timeout: 30_000 });
  await expect(violins).toHaveAttribute('aria-label', `Violin plot of ${firstMarker} by cluster`);
  await expect(violins.locator('[data-cluster]')).toHaveCount(clusterNames.length);
  await screenshot(page, 'run-cluster-colours');
  const clusterCount = clusterNames.length;

  // Colour by cluster, then by the true label: the legend lists the 13 cell types and the canvas redraws.
  await expect(legend.getByRole('listitem')).toHaveCount(clusterCount);
  // data-drawn names the colouring whose draw has finished, so the pixels compared are the new ones.
  await expect(canvas).toHaveAttribute('data-drawn', 'cluster');
  const byCluster = await canvas.screenshot();
  await page.getByRole('radio', { name: 'true label' }).check();
  await expect(canvas).toHaveAttribute('aria-label', /coloured by true label \(cell_type\)/);
  await expect(canvas).toHaveAttribute('data-drawn', 'true label (cell_type)');
  await expect(legend.getByRole('listitem')).toHaveCount(13);
  for (const label of new Set(truth)) await expect(legend.getByText(label, { exact: true })).toBeVisible();
  const byTruth = await canvas.screenshot();
  expect(byTruth.equals(byCluster), 'the canvas changed when coloured by true label').toBe(false);
  await screenshot(page, 'run-truth-colours');

  // Colour by a gene typed by name: a colour bar from its lowest to highest expression replaces the legend, and
  // the violins follow the gene.
  const gene = 'Ins1';
  await page.getByRole('combobox', { name: 'Gene' }).fill(gene);
  await page.getByRole('button', { name: 'Show gene' }).click();
  await expect(violins).toHaveAttribute('aria-label', `Violin plot of ${gene} by cluster`);
  await page.getByRole('radio', { name: 'gene' }).check();
  await expect(canvas).toHaveAttribute('aria-label', new RegExp(`coloured by ${gene} expression`));
  await expect(canvas).toHaveAttribute('data-drawn', `${gene} expression`);
  await expect(legend).toHaveCount(0);
  const expression = await apiExpression(page, datasetId, gene);
  const max = Math.max(...expression);
  expect(max).toBeGreaterThan(0);
  await expect(page.getByTestId('colour-bar')).toHaveAttribute(
    'aria-label',
    `Colour scale of ${gene} expression from ${Math.min(...expression).toPrecision(3)} to ${max.toPrecision(3)}`,
  );
  const byGene = await canvas.screenshot();
  expect(byGene.equals(byTruth), 'the canvas changed when coloured by a gene').toBe(false);
  await screenshot(page, 'run-gene-colours');
  expect(problems, 'console errors on the run page').toEqual([]);
});

test("a second user gets 'not found' for the first user's project, dataset, run and download", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, uniqueEmail('stranger'), 'Sam Stranger');
  for (const url of [urls.project!, urls.dataset!, urls.baselineRun!, `${urls.dataset!}/leaderboard`]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await expect(page.getByText('Pancreas')).toHaveCount(0);
    await expect(page.getByText('Baron_mouse1')).toHaveCount(0);
  }
  await screenshot(page, 'not-found');
  const download = await page.request.get(urls.labels!);
  expect(download.status()).toBe(404);
  expect(await download.text()).not.toMatch(/cell/i);
  await context.close();
});

test('the scSAMAC run shows its progress moving, then its ARI, embedding and loss curves', async ({
  page,
}) => {
  // Training itself takes seconds with these steps; the UMAP and marker genes after it take minutes on two cores.
  test.setTimeout(12 * 60_000);
  await signIn(page);
  await page.goto(urls.scsamacRun!);
  await expect(page.getByRole('heading', { level: 1, name: /scSAMAC \(NB\) on Baron_mouse1/ })).toBeVisible();
  const seen = new Set<number>();
  const deadline = Date.now() + 10 * 60_000;
  let shot = false;
  while (Date.now() < deadline) {
    // One read that does not wait: locator.getAttribute waits (without limit) for a bar that the finished run's
    // re-render has just removed, which once hung this loop until the test timed out.
    const value = await page
      .getByTestId('run-progress')
      .evaluateAll((bars) => (bars.length === 0 ? null : Number(bars[0]!.getAttribute('data-value'))));
    if (value === null) break; // finished: the page shows the results instead
    if (Number.isFinite(value)) seen.add(Math.round(value * 1000));
    if (!shot && value > 0.2) {
      await screenshot(page, 'run-live');
      shot = true;
    }
    await page.waitForTimeout(400);
  }
  const moving = [...seen].filter((value) => value > 0 && value < 1000);
  expect(moving.length, `progress values (per mille) seen: ${[...seen].join(', ')}`).toBeGreaterThan(1);
  await expect(page.getByTestId('status-badge').first()).toHaveText('Succeeded', { timeout: 60_000 });
  await expectResults(page);
  await expect(page.getByRole('img', { name: /Loss curves of the pretrain phase/ })).toBeVisible();
  await screenshot(page, 'run');
});

test("both methods are in the leaderboard beside the paper's rows, and compare side by side", async ({
  page,
}) => {
  await signIn(page);
  // Baron_mouse1 is not one of the paper's datasets, so the paper's rows come from the one chosen to read beside it.
  await page.goto(`${urls.dataset!}/leaderboard`);
  await page.getByLabel("Show the paper's numbers for").selectOption('human2');
  await page.getByRole('button', { name: 'Show' }).click();
  const board = page.getByTestId('leaderboard');
  await expect(board.locator('tr[data-reported="false"]').filter({ hasText: 'scSAMAC (NB)' })).toHaveCount(1);
  await expect(board.locator('tr[data-reported="false"]').filter({ hasText: 'PCA + k-means' })).toHaveCount(
    1,
  );
  // The paper reports ten methods on human2, each row marked as the paper's.
  await expect(board.locator('tr[data-reported="true"]')).toHaveCount(10);
  await expect(
    board.locator('tr[data-reported="true"]').filter({ hasText: 'scSAMAC (NB)' }).getByText('paper'),
  ).toBeVisible();
  // Sortable: by method name, then back by ARI.
  await board.getByRole('button', { name: /Method/ }).click();
  await expect(board.getByRole('columnheader', { name: /Method/ })).toHaveAttribute('aria-sort', 'ascending');
  await board.getByRole('button', { name: /ARI/ }).click();
  await expect(board.getByRole('columnheader', { name: /ARI/ })).toHaveAttribute('aria-sort', 'descending');
  await screenshot(page, 'leaderboard');

  await page.goto(urls.project!);
  const boxes = page.getByTestId('runs-table').getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Compare selected runs' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
  // One row per metric and label column, named as such (cell_type is the dataset's ground truth).
  await expect(
    page.getByTestId('compare-table').getByRole('rowheader', { name: 'ARI vs cell_type' }),
  ).toHaveCount(1);
  await screenshot(page, 'compare');
  await page.goto(urls.project!);
  await screenshot(page, 'project');
});

/** Console errors and uncaught exceptions of a page, collected from now on. */
function collectConsoleErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** A dataset's true label per cell, asked of the API directly (not through the page under test). */
async function apiCellLabels(page: Page, datasetId: string): Promise<string[]> {
  const answer = await page.request.post('/graphql', {
    data: { query: 'query($id: ID!) { dataset(id: $id) { cellLabels } }', variables: { id: datasetId } },
  });
  return ((await answer.json()) as { data: { dataset: { cellLabels: string[] } } }).data.dataset.cellLabels;
}

/** One gene's expression per cell, asked of the API directly. */
async function apiExpression(page: Page, datasetId: string, gene: string): Promise<number[]> {
  const answer = await page.request.post('/graphql', {
    data: {
      query: 'query($id: ID!, $gene: String!) { dataset(id: $id) { expression(gene: $gene) } }',
      variables: { id: datasetId, gene },
    },
  });
  return ((await answer.json()) as { data: { dataset: { expression: number[] } } }).data.dataset.expression;
}

/** The cluster of each cell, in cell order, from a run's labels CSV (header, then `cell,cluster` lines). */
async function downloadedClusters(page: Page, url: string): Promise<string[]> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const lines = (await response.text()).trim().split(/\r?\n/).slice(1);
  return lines.map((line) => line.slice(line.lastIndexOf(',') + 1).trim());
}

/** A finished run's page: an ARI in [-1, 1], the WebGL embedding of all 822 cells, and the confusion matrix. */
async function expectResults(page: Page): Promise<void> {
  const ari = page.getByTestId('score-ARI');
  await expect(ari).toBeVisible();
  const ariValue = Number((await ari.locator('.value').textContent())?.trim());
  expect(ariValue).toBeGreaterThan(-1);
  expect(ariValue).toBeLessThanOrEqual(1);
  const canvas = page.getByTestId('embedding-canvas');
  await expect(canvas).toHaveAttribute('data-points', '822');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
}

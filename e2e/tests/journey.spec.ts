import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createProject, screenshot, sharedFile, signUp, uniqueEmail } from './helpers.js';

// The whole journey of issue 8, then a second user who must see none of it. Serial: the second part uses the
// first part's pages.
test.describe.configure({ mode: 'serial' });

const owner = { email: uniqueEmail('owner'), name: 'Olga Owner' };
const urls: { project?: string; run?: string; labels?: string; dataset?: string } = {};

test('sign up, upload Baron_mouse1, run scSAMAC and PCA + k-means, read results and the leaderboard', async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await signUp(page, owner.email, owner.name);
  await screenshot(page, 'projects');
  urls.project = await createProject(page, 'Pancreas');

  // Upload: the XHR progress bar, the server's summary and QC histograms, then the label column.
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
    .fill('{"pretrainSteps": 40, "clusterSteps": 30}');
  await page.getByLabel('Seeds').fill('1');
  await screenshot(page, 'new-run');
  await page.getByRole('button', { name: 'Start 2 methods' }).click();
  await expect(page.getByTestId('runs-table')).toBeVisible();
  await expect(page.getByTestId('runs-table').getByRole('row')).toHaveCount(3);

  // The scSAMAC run page: status and progress update without reloading.
  const scsamacRow = page.getByTestId('runs-table').getByRole('row').filter({ hasText: 'scSAMAC (NB)' });
  await scsamacRow.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /scSAMAC \(NB\) on Baron_mouse1/ })).toBeVisible();
  urls.run = page.url();
  const seen = new Set<number>();
  const deadline = Date.now() + 6 * 60_000;
  while (Date.now() < deadline) {
    const progress = page.getByTestId('run-progress');
    if ((await progress.count()) === 0) break; // finished: the page shows the results instead
    const value = Number(await progress.getAttribute('data-value'));
    if (Number.isFinite(value)) seen.add(Math.round(value * 1000));
    if (seen.size === 3) await screenshot(page, 'run-live');
    await page.waitForTimeout(500);
  }
  const moving = [...seen].filter((value) => value > 0 && value < 1000);
  expect(moving.length, `progress values seen while running: ${[...seen].join(', ')}`).toBeGreaterThan(0);

  await expect(page.getByTestId('status-badge').first()).toHaveText('Succeeded', { timeout: 60_000 });
  const ari = page.getByTestId('score-ARI');
  await expect(ari).toBeVisible();
  const ariValue = Number((await ari.locator('.value').textContent())?.trim());
  expect(ariValue).toBeGreaterThan(-1);
  expect(ariValue).toBeLessThanOrEqual(1);
  const canvas = page.getByTestId('embedding-canvas');
  await expect(canvas).toHaveAttribute('data-points', '822');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('img', { name: /Loss curves of the/ }).first()).toBeVisible();
  await screenshot(page, 'run');

  // Download the labels: one row per cell.
  const labelsLink = page.getByTestId('downloads').locator('a[data-kind="labels"]');
  urls.labels = new URL((await labelsLink.getAttribute('href'))!, page.url()).toString();
  const downloadPromise = page.waitForEvent('download');
  await labelsLink.click();
  const download = await downloadPromise;
  const text = readFileSync((await download.path())!, 'utf8').trim();
  expect(text.split(/\r?\n/).length).toBeGreaterThanOrEqual(822);

  // Leaderboard: both of our methods beside the paper's numbers (Baron_mouse1 is not a paper dataset, so the
  // paper's rows come from the dataset chosen to read beside it).
  await page.goto(`${urls.dataset}/leaderboard`);
  await page.getByLabel("Show the paper's numbers for").selectOption('human2');
  await page.getByRole('button', { name: 'Show' }).click();
  const board = page.getByTestId('leaderboard');
  await expect(board.locator('tr[data-reported="false"]').filter({ hasText: 'scSAMAC (NB)' })).toHaveCount(
    1,
    {
      timeout: 180_000,
    },
  );
  await expect(async () => {
    await page.reload();
    await expect(board.locator('tr[data-reported="false"]').filter({ hasText: 'PCA + k-means' })).toHaveCount(
      1,
    );
  }).toPass({ timeout: 180_000 });
  expect(await board.locator('tr[data-reported="true"]').count()).toBeGreaterThanOrEqual(10);
  await expect(
    board.locator('tr[data-reported="true"]').filter({ hasText: 'scSAMAC' }).first(),
  ).toBeVisible();
  await screenshot(page, 'leaderboard');

  // Compare the two runs.
  await page.goto(urls.project!);
  const boxes = page.getByTestId('runs-table').getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Compare selected runs' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
  await expect(page.getByTestId('compare-table')).toContainText('ARI');
  await screenshot(page, 'compare');
  await page.goto(urls.project!);
  await screenshot(page, 'project');
});

test("a second user gets 'not found' for the first user's project, run and download", async ({ browser }) => {
  expect(urls.project && urls.run && urls.labels, 'the journey test must have run first').toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, uniqueEmail('stranger'), 'Sam Stranger');
  for (const url of [urls.project!, urls.run!, urls.dataset!]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await expect(page.getByText('Pancreas')).toHaveCount(0);
  }
  const download = await page.request.get(urls.labels!);
  expect(download.status()).toBe(404);
  expect(await download.text()).not.toMatch(/cell/i);
  await context.close();
});

import { expect, test } from '@playwright/test';
import { screenshot, signUp, uniqueEmail } from './helpers.js';

test('the API explorer is bundled (nothing from a CDN) and runs a query as the signed-in user', async ({
  page,
}) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
      foreign.push(request.url());
  });
  const email = uniqueEmail('explorer');
  await signUp(page, email, 'Ed Explorer');
  await page.goto('/explorer');
  await expect(page.getByTestId('graphiql')).toBeVisible({ timeout: 60_000 });
  const run = page.getByRole('button', { name: /Execute query/i });
  await expect(run).toBeVisible({ timeout: 60_000 });
  await run.click();
  await expect(page.locator('.graphiql-response')).toContainText(email, { timeout: 30_000 });
  await screenshot(page, 'explorer');
  expect(foreign).toEqual([]);
});

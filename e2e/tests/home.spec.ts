import { expect, test } from '@playwright/test';
import { screenshot } from './helpers.js';

test('the home page shows that the API and its embedded database answer', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'scSAMAC' })).toBeVisible();
  await expect(page.getByTestId('api-status')).toContainText('database: pglite');
  await screenshot(page, 'home');
});

import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A file of the read-only shared data folder beside the repository (never copied into it). */
export function sharedFile(relative: string): string {
  return resolve(here, '../../../shared', relative);
}

/** Where screenshots of the main pages go (kept as test artifacts). */
export const screenshotDir = resolve(here, '../test-results/screenshots');

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: resolve(screenshotDir, `${name}.png`), fullPage: true });
}

/** A fresh address per call, so tests never collide with an account made earlier. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Signs up through the form and waits for the projects page. */
export async function signUp(
  page: Page,
  email: string,
  name: string,
  password = 'correct horse battery',
): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Password hashing (scrypt) shares two cores with a training run: allow for a slow answer.
  await expect(page).toHaveURL(/\/projects$/, { timeout: 30_000 });
  await expect(page.getByTestId('viewer-email')).toHaveText(email);
}

/** Creates a project through the form and returns its page URL. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto('/projects');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}

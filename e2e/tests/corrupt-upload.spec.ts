import { expect, test } from '@playwright/test';
import { createProject, screenshot, signUp, uniqueEmail } from './helpers.js';

test("a corrupt file dropped on the upload page shows the server's error and stores nothing", async ({
  page,
}) => {
  await signUp(page, uniqueEmail('corrupt'), 'Cora Corrupt');
  const projectUrl = await createProject(page, 'Broken files');
  const projectId = projectUrl.split('/').pop()!;
  await page.goto(`${projectUrl}/upload`);

  // Drag and drop a file that claims to be h5ad but is not HDF5 at all.
  const bytes = 'this is not an HDF5 file\n'.repeat(200);
  await page.getByTestId('dropzone').evaluate((zone, content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'broken.h5ad', { type: 'application/octet-stream' }));
    zone.dispatchEvent(
      new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  const error = page.getByTestId('upload-error');
  await expect(error).toBeVisible({ timeout: 30_000 });

  // The page shows the server's message as it is: the same bytes sent directly get the same words.
  const direct = await page.request.post(`/uploads?projectId=${projectId}`, {
    multipart: {
      file: { name: 'broken.h5ad', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) },
    },
  });
  expect(direct.status()).toBe(400);
  const body = (await direct.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('BAD_USER_INPUT');
  await expect(error).toContainText(body.error.message);
  await screenshot(page, 'upload-error');

  // Nothing was stored: the project has no dataset.
  await page.goto(projectUrl);
  await expect(page.getByText('No datasets yet.')).toBeVisible();
  const answer = await page.request.post('/graphql', {
    data: {
      query: 'query($id: ID!) { project(id: $id) { datasets { totalCount } } }',
      variables: { id: projectId },
    },
  });
  expect(
    ((await answer.json()) as { data: { project: { datasets: { totalCount: number } } } }).data.project
      .datasets.totalCount,
  ).toBe(0);
});

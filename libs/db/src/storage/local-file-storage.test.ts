import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileNotFoundError, FileTooLargeError } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';

const root = await mkdtemp(path.join(tmpdir(), 'scsamac-storage-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('LocalFileStorage', () => {
  const storage = new LocalFileStorage(root);

  it('stores a stream and reports its size and sha256', async () => {
    const stored = await storage.put('runs/r1/labels.csv', chunks(['cell,cluster\n', 'a,1\n']));
    const expected = createHash('sha256').update('cell,cluster\na,1\n').digest('hex');
    expect(stored).toEqual({ key: 'runs/r1/labels.csv', sizeBytes: 17, sha256: expected });
    expect(Buffer.from(await storage.read('runs/r1/labels.csv')).toString()).toBe('cell,cluster\na,1\n');
    let streamed = '';
    for await (const chunk of await storage.get('runs/r1/labels.csv')) streamed += String(chunk);
    expect(streamed).toBe('cell,cluster\na,1\n');
    expect(await storage.stat('runs/r1/labels.csv')).toEqual({ sizeBytes: 17 });
  });

  it('rejects a body over the limit and keeps nothing', async () => {
    await expect(
      storage.put('uploads/big', chunks(['12345', '67890']), { maxBytes: 8 }),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await storage.stat('uploads/big')).toBeNull();
    expect(await readdir(path.join(root, 'uploads'))).toEqual([]);
  });

  it('names a missing file and refuses keys that escape the root', async () => {
    await expect(storage.get('runs/none')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(storage.read('runs/none')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(storage.put('../outside', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await storage.delete('runs/r1/labels.csv');
    expect(await storage.stat('runs/r1/labels.csv')).toBeNull();
  });

  it('drops the folders a deletion leaves empty, and keeps those that still hold files', async () => {
    await storage.put('runs/r2/attempt-1/latent.f32', Buffer.from('a'));
    await storage.put('runs/r2/attempt-1/labels.csv', Buffer.from('b'));
    await storage.put('runs/r2/attempt-2/labels.csv', Buffer.from('c'));
    await storage.delete('runs/r2/attempt-1/latent.f32');
    expect(await readdir(path.join(root, 'runs', 'r2', 'attempt-1'))).toEqual(['labels.csv']);
    await storage.delete('runs/r2/attempt-1/labels.csv');
    expect(await readdir(path.join(root, 'runs', 'r2'))).toEqual(['attempt-2']);
    await storage.delete('runs/r2/attempt-2/labels.csv');
    expect(await readdir(root)).not.toContain('runs');
    // the root itself stays, and deleting what is gone is fine
    await storage.delete('runs/r2/attempt-2/labels.csv');
    expect(await storage.stat('runs/r2/attempt-2/labels.csv')).toBeNull();
    expect((await readdir(path.dirname(root))).includes(path.basename(root))).toBe(true);
  });
});

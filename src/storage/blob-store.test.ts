import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../shared/hash.ts';
import { BlobStore } from './blob-store.ts';

describe('BlobStore', () => {
  it('stores bytes under their sha256 and reads them back', async () => {
    const store = new BlobStore(await fs.mkdtemp(path.join(os.tmpdir(), 'blobs-')));
    const bytes = Buffer.from('From: a@b.c\r\n\r\nhello');
    const hash = await store.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(await store.put(Buffer.from(bytes))).toBe(hash);
    expect((await store.get(hash)).equals(bytes)).toBe(true);
    const leftovers = (await fs.readdir(path.dirname(store.pathOf(hash)))).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('refuses a name that is not a hash, so no path can escape the store', async () => {
    const store = new BlobStore('/tmp/none');
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(store.get('a'.repeat(64))).rejects.toMatchObject({ kind: 'not_found' });
  });
});

// Content-addressed blob store on disk: raw messages and attachments, named by their sha256, written atomically.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';
import { sha256 } from '../shared/hash.ts';

export class BlobStore {
  constructor(readonly root: string) {}

  pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new AppError('bad_request', `not a sha256: ${hash}`);
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /** Stores bytes and returns their sha256; storing the same bytes again is a no-op. Durable when it resolves. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const target = this.pathOf(hash);
    if (await exists(target)) return hash;
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(hash));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `blob ${hash} is missing`);
      throw e;
    }
  }
}

const exists = (p: string) => fs.access(p).then(() => true, () => false);

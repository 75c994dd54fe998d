// On a first start in development, ingest the sample inbox so a newcomer sees a populated review queue.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptMessage, type IntakeDeps } from './accept-message.ts';

export const sampleInboxDir = fileURLToPath(new URL('../../fixtures/inbox/', import.meta.url));

/** Ingests every .eml of dir once; a marker file in the data directory records that it was done. */
export async function seedInbox(deps: IntakeDeps, dataDir: string, dir = sampleInboxDir): Promise<number | null> {
  const marker = path.join(dataDir, '.inbox-seeded');
  if (await fs.access(marker).then(() => true, () => false)) return null;
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  for (const f of files) await acceptMessage(await fs.readFile(path.join(dir, f)), 'seed', { type: 'system', id: 'seed' }, deps);
  await fs.writeFile(marker, `${new Date().toISOString()} ${files.length} messages\n`);
  return files.length;
}

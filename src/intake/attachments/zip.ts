// ZIP archives (attached .zip, and the container of .xlsx) opened within the message's budget: zip bombs stop here.
import { unzipSync } from 'fflate';
import type { ExpansionBudget } from './limits.ts';

export class ArchiveRefused extends Error {
  override readonly name = 'ArchiveRefused';
}

export interface ArchiveEntry {
  name: string;
  content: Buffer;
}

/**
 * Checks an archive against the budget from its declared sizes, before anything is inflated, and charges the budget.
 * fflate inflates each entry into a buffer of its declared size, so an entry that lies about its size is cut there
 * instead of growing: memory stays bounded by what was checked here.
 */
export function checkArchive(bytes: Uint8Array, budget: ExpansionBudget, wanted: (name: string) => boolean = () => true): string[] {
  const declared: { name: string; size: number; compression: number }[] = [];
  try {
    unzipSync(bytes, { filter: (f) => (declared.push({ name: f.name, size: f.originalSize, compression: f.compression }), false) });
  } catch (e) {
    throw new ArchiveRefused(`the ZIP archive could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const files = declared.filter((f) => !f.name.endsWith('/') && wanted(f.name));
  if (files.length > budget.limits.maxArchiveEntries)
    throw new ArchiveRefused(`the archive holds ${files.length} files; the limit is ${budget.limits.maxArchiveEntries}`);
  const unsupported = files.find((f) => f.compression !== 0 && f.compression !== 8);
  if (unsupported) throw new ArchiveRefused(`${unsupported.name} uses a compression method (${unsupported.compression}) that is not supported`);
  const total = files.reduce((n, f) => n + f.size, 0);
  const refused = budget.takeBytes(total, Math.max(0, ...files.map((f) => f.size)));
  if (refused) throw new ArchiveRefused(`the archive expands to ${total} bytes, ${Math.round(total / Math.max(bytes.length, 1))} times its size: ${refused}`);
  return files.map((f) => f.name);
}

/** The files of an archive that passed `checkArchive`. */
export function unzipWithinBudget(bytes: Uint8Array, budget: ExpansionBudget): ArchiveEntry[] {
  const names = new Set(checkArchive(bytes, budget));
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(bytes, { filter: (f) => names.has(f.name) });
  } catch (e) {
    throw new ArchiveRefused(`the ZIP archive is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  return Object.entries(out).map(([name, content]) => ({ name, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) }));
}

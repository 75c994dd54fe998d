// Runs in a thread of the offline extraction pool (src/extraction/offline/pool.ts): one message's extraction.
// Plain JavaScript so it loads in any runtime: the built JavaScript beside it when there is one (dist/), otherwise
// the TypeScript source through tsx's loader (npm start, tests), which a bare worker thread would not have.
import { existsSync } from 'node:fs';

const built = new URL('./index.js', import.meta.url);
const { extractOffline } = existsSync(built)
  ? await import(built.href)
  : await (await import('tsx/esm/api')).tsImport('./index.ts', import.meta.url);

/** @param {{ input: import('../provider.ts').ExtractionInput, now: string }} task */
export default function extract({ input, now }) {
  return extractOffline(input, { now: () => new Date(now) });
}

// The offline provider on a pool of worker threads. Extraction is pure CPU (a 10-page change notice takes tens of
// milliseconds, a long PDF far more): in a thread it no longer stalls the worker's other jobs, its BullMQ lock
// renewals or its health answers, one process uses more than one core, and a time limit can end a runaway read.
import os from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../../shared/errors.ts';
import type { ExtractionProvider } from '../provider.ts';
import type { Extraction } from '../schema.ts';
import { offlineProvider } from './index.ts';

export interface ExtractionPoolOptions {
  /** Past this the thread is ended and the message fails permanently with the reason. Default 60 s. */
  timeoutMs?: number;
  /** Default: one per spare core, at least one, at most four (the PDF pool takes as many). */
  threads?: number;
  /** The clock, for messages without a Date header; read here, when the message is handed over. */
  now?: () => Date;
}

export type PooledProvider = ExtractionProvider & { close(): Promise<void> };

/** Gives the same extraction as `offlineProvider` (same rules, same version), computed off the event loop. */
export function pooledOfflineProvider(o: ExtractionPoolOptions = {}): PooledProvider {
  const timeoutMs = o.timeoutMs ?? 60_000;
  let pool: Piscina | null = null;
  // Threads start on first use. One then stays, so a message after a quiet spell does not wait for a thread to load
  // the rules (about a second); idle threads do not keep the process alive, so a command-line run still ends.
  const threads = () =>
    (pool ??= new Piscina({
      filename: new URL('./extract-worker.mjs', import.meta.url).href,
      minThreads: 1,
      maxThreads: o.threads ?? Math.max(1, Math.min(4, os.availableParallelism() - 1)),
      idleTimeout: 30_000,
    }));
  return {
    info: offlineProvider.info,
    async extract(input) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        return (await threads().run({ input, now: (o.now?.() ?? new Date()).toISOString() }, { signal: abort.signal })) as Extraction;
      } catch (e) {
        // The same message would take as long again: no retry, and the reason is kept with the message.
        if (abort.signal.aborted) throw new AppError('unprocessable', `offline extraction took longer than ${timeoutMs / 1000}s`);
        throw e;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

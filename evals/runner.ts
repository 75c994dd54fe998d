// Runs every case × trial with at most `concurrency` at once, reporting progress on stderr as it goes.
import type { EvalCase } from './discover.ts';
import type { EvalProvider } from './providers.ts';
import { runCase } from './run-case.ts';
import type { CaseRecord } from './schema.ts';

/** Maps `items` through `work` with at most `concurrency` in flight; results keep the input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>, onDone?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

export interface ProgressStream { write(s: string): unknown; isTTY?: boolean }

/** A bar redrawn in place on a terminal; on a pipe or CI log, a line at every tenth so the log stays short. */
export function progressBar(stream: ProgressStream, total: number, label: string): { tick(done: number): void; end(): void } {
  const started = Date.now();
  let lastTenth = -1;
  const line = (done: number) => {
    const width = 24;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${secs}s`;
  };
  return {
    tick(done) {
      if (stream.isTTY) stream.write(`\r${line(done)}`);
      else {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth > lastTenth) stream.write(`${line(done)}\n`);
        lastTenth = tenth;
      }
    },
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

export interface RunOptions { repeat: number; concurrency: number; progress: ProgressStream | null; label: string }

/** Every case once per trial; records sorted by case id, then trial. */
export async function runCases(cases: readonly EvalCase[], provider: EvalProvider, o: RunOptions): Promise<CaseRecord[]> {
  const jobs = cases.flatMap((c) => Array.from({ length: o.repeat }, (_, t) => ({ c, trial: t + 1 })));
  const bar = o.progress ? progressBar(o.progress, jobs.length, o.label) : null;
  const records = await pool(jobs, o.concurrency, ({ c, trial }) => runCase(c, trial, provider), (done) => bar?.tick(done));
  bar?.end();
  return records;
}

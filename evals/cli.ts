// `npm run eval -- --fixtures <dir> --provider offline …`: the command ML owners run. Exit 0 ok, 1 gate failed,
// 2 usage (bad flag, missing folder, malformed case or gate file, unavailable provider), 3 the harness itself failed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isAppError } from '../src/shared/errors.ts';
import { evaluate, type EvalOptions } from './evaluate.ts';
import type { ProgressStream } from './runner.ts';
import { summaryTable } from './table.ts';

export const usage = `usage: npm run eval -- --fixtures <dir> [--provider offline|openai] [--prompt-version v] [--model m]
         [--repeat k] [--concurrency n] [--out dir] [--baseline file|dir] [--gate thresholds.json]
         [--cache-dir dir | --no-cache] [--quiet]

  --fixtures      a folder of cases: any folder below it holding message.eml (+ expected.json) is a case
  --provider      extraction provider (default offline)
  --repeat        run every case k times and report mean and spread across trials (default 1)
  --concurrency   cases run at once (default: the provider's; offline runs in this process, one at a time)
  --out           where summary.json, cases.jsonl, junit.xml and report.html go (default out/eval)
  --baseline      an earlier run's folder, summary.json or cases.jsonl: metric deltas and flipped cases
  --gate          thresholds file (see evals/gates/); exit 1 when a metric is below its bound or regresses too far
  --cache-dir     LLM response cache (default <out>/../.cache); --no-cache calls the model every time
  --quiet         no progress bar`;

class UsageError extends Error {}

const positiveInt = <F>(name: string, v: string | undefined, fallback: F) => {
  if (v == null) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, not "${v}"`);
  return Number(v);
};

export interface Io { stdout: { write(s: string): unknown }; stderr: ProgressStream }

export function parseCli(argv: string[], io: Io = process): EvalOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        fixtures: { type: 'string' }, provider: { type: 'string', default: 'offline' }, 'prompt-version': { type: 'string' },
        model: { type: 'string' }, repeat: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string', default: 'out/eval' },
        baseline: { type: 'string' }, gate: { type: 'string' }, 'cache-dir': { type: 'string' }, 'no-cache': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  if (!values.fixtures) throw new UsageError('--fixtures <dir> is required');
  if (values['no-cache'] && values['cache-dir']) throw new UsageError('--no-cache and --cache-dir contradict each other');
  return {
    fixtures: values.fixtures, provider: values.provider, promptVersion: values['prompt-version'] ?? null, model: values.model ?? null,
    repeat: positiveInt('repeat', values.repeat, 1), concurrency: positiveInt('concurrency', values.concurrency, null), out: values.out,
    baseline: values.baseline ?? null, gate: values.gate ?? null,
    cacheDir: values['no-cache'] ? null : values['cache-dir'] ?? path.join(path.dirname(path.resolve(values.out)), '.cache'),
    progress: values.quiet ? null : io.stderr,
  };
}

export async function main(argv: string[], io: Io = process): Promise<number> {
  let options: EvalOptions | 'help';
  try {
    options = parseCli(argv, io);
  } catch (e) {
    io.stderr.write(`eval: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (options === 'help') {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    const outcome = await evaluate(options);
    io.stdout.write(`\n${summaryTable(outcome.summary, outcome)}\n\nwrote ${outcome.files.join(', ')}\n`);
    return outcome.gate && !outcome.gate.passed ? 1 : 0;
  } catch (e) {
    if (isAppError(e) && (e.kind === 'bad_request' || e.kind === 'unavailable')) {
      io.stderr.write(`eval: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`eval: the harness failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}

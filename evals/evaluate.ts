// One eval run: discover the cases, run them through the pipeline, score, compare, gate, and write the four files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileCache, noCache } from '../src/shared/response-cache.ts';
import { compare, loadBaseline, type Comparison } from './compare.ts';
import { discoverCases } from './discover.ts';
import { evaluateGate, loadGate, type GateResult } from './gate.ts';
import { junitXml } from './junit.ts';
import { aggregate, type Summary } from './metrics.ts';
import { createProvider } from './providers.ts';
import { reportHtml } from './report-html.ts';
import { runCases, type ProgressStream } from './runner.ts';
import type { CaseRecord } from './schema.ts';

export interface EvalOptions {
  fixtures: string;
  provider: string;
  promptVersion: string | null;
  model: string | null;
  repeat: number;
  out: string;
  baseline: string | null;
  gate: string | null;
  /** null: the provider's default. */
  concurrency: number | null;
  /** Where LLM responses are cached; null: no cache (--no-cache). */
  cacheDir: string | null;
  progress: ProgressStream | null;
}

export interface EvalOutcome {
  summary: Summary;
  records: CaseRecord[];
  comparison: Comparison | null;
  gate: GateResult | null;
  files: string[];
}

export async function evaluate(o: EvalOptions): Promise<EvalOutcome> {
  const startedAt = new Date();
  // Everything that can be wrong with the invocation is checked before the first case runs.
  const gateFile = o.gate ? await loadGate(o.gate) : null;
  const baseline = o.baseline ? await loadBaseline(o.baseline) : null;
  const cases = await discoverCases(o.fixtures);
  const provider = await createProvider(o.provider, { promptVersion: o.promptVersion, model: o.model, cache: o.cacheDir ? fileCache(o.cacheDir) : noCache });

  const concurrency = o.concurrency ?? provider.concurrency;
  const records = await runCases(cases, provider, { repeat: o.repeat, concurrency, progress: o.progress, label: `eval ${o.provider}` });
  const summary = aggregate(records, {
    provider: provider.info.name, providerVersion: provider.info.version,
    promptVersion: provider.info.promptId ?? o.promptVersion, model: provider.info.model ?? o.model, fixtures: o.fixtures,
  });
  const comparison = baseline ? compare({ summary, cases: records }, baseline) : null;
  const gate = gateFile ? evaluateGate(gateFile, summary, baseline?.summary ?? null, o.gate!) : null;

  const run = { startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), repeat: o.repeat, concurrency, cacheDir: o.cacheDir };
  const files = await writeOutputs(o.out, {
    'summary.json': prettyJson({ ...summary, run, ...(comparison ? { comparison } : {}), ...(gate ? { gate } : {}) }),
    'cases.jsonl': records.map((r) => `${JSON.stringify(r)}\n`).join(''),
    'junit.xml': junitXml(records, { provider: summary.provider, repeat: o.repeat, gate }),
    'report.html': reportHtml(summary, records, { comparison, gate }),
  });
  return { summary, records, comparison, gate, files };
}

/** Indented JSON with arrays of numbers on one line, so a confusion matrix reads as a matrix. */
const prettyJson = (value: unknown) =>
  `${JSON.stringify(value, null, 2).replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`)}\n`;

async function writeOutputs(dir: string, files: Record<string, string>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFile(file, content);
    written.push(file);
  }
  return written;
}

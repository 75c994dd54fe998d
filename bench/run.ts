// `npm run bench [-- --quick] [--out out/bench]`: throughput, latency, API and memory figures measured side by side
// in one run, written to <out>/result.json with a readable table. See README "Operations" for what each means.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeWorkers } from '../queues/workers.ts';
import { createApi } from '../src/api/app.ts';
import { createInterface } from 'node:readline';
import { spawnTs, stopChild } from '../test/support/child-process.ts';
import { buildServices } from '../src/runtime/build-services.ts';
import { resolveRedis } from '../src/runtime/redis.ts';
import { runWorkers } from '../src/runtime/run-workers.ts';
import { loadConfig } from '../src/shared/config.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildMix, largePdfEmail } from './inputs.ts';
import { fillReviewQueue, latencyAtRate, noopQueue, parseOnly, pipeline, reviewApi } from './phases.ts';
import { llmThroughput } from './llm.ts';
import { round } from './stats.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: 'out/bench' } } });
const quick = values.quick;
const plan = quick
  ? { messages: 36, latencyMessages: 24, noopJobs: 2000, reviewItems: 20_000, apiRequests: 200, largeMb: 5, largeCount: 1, llmRequests: 24 }
  : { messages: 180, latencyMessages: 90, noopJobs: 10_000, reviewItems: 100_000, apiRequests: 1000, largeMb: 20, largeCount: 2, llmRequests: 64 };
const concurrency = 4;

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cd-bench-'));
const config = loadConfig({ ...process.env, CHANGEDESK_MODE: 'test', CHANGEDESK_DATA_DIR: dataDir, CHANGEDESK_WORKER_CONCURRENCY: String(concurrency), CHANGEDESK_QUEUE_PREFIX: `bench-${process.pid}`, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const redis = await resolveRedis(config.redisUrl, dataDir);
const sim = await erpChild();
const s = await buildServices({ config, redisUrl: redis.url, erpUrl: sim.url });
const api = createApi(s);
process.stderr.write(`bench (${quick ? 'quick' : 'full'}): database ${s.db.kind}, redis ${redis.source}, ${os.cpus().length} cores\n`);

process.stderr.write('building inputs…\n');
// Every input is built first. Both loops then run a few messages unmeasured right before their measured run, so
// neither figure includes starting threads or compiling code. Each run gets its own messages (none dedupes).
const inputs = { parseWarmUp: await buildMix(6), parse: await buildMix(plan.messages), pipeWarmUp: await buildMix(6), pipe: await buildMix(plan.messages), latency: await buildMix(plan.latencyMessages) };
await parseOnly(inputs.parseWarmUp);
const parse = await parseOnly(inputs.parse);
const noop = await noopQueue(redis.url, plan.noopJobs, concurrency);
const workers = await runWorkers(s, config, ['parse', 'triage', 'post']);
await pipeline(s, inputs.pipeWarmUp);
const pipe = await pipeline(s, inputs.pipe);
const latency = await latencyAtRate(s, inputs.latency, pipe.msgsPerSec * 0.5);
await closeWorkers(workers);
await fillReviewQueue(s, plan.reviewItems);
const apiFigures = await reviewApi(api, s, plan.apiRequests);
const memory = await memoryChild(plan.largeMb, plan.largeCount);
const llm = await llmThroughput({ requests: plan.llmRequests, latencyMs: 800, concurrency: 8, dataDir });

/** The ERP simulator in a child process (bench/erp-child.ts), as the ERP is another system in production. */
async function erpChild() {
  const child = spawnTs(path.join(import.meta.dirname, 'erp-child.ts'), [], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string | undefined]),
    new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the ERP simulator exited (${code}) before it listened`)))),
  ]);
  const { url } = JSON.parse(line ?? '{}') as { url: string };
  return { url, close: () => stopChild(child) };
}

async function memoryChild(mb: number, count: number) {
  process.stderr.write(`memory: building ${count} × ${mb} MB PDF emails, then parsing them in a fresh process…\n`);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dataDir, `large-${i}.eml`);
    await fs.writeFile(file, await largePdfEmail(mb));
    files.push(file);
  }
  const tsx = path.join(import.meta.dirname, '../node_modules/.bin/tsx');
  const { stdout } = await promisify(execFile)(tsx, [path.join(import.meta.dirname, 'memory-child.ts'), ...files], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { peakMb: number; atStartMb: number; afterEachMb: number[]; messageMb: number[]; pages: number };
}

const result = {
  mode: quick ? 'quick' : 'full',
  at: new Date().toISOString(),
  machine: { cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, database: s.db.kind, redis: redis.source },
  pipelineMsgsPerSec: round(pipe.msgsPerSec),
  parseOnlyMsgsPerSec: round(parse.msgsPerSec),
  pipelineVsParseOnly: round(pipe.msgsPerSec / parse.msgsPerSec, 3),
  noopJobsPerSec: round(noop.jobsPerSec),
  latencyMs: { atMsgsPerSec: round(pipe.msgsPerSec * 0.5), p50: round(latency.p50), p95: round(latency.p95), p99: round(latency.p99) },
  llmEfficiency: round(llm.efficiency, 3),
  llm: { ...llm, efficiency: undefined },
  reviewApiP99Ms: round(Math.max(apiFigures.listP99, apiFigures.getP99)),
  reviewApi: { items: plan.reviewItems, listP99Ms: round(apiFigures.listP99), getP99Ms: round(apiFigures.getP99) },
  peakRssMb: round(memory.peakMb),
  memory: { ...memory, note: 'peak resident memory of a fresh process parsing the messages one after another (VmHWM)' },
  inputs: { messages: plan.messages, mix: 'half text only, a third 1-page PDF, a sixth 10-page PDF' },
};

await fs.mkdir(values.out!, { recursive: true });
await fs.writeFile(path.join(values.out!, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
const rows: [string, string][] = [
  ['pipeline (intake → review item)', `${result.pipelineMsgsPerSec} msg/s`],
  ['parse only (mailparser + pdf-parse)', `${result.parseOnlyMsgsPerSec} msg/s`],
  ['pipeline / parse only', `${result.pipelineVsParseOnly}  (target ≥ 0.5)`],
  ['no-op BullMQ jobs', `${result.noopJobsPerSec} jobs/s`],
  [`latency at ${result.latencyMs.atMsgsPerSec} msg/s (50% of peak)`, `p50 ${result.latencyMs.p50} / p95 ${result.latencyMs.p95} / p99 ${result.latencyMs.p99} ms`],
  [`LLM-bound, ${llm.latencyMs} ms fake endpoint, ${llm.concurrency} at once`, `${round(llm.requestsPerSec)} req/s = ${result.llmEfficiency} of ideal (target ≥ 0.8)${llm.limited ? `; rate-limited: ${llm.status429} × 429` : ''}`],
  [`review API with ${plan.reviewItems} items (${s.db.kind})`, `p99 list ${result.reviewApi.listP99Ms} ms, open ${result.reviewApi.getP99Ms} ms`],
  [`peak RSS parsing ${plan.largeCount} × ${memory.messageMb.map((m) => round(m, 1)).join(' + ')} MB PDF emails`, `${result.peakRssMb} MB (${round(memory.atStartMb)} at start; after each: ${memory.afterEachMb.map((m) => round(m)).join(', ')})`],
];
const width = Math.max(...rows.map(([k]) => k.length));
process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n\nwrote ${path.join(values.out!, 'result.json')}\n`);

await s.close();
await sim.close();
await redis.stop();
await fs.rm(dataDir, { recursive: true, force: true });
process.exit(0);

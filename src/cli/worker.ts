// `npm run worker -- --queues parse,triage,post,sla`: pipeline workers only, as a separate process. Scale out by
// running as many as needed, on as many machines, against one Redis and one PostgreSQL.
import { parseArgs } from 'node:util';
import { closeWorkers } from '../../queues/workers.ts';
import { buildServices } from '../runtime/build-services.ts';
import { resolveRedis } from '../runtime/redis.ts';
import { parseQueueList, runWorkers } from '../runtime/run-workers.ts';
import { ConfigError, loadConfig } from '../shared/config.ts';
import { logger } from '../shared/logger.ts';

async function main() {
  const { values } = parseArgs({ options: { queues: { type: 'string', default: 'all' }, concurrency: { type: 'string' } } });
  const env = values.concurrency ? { ...process.env, CHANGEDESK_WORKER_CONCURRENCY: values.concurrency } : process.env;
  const config = loadConfig(env);
  const names = parseQueueList(values.queues);
  if (!config.databaseUrl)
    throw new ConfigError('DATABASE_URL: required for a separate worker process (the embedded PGlite database belongs to one process; use npm start for a single-process setup)');
  const redis = await resolveRedis(config.redisUrl, config.dataDir);
  const erpUrl = config.erpUrl ?? `http://127.0.0.1:${config.erpSimPort}`;
  const s = await buildServices({ config, redisUrl: redis.url, erpUrl });
  const workers = await runWorkers(s, config, names);
  logger.info({ queues: names, concurrency: config.workerConcurrency, pid: process.pid, erp: erpUrl }, 'workers started');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining: finishing in-flight jobs before exit');
    await closeWorkers(workers);
    await s.close();
    await redis.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((e: unknown) => {
  process.stderr.write(`worker: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});

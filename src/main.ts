// `npm start`: API, pipeline workers and (in development) the ERP simulator, on embedded defaults.
import fs from 'node:fs/promises';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { closeWorkers } from '../queues/workers.ts';
import { createApi } from './api/app.ts';
import { defaultSeedDir } from './erp/simulator/seed.ts';
import { startErpSimulator } from './erp/simulator/server.ts';
import { startIntakeChannels } from './intake/channels/start-channels.ts';
import { seedInbox } from './intake/seed-inbox.ts';
import { buildServices } from './runtime/build-services.ts';
import { resolveRedis } from './runtime/redis.ts';
import { runWorkers } from './runtime/run-workers.ts';
import { sweepUnfinished } from './runtime/sweep.ts';
import { ConfigError, loadConfig } from './shared/config.ts';
import { logger } from './shared/logger.ts';

async function main() {
  const config = loadConfig();
  await fs.mkdir(config.dataDir, { recursive: true });
  const redis = await resolveRedis(config.redisUrl, config.dataDir);
  const sim = config.erpUrl
    ? null
    : await startErpSimulator({ port: config.erpSimPort, seedDir: defaultSeedDir(), stateFile: path.join(config.dataDir, 'erp-sim-state.json') });
  const s = await buildServices({ config, redisUrl: redis.url, erpUrl: config.erpUrl ?? sim!.url });
  const workers = config.runWorkers ? await runWorkers(s, config) : [];
  const server = serve({ fetch: createApi(s).fetch, port: config.port, hostname: config.host });
  logger.info({ url: `http://${config.host}:${config.port}`, mode: config.mode, provider: config.provider, database: s.db.kind, redis: redis.source, erp: config.erpUrl ?? `simulator ${sim!.url}` }, 'changedesk started');

  const swept = await sweepUnfinished(s.db, s.queues);
  if (swept.parse + swept.triage + swept.post) logger.info(swept, 're-queued unfinished work');
  if (config.seedInbox) {
    const n = await seedInbox({ ...s, maxMessageBytes: config.maxMessageBytes }, config.dataDir);
    if (n !== null) logger.info({ messages: n }, 'ingested the sample inbox (fixtures/inbox)');
  }
  // Inbound channels (issue #9): IMAP mailboxes, the SMTP listener and the watched folder, as configured.
  const channels = await startIntakeChannels(config, s);
  if (channels.channels.length) logger.info({ channels: channels.channels.map((c) => c.name) }, 'inbound channels started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    s.lifecycle.draining = true;
    logger.info({ signal }, 'draining: finishing in-flight jobs before exit');
    server.close();
    await channels.stop(); // the message in hand is stored (and marked, or answered) before its connection closes
    await closeWorkers(workers);
    await s.close();
    await sim?.close();
    await redis.stop();
    logger.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`changedesk: ${e.message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: e }, 'start-up failed');
  process.exit(1);
});

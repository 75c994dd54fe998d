// Builds the shared services from the configuration: database (migrated), blob store, Redis, queues, ERP, provider.
import path from 'node:path';
import { Redis } from 'ioredis';
import { closeQueues, createQueues, ensureJob, type Queues, type QueueName, type JobData } from '../../queues/queues.ts';
import { loadUsers } from '../api/auth.ts';
import { HttpErpAdapter } from '../erp/http-adapter.ts';
import type { ErpAdapter } from '../erp/adapter.ts';
import { pooledOfflineProvider } from '../extraction/offline/pool.ts';
import { createOpenAiProvider, withOfflineFallback } from '../extraction/openai/index.ts';
import type { ExtractionProvider } from '../extraction/provider.ts';
import { defaultPolicy, loadPolicy } from '../review/policy.ts';
import { BlobStore } from '../storage/blob-store.ts';
import { InMemoryHistoryRepo } from '../risk/history-repo.ts';
import { loadRiskModel } from '../risk/model-file.ts';
import { createRiskScorer, priorScorer, type RiskScorer } from '../risk/scorer.ts';
import { currentTraceContext } from '../observability/tracing.ts';
import { openDb, type Db } from '../storage/db.ts';
import { migrate } from '../storage/migrate.ts';
import { ConfigError, type Config } from '../shared/config.ts';
import { isAppError } from '../shared/errors.ts';
import { logger as rootLogger, type Logger } from '../shared/logger.ts';
import type { Services } from './services.ts';

export interface BuildOptions {
  config: Config;
  redisUrl: string;
  erpUrl: string;
  /** Overrides for tests: an already-open database, another provider or ERP adapter. */
  db?: Db;
  provider?: ExtractionProvider;
  erp?: ErpAdapter;
  logger?: Logger;
}

export async function buildServices(o: BuildOptions): Promise<Services & { close(): Promise<void> }> {
  const logger = o.logger ?? rootLogger;
  const db = o.db ?? (await openDb({ databaseUrl: o.config.databaseUrl, dataDir: o.config.dataDir, connectTimeoutMs: o.config.dbConnectTimeoutMs, queryTimeoutMs: o.config.dbQueryTimeoutMs }));
  const applied = await whileUnavailable(() => migrate(db), logger);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const connection = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const queues = createQueues(connection, { prefix: o.config.queuePrefix, postAttempts: o.config.postAttempts });
  const bestEffort = <N extends QueueName>(name: N) => async (data: JobData<N>) => {
    await ensureJob(queues, name, data).catch((err: unknown) => logger.warn({ err, queue: name, data }, 'could not queue; the start-up sweep will re-drive it'));
  };
  // Offline extraction runs on worker threads, also when it stands in for the LLM (see pool.ts for why).
  const offline = pooledOfflineProvider();
  const enqueueParse = bestEffort('parse');
  const enqueuePost = bestEffort('post');
  return {
    config: o.config, db, logger, queues, redis: connection,
    blobs: new BlobStore(path.join(o.config.dataDir, 'blobs')),
    erp: o.erp ?? new HttpErpAdapter({ baseUrl: o.erpUrl, timeoutMs: o.config.erpTimeoutMs }),
    provider: o.provider ?? providerFor(o.config, offline),
    users: loadUsers(o.config),
    policy: o.config.policyFile ? loadPolicy(o.config.policyFile) : defaultPolicy,
    risk: await riskScorerFor(o.config),
    lifecycle: { draining: false },
    // The message's id is its correlation id; the caller's active trace (an intake or approval span) is the parent.
    enqueueParse: (messageId) => enqueueParse({ messageId, correlationId: messageId, ...currentTraceContext() }),
    enqueuePost: (idempotencyKey, correlationId) => enqueuePost({ idempotencyKey, correlationId, ...currentTraceContext() }),
    async close() {
      await closeQueues(queues);
      connection.disconnect();
      await offline.close();
      if (!o.db) await db.close();
    },
  };
}

/**
 * Runs fn, retrying for up to a minute while the database is unavailable (a failover, a restart): a worker started
 * at that moment waits for it instead of exiting.
 */
async function whileUnavailable<T>(fn: () => Promise<T>, logger: Logger, forMs = 60_000): Promise<T> {
  const until = Date.now() + forMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await fn();
    } catch (e) {
      if (!isAppError(e) || e.kind !== 'unavailable' || Date.now() > until) throw e;
      logger.warn({ err: e.message, retryInMs: delay }, 'database unavailable at start-up; retrying');
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** The configured extraction provider: offline, or the LLM with the offline provider standing in during outages. */
function providerFor(config: Config, offline: ExtractionProvider): ExtractionProvider {
  if (config.provider === 'offline') return offline;
  return withOfflineFallback(createOpenAiProvider(config), offline, { fallbackAfterMs: config.llm.fallbackAfterMs, probeEveryMs: config.llm.probeEveryMs });
}

/** The trained model and customer history when configured; the documented prior otherwise. */
async function riskScorerFor(config: Config): Promise<RiskScorer> {
  if (!config.riskModel) return priorScorer;
  try {
    const model = await loadRiskModel(config.riskModel);
    const history = config.riskHistory ? await InMemoryHistoryRepo.fromCsv(config.riskHistory.csv, config.riskHistory.mapping!) : undefined;
    return createRiskScorer({ model, history });
  } catch (e) {
    throw new ConfigError(`CHANGEDESK_RISK_MODEL=${config.riskModel}: ${(e as Error).message}`);
  }
}

export type { Queues };

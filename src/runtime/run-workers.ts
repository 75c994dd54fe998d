// Starts the pipeline workers of this process (all queues, or the ones named) and the SLA schedule.
import type { Worker } from 'bullmq';
import { queueNames, scheduleSlaSweep, type QueueName } from '../../queues/queues.ts';
import { startWorkers } from '../../queues/workers.ts';
import { webhookNotifier } from '../review/sla.ts';
import type { Config } from '../shared/config.ts';
import type { Services } from './services.ts';

export async function runWorkers(s: Services, config: Config, names: QueueName[] = queueNames): Promise<Worker[]> {
  const notify = config.escalationWebhookUrl ? webhookNotifier(config.escalationWebhookUrl, (msg, err) => s.logger.warn({ err }, msg)) : undefined;
  // About four model calls a message (extraction, classification, risk signals, plus attachment chunks).
  const rpm = config.provider === 'openai' ? config.llm.requestsPerMinute : undefined;
  const limiter = rpm ? { triage: { max: Math.max(1, Math.floor(rpm / 4)), duration: 60_000 } } : undefined;
  const deps = { parse: s, triage: s, post: s, sla: { db: s.db, notify }, queues: s.queues, logger: s.logger, concurrency: config.workerConcurrency, limiter, lockMs: config.jobLockMs };
  const workers = startWorkers(s.redis, deps, names, config.queuePrefix);
  if (names.includes('sla')) await scheduleSlaSweep(s.queues, config.slaSweepMs);
  return workers;
}

/** Parses `--queues parse,triage` (or `all`); refuses unknown names with the list of known ones. */
export function parseQueueList(arg: string | undefined): QueueName[] {
  if (!arg || arg === 'all') return queueNames;
  const names = arg.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(queueNames as string[]).includes(n));
  if (unknown.length) throw new Error(`unknown queue(s) ${unknown.join(', ')}; known: ${queueNames.join(', ')}`);
  return names as QueueName[];
}

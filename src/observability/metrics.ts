// Prometheus metrics: one registry per process; stage counters and latencies the workers record, queue depth on scrape.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueName, Queues } from '../../queues/queues.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'changedesk_process_' });

/** `deferred`: the job was put back without spending an attempt (LLM rate limit or endpoint down). */
export type StageOutcome = 'completed' | 'failed' | 'deferred';

const stageJobs = new Counter({
  name: 'changedesk_stage_jobs_total',
  help: 'Pipeline jobs run, by stage and outcome (failed counts every failed attempt; deferred, a job put back for later)',
  labelNames: ['stage', 'outcome'] as const,
  registers: [registry],
});

const stageDuration = new Histogram({
  name: 'changedesk_stage_duration_seconds',
  help: 'Wall time of one pipeline job, by stage and outcome',
  labelNames: ['stage', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

const stageFinalFailures = new Counter({
  name: 'changedesk_stage_final_failures_total',
  help: 'Jobs that will not run again (quarantined message, post_failed item), by stage',
  labelNames: ['stage'] as const,
  registers: [registry],
});

const llmTokens = new Counter({
  name: 'changedesk_llm_tokens_total',
  help: 'LLM tokens billed (cache hits excluded), by model, task and type (prompt or completion)',
  labelNames: ['model', 'task', 'type'] as const,
  registers: [registry],
});

const queueJobs = new Gauge({
  name: 'changedesk_queue_jobs',
  help: 'Jobs in each BullMQ queue by state, read from Redis when scraped',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

const queueScrapeUp = new Gauge({
  name: 'changedesk_queue_scrape_up',
  help: '1 when the queue depths of this scrape were read from Redis, 0 when Redis did not answer',
  registers: [registry],
});

/** Starts timing one job of a stage; call the returned function once with how it ended. */
export function startStageTimer(stage: QueueName): (outcome: StageOutcome) => void {
  const end = stageDuration.startTimer({ stage });
  return (outcome) => {
    end({ outcome });
    stageJobs.inc({ stage, outcome });
  };
}

export const countFinalFailure = (stage: QueueName): void => void stageFinalFailures.inc({ stage });

export function countLlmTokens(u: { model: string; task: string; promptTokens: number; completionTokens: number }): void {
  if (u.promptTokens > 0) llmTokens.inc({ model: u.model, task: u.task, type: 'prompt' }, u.promptTokens);
  if (u.completionTokens > 0) llmTokens.inc({ model: u.model, task: u.task, type: 'completion' }, u.completionTokens);
}

export const queueStates = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/** Reads every queue's job counts into the depth gauge; a Redis outage shows as changedesk_queue_scrape_up 0. */
export async function refreshQueueDepths(queues: Queues, timeoutMs = 2000): Promise<void> {
  try {
    const counts = await Promise.race([
      Promise.all(Object.entries(queues).map(async ([name, q]) => [name, await q.getJobCounts(...queueStates)] as const)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis did not answer')), timeoutMs).unref()),
    ]);
    for (const [queue, byState] of counts) for (const state of queueStates) queueJobs.set({ queue, state }, byState[state] ?? 0);
    queueScrapeUp.set(1);
  } catch {
    queueScrapeUp.set(0);
  }
}

/** The exposition text for one scrape. */
export async function renderMetrics(queues: Queues): Promise<{ contentType: string; body: string }> {
  await refreshQueueDepths(queues);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

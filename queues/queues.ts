// The pipeline's BullMQ queues: names, job payload schemas, default retry policy and deterministic job ids.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { traceContextSchema } from '../src/observability/tracing.ts';

/**
 * What every hop carries besides its work: the correlation id (the message's id, for logs and audit events) and the
 * W3C trace context the stage's span continues. Optional because jobs queued before they existed lack them.
 */
const hop = { correlationId: z.string().optional(), ...traceContextSchema.shape };

export const jobDataSchemas = {
  parse: z.object({ messageId: z.string(), ...hop }),
  triage: z.object({ messageId: z.string(), ...hop }),
  post: z.object({ idempotencyKey: z.string(), ...hop }),
  /** The periodic SLA sweep (a job scheduler); no payload. */
  sla: z.object({}),
};
export type QueueName = keyof typeof jobDataSchemas;
export const queueNames = Object.keys(jobDataSchemas) as QueueName[];
export type JobData<N extends QueueName> = z.infer<(typeof jobDataSchemas)[N]>;

/** Retries with exponential backoff; completed jobs are pruned, failed ones kept for inspection and retry. */
export const jobOptions = (attempts: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: false,
});

/** A re-delivered message or a repeated click maps to the same job id, which BullMQ adds only once. */
export function jobIdOf<N extends QueueName>(name: N, data: JobData<N>): string {
  const key = 'messageId' in data ? data.messageId : 'idempotencyKey' in data ? data.idempotencyKey : 'sweep';
  return `${name}-${key}`;
}

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: ConnectionOptions, opts: { prefix?: string; postAttempts: number }): Queues {
  const make = (name: QueueName, attempts: number) =>
    new Queue(name, { connection, prefix: opts.prefix, defaultJobOptions: jobOptions(attempts) });
  // Parse and triage retry for about 17 minutes (10 attempts, doubling from 1 s) before a message is quarantined:
  // a database failover or a Redis restart must not quarantine the messages caught in it.
  return { parse: make('parse', 10), triage: make('triage', 10), post: make('post', opts.postAttempts), sla: make('sla', 1) };
}

/** Runs the SLA sweep every `everyMs` (one schedule however many processes call this). */
export const scheduleSlaSweep = (queues: Queues, everyMs: number) =>
  queues.sla.upsertJobScheduler('sla-sweep', { every: everyMs }, { name: 'sla', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });

export async function enqueue<N extends QueueName>(queues: Queues, name: N, data: JobData<N>): Promise<void> {
  const payload = jobDataSchemas[name].parse(data);
  await queues[name].add(name, payload, { jobId: jobIdOf(name, payload as JobData<N>) });
}

/** Makes sure a job exists for this work: adds it, or retries it when an earlier run failed for good. */
export async function ensureJob<N extends QueueName>(queues: Queues, name: N, data: JobData<N>): Promise<'added' | 'retried' | 'exists'> {
  const job = await queues[name].getJob(jobIdOf(name, data));
  if (!job) return enqueue(queues, name, data).then(() => 'added');
  if (await job.isFailed()) return job.retry().then(() => 'retried');
  return 'exists';
}

export const closeQueues = (queues: Queues) => Promise.all(Object.values(queues).map((q) => q.close()));

// Thin BullMQ workers around the pipeline stages: call the stage, map permanent errors, handle the last failure.
import { hostname } from 'node:os';
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { llmFailureOf } from '../src/extraction/openai/index.ts';
import { countFinalFailure, startStageTimer } from '../src/observability/metrics.ts';
import { currentTraceContext, inStageSpan } from '../src/observability/tracing.ts';
import { withCorrelation } from '../src/shared/correlation.ts';
import { isAppError } from '../src/shared/errors.ts';
import type { Logger } from '../src/shared/logger.ts';
import { parseMessage, quarantine, type ParseDeps } from '../src/intake/parse-message.ts';
import { triageMessage, type TriageDeps } from '../src/triage/triage-message.ts';
import { markPostFailed, postApprovedChange, type PostDeps } from '../src/erp/post-change.ts';
import { getMessage } from '../src/intake/message-repo.ts';
import { escalateOverdue } from '../src/review/sla.ts';
import { sweepUnfinished } from '../src/runtime/sweep.ts';
import { enqueue, jobDataSchemas, type QueueName, type Queues } from './queues.ts';

export interface WorkerDeps {
  /** BullMQ limiters per queue (e.g. triage against an LLM's requests per minute): global across processes. */
  limiter?: Partial<Record<QueueName, { max: number; duration: number }>>;
  sla: Parameters<typeof escalateOverdue>[0];
  parse: ParseDeps;
  triage: TriageDeps;
  post: PostDeps;
  queues: Queues;
  logger: Logger;
  concurrency: number;
  /** How long a job's lock lasts: a killed worker's jobs are taken over this long after it died. */
  lockMs?: number;
}

type Processor = (job: Job, deps: WorkerDeps) => Promise<unknown>;

const processors: Record<QueueName, Processor> = {
  async parse(job, deps) {
    const { messageId } = jobDataSchemas.parse.parse(job.data);
    const outcome = await parseMessage(messageId, deps.parse);
    // Also after 'already_done' (then the stored status decides): a crash between parsing and queuing triage must
    // not strand the message.
    const parsed = outcome.status === 'parsed' || (outcome.status === 'already_done' && (await getMessage(deps.parse.db, messageId))?.status === 'parsed');
    if (parsed)
      await enqueue(deps.queues, 'triage', { messageId, correlationId: correlationOf(job), ...currentTraceContext() });
    return outcome;
  },
  async triage(job, deps) {
    const { messageId } = jobDataSchemas.triage.parse(job.data);
    const outcome = await triageMessage(messageId, deps.triage);
    return outcome.status === 'skipped' ? outcome : { status: outcome.status, reviewItemId: outcome.item.id };
  },
  async post(job, deps) {
    const { idempotencyKey } = jobDataSchemas.post.parse(job.data);
    const posting = await postApprovedChange(idempotencyKey, deps.post);
    return { status: posting.status, erpPostingId: posting.erpPostingId };
  },
  async sla(_job, deps) {
    // The periodic maintenance run: escalate overdue items, and re-queue work the database says is due but no
    // job carries (Redis lost it): a safety net beside the start-up sweep, for long-running deployments.
    const requeued = await sweepUnfinished(deps.parse.db, deps.queues, { olderThanMs: 60_000 });
    return { escalated: (await escalateOverdue(deps.sla)).length, requeued };
  },
};

/** The message a job works for: carried in its payload, or for a job queued before that field, its message id. */
const correlationOf = (job: Job): string | undefined => job.data?.correlationId ?? job.data?.messageId;

/** What happens when a job will not run again: nothing accepted may vanish, so it ends visibly. */
const onFinalFailure: Record<QueueName, (job: Job, reason: string, deps: WorkerDeps) => Promise<unknown>> = {
  parse: (job, reason, deps) => quarantine(deps.parse.db, job.data.messageId, `parsing failed: ${reason}`),
  triage: (job, reason, deps) => quarantine(deps.triage.db, job.data.messageId, `triage failed: ${reason}`),
  post: (job, reason, deps) => markPostFailed(job.data.idempotencyKey, reason, deps.post),
  sla: async () => {}, // the next run of the schedule tries again
};

export function startWorkers(connection: ConnectionOptions, deps: WorkerDeps, names: QueueName[], prefix?: string): Worker[] {
  return names.map((name) => {
    const log = deps.logger.child({ queue: name });
    const worker: Worker = new Worker(
      name,
      (job, token) => {
        const correlationId = correlationOf(job);
        const attributes = { 'messaging.system': 'bullmq', 'messaging.destination.name': name, 'messaging.message.id': job.id ?? '', ...(correlationId ? { 'changedesk.correlation_id': correlationId } : {}) };
        // The stage's log lines and audit events carry the correlation id; its span continues the job's trace.
        return withCorrelation(correlationId, () => inStageSpan(name, job.data ?? {}, attributes, () => runJob(name, job, token, worker, deps, log)));
      },
      // The worker name is recorded on each job it processes (job.processedBy): which process did what.
      {
        connection, prefix, concurrency: deps.concurrency, name: `${hostname()}:${process.pid}`, limiter: deps.limiter?.[name],
        ...(deps.lockMs ? { lockDuration: deps.lockMs, stalledInterval: deps.lockMs } : {}),
        // Every stage is idempotent, so a job whose worker died may safely run again; BullMQ's default (1) would
        // fail a job caught in two crashes in a row.
        maxStalledCount: 10,
      },
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const correlationId = correlationOf(job);
      log.warn({ jobId: job.id, correlationId, attempt: job.attemptsMade, final, err: err.message }, 'job failed');
      if (!final) return;
      countFinalFailure(name);
      withCorrelation(correlationId, () => onFinalFailure[name](job, err.message, deps)).catch((e: unknown) => log.error({ jobId: job.id, correlationId, err: e }, 'final-failure handler failed'));
    });
    worker.on('error', (err) => log.error({ err }, 'worker error'));
    return worker;
  });
}

/** Runs one job's stage and maps what it throws to what BullMQ should do next. */
async function runJob(name: QueueName, job: Job, token: string | undefined, worker: Worker, deps: WorkerDeps, log: Logger): Promise<unknown> {
  const done = startStageTimer(name);
  const started = Date.now();
  try {
    const out = await processors[name](job, deps);
    done('completed');
    log.debug({ jobId: job.id, attempt: job.attemptsMade + 1, ms: Date.now() - started, out }, 'job completed');
    return out;
  } catch (e) {
    // The LLM endpoint is rate limiting: pause this queue for the time it asked, without spending an attempt.
    const llm = llmFailureOf(e);
    done(llm?.reason === 'rate_limited' || llm?.reason === 'endpoint_down' ? 'deferred' : 'failed');
    if (llm?.reason === 'rate_limited') {
      await worker.rateLimit(llm.retryAfterMs ?? 30_000);
      throw Worker.RateLimitError();
    }
    // The endpoint is down: the message waits in the queue (nothing lost) until it answers or the provider
    // falls back to offline extraction (CHANGEDESK_LLM_FALLBACK_AFTER_S); attempts are not spent meanwhile.
    if (llm?.reason === 'endpoint_down') {
      await job.moveToDelayed(Date.now() + (llm.retryAfterMs ?? 30_000), token);
      throw new DelayedError();
    }
    // A permanent error fails the same way every time: skip the retries.
    if (isAppError(e) && e.permanent) throw new UnrecoverableError(`${e.kind}: ${e.message}`);
    throw e;
  }
}

/** Waits for in-flight jobs to finish, then disconnects (SIGTERM drain). */
export const closeWorkers = (workers: Worker[]) => Promise.all(workers.map((w) => w.close()));

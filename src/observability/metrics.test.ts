import { describe, expect, it } from 'vitest';
import type { Queues } from '../../queues/queues.ts';
import { countFinalFailure, countLlmTokens, renderMetrics, startStageTimer } from './metrics.ts';

const fakeQueue = (counts: Record<string, number>) => ({ getJobCounts: async () => counts });
const queues = { parse: fakeQueue({ waiting: 3, active: 1 }), triage: fakeQueue({}), post: fakeQueue({ failed: 2 }), sla: fakeQueue({}) } as unknown as Queues;

describe('metrics', () => {
  it('counts stage jobs with their latency, final failures, tokens and queue depth', async () => {
    startStageTimer('parse')('completed');
    startStageTimer('post')('failed');
    countFinalFailure('post');
    countLlmTokens({ model: 'm', task: 'extract', promptTokens: 120, completionTokens: 30 });
    const { body, contentType } = await renderMetrics(queues);
    expect(contentType).toMatch(/text\/plain/);
    expect(body).toMatch(/changedesk_stage_jobs_total\{stage="parse",outcome="completed"\} 1/);
    expect(body).toMatch(/changedesk_stage_duration_seconds_count\{stage="post",outcome="failed"\} 1/);
    expect(body).toMatch(/changedesk_stage_final_failures_total\{stage="post"\} 1/);
    expect(body).toMatch(/changedesk_llm_tokens_total\{model="m",task="extract",type="prompt"\} 120/);
    expect(body).toMatch(/changedesk_queue_jobs\{queue="parse",state="waiting"\} 3/);
    expect(body).toMatch(/changedesk_queue_jobs\{queue="post",state="failed"\} 2/);
    expect(body).toMatch(/changedesk_queue_scrape_up 1/);
  });

  it('reports a Redis that does not answer instead of failing the scrape', async () => {
    const down = { parse: { getJobCounts: () => Promise.reject(new Error('ECONNREFUSED')) } } as unknown as Queues;
    expect((await renderMetrics(down)).body).toMatch(/changedesk_queue_scrape_up 0/);
  });
});

// Failure paths of the posting pipeline: retries with backoff, lost answers replayed, permanent errors not retried,
// post_failed items visible and re-driven by an admin, failed jobs listed and retried through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, jobIdOf } from '../queues/queues.ts';
import type { ReviewItem } from '../src/review/schema.ts';
import { buildEml } from './support/mail.ts';
import { eventually, startStack, type Stack } from './support/stack.ts';

describe('posting failures', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ postAttempts: 3 });
  }, 60_000);
  afterAll(() => stack?.close());

  const get = async (path: string, token = 'dev-rep-token') => (await stack.request('GET', path, token)).json() as Promise<any>;

  /** A fresh pending quantity-change item on order 4500012345. */
  async function pendingItem(sku: string, to: number): Promise<ReviewItem> {
    const raw = await buildEml({ subject: 'PO 4500012345', text: `Hello,\n\nplease change ${sku} to ${to} pcs on PO 4500012345.\n\nRegards,\nDana` });
    const { messageId } = (await (await stack.postEml(raw)).json()) as { messageId: string };
    const id = await eventually(async () => (await get(`/api/v1/messages/${messageId}`)).reviewItemId, 'a review item');
    return get(`/api/v1/review-items/${id}`);
  }

  const approve = (id: string) => stack.request('POST', `/api/v1/review-items/${id}/approve`, 'dev-approver-token', {});
  const statusOf = async (id: string) => (await get(`/api/v1/review-items/${id}`)).status as string;
  const simPostingsFor = (id: string) => stack.sim.state.postings.filter((p) => p.payload.reviewItemId === id);

  it('retries when the ERP took the change but the answer was lost, and posts it once', async () => {
    const item = await pendingItem('HX-3108', 31);
    stack.sim.state.faults = { failNextPosts: 1, status: 503, failAfterApply: true };
    expect((await approve(item.id)).status).toBe(200);
    await eventually(async () => (await statusOf(item.id)) === 'posted', 'posted after a retry');
    expect(simPostingsFor(item.id)).toHaveLength(1);
    const detail = await get(`/api/v1/review-items/${item.id}`);
    expect(detail.postings[0]).toMatchObject({ status: 'posted', attempts: 2 });
    expect(detail.audit.find((e: any) => e.action === 'review_item.posted').after.replayed).toBe(true);
  });

  it('ends as post_failed after the last attempt, is visible, and an admin re-drives it', async () => {
    const item = await pendingItem('VLV-200-3/4', 70);
    stack.sim.state.faults = { failNextPosts: 3, status: 503 };
    await approve(item.id);
    await eventually(async () => (await statusOf(item.id)) === 'post_failed', 'post_failed', 30_000);
    const failed = await get('/api/v1/jobs/failed?queue=post', 'dev-admin-token');
    const job = failed.items.find((j: any) => j.data.idempotencyKey === `${item.id}-v1`);
    expect(job).toMatchObject({ queue: 'post', attemptsMade: 3 });
    expect(job.failedReason).toMatch(/503/);
    expect((await stack.request('GET', '/api/v1/jobs/failed', 'dev-rep-token')).status).toBe(403);
    expect((await stack.request('POST', `/api/v1/review-items/${item.id}/repost`, 'dev-approver-token')).status).toBe(403);

    const repost = await stack.request('POST', `/api/v1/review-items/${item.id}/repost`, 'dev-admin-token');
    expect(repost.status).toBe(202);
    await eventually(async () => (await statusOf(item.id)) === 'posted', 'posted after the re-drive');
    expect(simPostingsFor(item.id)).toHaveLength(1);
    const actions = (await get(`/api/v1/review-items/${item.id}`)).audit.map((e: any) => e.action);
    expect(actions.slice(-3)).toEqual(['review_item.post_failed', 'review_item.repost_requested', 'review_item.posted']);
  }, 60_000);

  it('does not retry a change the ERP refuses for good', async () => {
    const item = await pendingItem('AB12345', 14);
    stack.sim.state.faults = { failNextPosts: 1, status: 422 };
    await approve(item.id);
    await eventually(async () => (await statusOf(item.id)) === 'post_failed', 'post_failed');
    const failed = await get('/api/v1/jobs/failed?queue=post', 'dev-admin-token');
    const job = failed.items.find((j: any) => j.data.idempotencyKey === `${item.id}-v1`);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^unprocessable/);

    // The generic job retry re-runs it; the ERP accepts this time.
    const retry = await stack.request('POST', `/api/v1/jobs/post/${encodeURIComponent(job.id)}/retry`, 'dev-admin-token');
    expect(retry.status).toBe(202);
    await eventually(async () => (await statusOf(item.id)) === 'posted', 'posted after a job retry');
    expect(simPostingsFor(item.id)).toHaveLength(1);
  });

  it('adds a job once however often the same work is queued', async () => {
    const data = { messageId: 'no-such-message-for-dedupe' };
    await stack.s.queues.triage.pause();
    try {
      await enqueue(stack.s.queues, 'triage', data);
      await enqueue(stack.s.queues, 'triage', data);
      const jobs = (await stack.s.queues.triage.getJobs(['waiting', 'prioritized', 'delayed'])).filter((j) => j.id === jobIdOf('triage', data));
      expect(jobs).toHaveLength(1);
    } finally {
      await (await stack.s.queues.triage.getJob(jobIdOf('triage', data)))?.remove();
      await stack.s.queues.triage.resume();
    }
  });
});
